"""Landing page: the verdict first (the whole sentence and "How sure?" on a phone's first
screen), a card per option, what the leadership costs a month, the cost chart; what each option
is comes after, for whoever needs it. On a projector the chart follows the verdict at once."""

import streamlit as st

import vcio_model as vm
from vcio_app.charts import cached as figures
from vcio_app.content import decide, tables, words
from vcio_app.frame import page as ui
from vcio_model.format import with_article

sc, c = ui.page_start("What should IT leadership cost you?", "")
presenting = ui.presenting()
why = decide.tie_breakers(c) or True  # a close call: what decides; else why the winner wins
ui.verdict(c, sc, reasons=False if presenting else why)
if not presenting:
    st.caption(words.WHERE_INPUTS)
    ui.option_cards(c)
if not presenting:  # on a projector the chart's axis says it: the chart follows the verdict
    ui.section(
        f"Cost of each option over {vm.plural(sc.years, 'year')}",
        "Net present value (NPV): every year's cost added up in today's money at "
        f"{with_article(words.rate(sc.discount_rate))} discount rate, including one-off fees at "
        "the start.",
    )
ui.plot(
    figures.comparison_chart(sc.model_dump_json(), "cost_bars", presenting), key="overview_cost"
)
if presenting:  # the deck's first screen holds the verdict and the chart; the rest follows
    ui.verdict_reasons(c, why)
    ui.option_cards(c)
st.markdown(decide.bill_markdown(c))
st.markdown(f":small[:gray[{words.options_sentence(c)}]]")
ui.section("What the money does not show")
tables.show(ui.non_cost_frame(c), label="What the money does not show")
