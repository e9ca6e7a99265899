"""How to read the tool, who it is for, what it leaves out, and how to make your own copy."""

import streamlit as st

import vcio_model as vm
from vcio_app.content import assumptions as av
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
