"""The About page's "How these figures compare with published ones": the model's own figures
(``vcio_model.validate``) beside published ranges, one row per benchmark, in plain words."""

from __future__ import annotations

import pandas as pd

from vcio_model.format import money


def _amount(value: float | None, unit: str) -> str:
    """A figure as a person reads it: dollars rounded, shares in percent, staff with one decimal."""
    if value is None:
        return "no option of that kind wins"
    if unit.startswith("USD"):
        return money(value)
    if unit.startswith("fraction"):
        return f"{value:.0%}"
    if unit == "employees":
        return f"{value:,.0f} staff"
    return f"{value:,.1f}"


def validation_frame(rows: list[dict]) -> pd.DataFrame:
    """One line a benchmark: what is measured, at what size, the published range, the model's
    figure, and whether it is inside (or why not: a known gap with its reason)."""
    out = []
    for r in rows:
        unit = str(r.get("unit", ""))
        size = f"{r['employees']:,} staff" if r.get("employees") else "company size"
        low, high = _amount(r["low"], unit), _amount(r["high"], unit)
        verdict = "yes" if r["within"] else f"no: {r['known_gap'] or 'not explained'}"
        out.append(
            {
                "Figure": r["label"],
                "For": size,
                "Published": f"{low} to {high}",
                "The model": _amount(r["model"], unit),
                "Inside the range?": verdict,
                "Source": f"{r['source']} ({r['year']})",
            }
        )
    return pd.DataFrame(out)
