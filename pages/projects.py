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
ui.verdict(c)

st.subheader("Your named projects")
version = st.session_state.get("projects_version", 0)
if f"projects_base_{version}" not in st.session_state:  # the editor edits against a fixed base
    st.session_state[f"projects_base_{version}"] = pd.DataFrame(
        st.session_state.get("projects", []), columns=["name", "size", "budget", "start_year"]
    )
edited = st.data_editor(
    st.session_state[f"projects_base_{version}"],
    key=f"projects_editor_{version}",
    num_rows="dynamic",
    width="stretch",
    column_config={
        "name": st.column_config.TextColumn("Project", max_chars=80, required=True),
        "size": st.column_config.SelectboxColumn(
            "Size", options=list(vm.PROJECT_SIZES), required=True, default="medium"
        ),
        "budget": st.column_config.NumberColumn(
            "Budget ($, empty = typical)",
            min_value=0,
            max_value=50_000_000,
            step=1000,
            format="$%d",
        ),
        "start_year": st.column_config.NumberColumn(
            "Year", min_value=1, max_value=10, step=1, default=1, required=True
        ),
    },
)
rows = ui.editor_rows(edited)
if rows != st.session_state.get("projects", []):
    st.session_state["projects"] = rows
    st.rerun()

st.subheader("Leading the projects, by option")
st.caption(
    "Leadership hours: planning, vendor selection and coordination, from whoever runs the "
    "projects. An internal manager without IT experience needs more hours, and projects "
    "without experienced leadership overrun more often and by more."
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
