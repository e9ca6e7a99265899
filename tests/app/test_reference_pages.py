"""AppTest: the Assumptions and About pages, run through the real entry file (app.py).

Edits go through the widgets (found by key ``asm_<assumption key>``) and are checked where they
matter: on the Overview, against ``vcio_model.compare`` with the same overrides.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import vcio_model as vm
from tests.app.cards import card_values, page_title, section_titles
from vcio_app.content import assumption_values as values
from vcio_app.content import assumptions as av
from vcio_model.format import money_compared

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
ROWS = list(
    csv.DictReader((ROOT / "data" / "assumptions.csv").read_text(encoding="utf-8").splitlines())
)
LABELS = {r["key"]: r["label"] for r in ROWS}


GROUPS = {r["key"]: r["group"] for r in ROWS}


def _page(page: str = "pages/assumptions.py", open_all: bool = True) -> AppTest:
    """The page, with every group of assumptions opened (closed groups draw no rows)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    if open_all and page.endswith("assumptions.py"):
        at.session_state[av.GROUPS_COPY] = sorted(set(GROUPS.values()))
        at.session_state[av.SIZE_TABLES_KEY] = True
        at.run()
        assert not at.exception, at.exception
    return at


def _text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption]).replace(
        "\\", ""
    )


def _edit(at: AppTest, key: str, shown: float) -> AppTest:
    return at.number_input(key=av.PREFIX + key).set_value(shown).run()


def _overview_verdict(at: AppTest) -> tuple[str, list[str]]:
    at.switch_page("pages/overview.py").run()
    assert not at.exception, at.exception
    return _text(at), card_values(at)


def _expected(overrides: dict[str, float]) -> tuple[str, list[str]]:
    c = vm.compare(vm.Scenario(assumptions=overrides))
    return c.verdict, sorted(money_compared([o.npv for o in c.options]))


# ------------------------------------------------------------------------------ the page itself
def test_assumptions_page_shows_every_assumption_with_an_input():
    at = _page()
    assert page_title(at) == "Assumptions"
    assert not at.error and not at.warning
    text = _text(at)
    for key, label in LABELS.items():
        assert label in text, f"{key}: label {label!r} not on the page"
        assert at.number_input(key=av.PREFIX + key).label == label
    assert "How the model works" in section_titles(at)
    assert "All values are at their defaults" in text


def test_the_method_is_sent_only_when_opened():
    method = (ROOT / "docs" / "method.md").read_text(encoding="utf-8")
    line = next(ln for ln in method.split("\n## ")[3].splitlines() if len(ln) > 40)
    at = _page(open_all=False)
    assert line.replace("\\", "") not in _text(at), "the closed method's text was sent"
    assert any(e.label.startswith("The method, with its formulas") for e in at.expander)
    at.session_state[av.METHOD_KEY] = True
    at.run()
    assert not at.exception, at.exception
    assert line.replace("\\", "") in _text(at)


def test_groups_are_closed_at_first_and_draw_their_rows_only_when_opened():
    at = _page(open_all=False)
    assert not [n for n in at.number_input if n.key.startswith(av.PREFIX)]
    buttons = next(b for b in at.get("button_group") if b.key == av.GROUPS_KEY)
    titles = [t.rsplit(" (", 1)[0] for t in buttons.options]
    assert {av.GROUP_TITLES[g] for g in GROUPS.values()} <= set(titles)
    group = GROUPS["vcio_hourly_rate"]
    at.session_state[av.GROUPS_COPY] = [group]
    at.run()
    shown = {n.key.removeprefix(av.PREFIX) for n in at.number_input if n.key.startswith(av.PREFIX)}
    assert shown == {k for k, g in GROUPS.items() if g == group}
    # an edit keeps its group open (the expander's label, part of its identity, does not change)
    _edit(at, "vcio_hourly_rate", 400.0)
    assert at.number_input(key="asm_vcio_hourly_rate").value == 400.0
    # a rejected edit opens its group again, so the message is seen beside the value
    _edit(at, "vcio_hourly_rate", -1.0)
    at.session_state[av.GROUPS_COPY] = []
    at.run()
    assert at.number_input(key="asm_vcio_hourly_rate").value == -1.0
    assert any(LABELS["vcio_hourly_rate"] in e.value for e in at.error)


