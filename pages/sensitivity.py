"""Sensitivity: which assumptions, moved one at a time across their range, change the verdict."""

import pandas as pd
import streamlit as st

import vcio_model as vm
from vcio_app import model_calls as calls
from vcio_app.charts import cached as figures
from vcio_app.content import explain, tables
from vcio_app.frame import page as ui

sc, c = ui.page_start(
    "Sensitivity",
    "Every number behind the model is an estimate with a sourced low and high value. Here each "
    "one is moved, alone, from its low to its high to see which could change the verdict.",
)
sens = calls.sensitivity(sc.model_dump_json())
names = {o.id: o.name for o in c.options}
rec, run = c.option(c.recommended), c.option(c.runner_up)

takeaway, details = explain.sensitivity_takeaway(sens, names)
st.markdown(f"### {takeaway}")
ui.how_sure(sc)
st.markdown(details[0] + "".join(f"\n- {line}" for line in details[1:]))

ui.section(
    "Which assumptions matter most",
    f"A tornado chart: one row per assumption, the biggest effect on top. The black line is how "
    f"much less {rec.short_name} costs than {run.short_name} today ({vm.money(c.margin)} in "
    "today's money). Each bar shows where that lead goes when the assumption is at its low or its "
    "high value (written at the bar's end). Orange: at that value another option becomes the "
    "cheapest.",
)
ui.plot(figures.tornado(sc.model_dump_json()), key="sens_tornado")

ui.section("The top assumptions at their low and high values")
short = {o.id: o.short_name for o in c.options}
table = explain.sensitivity_table(sens, short, top=12)


def _highlight(row: pd.Series, col: str) -> str:
    """Shade a winner other than today's cheapest option, and mark the 'Yes' of a flip."""
    if col in ("Cheapest at low", "Cheapest at high") and row[col] != rec.short_name:
        return "hl"
    return "flip" if col == "Flips the verdict" and row[col] == "Yes" else ""


tables.show(table, cell_class=_highlight, label="The top assumptions at their low and high values")
if sc.assumptions:
    st.caption("Assumptions you changed on the Assumptions page keep your value and are not moved.")
st.page_link(
    "pages/assumptions.py", label="See every assumption with its source, and change it", icon="📚"
)
