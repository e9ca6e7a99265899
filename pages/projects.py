"""Projects: the named project list, and what leading them costs under each option."""

import streamlit as st

import vcio_model as vm
from vcio_app import model_calls as calls
from vcio_app.content import projects as pv
from vcio_app.content import tables
from vcio_app.frame import page as ui

sc, c = ui.page_start(
    "IT projects",
    'Name the projects you expect, such as "Move accounting to AWS". They count on top of the '
    "typical yearly load set in the sidebar.",
)
ui.verdict(c, sc)

if st.session_state.get("presentation"):  # for the prospect: no editing controls at all
    ui.section("The projects counted")
    st.markdown(pv.project_load_sentence(sc))
    if sc.projects:
        tables.show(pv.projects_frame(sc), label="Your named projects")
else:
    ui.section("Your named projects")
    pv.project_editor()  # saves its rows in the session and reruns when they change

a = vm.load_assumptions()
base = calls.compare(pv.without_projects(sc).model_dump_json())
ui.section(
    "Leading the projects, year by year",
    "Hours someone spends planning, choosing vendors and coordinating the projects, and what "
    "those hours add to the option's cost (each year's dollars, not discounted). The vCIO's "
    "retainer or the CIO's salary is paid with or without projects, so it is shown apart.",
)
tables.show(pv.leadership_frame(c, base), label="Leading the projects, year by year")
st.caption(
    " ".join(
        filter(None, [
            pv.projects_hours_note(c, a),
            "A CIO's own project hours are part of the salary: the cost shown is a contract "
            "project manager beyond the CIO's capacity, and your manager's time while the seat "
            "is empty. Projects without experienced leadership overrun more often and by more.",
        ])
    )
)  # fmt: skip
if sc.projects:
    ui.section("Who leads your named projects", "Under each option, with the hours each puts in.")
    named = pv.named_projects_frame(c, a, lambda s: calls.compare(s.model_dump_json()))
    tables.show(named, label="Who leads your named projects")
tables.show(pv.leaders_frame(c, a), label="Who leads the projects")
st.caption(
    f"Typical budgets: small {vm.money(a['project_budget_small'])}, medium "
    f"{vm.money(a['project_budget_medium'])}, large {vm.money(a['project_budget_large'])} "
    "(change them on the Assumptions page)."
)
