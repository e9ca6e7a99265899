"""Saved scenarios (side by side) and the session's rate card: plain functions, no Streamlit."""

from __future__ import annotations

import pandas as pd

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


def compare_saved(saved: dict[str, str]) -> pd.DataFrame:
    """One row per saved scenario: its inputs in brief, the NPV of every option and the winner."""
    rows = []
    for name, text in saved.items():
        sc = Scenario.model_validate_json(text)
        c = vm.compare(sc)
        row = {
            "Scenario": name,
            "Employees": sc.employees,
            "Projects a year": sc.projects_per_year,
            "Named projects": len(sc.projects),
            "Years": sc.years,
        }
        row.update({o.short_name: round(o.npv) for o in c.options})
        row["Cheapest"] = c.option(c.recommended).short_name
        row["Saves vs runner-up"] = round(c.margin)
        rows.append(row)
    return pd.DataFrame(rows)


def saved_side_by_side(df: pd.DataFrame) -> pd.DataFrame:
    """``compare_saved``'s frame turned for reading: one column per saved scenario, one row per
    figure, money written like $1,234,567."""
    money_cols = [c for c in df.columns if c not in ("Scenario", "Employees", "Projects a year",
                                                     "Named projects", "Years", "Cheapest")]  # fmt: skip
    out = df.copy().astype(object)
    for col in money_cols:
        out[col] = [vm.money(float(v), exact=True) for v in df[col]]
    out["Employees"] = [f"{int(v):,}" for v in df["Employees"]]
    out["Projects a year"] = [f"{float(v):g}" for v in df["Projects a year"]]
    for col in ("Named projects", "Years"):
        out[col] = [str(int(v)) for v in df[col]]
    out = out.set_index("Scenario").T
    out.index.name = None
    return out


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
