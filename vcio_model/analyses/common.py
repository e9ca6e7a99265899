"""What every analysis starts from: the assumptions a scenario runs on."""

from __future__ import annotations

from ..assumptions import Assumptions, load_assumptions
from ..scenario import Scenario


def scenario_assumptions(sc: Scenario, a: Assumptions | None) -> Assumptions:
    """The assumptions ``a`` (default: data/) with the scenario's own overrides applied."""
    a = a or load_assumptions()
    return a.with_overrides(sc.assumptions) if sc.assumptions else a
