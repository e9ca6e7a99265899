"""Make every page URL work as the very first request a fresh server gets.

With a ``pages/`` folder, Streamlit runs the first session's script through its old multipage
mode (the page file alone, without app.py) until some run calls ``st.navigation``. Then a shared
link to /costs on a server that just woke up would miss the sidebar. The guard below switches the
old mode off and reruns, so app.py runs and routes to the same page (page ids come from the URL
path, which matches the file name).
"""

from __future__ import annotations

import streamlit as st


def ensure_entry_point() -> None:
    """Rerun through app.py if Streamlit started this run in its old pages-folder mode."""
    from streamlit.runtime.pages_manager import PagesManager  # noqa: PLC0415 - private, guarded

    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()
