"""The brand and rate card in force for this session: uploaded by the sales team, else the
deployment's data files, else neutral ones."""

from __future__ import annotations

import streamlit as st

from vcio_app.brand.identity import Brand, BrandError, load_brand
from vcio_app.brand.rate_card import RateCard, load_rate_card
from vcio_app.safe_text import md_escape


def session_brand() -> Brand:
    """The brand in force: uploaded for this session, else data/brand.json, else a neutral one."""
    if "brand" not in st.session_state:
        try:
            st.session_state["brand"] = load_brand()
        except BrandError as e:
            st.warning(f"Brand file not used: {md_escape(e)}", icon="⚠️")
            st.session_state["brand"] = Brand()
    return st.session_state["brand"]


def session_rate_card() -> RateCard:
    """The rate card in force: uploaded for this session, else data/rate_card.csv."""
    if "rate_card" not in st.session_state:
        try:
            st.session_state["rate_card"] = load_rate_card()
        except BrandError as e:
            st.warning(f"Rate card not used: {md_escape(e)}", icon="⚠️")
            st.session_state["rate_card"] = RateCard()
    return st.session_state["rate_card"]
