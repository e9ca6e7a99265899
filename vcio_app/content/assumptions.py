"""The Assumptions and About pages' pieces: the editable assumption list, size tables, prose.

Values are stored as the model wants them (fractions, dollars); shares and chances are shown as
percent in the widgets. An edit is checked where it enters: a value outside 0 to 10 x the
assumption's high end (0 to 100% for shares and chances), or not a number, is reported with the
assumption's name and allowed range and not applied; every other edit stays.

How a value is shown and an edit checked lives in ``assumption_values``; this module draws.

The widget of assumption ``k`` has the key ``"asm_" + k``; the edits live in
``st.session_state["overrides"]`` (only values that differ from the default).
"""

from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd
import streamlit as st

import vcio_model as vm
from vcio_app.content import tables
from vcio_app.content.assumption_values import (
    amount,
    check,
    fmt,
    plain_number,
    to_display,
    unit_words,
    widget_spec,
)
from vcio_app.frame import page as ui
from vcio_model.assumptions import DATA_DIR, TABLE_SCALES, Assumption

PREFIX = "asm_"
ERRORS = "assumption_errors"  # key -> message for edits that were not applied
RESET_KEY = "asm_reset"
GROUPS_KEY = "asm_groups"  # the group buttons: the groups shown
GROUPS_COPY = "asm_groups_copy"  # the same, kept while another page is open
DOCS = ui.DOCS

GROUP_TITLES = {
    "Company": "Your company",
    "Pay": "Pay, wage growth and price rises",
    "Leadership: none": "No IT leader: a manager runs IT on the side",
    "Leadership: vCIO": "Virtual CIO (vCIO), rented by the hour",
    "Leadership: CIO": "Full-time CIO",
    "Leadership: IT manager": "Internal IT manager (hands-on, not a CIO)",
    "Projects": "IT projects: budgets, hours and overruns",
    "Support: break-fix": "Break-fix support, paid by the hour",
    "Support: managed": "Managed services (MSP), a monthly fee",
    "Support: in-house": "In-house help desk",
    "Downtime": "Downtime and serious incidents",
    "Staff time": "Staff time lost to IT problems",
    "Verdict": "How close is too close to call",
}
TABLE_TITLES = {
    "cio_base_salary": "Full-time CIO base salary",
    "vcio_hours_month": "vCIO retainer hours a month",
    "msp_price_per_user_month": "MSP price per user a month",
    "helpdesk_users_per_agent": "Users per in-house help-desk technician",
}


# ------------------------------------------------------------------------ session state
def _on_edit(key: str) -> None:
    ss = st.session_state
    item = vm.load_assumptions().items[key]
    overrides = dict(ss.get("overrides", {}))
    value, problem = check(item, ss.get(PREFIX + key), overrides.get(key, item.value))
    errors = ss.setdefault(ERRORS, {})
    if problem:
        errors[key] = problem
        return
    errors.pop(key, None)
    if math.isclose(value, item.value, rel_tol=1e-9, abs_tol=1e-12):
        overrides.pop(key, None)
    else:
        overrides[key] = value
    ss["overrides"] = overrides


def _on_reset() -> None:
    st.session_state["overrides"] = {}
    st.session_state[ERRORS] = {}


def _sync_widgets(a: vm.Assumptions, overrides: dict) -> None:
    """Widgets show the values in use (overrides may come from presets, links or files)."""
    ss = st.session_state
    errors = ss.setdefault(ERRORS, {})
    for key, item in a.items.items():
        wk = PREFIX + key
        if key in errors and wk in ss:
            continue  # keep the rejected entry on screen beside its message
        errors.pop(key, None)
        want = to_display(item, overrides.get(key, item.value))
        if ss.get(wk) is None or not math.isclose(ss[wk], want, rel_tol=1e-9, abs_tol=1e-12):
            ss[wk] = want