def test_shares_are_shown_in_percent_and_money_in_dollars():
    at = _page()
    assert at.number_input(key="asm_wage_growth").value == pytest.approx(3.6)
    assert at.number_input(key="asm_black_swan_prob_led").value == pytest.approx(6.0)
    assert at.number_input(key="asm_vcio_hourly_rate").value == 200.0


def test_size_tables_are_shown_with_sources():
    closed = _text(_page(open_all=False))
    assert "BLS OEWS 11-3021" not in closed, "the closed tables were sent"
    at = _page()
    text = _text(at)
    tables = vm.load_assumptions().tables  # model 3: the MSP price table left the model
    for name, title in av.TABLE_TITLES.items():
        assert (title in text) == (name in tables), title
    assert "BLS OEWS 11-3021" in text and "Freshservice" in text


# ------------------------------------------------------------------------------ editing
def test_edit_reaches_the_overview_numbers():
    at = _page()
    default_verdict, _ = _expected({})
    _edit(at, "vcio_hourly_rate", 400.0)
    _edit(at, "wage_growth", 5.0)  # shown in percent, stored as a fraction
    want = {"vcio_hourly_rate": 400.0, "wage_growth": 0.05}
    assert at.session_state["overrides"] == pytest.approx(want)
    assert "You changed 2 values" in _text(at)
    verdict, npvs = _expected(want)
    assert verdict != default_verdict
    text, metrics = _overview_verdict(at)
    assert verdict in text and default_verdict not in text
    assert sorted(metrics) == npvs


def test_edit_survives_a_trip_to_another_page():
    at = _page()
    _edit(at, "cio_search_fee", 25.0)
    _overview_verdict(at)
    at.switch_page("pages/assumptions.py").run()
    assert at.number_input(key="asm_cio_search_fee").value == pytest.approx(25.0)
    assert at.session_state["overrides"] == pytest.approx({"cio_search_fee": 0.25})


def test_setting_a_value_back_to_its_default_removes_the_override():
    at = _page()
    _edit(at, "helpdesk_salary", 70_000.0)
    assert at.session_state["overrides"] == {"helpdesk_salary": 70_000.0}
    _edit(at, "helpdesk_salary", vm.load_assumptions().items["helpdesk_salary"].value)
    assert at.session_state["overrides"] == {}


@pytest.mark.parametrize(
    ("key", "shown", "allowed"),
    [
        ("vcio_hourly_rate", -10.0, "from $0 to $3,000 an hour"),
        ("vcio_hourly_rate", 3_001.0, "from $0 to $3,000 an hour"),
        ("black_swan_prob_led", 150.0, "from 0% to 100% chance"),
        ("downtime_hours_managed", 500.0, "from 0 to 120 hours a year"),
    ],
    ids=["negative", "above-10x-high", "chance-above-100pct", "hours"],
)
def test_invalid_edit_is_named_and_not_applied_and_other_edits_stay(key, shown, allowed):
    at = _page()
    _edit(at, "wage_growth", 5.0)
    _edit(at, key, shown)
    assert not at.exception
    messages = [e.value.replace("\\$", "$") for e in at.error]  # "$" is escaped in Markdown
    assert any(LABELS[key] in m and allowed in m for m in messages), messages
    assert at.session_state["overrides"] == pytest.approx({"wage_growth": 0.05})
    assert at.number_input(key=av.PREFIX + key).value == shown  # what was typed stays visible
    verdict, _ = _expected({"wage_growth": 0.05})
    text, _ = _overview_verdict(at)
    assert verdict in text


def test_fixing_an_invalid_edit_clears_its_message():
    at = _page()
    _edit(at, "vcio_hourly_rate", -1.0)
    assert at.error
    _edit(at, "vcio_hourly_rate", 250.0)
    assert not at.error
    assert at.session_state["overrides"] == {"vcio_hourly_rate": 250.0}


