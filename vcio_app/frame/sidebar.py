"""The scenario inputs, the same on every page, each main slider with a chart of the margin."""

from __future__ import annotations

import streamlit as st

import vcio_model as vm
from vcio_app.charts import cached as figures
from vcio_app.frame import page as ui
from vcio_app.scenario.state import (
    WIDGETS,
    current_scenario,
    employee_options,
    load_preset,
    settle_numbers,
)
from vcio_model.presets import preset_stories

CUSTOM = "Custom"
MONEY_KEY = "money_open"  # the "Money settings" expander (True when open)
DETAILS_KEY = "details_open"  # the "Sites and revenue" expander
TYPED = "in_employees_typed"  # the typed number beside the employees slider
SHOWN = "shown_"  # + an input's key: the key of the widget that shows it (see _shown)


def preset_label(name: str) -> str:
    """A preset's name short enough for the sidebar's box (about 28 characters), which cut the
    long ones off: the firm before what it is doing ("25-person accounting firm"); the story
    under the box says the rest.

    >>> preset_label("25-person accounting firm moving its accounting system to AWS")
    '25-person accounting firm'
    >>> preset_label("400-person company on 6 sites")
    '400-person company on 6 sites'
    """
    for cut in (" moving ", " with ", " that ", " which "):
        if cut in name:
            return name.split(cut, 1)[0]
    return name


def _on_preset() -> None:
    choice = st.session_state.get("in_preset", CUSTOM)
    if choice != CUSTOM:
        load_preset(choice)


# How to read the margin charts, in small grey type above the first one (one element with it).
SPARK_NOTE = (
    '<p style="font-size:.875rem;color:#4f5660;line-height:1.5;margin:0 0 .5rem">'
    "The small chart under a slider shows how far ahead the cheapest option stays across that "
    "slider's range; its colour is the option that wins there, the dot is you. Point at it "
    "(or tap it) for the figures.</p>"
)


def _spark_args(sc: vm.Scenario, field: str) -> tuple[float, bool, bool]:
    """(the scenario's value, log scale, relative margin) of the margin chart under ``field``."""
    if field == "employees":
        return sc.employees, True, True
    if field == "downtime_cost_per_hour":
        return sc.downtime_cost_per_hour or _downtime(sc), True, False
    return getattr(sc, field), False, False


ALWAYS_SHOWN = ("employees", "projects_per_year", "years")  # the margin charts never folded away


def _spark(sc: vm.Scenario, field: str, first: bool = False) -> None:
    """The margin chart under a slider: an SVG image in ``st.html``, one light element
    (``figures.sparkline``; its text is escaped where it is built, charts.slider_sparkline)."""
    chart = figures.sparkline(sc.model_dump_json(), field, *_spark_args(sc, field))
    st.html(SPARK_NOTE + chart if first else chart)


def warm_charts() -> None:
    """Compute the margin charts the sidebar always shows for the current scenario (cached), so
    that drawing the sidebar later costs no model work. Call after :func:`settle_inputs`."""
    sc = current_scenario()
    for field in ALWAYS_SHOWN:
        figures.sparkline(sc.model_dump_json(), field, *_spark_args(sc, field))


def _employees_slid() -> None:
    st.session_state[TYPED] = st.session_state["in_employees"]


def _employees_typed() -> None:
    """A typed head count moves the slider (its steps gain that number); an emptied box goes
    back to the slider's value."""
    ss = st.session_state
    if ss.get(TYPED) is None:
        ss[TYPED] = ss["in_employees"]
    else:
        ss["in_employees"] = int(ss[TYPED])


def _keep(key: str) -> None:
    st.session_state[key] = st.session_state[SHOWN + key]


def _shown(key: str) -> dict:
    """Widget arguments for an input kept under ``key`` by a widget that is not always drawn.

    Streamlit forgets the value of a widget that a run does not draw, and goes back to the value
    its key had before the widget first appeared. So the widget works on a copy (``SHOWN`` +
    key), set from ``key`` before it is drawn and copied back when the user changes it.
    """
    st.session_state[SHOWN + key] = st.session_state[key]
    return {"key": SHOWN + key, "on_change": _keep, "args": (key,)}


def settle_inputs() -> None:
    """Fix widget values the scenario cannot take; call before anything reads the scenario.

    The project size's segmented control can be clicked off (None): keep a size. This must run
    before the control is drawn: Streamlit refuses a change to a drawn widget's value.
    """
    ss = st.session_state
    # Streamlit forgets a widget's value when a run ends before the widget is drawn (a page link
    # clicked while the sidebar is still loading). Restore it from the copy kept after each run.
    for key, value in ss.get("inputs_copy", {}).items():
        if key not in ss:
            ss[key] = value
    settle_numbers()  # a crafted widget message: a value past a slider's ends, NaN...
    if ss.get(TYPED) != ss.get("in_employees"):
        ss[TYPED] = ss.get("in_employees")
    if ss.get("in_size") is None:
        ss["in_size"] = "medium"


