"""What every page runs inside: the session's set-up, the header, the sidebar, the address bar and
the footer. app.py calls it; so does benchmarks/bench_floor.py, to measure what it costs alone."""

from __future__ import annotations

import streamlit as st

from . import present, share_view, sidebar, state, ui


def run(page, pages: list | tuple = ()) -> None:
    """Run ``page`` (what ``st.navigation`` returned) with the app around it; ``pages`` (the
    app's page list) gives presentation mode its page buttons along the top."""
    present.keep()
    state.init_state()
    sidebar.settle_inputs()
    # The page first, its verdict before anything else: the browser draws the elements of a run
    # in the order they come, and each one before the verdict (the sidebar's widgets, the header)
    # delays it. The widgets' values are in session state before they are drawn, and the header
    # keeps its place (a container), so nothing moves or blinks.
    header = st.container(horizontal=True, vertical_alignment="center", gap="medium")
    present.nav_bar(list(pages), page)  # presentation mode only: the sidebar is hidden
    page.run()
    scenario = sidebar.render_inputs()
    with header:
        share_view.app_header()
    state.sync_url(scenario)
    if page.url_path != "about":  # About shows the same text as a section of its own
        ui.glossary()  # on every other page: a shared link may open any of them first
    ui.footer()
