"""AppTest: presentation mode as a deck (charts drawn, no notes or version line, the presenter's
head-count and project-load controls change the numbers live) and the money convention on the
Costs page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import vcio_model as vm
from tests.app.cards import card_values, html_tables
from vcio_app.frame import presentation as present
from vcio_app.scenario import links as share
from vcio_model.format import money_compared

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = ["pages/overview.py", "pages/costs.py", "pages/where.py", "pages/risk.py",
         "pages/sensitivity.py"]  # fmt: skip


def _deck(page: str = "pages/overview.py", **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in {"employees": "60", "projects": "2", "present": "1", **params}.items():
        at.query_params[k] = v
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value.replace("\\", "") for m in at.main.markdown)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.split("/")[-1])
def test_every_deck_page_draws_its_charts_with_nothing_left_out(page):
    at = _deck(page)
    assert not at.error, [e.value for e in at.error]  # a chart that fails is named in an error
    charts = at.get("plotly_chart")
    bars = [h for h in at.get("html") if "vcio-bars" in h.proto.body]
    assert charts or bars
    # no page intro, no section notes: the deck's first screen holds the headline and the chart
    assert not any(":small[:gray[" in m.value for m in at.main.markdown if m.value.startswith("#"))


def test_the_deck_shows_no_version_line_even_for_an_old_link():
    packed = share.encode_extra(vm.Scenario(employees=60, wage_growth=0.05))
    at = _deck(s=packed, model="0.2.0")  # made with model 0.2.0
    assert not [c for c in at.caption if "model version" in c.value]
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"employees": "60", "s": packed, "model": "0.2.0"})
    at.run()  # the same old link outside the deck does say it, once
    assert len([c for c in at.caption if "model version" in c.value]) == 1


def test_the_presenter_changes_head_count_and_projects_without_leaving_the_deck():
    at = _deck()
    assert at.number_input(key=present.DECK_EMPLOYEES).value == 60
    assert at.number_input(key=present.DECK_PROJECTS).value == 2
    at.number_input(key=present.DECK_EMPLOYEES).set_value(200).run()
    at.number_input(key=present.DECK_PROJECTS).set_value(6).run()
    assert not at.exception
    assert at.session_state["presentation"] is True  # still presenting
    sc = vm.Scenario(employees=200, projects_per_year=6)
    c = vm.compare(sc)
    assert c.verdict in _markdown(at)
    assert card_values(at) == money_compared(sorted(o.npv for o in c.options))
    assert at.query_params["employees"] == ["200"] or at.query_params["employees"] == "200"


def test_the_deck_overview_puts_the_chart_right_after_the_verdict():
    at = _deck()
    order = [e.type for e in at.main if e.type in ("markdown", "plotly_chart", "html")]
    first_chart = order.index("plotly_chart")
    c = vm.compare(vm.Scenario(employees=60, projects_per_year=2))
    texts = [m.value.replace("\\", "") for m in at.main.markdown]
    verdict = next(i for i, t in enumerate(texts) if c.verdict in t)
    # between the verdict and the chart: nothing but the verdict's own element
    md_before_chart = order[:first_chart].count("markdown")
    assert md_before_chart == verdict + 1
    cards = [i for i, e in enumerate(at.main) if e.type == "html" and "vcio-cards" in e.proto.body]
    charts = [i for i, e in enumerate(at.main) if e.type == "plotly_chart"]
    assert cards and charts and charts[0] < cards[0]


def test_costs_compares_in_todays_money_and_labels_the_undiscounted_figures():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"employees": "60", "projects": "2"})
    at.run()
    at.switch_page("pages/costs.py").run()
    c = vm.compare(vm.Scenario(employees=60, projects_per_year=2))
    breakdown = next(h.proto.body for h in at.get("html") if "What each option" in h.proto.body)
    for o, shown in zip(
        sorted(c.options, key=lambda o: o.npv),
        money_compared(sorted(o.npv for o in c.options)),
        strict=True,
    ):
        assert f"{o.short_name}&nbsp; {shown}" in breakdown or f"&nbsp; <b>{shown}</b>" in breakdown
    table = html_tables(at)[0]
    # every undiscounted figure is labelled at the figure: the year columns say "Year", the
    # total says "before discounting"; the total compared is in today's money
    assert "Total, before discounting" in table.columns
    assert "Total in today's money" in table.columns
    per = next(h.proto.body for h in at.get("html") if "Cost per employee per year" in h.proto.body)
    for o in c.options:
        assert vm.money(o.npv / 60 / c.years, exact=True) in per
