"""The strip on top of every page (the MSP's logo, name and contact) and the presentation switch."""

from __future__ import annotations

import dataclasses

import streamlit as st

from vcio_app import brand as br
from vcio_app import reports
from vcio_app.brand.session import session_brand

# Streamlit's wide layout starts the page 6rem down: about 100 px of nothing above the header.
TOP_CSS = (
    '[data-testid="stMainBlockContainer"]{padding-top:2rem !important}'
    # The "Saved" message and other toasts at the bottom: at the top right they covered the
    # presentation switch
    '[data-testid="stToastContainer"]{top:auto !important;bottom:1rem !important}'
)
# A phone's first screen holds the verdict and "How sure?": headings sized for 390 px.
PHONE_CSS = (
    "@media (max-width: 640px){"
    '[data-testid="stMainBlockContainer"] h1{font-size:1.6rem !important;line-height:1.2}'
    '[data-testid="stMainBlockContainer"] h3{font-size:1.2rem !important;line-height:1.3}'
    '[data-testid="stMainBlockContainer"]{padding-top:3.25rem !important}'
    ".vcio-brand{padding:0 0 .25rem;margin-bottom:0}"
    "}"
)
PHONE_HIDE_SWITCH = "@media (max-width: 640px){.st-key-presentation{display:none}}"


def app_header() -> None:
    """The strip on top of every page, drawn before the page so it never pushes the verdict down:
    the MSP's logo, name and contact line (with no brand configured, the product's own name and
    no contact or logo, as the reports say it: reports.presenter decides for both)."""
    brand = session_brand()
    who = reports.presenter(brand)
    shown = dataclasses.replace(brand, msp_name=who.name, contact=who.contact, logo=who.logo)
    logo = shown.logo_bytes()
    if logo and not shown.logo.startswith("data:image/svg"):
        st.logo(logo, size="large")
    # The switch's value is in session state before it is drawn: its style goes with the brand's.
    presenting = bool(st.session_state.get("presentation"))
    extra = (
        TOP_CSS
        + PHONE_CSS
        + (br.presentation_css(brand.accent_color) if presenting else PHONE_HIDE_SWITCH)
    )
    st.html(br.header_html(shown, extra_css=extra), width="stretch")


def presentation_switch() -> bool:
    """The one switch for a projector: no sidebar or editing controls, large type, no internal
    notes. Returns whether presentation mode is on."""
    return st.toggle(
        "Presentation mode",
        key="presentation",
        help="For a projector: hides the sidebar, editing controls and internal notes, and "
        "enlarges text and charts. Switch off to edit again.",
    )
