"""Entry point: page set-up, the page the user asked for, then the shared header and sidebar."""

import streamlit as st

from vcio_app import boot, share_view, sidebar, state, ui

st.set_option("client.showErrorDetails", "none")  # Cloud forces "false", which shows tracebacks
boot.ensure_entry_point()
if not st.session_state.get("page_config_sent"):
    # Once a session: the browser keeps it across reruns and pages, and every message costs a
    # redraw (5 ms of each key press, measured with a bare page).
    st.set_page_config(page_title="IT leadership cost explorer", page_icon="🧭", layout="wide")
    st.session_state["page_config_sent"] = True

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="🧭", default=True),
    st.Page("pages/costs.py", title="Costs", icon="💵", url_path="costs"),
    st.Page("pages/projects.py", title="Projects", icon="🗂️", url_path="projects"),
    st.Page("pages/where.py", title="Where each option wins", icon="🗺️", url_path="where"),
    st.Page("pages/risk.py", title="Risk", icon="🎲", url_path="risk"),
    st.Page("pages/sensitivity.py", title="Sensitivity", icon="🌪️", url_path="sensitivity"),
    st.Page("pages/assumptions.py", title="Assumptions", icon="📚", url_path="assumptions"),
    st.Page("pages/share.py", title="Share and export", icon="🔗", url_path="share"),
    st.Page("pages/about.py", title="About", icon="ℹ️", url_path="about"),
]

page = st.navigation(PAGES)
state.init_state()
sidebar.settle_inputs()
# The page first, its verdict before anything else: the browser draws the elements of a run in
# the order they come, and each one before the verdict (the sidebar's dozen widgets, the header)
# delays it. The widgets' values are in session state before they are drawn, and the header keeps
# its place (a container), so nothing moves or blinks.
header = st.container(horizontal=True, vertical_alignment="center", gap="medium")
page.run()
scenario = sidebar.render_inputs()
with header:
    share_view.app_header()
state.sync_url(scenario)
ui.footer()
