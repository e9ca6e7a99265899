"""AppTest: the entry file and the overview, costs and projects pages, the sidebar and the URL."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import vcio_model as vm
from tests.app.cards import card_values, html_tables, page_title
from vcio_app.content import decide, words
from vcio_app.frame import sidebar
from vcio_model.format import money_compared

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = ["pages/overview.py", "pages/costs.py", "pages/projects.py", "pages/share.py"]


def _app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    return at


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value.replace("\\", "") for m in at.markdown)  # without Markdown escapes


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.split("/")[-1])
def test_page_runs_clean(page):
    at = _app()
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert page_title(at)
    assert not at.warning, [w.value for w in at.warning]
    assert at.main.expander[-1].label == "What the terms mean"  # last, above the footer


def test_overview_verdict_equals_model():
    at = _app()
    at.run()
    expected = vm.compare(vm.Scenario())
    assert expected.verdict in _markdown(at)
    metrics = card_values(at)
    ranked = sorted(expected.options, key=lambda o: o.npv)
    assert metrics == money_compared([o.npv for o in ranked])  # cheapest card first
    assert ranked[0].id == expected.recommended
    assert len(metrics) == len(expected.options)
    # under the verdict: what decides a close call (for this firm), else why the winner wins
    shown = _markdown(at)
    if expected.close_call:
        for line in decide.tie_breakers(expected):
            assert f"- {line.replace(chr(92), '')}" in shown
        assert "**When to choose which**" in shown
    else:
        for reason in expected.reasons:
            assert f"- {reason}" in shown


def test_overview_glossary_is_sent_only_when_opened():
    at = _app()
    at.run()
    assert [e.label for e in at.main.expander] == ["What the terms mean"]
    terms = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    terms = terms.split("### How to read it\n", 1)[1].split("\n### ", 1)[0].strip()
    assert "**MSP** (managed service provider)" in terms  # the section the glossary shows
    assert "**MSP** (managed service provider)" not in _markdown(at)
    at.session_state["glossary_open"] = True
    at.run()
    assert at.main.expander[0].markdown[0].value == terms


def test_overview_puts_the_verdict_and_how_sure_before_what_each_option_is():
    """Phone first: the verdict and "How sure?" come first; the sentence that says what break-fix,
    an MSP, a vCIO and a CIO are follows the cards (a glossary before the verdict pushed "How
    sure?" off a phone's first screen)."""
    at = _app()
    at.run()
    texts = [m.value.replace("\\", "") for m in at.markdown]  # without Markdown escapes
    c = vm.compare(vm.Scenario())
    intro = next(i for i, t in enumerate(texts) if "What running IT costs you" in t)
    verdict = next(i for i, t in enumerate(texts) if c.verdict in t)
    assert texts[0].startswith("# ") and 0 < verdict < intro
    assert "**How sure?**" in texts[verdict]
    for term in (
        "**break-fix** (a technician paid by the hour",
        "an MSP, a managed service provider,",
        "a **vCIO** (a part-time IT leader rented by the hour)",
        "a full-time **CIO** (chief information officer)",
        "in today's money (a dollar paid later counts for less)",
    ):
        assert term in texts[intro], term
    for o in c.options:  # every option the model compares is named there, none left out
        assert o.id in words.OPTION_WORDS or vm.in_sentence(o.name) in texts[intro], o.id


def test_overview_answers_what_the_leadership_costs_a_month():
    at = _app()
    at.run()
    c = vm.compare(vm.Scenario())
    shown = _markdown(at)
    assert "What the IT leadership costs you a month" in shown
    vcio = c.option("managed_vcio")
    retainer = vcio.breakdown["leadership"][0] - vcio.project_leadership_cost[0]
    assert f"the vCIO's retainer, about {vm.money(retainer / 12)}" in shown
    cio = c.option("cio_managed")
    assert f"the CIO's pay, about {vm.money(cio.breakdown['leadership'][0] / 12)}" in shown


def test_url_parameters_prefill_the_scenario():
    at = _app(employees="400", projects="6", size="large", years="7", rate="5", company="Acme")
    at.run()
    assert at.select_slider(key="in_employees").value == 400
    assert at.slider(key="in_projects").value == 6.0
    assert at.slider(key="in_years").value == 7
    sc = vm.Scenario(
        employees=400,
        projects_per_year=6,
        project_size="large",
        years=7,
        discount_rate=0.05,
        company="Acme",
    )
    assert vm.compare(sc).verdict in _markdown(at)


def test_bad_url_parameter_is_reported_and_the_rest_kept():
    at = _app(employees="-5", projects="nan", years="4")
    at.run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "'employees'" in warnings and "1 to 5,000" in warnings
    assert "'projects'" in warnings
    assert at.slider(key="in_years").value == 4  # the good parameter is kept
    assert at.select_slider(key="in_employees").value == vm.Scenario().employees


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [
        ("select_slider", "in_employees", 400),
        ("slider", "in_projects", 10.0),
        ("slider", "in_years", 9),
        ("slider", "shown_in_rate_pct", 15.0),
    ],
)
def test_moving_a_main_widget_changes_the_figures(kind, key, value):
    at = _app()
    at.run()
    if key == "shown_in_rate_pct":  # in "Money settings", drawn only while open
        assert key not in [s.key for s in at.sidebar.slider]
        at.session_state[sidebar.MONEY_KEY] = True
        at.run()
    before = (_markdown(at), card_values(at))
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception
    after = (_markdown(at), card_values(at))
    assert after != before


