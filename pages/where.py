"""Where each option wins: the cheapest option over company size x IT project load."""

import streamlit as st

from vcio_app import model_calls as calls
from vcio_app.charts import cached as figures
from vcio_app.content import explain, words
from vcio_app.frame import page as ui
from vcio_model.format import with_article

sc, c = ui.page_start(
    "Where each option wins",
    "The cheapest option for every company size and IT project load, with your other inputs as "
    "they are. See where the verdict changes and how far you are from that point.",
)
fr = calls.frontier(sc.model_dump_json())
names = {o.id: o.name for o in c.options}
takeaway, details = explain.where_summary(
    fr, sc.employees, sc.projects_per_year, c.recommended, names, named=len(sc.projects)
)
st.markdown(f"### {takeaway}")
ui.how_sure(sc)
st.markdown("\n".join(f"- {line}" for line in details))

ui.section(
    "The map: cheapest option by size and project load",
    "Each square is one company size (across) and one number of IT projects a year (up). Its "
    f"colour is the option that costs least over {sc.years} years in today's money. The star "
    "marks your company.",
)
ui.plot(figures.frontier_map(sc.model_dump_json()), key="where_map")

ui.section(
    "Crossover curves: cost per employee as a company grows",
    "Each line is one option's yearly cost per employee. Where two lines cross (a crossover), "
    "the cheaper option changes. The lowest line at your size is your cheapest option.",
)
loads = [0, 2, 5, 10]  # one panel shows your own project load, in place of the nearest of these
k = min(range(len(loads)), key=lambda i: abs(loads[i] - sc.projects_per_year))
loads[k] = round(sc.projects_per_year)
ui.plot(figures.crossover_curves(sc.model_dump_json(), tuple(loads)), key="where_curves")

st.markdown(
    "### How to read this\n\n"
    "- **Size is on a log scale**: each step to the right multiplies the head count by about the "
    "same factor (10 to 20 staff is as wide as 1,000 to 2,000), so small and large firms both fit."
    "\n- **Today's money** (net present value, NPV): every year's cost added up, with a dollar paid "
    f"later counted for less, at {with_article(words.rate(sc.discount_rate))} discount rate."
    "\n- **Borders are zones, not lines**: near a border two options cost about the same, so "
    "the choice there rests on what money does not show (cover, a single point of failure, "
    "planning). Hover over a square for the gap to the next-best option."
    "\n- The other inputs (project size, years, rates and every assumption) stay as you set them; "
    "change them in the sidebar or on the Assumptions page and the map redraws."
)
