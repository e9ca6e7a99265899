"""Landing page: the verdict, a card per option and the cost chart."""

import streamlit as st

from vcio_app import compute, ui

sc, c = ui.page_start(
    "What should IT leadership cost you?",
    "Five ways to run IT, priced over the years for your size and your IT projects: "
    "**break-fix** (call a technician when something breaks, pay by the hour); "
    "**managed services** (an MSP, a managed service provider, runs your help desk, patching "
    "and backups for a monthly fee per user); a **vCIO** (virtual CIO: a senior IT leader "
    "rented by the hour) on top of managed services; or a full-time **CIO** (chief information "
    "officer) with managed services or with your own help desk."
    + (
        ""
        if st.session_state.get("presentation")
        else " Change the inputs on the left; every figure updates."
    ),
)
ui.verdict(c, sc, reasons=True)
ui.option_cards(c)
ui.section(
    "Cost of each option over the horizon",
    "Net present value (NPV): every year's cost added up in today's money at a "
    f"{sc.discount_rate:.1%} discount rate, including one-off fees at the start.",
)
ui.plot(compute.comparison_chart(sc.model_dump_json(), "cost_bars"), key="overview_cost")
ui.section("What the money does not show")
st.table(ui.non_cost_frame(c), hide_index=True, border="horizontal")
