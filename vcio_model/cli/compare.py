"""The ``compare`` command: every option's cost, the recommendation and why."""

from __future__ import annotations

from ..analyses.compare import compare
from ..engine import CATEGORIES, CATEGORY_LABELS
from ..format import chance, money, plural
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
    out = [c.verdict, f"How sure? {c.how_sure}", ""]
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
                chance(c.chance_cheapest[o.id]),
            ]  # fmt: skip
        )
    out.append(render_table(["  Option", "Upfront", *years, "Total", "NPV", "Per head/yr",
                             "Cheapest in"], rows))  # fmt: skip
    out.append(
        f"Cost by category over {plural(sc.years, 'year')} (upfront included, not discounted)"
    )
    rows = []
    for o in sorted(c.options, key=lambda o: o.npv):
        totals = o.category_totals()
        rows.append(["  " + o.name, *(money(totals[k]) for k in CATEGORIES)])
    out.append(render_table(["  Option", *(CATEGORY_LABELS[k] for k in CATEGORIES)], rows))
    futures = f"half of {c.futures:,} simulated futures"
    out.append(
        f"* lowest {rate_words(sc)}; too close to call: no option is the cheapest in {futures}."
        if c.close_call
        else f"* recommended: the cheapest in at least {futures} ({rate_words(sc)})."
    )
    out.append(
        f"Cheapest in: the share of the {c.futures:,} simulated futures in which it is the cheapest."
    )
    out.append("Nominal US dollars; costs are positive.")
    return "\n".join(out) + "\n"
