"""Figures kept per scenario: one shared ``plotly`` Figure (``st.cache_resource``) or HTML string
(``st.cache_data``) per scenario and chart.

Building a figure costs more than the model call behind it (Plotly validates every property), and a
user who moves a slider back and forth, or opens another page, asks for the same ones again. A
cached figure must not be changed in place: ``page.plot`` copies it before restyling it for
presentation mode, and ``st.plotly_chart`` only reads it.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

import vcio_model as vm
from vcio_app import charts
from vcio_app import model_calls as calls
from vcio_app.model_calls import scenario_of

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
        calls.slider_curve(scenario_json, field),
        value,
        log_x=log_x,
        value_format=value_format,
        relative=relative,
        current_winner=calls.compare(scenario_json).recommended,
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
    return _COMPARISON_CHARTS[name](calls.compare(scenario_json))


@st.cache_data(max_entries=128, show_spinner=False)
def bars_html(scenario_json: str, name: str) -> str:
    """A bar chart as HTML for ``st.html`` (``charts.bars``): ``per_employee`` (cost per employee
    per year) or ``breakdown`` (each option's total by cost category)."""
    c = calls.compare(scenario_json)
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
    sc = scenario_of(scenario_json)
    return charts.frontier_map(calls.frontier(scenario_json), sc.employees, sc.projects_per_year)


@st.cache_resource(max_entries=32, show_spinner=False)
def crossover_curves(scenario_json: str, loads: tuple[float, ...]) -> go.Figure:
    sc = scenario_of(scenario_json)
    return charts.crossover_curves(
        calls.frontier(scenario_json),
        loads=list(loads),
        years=sc.years,
        selected=sc.projects_per_year,
    )


@st.cache_resource(max_entries=32, show_spinner=False)
def risk_range_bars(scenario_json: str, trials: int) -> go.Figure:
    sim = calls.simulate(scenario_json, trials=trials)
    return charts.risk_range_bars(sim, years=scenario_of(scenario_json).years)


@st.cache_resource(max_entries=16, show_spinner=False)
def risk_distributions(scenario_json: str, trials: int) -> go.Figure:
    sim = calls.simulate(scenario_json, trials=trials)
    return charts.risk_distributions(sim, years=scenario_of(scenario_json).years)


@st.cache_resource(max_entries=32, show_spinner=False)
def tornado(scenario_json: str) -> go.Figure:
    return charts.tornado(calls.sensitivity(scenario_json))
