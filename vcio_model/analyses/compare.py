"""``compare``: every option's cost over the horizon for one scenario, and the recommendation."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy_financial as npf
import pandas as pd

from ..assumptions import Assumptions
from ..engine import CATEGORIES, CATEGORY_LABELS, option_costs
from ..scenario import Scenario
from .common import scenario_assumptions
from .verdict import close_reasons, input_warnings, is_close_call, verdict_reasons, verdict_sentence


@dataclass
class OptionResult:
    """One option's costs over the horizon. Money in nominal USD; costs are positive."""

    id: str
    name: str
    short_name: str
    color: str
    leadership: str
    support: str
    upfront: float
    yearly_cost: list[float]
    npv: float
    total: float  # upfront + sum(yearly_cost), undiscounted
    breakdown: dict[str, list[float]]  # category -> per year (upfront not included)
    upfront_breakdown: dict[str, float]
    cost_per_employee_year: float  # total / employees / years
    biggest_driver: str  # category with the largest share of the total
    leadership_hours: list[float]
    expected_overrun: list[float]
    project_leadership_cost: list[float] = field(default_factory=list)  # per year, USD: what
    # leading the projects adds (vCIO project hours, contract PMs, a manager's time), apart from
    # the retainer or salary paid anyway

    def category_totals(self) -> dict[str, float]:
        """Upfront plus every year, by category."""
        return {c: self.upfront_breakdown.get(c, 0.0) + sum(v) for c, v in self.breakdown.items()}

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "upfront": self.upfront,
            "yearly_cost": self.yearly_cost,
            "npv": self.npv,
            "total": self.total,
            "cost_per_employee_year": self.cost_per_employee_year,
            "breakdown": {
                c: {"upfront": self.upfront_breakdown.get(c, 0.0), "yearly": v}
                for c, v in self.breakdown.items()
            },
        }


@dataclass
class Comparison:
    """Every option for one scenario, the recommendation and its reasons."""

    scenario: Scenario
    discount_rate: float
    years: int
    options: list[OptionResult]
    recommended: str
    runner_up: str
    margin: float  # runner-up NPV minus winner NPV
    verdict: str  # one sentence
    reasons: list[str] = field(default_factory=list)
    close_call: bool = False  # runner-up within ``close_call_margin`` of the winner's NPV
    close_call_margin: float = 0.0  # fraction of the winner's NPV (data/assumptions.csv)
    warnings: list[str] = field(default_factory=list)  # inputs far outside published bands

    def option(self, option_id: str) -> OptionResult:
        return next(o for o in self.options if o.id == option_id)

    def to_dict(self) -> dict:
        return {
            "model_version": __import__("vcio_model").__version__,
            "discount_rate": self.discount_rate,
            "years": self.years,
            "recommended": self.recommended,
            "runner_up": self.runner_up,
            "margin": self.margin,
            "close_call": self.close_call,
            "close_call_margin": self.close_call_margin,
            "verdict": self.verdict,
            "warnings": self.warnings,
            "reasons": self.reasons,
            "options": [o.to_dict() for o in self.options],
        }

    def summary_frame(self) -> pd.DataFrame:
        """One row per option: upfront, each year, total, NPV, per employee per year."""
        rows = []
        for o in self.options:
            row = {"option": o.id, "name": o.name, "upfront": o.upfront}
            row.update({f"year_{i + 1}": v for i, v in enumerate(o.yearly_cost)})
            row.update(
                {"total": o.total, "npv": o.npv, "per_employee_year": o.cost_per_employee_year}
            )
            rows.append(row)
        return pd.DataFrame(rows)

    def breakdown_frame(self) -> pd.DataFrame:
        """Long format: option, category, year (0 = upfront), cost."""
        rows = []
        for o in self.options:
            for c in CATEGORIES:
                rows.append(
                    {
                        "option": o.id,
                        "name": o.name,
                        "category": c,
                        "category_label": CATEGORY_LABELS[c],
                        "year": 0,
                        "cost": o.upfront_breakdown.get(c, 0.0),
                    }
                )
                for i, v in enumerate(o.breakdown[c]):
                    rows.append(
                        {
                            "option": o.id,
                            "name": o.name,
                            "category": c,
                            "category_label": CATEGORY_LABELS[c],
                            "year": i + 1,
                            "cost": v,
                        }
                    )
        return pd.DataFrame(rows)

    def monthly_cumulative(self) -> pd.DataFrame:
        """Cumulative cost by month (month 0 = upfront), each year's cost spread evenly."""
        frames = []
        for o in self.options:
            monthly = np.repeat(np.asarray(o.yearly_cost) / 12, 12)
            cum = o.upfront + np.concatenate([[0.0], np.cumsum(monthly)])
            frames.append(
                pd.DataFrame(
                    {
                        "option": o.id,
                        "name": o.name,
                        "month": np.arange(len(cum)),
                        "cumulative": cum,
                    }
                )
            )
        return pd.concat(frames, ignore_index=True)


