"""Entry point: page set-up, the pages, and the one the user asked for run inside the app's
chrome (vcio_app/chrome.py: header, sidebar, address bar, footer).

``streamlit run app.py`` finds the ``st.App`` below before it starts the server, imports this
file as a module and serves the app through it: its start-up hook (vcio_app/boot.py) prepares
the server before the first visitor. Every script run runs this file as ``__main__``.
"""

import streamlit as st

from vcio_app.frame import startup as boot

st.set_option("client.showErrorDetails", "none")  # Cloud forces "false", which shows tracebacks
if __name__ != "__main__":
    app = st.App(__file__, lifespan=boot.lifespan)
else:
    from vcio_app.frame import chrome

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

    chrome.run(st.navigation(PAGES), PAGES)