def test_reset_restores_every_default():
    at = _page()
    _edit(at, "vcio_hourly_rate", 400.0)
    _edit(at, "msp_minimum_monthly", 3_000.0)
    _edit(at, "cio_tenure_years", -2.0)  # a rejected entry is cleared too
    at.button(key=av.RESET_KEY).click().run()
    assert at.session_state["overrides"] == {}
    assert not at.error
    assert at.number_input(key="asm_vcio_hourly_rate").value == 200.0
    default = vm.load_assumptions().items["cio_tenure_years"].value
    assert at.number_input(key="asm_cio_tenure_years").value == pytest.approx(default)
    assert "All values are at their defaults" in _text(at)
    verdict, npvs = _expected({})
    text, metrics = _overview_verdict(at)
    assert verdict in text and sorted(metrics) == npvs


def test_overrides_set_elsewhere_show_in_the_widgets():
    """A preset, a shared scenario file or another page may set overrides: the inputs follow."""
    at = _page()
    at.session_state["overrides"] = {"cio_search_fee": 0.25, "vcio_hourly_rate": 180.0}
    at.run()
    assert at.number_input(key="asm_cio_search_fee").value == pytest.approx(25.0)
    assert at.number_input(key="asm_vcio_hourly_rate").value == 180.0
    text = _text(at)
    assert "You changed 2 values" in text and "default 30%" in text


def test_a_scenario_that_sets_wage_growth_itself_says_so():
    at = _page()
    at.session_state["extra_fields"] = {**at.session_state["extra_fields"], "wage_growth": 0.05}
    at.run()
    assert any("Yearly wage growth" in i.value and "5%" in i.value for i in at.info)


# ------------------------------------------------------------------------------ About
def test_about_page_shows_the_model_version_and_the_terms():
    at = _page("pages/about.py")
    assert not at.error and not at.warning
    text = _text(at)
    assert f"Model version {vm.__version__}" in text
    for term in ("NPV", "P10", "vCIO", "MSP", "Break-fix", "Taxes", "Your own figures"):
        assert term in text, term
    assert "Fork" not in text and "fork" not in text  # a prospect is not told to fork code
    # the terms are a section of the page, so the glossary every other page has is left out
    assert "What the terms mean" not in [e.label for e in at.expander]


# ------------------------------------------------------------------------------ the helpers
def _item(key: str):
    return vm.load_assumptions().items[key]


def test_check_converts_percent_to_fractions():
    assert values.check(_item("wage_growth"), 3.6, 0.036) == (pytest.approx(0.036), None)
    assert values.check(_item("vcio_hourly_rate"), 250, 200.0) == (250.0, None)


@pytest.mark.parametrize("bad", [None, "abc", math.nan, math.inf, -0.5])
def test_check_rejects_what_is_not_an_allowed_number(bad):
    value, message = values.check(_item("manager_salary"), bad, 110_000.0)
    assert value is None
    assert "Salary of the internal manager" in message
    assert "from $0 to $1,400,000 a year" in message
    assert "still uses $110,000" in message


def test_every_unit_reads_as_words():
    for row in ROWS:
        words = values.unit_words(row["unit"])
        assert "USD" not in words and "/" not in words and "fraction" not in words, row["unit"]


def test_about_page_holds_the_model_against_published_figures():
    """The About page says how many of the model's figures lie inside published ranges and, on
    request, lists each one with its source; every row outside carries its reason."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/about.py")
    at.run()
    rows = vm.validate()
    inside = sum(r["within"] for r in rows)
    assert any(f"{inside} of {len(rows)}" in m.value for m in at.markdown)
    at.session_state["about_validate"] = True  # the lazy expander draws its table only open
    at.run()
    (text,) = [h.proto.body for h in at.get("html") if "The model beside published" in h.proto.body]
    assert "Full-time CIO base salary" in text and "no: " in text
    assert text.count("<tr>") == len(rows) + 1
