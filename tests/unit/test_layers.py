"""The layers: ``vcio_model`` imports nothing above it (no app, no Streamlit, no plotly), and its
command line points to where the report command moved."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ABOVE = ("vcio_app", "streamlit", "plotly", "openpyxl")


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_the_model_and_its_command_line_import_nothing_above_them():
    """Import the package and run every model subcommand in one process (so the modules each one
    loads lazily are loaded too), then list what got imported from the layers above."""
    code = (
        "import contextlib, io, json, sys\n"
        "import vcio_model, vcio_model.cli as cli\n"
        "runs = [['compare'], ['simulate', '--trials', '50'], ['sensitivity'],\n"
        "        ['frontier', '--grid-employees', '10,100', '--grid-projects', '0,4']]\n"
        "codes = []\n"
        "for argv in runs:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        codes.append(cli.main(argv + ['--employees', '40', '--format', 'json']))\n"
        f"above = sorted(m for m in sys.modules if m.split('.')[0] in {ABOVE!r})\n"
        "print(json.dumps({'codes': codes, 'above': above}))\n"
    )
    proc = _python(code)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["codes"] == [0, 0, 0, 0]
    assert got["above"] == []


def test_model_report_says_where_it_moved():
    proc = subprocess.run(
        [sys.executable, "-m", "vcio_model", "report", "--employees", "40", "-o", "x.html"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "python -m vcio_app report" in proc.stderr
    assert not (ROOT / "x.html").exists()


def test_the_app_command_line_runs_the_model_commands_too():
    proc = subprocess.run(
        [sys.executable, "-m", "vcio_app", "compare", "--employees", "40", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    import vcio_model as vm

    want = vm.compare(vm.Scenario(employees=40))
    assert json.loads(proc.stdout)["recommended"] == want.recommended
