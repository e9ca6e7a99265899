"""Landing page: the verdict first (the whole sentence on a phone's first screen), a card per
option, the cost chart."""

import streamlit as st

import vcio_model as vm
from vcio_app.charts import cached as figures
from vcio_app.content import tables, words
from vcio_app.frame import page as ui
from vcio_model.format import with_article

sc, c = ui.page_start("What should IT leadership cost you?", "")
st.markdown(f":small[:gray[{words.options_sentence(c)}]]")
ui.verdict(c, sc, reasons=True)
if not st.session_state.get("presentation"):
    st.caption(words.WHERE_INPUTS)
ui.option_cards(c)
ui.section(
    f"Cost of each option over {vm.plural(sc.years, 'year')}",
    "Net present value (NPV): every year's cost added up in today's money at "
    f"{with_article(words.rate(sc.discount_rate))} discount rate, including one-off fees at the "
    "start.",
)
ui.plot(figures.comparison_chart(sc.model_dump_json(), "cost_bars"), key="overview_cost")
ui.section("What the money does not show")
tables.show(ui.non_cost_frame(c), label="What the money does not show")
