"""Share and export: a link, reports, scenario files, saved scenarios, brand and rate card."""

import streamlit as st

from vcio_app.brand import sales
from vcio_app.content import share as share_view
from vcio_app.frame import page as ui

sc, c = ui.page_start(
    "Share and export",
    "Send this scenario, leave a report behind or keep versions of it: every figure in them is "
    "the one on screen.",
)
presenting = bool(st.session_state.get("presentation"))
share_view.link_section(sc)
share_view.reports_section(sc, c)
share_view.scenario_file_section(sc, presenting)
share_view.saved_section(sc, c, presenting)
if sales.sales_view():  # the sales team's view only: never a visitor's page (vcio_app/sales.py)
    share_view.brand_section()
sales.unlock_box()
