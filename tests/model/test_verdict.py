"""The honest verdict: close calls, how sure, and two amounts that read differently."""

from __future__ import annotations

import json

import numpy as np
import pytest

import vcio_model as vm
from vcio_model.analyses.verdict import is_close_call


def _close_and_clear():
    """One scenario whose two best options are within the close-call margin, one clearly apart."""
    close = clear = None
    for e, n in ((e, n) for n in (0, 1, 3, 8) for e in np.geomspace(10, 3000, 60).round()):
        c = vm.compare(vm.Scenario(employees=int(e), projects_per_year=n))
        gap = c.margin / c.option(c.recommended).npv
        if close is None and gap <= c.close_call_margin:
            close = c
        if clear is None and gap > 2 * c.close_call_margin:
            clear = c
    if close is None or clear is None:  # the sweep must find both, or the tests below say nothing
        pytest.fail("no close call or no clear verdict on the 10 to 3,000 staff sweep")
    return close, clear


class TestCloseCall:
    def test_flag_follows_the_margin(self):
        close, clear = _close_and_clear()
        for c in (close, clear):
            best = c.option(c.recommended).npv
            assert c.close_call == (c.margin <= c.close_call_margin * best)

    def test_close_verdict_says_about_the_same_and_names_both(self):
        close, _ = _close_and_clear()
        assert "about the same" in close.verdict
        for oid in (close.recommended, close.runner_up):
            assert vm.in_sentence(close.option(oid).name) in close.verdict
        assert "less than the runner-up" not in close.verdict

    def test_close_reasons_are_the_non_cost_factors(self):
        close, _ = _close_and_clear()
        a = vm.load_assumptions()
        spec = a.option(close.recommended)
        text = " ".join(close.reasons)
        for attr in ("coverage_hours_week", "single_point_of_failure", "strategic_capacity"):
            assert getattr(spec, attr) in text

    def test_clear_verdict_names_the_saving(self):
        _, clear = _close_and_clear()
        assert not clear.close_call
        assert "less than the runner-up" in clear.verdict

    def test_close_call_in_json_is_a_top_level_boolean(self):
        close, clear = _close_and_clear()
        for c in (close, clear):
            d = json.loads(json.dumps(c.to_dict(), allow_nan=False))
            assert d["close_call"] is c.close_call

    def test_margin_is_a_data_value(self):
        close, _ = _close_and_clear()
        sc = close.scenario.model_copy(update={"assumptions": {"close_call_margin": 0.0}})
        assert not vm.compare(sc).close_call or vm.compare(sc).margin == 0

    def test_vectorised_helper(self):
        best = np.array([100.0, 100.0, 0.0])
        second = np.array([104.0, 104.1, 0.0])
        assert is_close_call(best, second, 0.04).tolist() == [True, False, True]


class TestCertainty:
    def test_same_figures_as_the_risk_simulation(self):
        sc = vm.Scenario(employees=45, projects_per_year=3)
        sim = vm.simulate(sc, trials=800, seed=3)
        cert = vm.certainty(sc, simulation=sim)
        table = sim.summary().set_index("option")["p_cheapest"]
        assert cert.p_cheapest == pytest.approx(table.to_dict())
        assert cert.p_winner == pytest.approx(table[cert.winner])
        assert cert.most_often == table.idxmax()
        assert cert.trials == 800

    def test_winner_is_the_comparisons(self):
        sc = vm.Scenario(employees=300, projects_per_year=4)
        comp = vm.compare(sc)
        cert = vm.certainty(sc, comparison=comp, trials=400)
        assert (cert.winner, cert.runner_up) == (comp.recommended, comp.runner_up)
        assert cert.close_call == comp.close_call

    def test_sentence_says_when_simulation_disagrees(self):
        for e in (60, 90, 120, 150, 200, 260):
            for n in (0, 1, 2, 3):
                sc = vm.Scenario(employees=e, projects_per_year=n)
                cert = vm.certainty(sc, trials=600)
                if cert.close_call:
                    assert cert.sentence.startswith("Too close to call")
                elif not cert.agrees:
                    most = vm.load_assumptions().option(cert.most_often).name
                    assert vm.in_sentence(most) in cert.sentence
                    assert "more of" in cert.sentence
                else:
                    assert vm.chance(cert.p_winner) in cert.sentence

    def test_chance_never_reads_zero_for_something_that_happens(self):
        assert vm.chance(0.0004) == "under 1%"
        assert vm.chance(0.9997) == "over 99%"
        assert vm.chance(0.5) == "50%"


class TestMoneyPair:
    @pytest.mark.parametrize(
        "a,b", [(1_780_000, 1_830_000), (1_800_100, 1_800_900), (45_310, 45_390), (977, 978)]
    )
    def test_different_amounts_read_differently(self, a, b):
        ta, tb = vm.money_pair(a, b)
        assert ta != tb

    def test_rounding_kept_when_already_distinct(self):
        assert vm.money_pair(977_000, 1_500_000) == (vm.money(977_000), vm.money(1_500_000))


class TestProjectLoadWarning:
    def test_a_load_far_above_it_spend_bands_is_flagged_and_a_usual_one_is_not(self):
        tiny = vm.compare(vm.Scenario(employees=5, projects_per_year=3))
        usual = vm.compare(vm.Scenario(employees=45, projects_per_year=3))
        assert len(tiny.warnings) == 1 and "per employee a year" in tiny.warnings[0]
        assert usual.warnings == []

    def test_the_warning_names_the_spend_per_employee(self):
        from vcio_model.analyses.verdict import project_spend_per_employee

        sc = vm.Scenario(employees=5, projects_per_year=3)
        per = project_spend_per_employee(sc, vm.load_assumptions())
        assert per > vm.load_assumptions()["project_spend_warn_per_employee"]
        assert vm.money(per) in vm.compare(sc).warnings[0]

    def test_the_threshold_is_a_data_value(self):
        sc = vm.Scenario(
            employees=45,
            projects_per_year=3,
            assumptions={"project_spend_warn_per_employee": 1000},
        )
        assert vm.compare(sc).warnings

    def test_the_command_line_table_shows_it_under_the_verdict(self, capsys):
        from vcio_model.cli import main

        assert main(["compare", "--employees", "5", "--projects", "3"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[2].startswith("Check the inputs: The projects add up to about")
