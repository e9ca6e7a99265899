"""Shared page pieces: header, verdict, option cards, notes, footer. Pages stay short."""

from __future__ import annotations

import re

import streamlit as st

import vcio_model as vm

from . import boot, compute
from .state import current_scenario

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: str) -> str:
    """User text (company or project names) shown in Markdown, with no formatting or links."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def page_start(title: str, intro: str = ""):
    """Heading, intro line, any input problems; returns (scenario, comparison) for the page."""
    boot.ensure_entry_point()
    st.title(title)
    if intro:
        st.caption(intro)
    sc = current_scenario()
    for p in st.session_state.get("url_problems", []) + st.session_state.get(
        "scenario_problems", []
    ):
        st.warning(p, icon="⚠️")
    return sc, compute.compare(sc.model_dump_json())


def verdict(c: vm.Comparison) -> None:
    """The one-sentence verdict, big, before any detail."""
    st.markdown(f"### {md_escape(c.verdict)}")  # no "$...$" maths, no links from a company name


def reasons(c: vm.Comparison) -> None:
    """Why the winner wins, one bullet per cost category."""
    st.markdown("\n".join(f"- {md_escape(r)}" for r in c.reasons))


def option_cards(c: vm.Comparison) -> None:
    """A card per option: NPV, cost per employee per year, biggest cost driver."""
    cols = st.columns(len(c.options))
    ranked = sorted(c.options, key=lambda o: o.npv)
    for col, o in zip(cols, ranked, strict=True):
        with col, st.container(border=True):
            badge = (
                "🏆 Cheapest" if o.id == c.recommended else f"+{vm.money(o.npv - ranked[0].npv)}"
            )
            st.markdown(f"**{o.short_name}**  \n{badge}")
            st.metric(
                "NPV",
                vm.money(o.npv),
                help=f"Exactly {vm.money(o.npv, exact=True)}",
            )
            st.caption(
                f"{vm.money(o.cost_per_employee_year)} per employee a year  \n"
                f"Biggest cost: {vm.CATEGORY_LABELS[o.biggest_driver].lower()}"
            )


def plot(fig, key: str | None = None) -> None:
    st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False})


def glossary() -> None:
    with st.expander("What the terms mean"):
        st.markdown(
            "- **CIO**: chief information officer, the person who plans IT and runs IT projects.\n"
            "- **vCIO**: a *virtual* or fractional CIO, a senior IT leader rented by the hour or the "
            "month, usually from an MSP.\n"
            "- **MSP**: managed service provider, a firm that runs your help desk, patching and "
            "backups for a flat monthly fee per user.\n"
            "- **Break-fix**: calling a technician when something breaks and paying by the hour.\n"
            "- **NPV** (net present value): all future costs added up in today's money, so a dollar "
            "paid in year 5 counts for less than a dollar paid now.\n"
            "- **P10 / P50 / P90**: in 10%, 50% and 90% of simulated futures the cost is at or below "
            "this figure."
        )


def footer() -> None:
    st.divider()
    st.caption(
        f"Model version {vm.__version__} · costs in US dollars · every assumption, with its "
        "source, is on the Assumptions page · open source, vendor-neutral."
    )


def non_cost_frame(c: vm.Comparison):
    """Coverage, single point of failure and strategic capacity per option (from data/options.csv)."""
    import pandas as pd

    a = vm.load_assumptions()
    return pd.DataFrame(
        [
            {
                "Option": o.name,
                "Hours of cover a week": a.option(o.id).coverage_hours_week,
                "Single point of failure": a.option(o.id).single_point_of_failure,
                "Strategic capacity": a.option(o.id).strategic_capacity,
            }
            for o in c.options
        ]
    )


def editor_rows(df) -> list[dict]:
    """Rows of the project editor as plain dicts; incomplete rows are kept for the user to finish."""
    rows = []
    for rec in df.to_dict("records"):
        clean = {k: (None if _is_missing(v) else v) for k, v in rec.items()}
        if clean.get("budget") is not None:
            clean["budget"] = float(clean["budget"])
        if clean.get("start_year") is not None:
            clean["start_year"] = int(clean["start_year"])
        rows.append(clean)
    return rows


def _is_missing(v) -> bool:
    try:
        return v is None or v != v
    except (TypeError, ValueError):
        return False
