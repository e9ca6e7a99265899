"""How to read the tool, who it is for, what it leaves out, and how to make the figures your own."""

import streamlit as st

import vcio_model as vm
from vcio_app import model_calls as calls
from vcio_app.content import assumptions as av
from vcio_app.content import benchmarks, tables
from vcio_app.frame import page as ui

ui.page_start("About this tool", "What the numbers mean and where they come from.")
sourced, estimated = vm.load_assumptions().source_counts()
st.markdown(
    f"**Model version {vm.__version__}**: the version of the formulas and default "
    "numbers. It changes whenever results change, so two printouts with the same version "
    f"and inputs show the same figures. Of its {sourced + estimated} default values, {sourced} "
    f"are published figures (a survey, a price list or government statistics, with source and "
    f"year) and {estimated} are estimates, each with a line of reasoning and a range that the "
    "Risk and Sensitivity pages test."
)
av.render_doc("about.md")
ui.section("What money does not show, option by option")
av.qualities_table(vm.load_assumptions())
ui.section(
    "How these figures compare with published ones",
    "The model's own figures at several company sizes beside published ranges (surveys, price "
    "lists, salary data): where one falls outside, the reason is given.",
)
rows = calls.validation()
inside = sum(r["within"] for r in rows)
st.markdown(f"**{inside} of {len(rows)}** of the model's figures lie inside the published range.")
if box := ui.lazy_expander("Every figure beside its published range", key="about_validate"):
    with box:
        tables.show(benchmarks.validation_frame(rows), label="The model beside published figures")
