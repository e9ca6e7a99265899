"""Start-up: every page URL works as the very first request a fresh server gets, and that first
request finds the app imported and its default scenario computed.

``streamlit run app.py`` finds the ``st.App`` in app.py and serves the app through it (Streamlit
1.53 and later), which gives the server a start-up hook, :func:`lifespan`, run before the server
answers any request (its health check included):

* It switches off Streamlit's old pages-folder mode before any session exists. With a ``pages/``
  folder, Streamlit would run the first session's script through that mode (the page file alone,
  without app.py) until some run calls ``st.navigation``: a shared link to /costs on a server that
  just woke up would miss the sidebar. :func:`ensure_entry_point` is the fallback where there is no
  start-up hook (AppTest, an older Streamlit): it switches the mode off and reruns.
* It runs :func:`warm_up`: the imports every first run needs (pandas, pydantic, Plotly's figure
  classes, the model and its data), then one pass over the model and every chart at the default
  scenario, about 0.7 s of one core on a quiet machine.

It does that before the server answers, not in a thread beside it. In a thread, the imports held
Python's lock while the server was handing the first visitor's browser Streamlit's 60-odd script
files, and that visitor waited longer in all: 2.5 to 3.1 s from the server's start to the verdict
against 2.5 to 2.6 s this way (this machine, three rounds each), and 1.5 to 1.9 s from the first
health check against 1.1 to 1.2 s.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import pkgutil
import sys
import time

import streamlit as st

LOG = logging.getLogger("vcio.boot")
NOT_AT_START = {"__main__", "cli"}  # the command line (``python -m vcio_app``), not the app


def ensure_entry_point() -> None:
    """Rerun through app.py if Streamlit started this run in its old pages-folder mode."""
    from streamlit.runtime.pages_manager import PagesManager  # noqa: PLC0415 - private, guarded

    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


@contextlib.asynccontextmanager
async def lifespan(_app):
    """The server's start-up hook (``st.App(..., lifespan=...)`` in app.py)."""
    with contextlib.suppress(ImportError):  # a private name: without it, the guard above reruns
        from streamlit.runtime.pages_manager import PagesManager  # noqa: PLC0415

        PagesManager.uses_pages_directory = False
    warm_up()
    yield


def _import_all() -> None:
    # What a first run imports beyond Streamlit itself, in the order it does: pages' emoji icons
    # (st.Page checks them against Streamlit's emoji table), the app's modules (the model, pandas,
    # pydantic, Plotly).
    import streamlit.emojis  # noqa: F401, PLC0415

    import vcio_app  # noqa: PLC0415

    for mod in pkgutil.walk_packages(vcio_app.__path__, "vcio_app."):
        if mod.name.rsplit(".", 1)[-1] not in NOT_AT_START:
            importlib.import_module(mod.name)


def _warm_caches() -> None:
    """One pass over the model and every chart at the default scenario, through the app's caches:
    Plotly imports each trace type's class on first use, pydantic builds its validators, the
    model reads its data files; a visitor at the default scenario then finds every result."""
    import vcio_model as vm  # noqa: PLC0415
    from vcio_app import model_calls as calls  # noqa: PLC0415
    from vcio_app.charts import cached as figures  # noqa: PLC0415

    sj = vm.Scenario().model_dump_json()
    table = calls.compare(sj).summary_frame()
    # the project editor (st.data_editor) sends its rows as Arrow
    import pyarrow as pa  # noqa: PLC0415

    pa.Table.from_pandas(table)
    for name in figures.COMPARISON_CHART_NAMES:
        figures.comparison_chart(sj, name).to_json()
    for name in ("per_employee", "breakdown"):
        figures.bars_html(sj, name)
    figures.frontier_map(sj).to_json()
    figures.risk_range_bars(sj, 5000).to_json()
    figures.risk_distributions(sj, 5000).to_json()
    figures.tornado(sj).to_json()
    calls.certainty(sj)


def warm_up() -> None:
    """Imports, then warm caches (see the module's docstring); logs how long each took."""
    t0 = time.perf_counter()
    try:
        _import_all()
    except Exception:  # never stop the server over this: the first run imports what it needs
        LOG.exception("start-up imports failed")
    t1 = time.perf_counter()
    try:
        _warm_caches()
    except Exception:
        LOG.exception("start-up warm-up failed")
    print(  # in the server's log: what a cold start costs before the first visitor
        f"vcio start-up: imports took {(t1 - t0) * 1000:.0f} ms, imports and warm caches "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms, before the server answers",
        file=sys.stderr,
        flush=True,
    )