def test_money_settings_keep_their_values_while_closed():
    """The expander draws its widgets only while open; a value set there stays in use."""
    at = _app(rate="15")
    at.run()
    assert "shown_in_rate_pct" not in [s.key for s in at.sidebar.slider]
    want = vm.compare(vm.Scenario(discount_rate=0.15)).verdict
    assert want in _markdown(at)
    at.session_state[sidebar.MONEY_KEY] = True
    at.run()
    at.slider(key="shown_in_rate_pct").set_value(3.0).run()
    at.number_input(key="shown_in_downtime").set_value(5000.0).run()
    at.session_state[sidebar.MONEY_KEY] = False
    for _ in range(3):  # closed: the widgets are gone, their values are not
        at.run()
        assert "shown_in_rate_pct" not in [s.key for s in at.sidebar.slider]
        assert vm.compare(
            vm.Scenario(discount_rate=0.03, downtime_cost_per_hour=5000)
        ).verdict in _markdown(at)
        assert at.query_params["rate"] == "3"
    at.session_state[sidebar.MONEY_KEY] = True
    at.run()
    assert at.slider(key="shown_in_rate_pct").value == 3.0
    assert at.number_input(key="shown_in_downtime").value == 5000.0


def test_preset_fills_the_sidebar_and_named_projects():
    at = _app()
    at.run()
    at.selectbox(key="in_preset").set_value("manufacturer_erp").run()
    title, preset = vm.load_presets()["manufacturer_erp"]
    assert at.select_slider(key="in_employees").value == preset.employees
    assert vm.compare(preset).verdict in _markdown(at)
    at.switch_page("pages/projects.py").run()
    assert not at.exception
    editor = at.dataframe[0].value
    assert list(editor["name"]) == [p.name for p in preset.projects]
    assert list(editor["budget"]) == [p.budget for p in preset.projects]


def test_costs_table_matches_model():
    at = _app()
    at.run()
    at.switch_page("pages/costs.py").run()
    c = vm.compare(vm.Scenario())
    table = html_tables(at)[0]
    row = table[table["Option"] == c.option("managed").name].iloc[0]
    # each column rounded alike, to three figures (money_compared), as the charts above
    totals = money_compared([o.total for o in c.options])
    npvs = money_compared([o.npv for o in c.options])
    i = [o.id for o in c.options].index("managed")
    assert row["Total, before discounting"] == totals[i]
    assert row["Total in today's money"] == npvs[i]
    assert row["Year 1"] == money_compared([o.yearly_cost[0] for o in c.options])[i]
    assert len(set(npvs)) == len({round(o.npv) for o in c.options})  # what differs reads apart


def test_sidebar_has_a_margin_chart_beside_each_main_slider():
    at = _app()
    at.run()
    at.session_state[sidebar.MONEY_KEY] = True  # the discount rate and downtime are in there
    at.run()
    bodies = [h.proto.body for h in at.sidebar.get("html") if "<img" in h.proto.body]
    assert "how far ahead the cheapest option stays" in bodies[0].split("<img")[0]  # how to read
    imgs = [ET.fromstring("<img" + b.split("<img", 1)[1]) for b in bodies]
    labels = [img.get("alt").split(":")[0] for img in imgs]
    assert labels == [
        "Employees", "IT projects a year", "Years to compare", "Discount rate",
        "Downtime cost per hour",
    ]  # fmt: skip
    rec = vm.compare(vm.Scenario()).option(vm.compare(vm.Scenario()).recommended).name
    years = next(img.get("title") for img in imgs if img.get("alt").startswith("Years to compare:"))
    assert f"You, 5 years: {rec} cheapest by" in years


def test_presentation_mode_shows_projects_read_only():
    at = _app()
    at.run()
    at.selectbox(key="in_preset").set_value("accounting_firm").run()
    at.switch_page("pages/projects.py").run()
    assert at.dataframe, "the editor is there while editing"
    at.toggle(key="presentation").set_value(True).run()
    assert not at.exception
    assert not at.dataframe, "no editing control in presentation mode"
    names = list(html_tables(at)[0]["Project"])
    assert names == [p.name for p in vm.load_presets()["accounting_firm"][1].projects]
