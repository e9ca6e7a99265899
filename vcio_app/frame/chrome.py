"""What every page runs inside: the session's set-up, the header, the sidebar, the address bar and
the footer. app.py calls it; so does benchmarks/bench_floor.py, to measure what it costs alone."""

from __future__ import annotations

import time

import streamlit as st

from vcio_app.frame import guard, header, sidebar
from vcio_app.frame import page as ui
from vcio_app.frame import presentation as present
from vcio_app.scenario import state

FRAME_SENT = "frame_sent"  # in session state once a session's first run has drawn the frame
# A new visitor's first run: how long after the page's last element the sidebar's inputs follow.
# Streamlit's browser code gathers the elements that reach it close together and draws them in
# one go; sent together, the page and the sidebar's ten inputs, margin charts and switch were
# drawn together and the verdict waited for all of it (a new visitor's verdict 0.18-0.73 s after the first
# message from the server, against 0.13-0.16 s with this pause and 0.09-0.10 s for the bare page;
# same run, a busy machine). The margin charts are computed during the pause.
FIRST_PAINT_S = 0.05


def _sidebar_after_first_paint(page_done: float) -> None:
    """On a session's first run only: compute the sidebar's margin charts, then wait until the
    browser has had ``FIRST_PAINT_S`` to draw the page on its own. Later runs (a key press, a
    page link) redraw only what changed, and the frame is already on screen."""
    if st.session_state.get(FRAME_SENT):
        return
    st.session_state[FRAME_SENT] = True
    sidebar.warm_charts()
    _wait(max(0.0, FIRST_PAINT_S - (time.perf_counter() - page_done)))


def _wait(seconds: float) -> None:
    time.sleep(seconds)


def run(page, pages: list | tuple = ()) -> None:
    """Run ``page`` (what ``st.navigation`` returned) with the app around it; ``pages`` (the
    app's page list) gives presentation mode its page buttons along the top. Each part runs under
    ``guard``: one that fails (a bad brand in the header, a chart, the page itself) is left out and
    named in one message; the others still draw and the scenario still reaches the address bar."""
    guard.start_run()
    present.keep()
    state.init_state()
    sidebar.settle_inputs()
    # The page next, its verdict before anything else but the brand strip (one element): the
    # browser draws the elements of a run in the order they come, and each one before the verdict
    # (the sidebar's widgets) delays it. The widgets' values are in session state before they are
    # drawn, and the header keeps its place (a container), so nothing moves or blinks. On a new
    # visitor's first run the sidebar follows a moment later (_sidebar_after_first_paint).
    top = st.container(horizontal=True, vertical_alignment="center", gap="medium")
    with top, guard.guard("the header (brand name, logo and contact)"):
        header.app_header()  # first: drawn later, it pushed the verdict down on a phone
    with guard.guard("the page buttons"):
        present.nav_bar(list(pages), page)  # presentation mode only: the sidebar is hidden
    with guard.guard("this page's content"):
        page.run()
    with guard.guard("the sidebar's margin charts"):
        _sidebar_after_first_paint(time.perf_counter())
    scenario = None
    with guard.guard("the sidebar's inputs"):
        scenario = sidebar.render_inputs()
    with top, guard.guard("the presentation switch"):
        header.presentation_switch()  # its value is in session state before it is drawn
    with guard.guard("the address bar's copy of the scenario"):
        state.sync_url(scenario if scenario is not None else state.current_scenario())
    if page.url_path != "about":  # About shows the same text as a section of its own
        with guard.guard("the glossary"):
            ui.glossary()  # on every other page: a shared link may open any of them first
    with guard.guard("the footer"):
        ui.footer()
    with top:
        guard.show_failures()
