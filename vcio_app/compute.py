"""Cached calls to the model: each result is kept for scenarios already seen in this server.

Model results are kept with ``st.cache_data`` (each caller gets its own copy). Figures are kept
with ``st.cache_resource``: one shared ``plotly`` Figure per scenario and chart, since building a
figure costs more than the model call behind it (Plotly validates every property) and a user who
moves a slider back and forth, or opens another page, asks for the same ones again. A cached
figure must not be changed in place: ``ui.plot`` copies it before restyling it for presentation
mode, and ``st.plotly_chart`` only reads it.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import vcio_model as vm

from . import charts

# The size x load grid behind "Where each option wins": 1 to 5,000 staff, log-spaced; 0 to 20 projects.
FRONTIER_EMPLOYEES = np.unique(np.round(np.geomspace(1, 5000, 60)))
FRONTIER_PROJECTS = np.arange(0, 21)


def _sc(scenario_json: str) -> vm.Scenario:
    return vm.Scenario.model_validate_json(scenario_json)


@st.cache_data(max_entries=256, show_spinner=False)
def compare(scenario_json: str) -> vm.Comparison:
    return vm.compare(_sc(scenario_json))


@st.cache_data(max_entries=64, show_spinner=False)
def slider_curve(scenario_json: str, field_name: str):
    return vm.slider_curve(_sc(scenario_json), field_name)


@st.cache_data(max_entries=32, show_spinner=False)
def frontier(scenario_json: str) -> vm.Frontier:
    return vm.frontier(_sc(scenario_json), employees=FRONTIER_EMPLOYEES, projects=FRONTIER_PROJECTS)


@st.cache_data(max_entries=32, show_spinner=False)
def simulate(scenario_json: str, trials: int = 5000, seed: int = 1) -> vm.Simulation:
    return vm.simulate(_sc(scenario_json), trials=trials, seed=seed)


@st.cache_data(max_entries=64, show_spinner=False)
def certainty(scenario_json: str) -> vm.Certainty:
    """How sure the verdict is: from the cached ``compare`` and the cached 5,000-trial
    ``simulate`` the Risk page shows, so its figures are the Risk page's."""
    return vm.certainty(
        _sc(scenario_json),
        comparison=compare(scenario_json),
        simulation=simulate(scenario_json, trials=5000),
    )


@st.cache_data(max_entries=32, show_spinner=False)
def sensitivity(scenario_json: str):
    return vm.sensitivity(_sc(scenario_json))


# ---------------------------------------------------------------------------------- figures
# Each margin chart's slider name (for screen readers) and how its values read in hover text.
SPARK_TEXT = {
    "employees": ("Employees", "{:,.0f} employees"),
    "projects_per_year": ("IT projects a year", "{:g} projects a year"),
    "years": ("Years to compare", "{:.0f} years"),
    "discount_rate": ("Discount rate", ".1%"),
    "downtime_cost_per_hour": ("Downtime cost per hour", lambda v: f"{vm.money(v)} an hour"),
}


@st.cache_data(max_entries=160, show_spinner=False)
def sparkline(
    scenario_json: str, field: str, value: float, log_x: bool = False, relative: bool = False
) -> str:
    """The sidebar's margin chart for one slider, an SVG image for ``st.html`` (see
    ``charts.slider_sparkline``)."""
    label, value_format = SPARK_TEXT[field]
    return charts.slider_sparkline(
        slider_curve(scenario_json, field),
        value,
        log_x=log_x,
        value_format=value_format,
        relative=relative,
        current_winner=compare(scenario_json).recommended,
        label=label,
        as_img=True,
    )


_COMPARISON_CHARTS = {
    "cost_bars": charts.cost_bars,
    "breakdown_stacked": charts.breakdown_stacked,
    "cumulative_lines": charts.cumulative_lines,
    "per_employee_bars": charts.per_employee_bars,
}
COMPARISON_CHART_NAMES = tuple(_COMPARISON_CHARTS)


@st.cache_resource(max_entries=128, show_spinner=False)
def comparison_chart(scenario_json: str, name: str) -> go.Figure:
    """One of the charts drawn from ``compare`` alone: ``cost_bars``, ``breakdown_stacked``,
    ``cumulative_lines`` or ``per_employee_bars``."""
    return _COMPARISON_CHARTS[name](compare(scenario_json))


@st.cache_data(max_entries=128, show_spinner=False)
def bars_html(scenario_json: str, name: str) -> str:
    """A bar chart as HTML for ``st.html`` (``charts.bars``): ``per_employee`` (cost per employee
    per year) or ``breakdown`` (each option's total by cost category)."""
    c = compare(scenario_json)
    if name == "per_employee":
        values = {o.id: o.cost_per_employee_year for o in c.options}
        return charts.option_bars(
            c, values, "Cost per employee per year", "Per employee per year, before discounting."
        )
    if name == "breakdown":
        return charts.breakdown_bars(
            c, f"Total cost over {vm.plural(c.years, 'year')}, before discounting."
        )
    raise KeyError(name)


@st.cache_resource(max_entries=32, show_spinner=False)
def frontier_map(scenario_json: str) -> go.Figure:
    sc = _sc(scenario_json)
    return charts.frontier_map(frontier(scenario_json), sc.employees, sc.projects_per_year)


@st.cache_resource(max_entries=32, show_spinner=False)
def crossover_curves(scenario_json: str, loads: tuple[float, ...]) -> go.Figure:
    sc = _sc(scenario_json)
    return charts.crossover_curves(
        frontier(scenario_json), loads=list(loads), years=sc.years, selected=sc.projects_per_year
    )


@st.cache_resource(max_entries=32, show_spinner=False)
def risk_range_bars(scenario_json: str, trials: int) -> go.Figure:
    sim = simulate(scenario_json, trials=trials)
    return charts.risk_range_bars(sim, years=_sc(scenario_json).years)


@st.cache_resource(max_entries=16, show_spinner=False)
def risk_distributions(scenario_json: str, trials: int) -> go.Figure:
    sim = simulate(scenario_json, trials=trials)
    return charts.risk_distributions(sim, years=_sc(scenario_json).years)


@st.cache_resource(max_entries=32, show_spinner=False)
def tornado(scenario_json: str) -> go.Figure:
    return charts.tornado(sensitivity(scenario_json))
