"""Presentation mode that runs a meeting: page buttons along the top, Previous / Next on the
keyboard (PageUp / PageDown, the keys a presenter's clicker sends), presentation mode kept.

The sidebar (the only page list outside presentation mode) is hidden on a projector, so the
pages are linked here, above every page while presenting. Links are ordinary links (Tab, Enter).
"""

from __future__ import annotations

import streamlit as st

KEY = "presentation"  # the switch's widget key (header.presentation_switch)
COPY = "presentation_copy"  # kept outside the widget: a run cut short must not lose it

NAV_CSS = (
    "<style>.st-key-present_nav{gap:.25rem .5rem !important;padding-bottom:.4rem;"
    "border-bottom:1px solid rgba(11,15,21,.15);margin-bottom:.25rem}"
    ".st-key-present_nav [data-testid='stPageLink'] a{padding:.1rem .45rem}"
    ".st-key-present_nav [data-testid='stPageLink'] p{font-size:.8rem}"
    # Tables and bar charts read on a projector too (presentation mode's type is 22 px)
    ".vcio-table{font-size:.9rem !important}.vcio-bars{font-size:1rem !important}</style>"
)


# Short labels keep the row on one line at 1280 px: the full title is the link's tooltip.
SHORT = {"Where each option wins": "Where", "Share and export": "Share"}


def presenting() -> bool:
    return bool(st.session_state.get(KEY))


def keep() -> None:
    """Before anything is drawn: restore the switch if a cut-short run lost it, then remember
    it (Streamlit forgets a widget's value when a run ends before the widget is drawn)."""
    ss = st.session_state
    if KEY not in ss and COPY in ss:
        ss[KEY] = ss[COPY]
    ss[COPY] = bool(ss.get(KEY))


def nav_bar(pages: list, current) -> None:
    """Previous, every page, Next, in one row at the top of the page (presentation mode only)."""
    if not pages or not presenting():
        return
    paths = [p.url_path for p in pages]
    i = paths.index(current.url_path) if current.url_path in paths else 0
    with st.container(horizontal=True, vertical_alignment="center", key="present_nav"):
        st.html(NAV_CSS)
        back = st.button(
            "Previous",
            key="present_prev",
            icon=":material/arrow_back:",
            shortcut="PageUp",
            disabled=i == 0,
            help="The page before this one (PageUp)",
        )
        for p in pages:
            st.page_link(p, label=SHORT.get(p.title, p.title), icon=p.icon, help=p.title)
        forward = st.button(
            "Next",
            key="present_next",
            icon=":material/arrow_forward:",
            shortcut="PageDown",
            disabled=i == len(pages) - 1,
            help="The page after this one (PageDown)",
        )
    if back and i > 0:
        st.switch_page(pages[i - 1])
    if forward and i < len(pages) - 1:
        st.switch_page(pages[i + 1])