def render() -> vm.Scenario:
    """Draw the sidebar, margin charts included; return the validated scenario it describes."""
    return render_inputs()


def render_inputs() -> vm.Scenario:
    """Draw the sidebar's inputs, each main slider with its margin chart; return the validated
    scenario. app.py calls this after the page, so a changed input updates the verdict first."""
    settle_inputs()
    presets = vm.load_presets()
    with st.sidebar:
        st.selectbox(
            "Example company",
            [CUSTOM, *presets],
            key="in_preset",
            on_change=_on_preset,
            format_func=lambda k: (
                "Your own numbers" if k == CUSTOM else preset_label(presets[k][0])
            ),
            help="Start from an example company like yours; every value stays editable.",
        )
        if (story := preset_stories().get(st.session_state.get("in_preset", CUSTOM))) and not (
            st.session_state.get("presentation")
        ):
            st.caption(story)
        st.text_input(
            "Company name",
            key="in_company",
            max_chars=80,
            placeholder="e.g. Acme Accounting",
            help="Shown in the verdict and reports.",
        )
        sc = current_scenario()
        row = st.container(horizontal=True, vertical_alignment="bottom", gap="small")
        row.select_slider(
            "Employees",
            options=employee_options(st.session_state["in_employees"]),
            key="in_employees",
            on_change=_employees_slid,
            help="People who use IT. The scale is logarithmic: each step is a similar relative "
            "change. Type an exact number in the box beside it.",
        )
        row.number_input(
            "Exact number of employees",
            min_value=1,
            max_value=5000,
            step=1,
            key=TYPED,
            on_change=_employees_typed,
            label_visibility="collapsed",
            width=92,
        )
        _spark(sc, "employees", first=True)
        st.slider(
            "IT projects a year",
            0.0,
            max(20.0, float(st.session_state["in_projects"])),  # a link may carry up to 50
            step=0.5,
            format="plain",  # "3" and "2.5", not "3.00"
            key="in_projects",
            help="Typical projects a year such as a cloud move or a new phone system. "
            "Named projects go on the Projects page.",
        )
        _spark(sc, "projects_per_year")
        st.segmented_control(
            "Typical project size",
            vm.PROJECT_SIZES,
            key="in_size",
            format_func=str.capitalize,
            help="Small about $20k, medium about $75k, large about $300k (Assumptions page).",
        )
        st.slider("Years to compare", 1, 10, key="in_years")
        _spark(sc, "years")
        # Sent only while open: four elements fewer on every page's rerun. Its widgets work on
        # copies (_shown), so their values stay while they are not drawn.
        if money := ui.lazy_expander("Money settings", MONEY_KEY):
            with money:
                st.slider(
                    "Discount rate (%)",
                    0.0,
                    30.0,
                    step=0.5,
                    format="plain",
                    **_shown("in_rate_pct"),
                    help="How much less a dollar paid later is worth to you than a dollar today. "
                    "8% is a common cost of capital for a small firm.",
                )
                _spark(sc, "discount_rate")
                st.number_input(
                    "Downtime cost per hour ($, 0 = estimate from size)",
                    0.0,
                    10_000_000.0,
                    step=500.0,
                    **_shown("in_downtime"),
                    help="What an hour with systems down costs in lost work and sales. "
                    "Left at 0, it is estimated from your annual revenue if you gave it, "
                    "else from revenue per employee.",
                )
                _spark(sc, "downtime_cost_per_hour")
        if details := ui.lazy_expander("Sites and revenue (optional)", DETAILS_KEY):
            with details:
                st.number_input(
                    "Sites (offices, plants, shops)",
                    min_value=1,
                    max_value=500,
                    value=None,  # empty allowed: estimated from size
                    step=1,
                    placeholder="estimated from size",
                    **_shown("in_sites"),
                    help="Places with their own network. Left empty, one site per "
                    "so many employees (Assumptions page). Managed services charge per site.",
                )
                st.number_input(
                    "Annual revenue ($)",
                    min_value=0.0,
                    max_value=1e11,
                    value=None,
                    step=100_000.0,
                    format="%.0f",
                    placeholder="estimated from size",
                    **_shown("in_revenue"),
                    help="Sets what an hour of downtime costs (unless you give that cost "
                    "under Money settings). Left empty, estimated from revenue per employee.",
                )
    st.session_state["inputs_copy"] = {
        k: st.session_state[k] for k in WIDGETS if k in st.session_state
    }
    return current_scenario()


def _downtime(sc: vm.Scenario) -> float:
    a = vm.load_assumptions()
    revenue = (
        sc.annual_revenue
        if sc.annual_revenue is not None
        else (sc.employees * a["revenue_per_employee"])
    )
    return revenue / 2080 * a["downtime_productivity_loss"]
