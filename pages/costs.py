"""Costs: what each option costs, by category, over time and per employee."""

import vcio_model as vm
from vcio_app.charts import cached as figures
from vcio_app.content import tables
from vcio_app.frame import page as ui

sc, c = ui.page_start(
    "Costs in detail",
    "Where the money goes under each option: leadership, support, staff time lost to IT problems, "
    "project overruns and downtime. Totals are in today's money (NPV, net present value: a "
    "dollar paid in a later year counts for less).",
)
ui.verdict(c, sc)
sj = sc.model_dump_json()

ui.section("What each option's cost is made of")
ui.html_chart(lambda: figures.bars_html(sj, "breakdown"), "What each option's cost is made of")

ui.section(
    "Cumulative cost, month by month",
    "One-off fees (search fee, onboarding) are paid at the start; each year's cost is "
    "spread evenly over its months. Markers show where one option overtakes another.",
)
ui.plot(figures.comparison_chart(sj, "cumulative_lines"), key="costs_cumulative")

ui.section(
    "Year by year",
    "Figures rounded for reading; hover a chart for exact dollars. Costs grow each year "
    "with wages and MSP prices; NPV discounts them back to today.",
)
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
tables.show(table, formats=dict.fromkeys(money_cols, vm.money), label="Year by year")

ui.section("Per employee, per year")
ui.html_chart(lambda: figures.bars_html(sj, "per_employee"), "Cost per employee per year")

ui.section("What the money does not show")
tables.show(ui.non_cost_frame(c), label="What the money does not show")
