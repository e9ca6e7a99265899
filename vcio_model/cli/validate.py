"""The ``validate`` command: the model's figures beside published ranges (data/benchmarks.csv)."""

from __future__ import annotations

from ..analyses.common import scenario_assumptions
from ..validate import validate
from .output import render_table, to_json
from .registry import Inputs, command


def _number(x: float | None, unit: str) -> str:
    if x is None:
        return "none"
    if unit.startswith("USD"):
        return f"${x:,.0f}"
    if unit.startswith("fraction"):
        return f"{x:.0%}"
    if unit == "employees":
        return f"{x:,.0f}"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.2f}"


@command(
    "validate",
    "the model's figures beside published ranges: inside or outside each, with its source",
    formats=("table", "json"),
)
def run_validate(inputs: Inputs) -> str:
    rows = validate(scenario_assumptions(inputs.scenario, inputs.assumptions))
    if inputs.format == "json":
        return to_json({"rows": rows})
    table = []
    for r in rows:
        unit = r["unit"]
        table.append(
            [
                r["label"],
                "" if r["employees"] is None else f"{r['employees']:,}",
                f"{_number(r['low'], unit)} to {_number(r['high'], unit)}",
                _number(r["model"], unit),
                "yes" if r["within"] else ("known gap" if r["known_gap"] else "NO"),
            ]
        )
    inside = sum(r["within"] for r in rows)
    out = [
        f"{inside} of {len(rows)} figures inside the published range.",
        "",
        render_table(["Figure", "Staff", "Published", "Model", "Inside"], table, "lrrrl"),
    ]
    gaps = [r for r in rows if not r["within"]]
    for r in gaps:
        size = "" if r["employees"] is None else f" at {r['employees']:,} staff"
        reason = r["known_gap"] or "not a known gap: the model has moved outside this range."
        out.append(f"- {r['label']}{size}: {reason}")
    out.append("Sources: python -m vcio_model validate --format json (source and year per row).")
    return "\n".join(out) + "\n"
