"""Costs: what each option costs, by category, over time and per employee."""

import streamlit as st

import vcio_model as vm
from vcio_app import charts, ui

sc, c = ui.page_start(
    "Costs in detail",
    "Where the money goes under each option: leadership, support, staff time lost to IT problems, "
    "project overruns and downtime.",
)
ui.verdict(c)

st.subheader("What each option's cost is made of")
ui.plot(charts.breakdown_stacked(c), key="costs_breakdown")

st.subheader("Cumulative cost, month by month")
st.caption(
    "One-off fees (search fee, onboarding) are paid at the start; each year's cost is "
    "spread evenly over its months. Markers show where one option overtakes another."
)
ui.plot(charts.cumulative_lines(c), key="costs_cumulative")

st.subheader("Year by year")
table = (
    c.summary_frame()
    .drop(columns=["option"])
    .rename(
        columns={
            "name": "Option",
            "upfront": "At the start",
            "total": "Total",
            "npv": "Today's money (NPV)",
            "per_employee_year": "Per employee a year",
        }
        | {f"year_{i}": f"Year {i}" for i in range(1, sc.years + 1)}
    )
)
money_cols = [col for col in table.columns if col != "Option"]
st.table(table.style.format(vm.money, subset=money_cols), hide_index=True)
st.caption(
    "Figures rounded for reading; hover a chart for exact dollars. Costs grow each year "
    "with wages and MSP prices; NPV discounts them back to today."
)

st.subheader("Per employee, per year")
ui.plot(charts.per_employee_bars(c), key="costs_per_employee")

st.subheader("What the money does not show")
st.table(ui.non_cost_frame(c), hide_index=True, border="horizontal")
