"""Saved scenarios (side by side) and the session's rate card: plain functions, no Streamlit."""

from __future__ import annotations

import vcio_model as vm
from vcio_model import Scenario, ScenarioError


def save_named(saved: dict[str, str], name: str, scenario: Scenario, limit: int = 12) -> str:
    """Store ``scenario`` (as JSON) under a cleaned name in ``saved``; returns the name used."""
    clean = " ".join(str(name).split())[:60]
    if not clean:
        raise ScenarioError(["name: give the scenario a name"])
    if clean not in saved and len(saved) >= limit:
        raise ScenarioError([f"name: at most {limit} saved scenarios; delete one first"])
    saved[clean] = scenario.model_dump_json()
    return clean


def use_rate_card(session: dict, card: dict[str, float]) -> dict[str, float]:
    """Put a rate card's prices into the session's assumption overrides (``session["overrides"]``).

    A price equal to the published default removes any override of that key, so the scenario (and
    its link) stays minimal. Returns the overrides now in force.
    """
    items = vm.load_assumptions().items
    overrides = dict(session.get("overrides") or {})
    for key, value in card.items():
        if value == items[key].value:
            overrides.pop(key, None)
        else:
            overrides[key] = float(value)
    session["overrides"] = overrides
    session["rate_card"] = card
    return overrides
