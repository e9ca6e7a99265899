"""The strip on top of every page (the MSP's logo, name and contact) and the presentation switch."""

from __future__ import annotations

import dataclasses

import streamlit as st

from vcio_app import brand as br
from vcio_app import reports
from vcio_app.brand.session import session_brand

PHONE_CSS = (
    "@media (max-width: 640px){"
    '[data-testid="stMainBlockContainer"] h1{font-size:1.9rem !important;line-height:1.2}'
    '[data-testid="stMainBlockContainer"]{padding-top:4rem !important}'
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
    extra = PHONE_CSS + (
        br.presentation_css(brand.accent_color) if presenting else PHONE_HIDE_SWITCH
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
