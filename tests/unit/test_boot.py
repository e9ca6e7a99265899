"""Start-up (vcio_app/boot.py, app.py): the server is prepared before its first visitor."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.strip()


def test_streamlit_run_serves_app_py_through_its_st_app():
    """`streamlit run app.py` looks for an ASGI app in the file (by its syntax tree) and, finding
    one, serves it with its start-up hook; without it the hook never runs."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(ROOT / "app.py")
    assert found.is_asgi_app and found.app_name == "app"


def test_app_py_imported_as_a_module_only_builds_the_st_app():
    out = _run(
        """
        import app, streamlit as st
        from vcio_app.frame import startup as boot
        print(isinstance(app.app, st.App), app.app._user_lifespan is boot.lifespan,
              hasattr(app, "PAGES"))
        """
    )
    assert out.splitlines()[-1] == "True True False"  # the script's body did not run


def test_start_up_hook_switches_the_pages_folder_mode_off_and_imports_before_a_visit():
    out = _run(
        """
        import asyncio, io, sys
        from streamlit.runtime.pages_manager import PagesManager
        from vcio_app.frame import startup as boot

        async def main():
            log, sys.stderr = sys.stderr, io.StringIO()
            async with boot.lifespan(None):
                # the warm-up is over before the server can answer (the hook has yielded)
                said, sys.stderr = sys.stderr.getvalue(), log
                assert "vcio start-up: imports took" in said, said
        asyncio.run(main())
        print(PagesManager.uses_pages_directory,
              all(m in sys.modules for m in ("vcio_model", "vcio_app.frame.chrome", "vcio_app.model_calls",
                                             "streamlit.emojis")),
              "vcio_app.cli" in sys.modules)
        """
    )
    assert out.splitlines()[-1] == "False True False"
