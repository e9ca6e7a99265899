"""Example companies kept as data (data/presets.json), each a valid Scenario."""

from __future__ import annotations

import json
from functools import lru_cache

from .assumptions import DATA_DIR
from .scenario import Scenario, ScenarioError


@lru_cache(maxsize=1)
def _raw() -> tuple[tuple[str, str, str], ...]:
    data = json.loads((DATA_DIR / "presets.json").read_text(encoding="utf-8"))
    return tuple((p["id"], p["title"], json.dumps(p["scenario"])) for p in data["presets"])


def load_presets() -> dict[str, tuple[str, Scenario]]:
    """``{preset_id: (title, Scenario)}`` in file order; a bad preset raises ``ScenarioError``."""
    out = {}
    for pid, title, text in _raw():
        try:
            out[pid] = (title, Scenario.from_json(text, origin=f"presets.json ({pid})"))
        except ScenarioError as e:
            raise ScenarioError([f"presets.json preset {pid}: {e}"]) from None
    return out


@lru_cache(maxsize=1)
def preset_stories() -> dict[str, str]:
    """``{preset_id: story}``: what the example company is and every IT project it counts, in
    words (data/presets.json); "" for a preset without one."""
    data = json.loads((DATA_DIR / "presets.json").read_text(encoding="utf-8"))
    return {p["id"]: str(p.get("story", "")) for p in data["presets"]}
