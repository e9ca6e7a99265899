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

ui.section(
    "What each option's cost is made of",
    f"Over {vm.plural(sc.years, 'year')} in today's money, the totals of the verdict above.",
)
ui.html_chart(lambda: figures.bars_html(sj, "breakdown"), "What each option's cost is made of")

ui.section(
    "Cumulative cost, month by month",
    "One-off fees (search fee, onboarding) are paid at the start; each year's cost is "
    "spread evenly over its months. Markers show where one option overtakes another.",
)
ui.plot(figures.comparison_chart(sj, "cumulative_lines"), key="costs_cumulative")

ui.section(
    "Year by year",
    "Each year's bill in that year's dollars (costs grow with wages and MSP prices); the last "
    "column adds them up in today's money, the figure every page compares. Amounts are rounded "
    "alike within a column, with the digits that keep different amounts apart.",
)
table = tables.year_by_year(c)
tables.show(table, numeric=tuple(table.columns[1:]), label="Year by year")

ui.section("Per employee, per year", "In today's money, as the totals above.")
ui.html_chart(lambda: figures.bars_html(sj, "per_employee"), "Cost per employee per year")

ui.section("What the money does not show")
tables.show(ui.non_cost_frame(c), label="What the money does not show")
