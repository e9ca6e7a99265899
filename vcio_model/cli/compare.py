"""The ``compare`` command: every option's cost, the recommendation and why."""

from __future__ import annotations

from ..analyses.compare import compare
from ..engine import CATEGORIES, CATEGORY_LABELS
from ..format import money, plural
from .output import rate_words, render_table, to_csv, to_json
from .registry import Inputs, command


@command("compare", "cost of every option over the horizon, and the recommendation")
def run_compare(inputs: Inputs) -> str:
    sc = inputs.scenario
    c = compare(sc, inputs.assumptions)
    if inputs.format == "json":
        return to_json({**c.to_dict(), "scenario": sc.model_dump(mode="json")})
    if inputs.format == "csv":
        return to_csv(c.summary_frame())
    out = [c.verdict, ""]
    out += [f"Check the inputs: {w}" for w in c.warnings] + ([""] if c.warnings else [])
    if c.reasons:
        out += ["Why:"] + [f"  - {r}" for r in c.reasons] + [""]
    years = [f"Year {i + 1}" for i in range(sc.years)]
    rows = []
    for o in sorted(c.options, key=lambda o: o.npv):
        mark = "* " if o.id == c.recommended else "  "
        rows.append(
            [
                mark + o.name,
                money(o.upfront),
                *map(money, o.yearly_cost),
                money(o.total),
                money(o.npv),
                money(o.cost_per_employee_year),
            ]  # fmt: skip
        )
    out.append(render_table(["  Option", "Upfront", *years, "Total", "NPV", "Per head/yr"], rows))
    out.append(
        f"Cost by category over {plural(sc.years, 'year')} (upfront included, not discounted)"
    )
    rows = []
    for o in sorted(c.options, key=lambda o: o.npv):
        totals = o.category_totals()
        rows.append(["  " + o.name, *(money(totals[k]) for k in CATEGORIES)])
    out.append(render_table(["  Option", *(CATEGORY_LABELS[k] for k in CATEGORIES)], rows))
    out.append(f"* recommended: lowest {rate_words(sc)}. Nominal US dollars; costs are positive.")
    return "\n".join(out) + "\n"
