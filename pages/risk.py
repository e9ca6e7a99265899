"""Risk: the range of each option's cost over thousands of simulated futures."""

import streamlit as st

import vcio_model as vm
from vcio_app import model_calls as calls
from vcio_app.charts import cached as figures
from vcio_app.content import explain, tables
from vcio_app.frame import page as ui

sc, c = ui.page_start(
    "Risk",
    "Costs are not certain: rates drift, projects overrun, outages and ransomware strike by "
    "chance. Here each option is priced in thousands of possible futures, not just the average one.",
)
precise = st.toggle(
    "More precise (20,000 trials)",
    key="risk_precise",
    help="Runs four times as many simulated futures: steadier figures, a slower page.",
)
trials = 20_000 if precise else 5_000
sim = calls.simulate(sc.model_dump_json(), trials=trials)
summary = sim.summary()
kinds = {o.id: (o.leadership, o.support) for o in c.options}

takeaway, spread = explain.risk_takeaway(summary, trials, kinds)
st.markdown(f"### {takeaway}")
# How sure, from these futures: the model's sentence says so when the futures' most frequent
# winner is not the verdict's.
cert = (
    calls.certainty(sc.model_dump_json())
    if trials == 5_000
    else vm.certainty(sc, comparison=c, simulation=sim)
)
st.markdown(ui.how_sure_text(cert))
st.markdown(
    f"{spread}\n\nEach option was priced in {trials:,} simulated futures, each drawing every "
    "assumption from its low-to-high range. **P50** is the middle outcome: half the futures cost "
    "less. **P90**: in 9 futures out of 10 the cost stays below it. **P10**: only 1 future in 10 "
    "costs less."
)

ui.section(
    "Likely range of each option's cost",
    f"Bar: from P10 to P90, where 8 futures in 10 land. Dot: P50. Cost over {sc.years} years in "
    "today's money (net present value: later dollars count for less).",
)
ui.plot(figures.risk_range_bars(sc.model_dump_json(), trials), key="risk_ranges")

ui.section(
    "The full spread",
    "The taller the shape at a cost, the more futures land there. A long tail to the right means "
    "a few very expensive futures: a project that blows up, or a serious incident.",
)
ui.plot(figures.risk_distributions(sc.model_dump_json(), trials), key="risk_spread")

ui.section(
    "In numbers",
    f"Cost over {sc.years} years in today's money. 'How often cheapest' is the share of the "
    f"{trials:,} futures in which that option costs least.",
)
tables.show(
    explain.risk_table(summary),
    label="Likely range of each option's cost, in numbers",
    numeric=("Good case (P10)", "Typical (P50)", "Bad case (P90)", "How often cheapest"),
)
