"""AppTest: the overview's cards never show two different costs as the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import vcio_model as vm
from tests.app.cards import card_values

ROOT = Path(__file__).resolve().parents[2]


def _alike_scenario() -> vm.Scenario:
    """A scenario where two options' NPVs differ but ``money`` writes them alike."""
    for employees in (60, 80, 100, 120, 150, 200, 250, 300, 400):
        for projects in (0, 1, 2, 3, 4, 5, 6, 8):
            sc = vm.Scenario(employees=employees, projects_per_year=projects)
            npvs = sorted(round(o.npv) for o in vm.compare(sc).options)
            texts = [vm.money(v) for v in npvs]
            if len(set(texts)) < len(set(npvs)):
                return sc
    pytest.fail("no scenario with two costs that read alike: widen the sweep")


def test_cards_tell_apart_costs_that_round_alike():
    sc = _alike_scenario()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["employees"] = str(sc.employees)
    at.query_params["projects"] = f"{sc.projects_per_year:g}"
    at.run()
    assert not at.exception
    shown = card_values(at)
    npvs = sorted(round(o.npv) for o in vm.compare(sc).options)
    assert len(shown) == len(npvs)
    assert len(set(shown)) == len(set(npvs)), shown  # as many texts as different amounts
