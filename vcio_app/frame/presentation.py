"""Presentation mode that runs a meeting as a deck: one row of even page buttons along the top
(Previous, every page, Next; PageUp / PageDown, the keys a presenter's clicker sends, still turn
the pages, with no key hints shown), and a compact head-count and project-load control, so the
presenter changes the numbers live without leaving the deck.

The sidebar (the only page list outside presentation mode) is hidden on a projector, so the
pages are linked here, above every page while presenting. Links are ordinary links (Tab, Enter).
"""

from __future__ import annotations

import streamlit as st

KEY = "presentation"  # the switch's widget key (header.presentation_switch)
COPY = "presentation_copy"  # kept outside the widget: a run cut short must not lose it
DECK_EMPLOYEES = "deck_employees"  # the presenter's controls (not "in_": those are hidden)
DECK_PROJECTS = "deck_projects"

# The row: every page button the same height and type, sharing the width; the key hints Streamlit
# draws beside a button with a shortcut are hidden (the keys still work).
NAV_CSS = (
    "<style>.st-key-present_nav{gap:.35rem !important;padding-bottom:.5rem;"
    "border-bottom:1px solid rgba(11,15,21,.15);margin-bottom:.25rem;flex-wrap:wrap}"
    ".st-key-present_nav [data-testid='stPageLink'],.st-key-present_nav .stButton"
    "{flex:1 1 0;min-width:0}"
    ".st-key-present_nav [data-testid='stPageLink'] a,.st-key-present_nav .stButton button"
    "{width:100%;justify-content:center;min-height:2.4rem;padding:.2rem .5rem;"
    "border:1px solid rgba(11,15,21,.2);border-radius:.5rem;background:#fff}"
    ".st-key-present_nav [data-testid='stPageLink'] p,.st-key-present_nav .stButton p"
    "{font-size:.8rem !important;white-space:nowrap}"
    ".st-key-present_nav kbd,.st-key-present_nav [data-testid='stButtonShortcut']{display:none}"
    ".st-key-present_controls{gap:.5rem !important;flex:0 0 auto}"
    ".st-key-present_controls [data-testid='stMarkdownContainer'] p{font-size:.7rem !important;"
    "margin:0;white-space:nowrap}"
    # Tables and bar charts read on a projector too (presentation mode's type is 22 px)
    ".vcio-table{font-size:.9rem !important}.vcio-bars{font-size:1rem !important}"
    '[data-testid="stCaptionContainer"],[data-testid="stCaptionContainer"] p'
    "{font-size:.85rem !important}"
    # Hidden besides the brand's list of editing controls: the Risk page's precision switch. The
    # page title smaller: the deck's first screen holds the headline and the main chart.
    ".st-key-risk_precise{display:none !important}"
    '[data-testid="stMainBlockContainer"] h1{font-size:1.6rem !important;padding:0 0 .25rem}'
    '[data-testid="stMainBlockContainer"] h3{font-size:1.45rem !important;padding:.25rem 0}'
    ".vcio-brand{padding-bottom:.25rem !important}"
    '[data-testid="stMainBlockContainer"]{padding-top:.6rem !important}'
    "</style>"
)


# Short labels keep the row on one line: the full title is the link's tooltip.
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


def _set_employees() -> None:
    v = st.session_state.get(DECK_EMPLOYEES)
    if v is not None:
        st.session_state["in_employees"] = int(v)  # the sidebar's own input, hidden on a projector


def _set_projects() -> None:
    v = st.session_state.get(DECK_PROJECTS)
    if v is not None:
        st.session_state["in_projects"] = float(v)


def presenter_controls() -> None:
    """The head count and the project load, small, for the presenter: they set the sidebar's
    inputs, so every page and the address bar follow."""
    ss = st.session_state
    ss[DECK_EMPLOYEES] = int(ss.get("in_employees") or 1)
    ss[DECK_PROJECTS] = float(ss.get("in_projects") or 0.0)
    with st.container(horizontal=True, vertical_alignment="center", key="present_controls"):
        st.markdown("Employees", width="content")  # beside the box: the row stays one line high
        st.number_input(
            "Employees",
            label_visibility="collapsed",
            width=130,
            min_value=1,
            max_value=5000,
            step=5,
            key=DECK_EMPLOYEES,
            on_change=_set_employees,
            help="The company's head count: every figure follows.",
        )
        st.markdown("Projects a year", width="content")
        st.number_input(
            "Projects a year",
            label_visibility="collapsed",
            width=110,
            min_value=0.0,
            max_value=50.0,
            step=1.0,
            format="%g",
            key=DECK_PROJECTS,
            on_change=_set_projects,
            help="Typical IT projects a year: every figure follows.",
        )


def nav_bar(pages: list, current) -> None:
    """Previous, every page, Next, in one row of even buttons at the top of the page, then the
    presenter's controls (presentation mode only)."""
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
        )
        for p in pages:
            st.page_link(p, label=SHORT.get(p.title, p.title), icon=p.icon, help=p.title)
        forward = st.button(
            "Next",
            key="present_next",
            icon=":material/arrow_forward:",
            shortcut="PageDown",
            disabled=i == len(pages) - 1,
        )
        presenter_controls()
    if back and i > 0:
        st.switch_page(pages[i - 1])
    if forward and i < len(pages) - 1:
        st.switch_page(pages[i + 1])
