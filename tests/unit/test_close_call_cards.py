"""The option cards say a close call is a close call, as the verdict does."""

from __future__ import annotations

import vcio_model as vm
from vcio_app.frame import page as ui


def _first(close: bool) -> vm.Comparison:
    for e in (20, 45, 60, 90, 120, 200, 300, 450, 600, 900):
        for n in (0, 1, 2, 3, 6):
            c = vm.compare(vm.Scenario(employees=e, projects_per_year=n))
            if c.close_call == close:
                return c
    raise AssertionError(f"no {'close' if close else 'clear'} verdict in the sweep")


def test_close_call_cards_name_it():
    c = _first(close=True)
    html = ui.cards_html(c)
    assert "Lowest, too close to call" in html and "about the same" in html
    assert "Cheapest" not in html
    # the verdict names the lower option first, as the cards do
    low, high = (vm.in_sentence(c.option(i).name) for i in (c.recommended, c.runner_up))
    assert f"{low} and {high} cost about the same" in c.verdict


def test_clear_verdict_cards_crown_the_cheapest():
    html = ui.cards_html(_first(close=False))
    assert "🏆 Cheapest" in html and "too close to call" not in html