# ------------------------------------------------------------------------ drawing
def changes_panel(a: vm.Assumptions) -> None:
    """Which values differ from the defaults, the reset button and any rejected edits."""
    _sync_widgets(a, dict(st.session_state.get("overrides", {})))
    overrides = {k: v for k, v in st.session_state.get("overrides", {}).items() if k in a.items}
    errors = st.session_state.get(ERRORS, {})
    presenting = bool(st.session_state.get("presentation"))  # a deck: no editing controls
    if presenting and not overrides:
        return
    # One bordered row (not columns: fewer elements for the browser to redraw on every rerun)
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        if overrides:
            lines = [
                _md(f"- {a.items[k].label}: **{fmt(a.items[k], v)}** ")
                + _md(f"(default {fmt(a.items[k], a.items[k].value)})")
                for k, v in overrides.items()
            ]
            st.markdown(
                f"**You changed {vm.plural(len(overrides), 'value')}** "
                "(every page uses them):\n" + "\n".join(lines)
            )
        else:
            st.markdown("**All values are at their defaults.** Change any of them below.")
        if not presenting:
            st.button(
                "Reset all to defaults",
                key=RESET_KEY,
                on_click=_on_reset,
                disabled=not (overrides or errors),
            )
    if errors:
        names = ", ".join(a.items[k].label for k in errors if k in a.items)
        st.error(
            f"Not applied: {_md(names)}. The message is beside the value in its group below.",
            icon="⚠️",
        )


def _keep_groups() -> None:
    st.session_state[GROUPS_COPY] = list(st.session_state.get(GROUPS_KEY) or [])


def assumption_groups(a: vm.Assumptions) -> None:
    """A row of buttons, one per group (several may be on), then the chosen groups, each a
    heading and a row per assumption with its editable value and its source.

    Buttons, not an expander per group: the page's 13 expanders cost each key press on this
    page about 40 ms of the browser's time, one button row a few (benchmarks/bench_pages.py).
    The choice is kept under ``GROUPS_COPY`` too: Streamlit forgets a widget's value on a page
    that does not draw it, and the groups are as the user left them after a visit elsewhere."""
    ss = st.session_state
    overrides = dict(ss.get("overrides", {}))
    _sync_widgets(a, overrides)
    groups: dict[str, list[Assumption]] = {}
    for item in a.items.values():
        groups.setdefault(item.group or "Other", []).append(item)
    errors = ss.get(ERRORS, {})
    chosen = [g for g in ss.get(GROUPS_COPY, []) if g in groups]
    # a rejected edit stays in view beside its message
    chosen += [
        g for g, items in groups.items() if g not in chosen and any(k.key in errors for k in items)
    ]
    ss[GROUPS_KEY] = ss[GROUPS_COPY] = chosen  # set before the buttons are drawn
    titles = {g: f"{GROUP_TITLES.get(g, g)} ({len(items)})" for g, items in groups.items()}
    st.pills(
        "Groups of values",
        list(groups),
        selection_mode="multi",
        format_func=titles.get,
        key=GROUPS_KEY,
        on_change=_keep_groups,
        label_visibility="collapsed",
    )
    for group, items in groups.items():
        if group not in chosen:
            continue
        st.markdown(f"#### {GROUP_TITLES.get(group, group)}")
        head = st.columns(WIDTHS)
        for col, text in zip(head, HEADINGS, strict=True):
            col.caption(f"**{text}**")
        for item in items:
            _row(item, overrides)


WIDTHS = [3.6, 1.5, 1.7, 3.2]
HEADINGS = ["What it is", "Value", "Unit and usual range", "Source"]


def _row(item: Assumption, overrides: dict) -> None:
    name, value, unit, src = st.columns(WIDTHS)
    tags = " :orange-badge[Estimate]" if item.estimate else ""
    if item.key in overrides:
        tags += " :blue-badge[Changed]"
    notes = f"  \n:small[:gray[{_md(item.notes)}]]" if item.notes else ""
    name.markdown(f"**{_md(item.label)}**{tags}{notes}")
    step, form = widget_spec(item)
    value.number_input(
        item.label,
        step=step,
        format=form,
        key=PREFIX + item.key,
        on_change=_on_edit,
        args=(item.key,),
        label_visibility="collapsed",
    )
    usual = _md(f"usual {fmt(item, item.low)} to {fmt(item, item.high)}")
    text = f"{_md(unit_words(item.unit))}  \n:small[:gray[{usual}]]"
    if item.key in overrides:
        text += f"  \n:small[:blue[{_md(f'default {fmt(item, item.value)}')}]]"
    unit.markdown(text)
    if item.source:
        year = f" ({item.year})" if item.year and item.year not in item.source else ""
        src.caption(_md(item.source + year))
    else:
        src.caption("No published figure found: our estimate, reasoning on the left.")
    if item.key in st.session_state.get(ERRORS, {}):
        st.error(_md(st.session_state[ERRORS][item.key]), icon="⚠️")


