"""Projects: the named project list, and what leading them costs under each option."""

import pandas as pd
import streamlit as st

import vcio_model as vm
from vcio_app import ui

sc, c = ui.page_start(
    "IT projects",
    'Name the projects you expect, such as "Move accounting to AWS". They count on top of the '
    "typical yearly load set in the sidebar.",
)
ui.verdict(c, sc)

ui.section("Your named projects")
if st.session_state.get("presentation"):  # read-only for the prospect
    st.table(ui.md_cells(ui.projects_frame(sc), ("Project",)), hide_index=True)
else:
    rows = ui.project_editor()
    if rows != st.session_state.get("projects", []):
        st.session_state["projects"] = rows
        st.rerun()

ui.section(
    "Leading the projects, by option",
    "Leadership hours: planning, vendor selection and coordination, from whoever runs the "
    "projects. An internal manager without IT experience needs more hours, and projects "
    "without experienced leadership overrun more often and by more.",
)
frame = pd.DataFrame(
    [
        {
            "Option": o.name,
            "Leadership hours": f"{sum(o.leadership_hours):,.0f}",
            "Leadership cost": vm.money(
                sum(o.breakdown["leadership"]) + o.upfront_breakdown["leadership"]
            ),
            "Expected overruns": vm.money(sum(o.expected_overrun)),
        }
        for o in c.options
    ]
)
st.table(frame, hide_index=True)
a = vm.load_assumptions()
st.caption(
    f"Typical budgets: small {vm.money(a['project_budget_small'])}, medium "
    f"{vm.money(a['project_budget_medium'])}, large {vm.money(a['project_budget_large'])} "
    "(change them on the Assumptions page)."
)
