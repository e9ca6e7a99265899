"""AppTest: "How sure?" under every page's verdict, with the Risk page's own figure, and the close
call said in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import vcio_model as vm
from tests.app.cards import html_tables
from vcio_model.format import chance

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["overview", "costs", "projects", "where", "risk", "sensitivity", "assumptions"]


def _open(page: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _shown(at: AppTest) -> str:
    return "\n".join(m.value.replace("\\", "") for m in at.markdown)  # Markdown escapes off


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_how_sure_with_the_risk_pages_figure(page):
    sc = vm.Scenario(employees=120, projects_per_year=2)
    cert = vm.certainty(sc)
    risk = vm.simulate(sc, trials=5000, seed=1).summary().set_index("option")
    assert cert.p_winner == pytest.approx(risk.at[cert.winner, "p_cheapest"])
    assert chance(cert.p_winner) in cert.sentence  # the sentence carries that figure
    at = _open(page, employees="120", projects="2")
    assert f"**How sure?** {cert.sentence}" in _shown(at)


def test_risk_table_shows_the_same_chance_as_the_how_sure_line():
    sc = vm.Scenario(employees=120, projects_per_year=2)
    cert = vm.certainty(sc)
    at = _open("risk", employees="120", projects="2")
    table = html_tables(at)[-1].set_index("Option")
    winner = vm.compare(sc).option(cert.winner).name
    assert table.at[winner, "How often cheapest"] == chance(cert.p_winner)


def _close_scenario() -> vm.Scenario:
    for employees in (20, 25, 30, 40, 45, 60, 80):
        for projects in (0, 1, 2, 3, 5):
            sc = vm.Scenario(employees=employees, projects_per_year=projects)
            if vm.compare(sc).close_call:
                return sc
    pytest.fail("no close call found in the sweep: widen it")


def test_a_close_call_is_said_in_words_on_the_overview():
    sc = _close_scenario()
    c, cert = vm.compare(sc), vm.certainty(sc)
    assert c.close_call and cert.close_call
    at = _open("overview", employees=str(sc.employees), projects=f"{sc.projects_per_year:g}")
    shown = _shown(at)
    assert c.verdict in shown and "about the same" in c.verdict
    assert f"**How sure?** {cert.sentence}" in shown
