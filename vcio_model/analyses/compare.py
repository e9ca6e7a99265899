"""``compare``: every option's cost over the horizon for one scenario, and the recommendation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy_financial as npf
import pandas as pd

from ..assumptions import Assumptions
from ..engine import CATEGORIES, CATEGORY_LABELS, option_costs
from ..scenario import Scenario
from .common import scenario_assumptions
from .input_checks import input_warnings
from .simulate import simulate
from .verdict import (
    VERDICT_SEED,
    VERDICT_TRIALS,
    WINNER_SHARE,
    Decision,
    cheapest_shares,
    close_reasons,
    decide,
    how_sure_sentence,
    verdict_reasons,
    verdict_sentence,
)


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


@dataclass(frozen=True)
class Verdict:
    """What the verdict rule decided for a comparison, and the sentences that say it."""

    decision: Decision
    sentence: str
    reasons: list[str]
    how_sure: str


@dataclass
class Comparison:
    """Every option for one scenario, the recommendation and its reasons.

    The costs are computed at once. The verdict (``recommended``, ``runner_up``, ``margin``,
    ``close_call``, ``verdict``, ``reasons``, ``how_sure``, ``chance_cheapest``) needs the
    simulation of ``trials`` futures and is computed the first time one of them is read, or
    before the comparison is copied or pickled, so a cached copy carries it.
    """

    scenario: Scenario
    discount_rate: float
    years: int
    options: list[OptionResult]
    warnings: list[str] = field(default_factory=list)  # inputs far outside published bands
    trials: int = VERDICT_TRIALS  # simulated futures behind the verdict
    seed: int = VERDICT_SEED
    assumptions: Assumptions | None = field(default=None, repr=False, compare=False)

    def option(self, option_id: str) -> OptionResult:
        return next(o for o in self.options if o.id == option_id)

    @cached_property
    def decided(self) -> Verdict:
        """The verdict rule applied to this comparison's options and its simulated futures."""
        sim = simulate(self.scenario, self.trials, self.seed, self.assumptions)
        by_id = {o.id: o for o in self.options}
        d = decide({o.id: o.npv for o in self.options}, cheapest_shares(sim.npv), self.trials)
        best, second = by_id[d.recommended], by_id[d.runner_up]
        a = scenario_assumptions(self.scenario, self.assumptions)
        named_on_average = not d.close_call and best.npv <= second.npv
        return Verdict(
            decision=d,
            sentence=verdict_sentence(self.scenario, d, by_id),
            reasons=(
                verdict_reasons(self.scenario, best, second)
                if named_on_average
                else close_reasons(a.option(best.id), a.option(second.id))
            ),
            how_sure=how_sure_sentence(d, by_id),
        )

    def __getstate__(self) -> dict:
        """Decide before a copy is made: every copy (``st.cache_data`` pickles) then has it."""
        return {**self.__dict__, "decided": self.decided, "assumptions": None}

    @property
    def decision(self) -> Decision:
        """The verdict rule's outcome (``verdict.decide``)."""
        return self.decided.decision

    @property
    def recommended(self) -> str:
        """The named winner, or in a close call the lowest NPV at expected values."""
        return self.decided.decision.recommended

    @property
    def runner_up(self) -> str:
        """The option with the next-lowest NPV after ``recommended``."""
        return self.decided.decision.runner_up

    @property
    def margin(self) -> float:
        """Runner-up NPV minus recommended NPV. Below 0 only where the winner is named on the
        futures while the runner-up costs less on average (``verdict.decide``)."""
        return self.option(self.runner_up).npv - self.option(self.recommended).npv

    @property
    def close_call(self) -> bool:
        """No option is the cheapest in half of the simulated futures."""
        return self.decided.decision.close_call

    @property
    def close_call_margin(self) -> float:
        """The share of the simulated futures a winner must be the cheapest in (one half)."""
        return WINNER_SHARE

    @property
    def chance_cheapest(self) -> dict[str, float]:
        """Option id -> share of the simulated futures in which it is the cheapest."""
        return self.decided.decision.shares

    @property
    def futures(self) -> int:
        """How many simulated futures the verdict rests on."""
        return self.trials

    @property
    def verdict(self) -> str:
        """One sentence: the winner and what it saves, or the close call."""
        return self.decided.sentence

    @property
    def reasons(self) -> list[str]:
        """Why the winner wins (cost categories), or what decides a close call (non-cost)."""
        return self.decided.reasons

    @property
    def how_sure(self) -> str:
        """One sentence: how sure the verdict is (``certainty(...).sentence``)."""
        return self.decided.how_sure

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
            "how_sure": self.how_sure,
            "futures": self.futures,
            "chance_cheapest": self.chance_cheapest,
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


def compare(
    scenario: Scenario,
    assumptions: Assumptions | None = None,
    trials: int = VERDICT_TRIALS,
    seed: int = VERDICT_SEED,
) -> Comparison:
    """Cost of every option over the horizon, the recommendation and how sure it is.

    NPV is ``numpy_financial.npv(discount_rate, [upfront] + yearly_cost)`` on positive costs, so the
    lowest NPV is the cheapest option at expected values; with a rate of 0 it equals
    ``upfront + sum(yearly_cost)``. The verdict follows one rule (``verdict.decide``, written out in
    docs/method.md): an option is named only if it is the cheapest in at least half of
    ``simulate(scenario, trials, seed)``'s futures and more often than any other; otherwise the
    verdict is a close call. The defaults are the Risk page's futures.

    Parameters
    ----------
    trials, seed : int
        The simulation behind the verdict (1 to 200,000 trials). Fewer trials are faster and
        coarser; the defaults (5,000, seed 1) are ``simulate``'s and ``certainty``'s.

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
    if not 1 <= trials <= 200_000:
        raise ValueError(f"trials: must be between 1 and 200,000 (got {trials})")
    return Comparison(
        scenario=scenario,
        discount_rate=scenario.discount_rate,
        years=scenario.years,
        options=results,
        warnings=input_warnings(scenario, a),
        trials=trials,
        seed=seed,
        assumptions=assumptions,
    )