def _md(text: str) -> str:
    """Plain text in Markdown: dollar signs are money, not formulas; brackets are not directives."""
    return text.replace("$", r"\$").replace("[", "(").replace("]", ")")


@lru_cache(maxsize=1)
def _size_table_sources() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "size_tables.csv", dtype=str, keep_default_na=False)


def _size_table_rows(name: str, money: bool) -> tuple[str, ...]:
    """A size table's rows in Markdown, from data/size_tables.csv (the same on every run)."""
    raw = _size_table_sources()
    lines = ["| Employees | Value | Source | Year |", "|--:|--:|---|---|"]
    for r in raw[raw["table"] == name].itertuples():
        est = " (estimate)" if r.estimate.strip().lower() == "true" else ""
        value = ("$" if money else "") + plain_number(float(r.value), 0)
        lines.append(
            f"| {float(r.employees):,.0f} | {_md(value)} | "
            f"{_md(r.source + est).replace('|', '/')} | {_md(r.year)} |"
        )
    return tuple(lines)


SIZE_TABLES_KEY = "size_tables_open"


def size_table_count(a: vm.Assumptions) -> int:
    return sum(t in a.tables for t in TABLE_SCALES)


def size_tables(a: vm.Assumptions, employees: int) -> None:
    """The values that depend on company size, with their sources, one under the other in
    one element (side by side, their long sources made the tables overflow each other), in an
    expander sent only while open: open, the tables cost every key press on this page
    about 25 ms of the browser's time (benchmarks/bench_pages.py)."""
    box = ui.lazy_expander(f"The {size_table_count(a)} tables, with their sources", SIZE_TABLES_KEY)
    if box is None:
        return
    blocks = []
    for name in (t for t in TABLE_SCALES if t in a.tables):
        t, scale = a.tables[name], a.items[TABLE_SCALES[name]]
        money = t.unit.startswith("USD")
        now = float(t.at(employees)) * a[scale.key]
        lines = _size_table_rows(name, money)
        scaled = "" if a[scale.key] == 1 else f", the table times {plain_number(a[scale.key], 2)}"
        blocks.append(
            f"**{TABLE_TITLES.get(name, name)}**, {_md(unit_words(t.unit).replace('$', 'dollars'))}"
            + _md(f"  \nAt {employees:,} employees: **{amount(now, t.unit)}**{scaled}.")
            + "\n\n"
            + "\n".join(lines)
        )
    box.markdown("\n\n".join(blocks))


METHOD_KEY = "method_open"


def method_doc() -> None:
    """docs/method.md in one expander, sent only while open. One expander, not one per section:
    every expander on this page costs each key press about 3 ms of the browser's time, and the
    page already has one per group of values (benchmarks/bench_pages.py)."""
    sections = (DOCS / "method.md").read_text(encoding="utf-8").count("\n## ")
    if box := ui.lazy_expander(f"The method, with its formulas ({sections} sections)", METHOD_KEY):
        with box:
            render_doc("method.md")


def render_doc(name: str) -> None:
    """A Markdown file from docs/, whole."""
    st.markdown((DOCS / name).read_text(encoding="utf-8"))


def verdict_line(c: vm.Comparison) -> None:
    """The verdict in one line, so an edit's effect shows on this page too."""
    company = c.scenario.company
    if company and company in c.verdict:
        before, _, after = c.verdict.partition(company)
        text = _md(before) + ui.md_escape(company) + _md(after)
    else:
        text = _md(c.verdict)
    st.markdown(f"**With these values:** {text}")


def qualities_table(a: vm.Assumptions) -> None:
    """What money does not show, option by option (from data/options.csv)."""
    tables.show(
        pd.DataFrame(
            {
                "Option": [o.name for o in a.options],
                "Hours of cover a week": [o.coverage_hours_week for o in a.options],
                "Resting on one person": [o.single_point_of_failure for o in a.options],
                "Capacity to plan ahead": [o.strategic_capacity for o in a.options],
            }
        ),
        label="What money does not show, option by option",
    )


def scenario_notes(sc: vm.Scenario) -> None:
    """A scenario (a file or a link) may set wage growth or price rises itself: say which wins."""
    a = vm.load_assumptions()
    for fld in ("wage_growth", "msp_price_escalation"):
        v = getattr(sc, fld)
        if v is not None:
            st.info(
                _md(
                    f"This scenario sets '{a.items[fld].label}' to {fmt(a.items[fld], v)} itself; "
                    "the model uses that figure, not the one in the groups below."
                ),
                icon="ℹ️",
            )
