"""Every number behind the model: editable, with its source; then how the model works."""

import streamlit as st

import vcio_model as vm
from vcio_app.content import assumptions as av
from vcio_app.frame import page as ui

sc, c = ui.page_start(
    "Assumptions",
    "Every number the model uses besides the inputs on the left: what it is, its usual range and "
    "where it comes from. Change any value and every page uses it at once.",
)
a = vm.load_assumptions()
n_est = sum(item.estimate for item in a.items.values())
st.markdown(
    f"{len(a.items)} values in {len({i.group for i in a.items.values()})} groups. "
    f"The {n_est} marked :orange-badge[Estimate] are our judgement where no published figure fits "
    "a small or mid-size firm exactly: each says why. Shares and chances are in percent."
)
av.scenario_notes(sc)
av.changes_panel(a)
av.verdict_line(c)
ui.how_sure(sc)

ui.section(
    "The values, group by group",
    "Pick one or more groups to see and change their values. The usual range is what the Risk and "
    "Sensitivity pages try; you may enter anything from 0 to ten times its top.",
)
av.assumption_groups(a)

ui.section(
    "Values that depend on company size",
    f"{vm.plural(av.size_table_count(a), 'value').capitalize()} change with the number of "
    "employees. Between the sizes listed the model draws a "
    "straight line on a logarithmic scale of employees, and keeps the end values beyond the "
    "ends. Each table is multiplied by its scale in the groups above.",
)
av.size_tables(a, sc.employees)

ui.section(
    "How the model works",
    "Each of the six kinds of cost, how it is worked out and with which of the values above.",
)
av.method_doc()