def compare(scenario: Scenario, assumptions: Assumptions | None = None) -> Comparison:
    """Cost of every option over the horizon, and the recommended (lowest-NPV) option.

    NPV is ``numpy_financial.npv(discount_rate, [upfront] + yearly_cost)`` on positive costs, so the
    lowest NPV is the cheapest option; with a rate of 0 it equals ``upfront + sum(yearly_cost)``.

    Examples
    --------
    >>> c = compare(Scenario(employees=45, projects_per_year=3))
    >>> c.recommended
    'managed_vcio'
    >>> o = c.option("managed")
    >>> bool(abs(o.npv - npf.npv(0.08, [o.upfront] + o.yearly_cost)) < 1e-6)
    True
    """
    a = scenario_assumptions(scenario, assumptions)
    costs = option_costs(scenario, a)
    results = []
    for spec in a.options:
        oc = costs[spec.id]
        yearly = [float(x) for x in oc.yearly_total()]
        upfront = float(oc.upfront_total())
        breakdown = {c: [float(x) for x in oc.yearly[c]] for c in CATEGORIES}
        up_break = {c: float(oc.upfront.get(c, 0.0)) for c in CATEGORIES}
        total = upfront + sum(yearly)
        cat_tot = {c: up_break[c] + sum(breakdown[c]) for c in CATEGORIES}
        results.append(
            OptionResult(
                id=spec.id,
                name=spec.name,
                short_name=spec.short_name,
                color=spec.color,
                leadership=spec.leadership,
                support=spec.support,
                upfront=upfront,
                yearly_cost=yearly,
                npv=float(npf.npv(scenario.discount_rate, [upfront] + yearly)),
                total=total,
                breakdown=breakdown,
                upfront_breakdown=up_break,
                cost_per_employee_year=total / scenario.employees / scenario.years,
                biggest_driver=max(cat_tot, key=cat_tot.get),
                leadership_hours=[float(x) for x in oc.leadership_hours],
                expected_overrun=breakdown["overruns"],
                project_leadership_cost=[float(x) for x in oc.project_cost],
            )
        )
    ranked = sorted(results, key=lambda o: o.npv)
    best, second = ranked[0], ranked[1]
    margin = second.npv - best.npv
    close_margin = float(a["close_call_margin"])
    close = bool(is_close_call(best.npv, second.npv, close_margin))
    return Comparison(
        scenario=scenario,
        discount_rate=scenario.discount_rate,
        years=scenario.years,
        options=results,
        recommended=best.id,
        runner_up=second.id,
        margin=margin,
        verdict=verdict_sentence(scenario, best, second, margin, close),
        reasons=(
            close_reasons(*(s for s in a.options if s.id in (best.id, second.id)))
            if close
            else verdict_reasons(scenario, best, second)
        ),
        close_call=close,
        close_call_margin=close_margin,
        warnings=input_warnings(scenario, a),
    )
