"""Unit tests for vcio_app.explain: the sentences and tables of the analysis pages."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import vcio_model as vm
from vcio_app.content import explain as ex
from vcio_app.model_calls import FRONTIER_EMPLOYEES

NAMES = {"a": "Break-fix support", "b": "Managed services", "c": "vCIO + managed services"}
KINDS = {"a": ("none", "break_fix"), "b": ("none", "managed"), "c": ("vcio", "managed")}
GRID = FRONTIER_EMPLOYEES


def _frontier(cheapest: list[list[str]], employees=(10, 20, 40, 80), projects=(0, 1, 2)):
    ids = sorted(NAMES)
    shape = (len(projects), len(employees))
    return vm.Frontier(
        employees=np.asarray(employees, float),
        projects=np.asarray(projects, float),
        option_ids=ids,
        npv=np.zeros((len(ids), *shape)),
        cheapest=np.asarray(cheapest, dtype=object),
        margin=np.ones(shape),
    )


class TestSmallHelpers:
    def test_in_sentence_keeps_acronyms(self):
        assert vm.in_sentence("Managed services") == "managed services"
        assert vm.in_sentence("vCIO + managed services") == "vCIO + managed services"
        assert vm.in_sentence("MSP minimum monthly fee") == "MSP minimum monthly fee"
        assert vm.in_sentence("IT leadership") == "IT leadership"  # not "it leadership"

    @pytest.mark.parametrize(
        ("n", "text"),
        [(5.4, "5"), (88.0, "88"), (814.2, "810"), (3319, "3,300"), (999.6, "1,000")],
    )
    def test_about_rounds_to_two_significant_figures(self, n, text):
        assert ex.about(n) == text

    @pytest.mark.parametrize(
        ("p", "text"), [(0.0, "never"), (0.003, "under 1%"), (0.726, "73%"), (1.0, "100%")]
    )
    def test_chance(self, p, text):
        assert ex.chance(p) == text


class TestWhereSummary:
    def test_runs_borders_and_the_other_zones(self):
        fr = _frontier([["a", "a", "b", "b"], ["a", "c", "c", "c"], ["c", "c", "c", "c"]])
        take, details = ex.where_summary(fr, 20, 1, "c", NAMES)
        cut = ex.about(math.sqrt(10 * 20))  # border between the 10 and 20 columns
        assert take == (
            "At your size (20 staff) with 1 project a year, vCIO + managed services is the "
            f"cheapest, and stays so above about {cut} staff."
        )
        assert details[0].startswith("**By size**, with 1 project a year: ")
        assert f"break-fix support below about {cut} staff" in details[0]
        assert "vCIO + managed services with 1 or more projects a year" in details[1]
        assert details[1].startswith(
            "**By project load**, at your size: break-fix support with no projects;"
        )
        assert details[2] == (
            "**Elsewhere**, managed services wins above about 28 staff with no projects."
        )

    def test_an_option_that_never_wins_is_named(self):
        fr = _frontier([["a", "a", "a", "a"]] * 3)
        take, details = ex.where_summary(fr, 40, 0, "a", NAMES)
        assert take.endswith("with no IT projects, break-fix support is the cheapest.")
        assert "at every size from 10 to 80 staff" in details[0]
        assert "at any project load from 0 to 2 a year" in details[1]
        assert details[-1] == (
            "**Never the cheapest** on this map: Managed services, vCIO + managed services."
        )

    def test_a_load_off_the_grid_says_which_row_it_used(self):
        fr = _frontier([["a"] * 4, ["b"] * 4, ["c"] * 4])
        _, details = ex.where_summary(fr, 20, 1.4, "b", NAMES)
        assert "with 1 project a year (nearest to your 1.4)" in details[0]

    def test_border_matches_the_models_crossover(self):
        sc = vm.Scenario()
        fr = vm.frontier(sc, employees=GRID, projects=np.arange(21))
        c = vm.compare(sc)
        names = {o.id: o.name for o in c.options}
        take, _ = ex.where_summary(fr, sc.employees, sc.projects_per_year, c.recommended, names)
        x = fr.crossovers()
        row = x[(x["projects_per_year"] == sc.projects_per_year) & (x["before"] == c.recommended)]
        border = ex.about(math.sqrt(row["employees_from"].iloc[0] * row["employees_to"].iloc[0]))
        assert vm.in_sentence(names[c.recommended]) in take
        assert f"{border} staff" in take


def _summary(rows):
    return pd.DataFrame(rows, columns=["option", "name", "p10", "p50", "p90", "mean", "p_cheapest"])


class TestRisk:
    SUMMARY = _summary(
        [
            ("a", NAMES["a"], 1.0e6, 1.3e6, 1.9e6, 1.4e6, 0.10),
            ("b", NAMES["b"], 0.9e6, 1.2e6, 1.5e6, 1.2e6, 0.25),
            ("c", NAMES["c"], 0.9e6, 1.1e6, 1.3e6, 1.1e6, 0.65),
        ]
    )

    def test_takeaway_names_the_most_often_cheapest_and_the_widest(self):
        take, spread = ex.risk_takeaway(self.SUMMARY, 5000, KINDS)
        assert take == (
            "vCIO + managed services is the cheapest in 65% of 5,000 simulated futures "
            "(managed services: 25%)."
        )
        assert spread.startswith("Break-fix support has the widest range, $1.0M to $1.9M, because")
        assert "break-fix" in spread and "without an experienced IT leader" in spread

    def test_a_cio_option_gets_its_own_reason(self):
        s = self.SUMMARY.assign(p90=[1.2e6, 1.3e6, 3.0e6])
        _, spread = ex.risk_takeaway(s, 20_000, {**KINDS, "c": ("cio", "inhouse")})
        assert "salaries" in spread

    def test_table_is_sorted_by_p50_and_formatted(self):
        t = ex.risk_table(self.SUMMARY)
        assert list(t["Option"]) == [NAMES["c"], NAMES["b"], NAMES["a"]]
        assert list(t["Typical (P50)"]) == ["$1.1M", "$1.2M", "$1.3M"]
        assert list(t["How often cheapest"]) == ["65%", "25%", "10%"]


class TestFmtValue:
    @pytest.mark.parametrize(
        ("v", "unit", "text"),
        [
            (300, "USD/hour", "$300 an hour"),
            (75_000, "USD", "$75k"),
            (25, "USD/user/month", "$25 per user a month"),
            (0.2, "fraction of budget", "20% of budget"),
            (0.036, "fraction/yr", "3.6% a year"),
            (0.06, "probability", "6%"),
            (1.3, "x table", "1.3×"),
            (1.4, "x monthly fee", "1.4× the monthly fee"),
            (12, "hours/employee/yr", "12 hours per employee a year"),
            (1, "hours", "1 hour"),
            (4.6, "years", "4.6 years"),
            (1.3, "devices/employee", "1.3 per employee"),
        ],
    )
    def test_units(self, v, unit, text):
        assert ex.fmt_value(v, unit) == text

    def test_every_unit_in_the_data_reads_as_words(self):
        a = vm.load_assumptions()
        for key, item in a.items.items():
            text = ex.fmt_value(item.value, item.unit)
            assert not any(w in text for w in ("USD", "fraction", "/yr", "x table")), (key, text)


def _sens(rows, rec="c"):
    df = pd.DataFrame(
        rows,
        columns=[
            "key",
            "label",
            "unit",
            "value",
            "low",
            "high",
            "swing",
            "winner_low",
            "winner_high",
            "flips",
        ],
    )
    df.attrs.update(recommended=rec, runner_up="a", base_gap=1.0)
    return df


class TestSensitivity:
    ROWS = [
        ("budget", "Budget of a medium project", "USD", 75e3, 30e3, 150e3, 9, "a", "c", True),
        ("rate", "vCIO hourly rate", "USD/hour", 200, 150, 300, 8, "c", "a", True),
        ("scale", "Scale on the CIO salary table", "x table", 1, 0.8, 1.25, 7, "c", "c", False),
    ]

    def test_takeaway_names_the_biggest_flip_at_its_value(self):
        take, details = ex.sensitivity_takeaway(_sens(self.ROWS), NAMES)
        assert take == (
            "If the budget of a medium project were $30k instead of $75k, break-fix support "
            "would be the cheapest, not vCIO + managed services."
        )
        assert details[0].startswith("2 of the 3 assumptions can change the verdict")
        assert details[1] == (
            "If the vCIO hourly rate were $300 an hour instead of $200 an hour, break-fix support "
            "would be the cheapest."
        )

    def test_a_single_flip(self):
        _, details = ex.sensitivity_takeaway(_sens(self.ROWS[1:]), NAMES)
        assert details == [
            "It is the only one of the 2 assumptions that can change the verdict on its own, "
            "within its sourced range (low to high)."
        ]

    def test_no_flip(self):
        take, details = ex.sensitivity_takeaway(_sens(self.ROWS[2:]), NAMES)
        assert take.startswith("No single assumption")
        assert details == ["The ones that move the gap most are scale on the CIO salary table."]

    def test_table_against_the_model(self):
        sens = vm.sensitivity(vm.Scenario())
        names = {o.id: o.short_name for o in vm.load_assumptions().options}
        t = ex.sensitivity_table(sens, names, top=12)
        assert list(t["Assumption"]) == list(sens["label"].head(12))
        assert list(t["Flips the verdict"] == "Yes") == list(sens["flips"].head(12))
        assert list(t["Cheapest at high"]) == [names[w] for w in sens["winner_high"].head(12)]


def test_no_border_is_claimed_for_a_load_off_the_grid():
    fr = _frontier([["a", "a", "b", "b"], ["a", "c", "c", "c"], ["c", "c", "c", "c"]])
    take, _ = ex.where_summary(fr, 20, 0.5, "a", NAMES)
    assert (
        take
        == "At your size (20 staff) with 0.5 projects a year, break-fix support is the cheapest."
    )
