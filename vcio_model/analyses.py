"""The public analyses: compare, frontier, simulate, sensitivity and slider curves.

All of them call the one vectorised engine (``engine.option_costs``); none loops over grid cells or
trials in Python.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy_financial as npf
import pandas as pd

from .assumptions import Assumptions, load_assumptions
from .engine import CATEGORIES, CATEGORY_LABELS, option_costs, project_load, size_table
from .format import chance, in_sentence, money, plural, with_article
from .scenario import Scenario


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


def _assumptions(sc: Scenario, a: Assumptions | None) -> Assumptions:
    a = a or load_assumptions()
    return a.with_overrides(sc.assumptions) if sc.assumptions else a


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
    a = _assumptions(scenario, assumptions)
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
        verdict=_verdict(scenario, best, second, margin, close),
        reasons=(
            _close_reasons(*(s for s in a.options if s.id in (best.id, second.id)))
            if close
            else _reasons(scenario, best, second)
        ),
        close_call=close,
        close_call_margin=close_margin,
        warnings=_warnings(scenario, a),
    )


def project_spend_per_employee(sc: Scenario, a: Assumptions) -> float:
    """Planned project budgets per employee per year (USD), averaged over the horizon."""
    p = a.values()
    scale_b = size_table(a, p, "project_budget_scale", sc.employees)[..., 0]
    scale_h = size_table(a, p, "project_hours_scale", sc.employees)[..., 0]
    budget, _ = project_load(sc, p, sc.projects_per_year, sc.years, scale_b, scale_h)
    return float(np.mean(budget)) / sc.employees


def _warnings(sc: Scenario, a: Assumptions) -> list[str]:
    """Inputs far outside published bands, in words (the verdict still stands, but check them)."""
    out = []
    per = project_spend_per_employee(sc, a)
    limit = a["project_spend_warn_per_employee"]
    if per > limit:
        out.append(
            f"The projects add up to about {money(per)} per employee a year, far above what firms "
            f"spend on new IT projects (about $1,500 to $4,500 per employee a year, from IT "
            f"budgets of 3 to 7% of revenue): check the number and size of the projects."
        )
    return out


def is_close_call(best_npv, second_npv, margin):
    """True where the runner-up's NPV is within ``margin`` (a fraction) of the winner's.

    Works on scalars and arrays alike.

    >>> bool(is_close_call(100.0, 103.0, 0.04)), bool(is_close_call(100.0, 105.0, 0.04))
    (True, False)
    """
    return (np.asarray(second_npv) - np.asarray(best_npv)) <= margin * np.abs(best_npv)


def _load_words(sc: Scenario) -> str:
    """'3 medium projects a year', '1 small project a year plus 1 named project', 'no IT projects'.

    >>> _load_words(Scenario(projects_per_year=0)), _load_words(Scenario(projects_per_year=1))
    ('no IT projects', '1 medium project a year')
    """
    n = sc.projects_per_year
    named = plural(len(sc.projects), "named project") if sc.projects else ""
    if n == 0:
        return named or "no IT projects"
    count = f"{n:g} {sc.project_size} project{'s' if n != 1 else ''} a year"
    return f"{count} plus {named}" if named else count


def _verdict(
    sc: Scenario,
    best: OptionResult,
    second: OptionResult,
    margin: float,
    close: bool = False,
) -> str:
    who = sc.company or with_article(f"{sc.employees:,}-person firm")
    pct = margin / second.npv if second.npv else 0
    if close:
        first, other = best, second  # the lower first, as on the cards
        a_text, b_text = money(first.npv), money(other.npv)
        amounts = f"both about {a_text}" if a_text == b_text else f"{a_text} and {b_text}"
        apart = "less than 1%" if pct < 0.005 else f"{pct:.0%}"
        return (
            f"For {who} with {_load_words(sc)}, {in_sentence(first.name)} and "
            f"{in_sentence(other.name)} cost about the same over {plural(sc.years, 'year')} "
            f"in today's money ({amounts}, {apart} apart, closer than the model can tell): "
            f"what decides between them is not the price."
        )
    return (
        f"For {who} with {_load_words(sc)}, {in_sentence(best.name)} "
        f"costs {money(best.npv)} over {plural(sc.years, 'year')} in today's money, "
        f"{money(margin)} ({pct:.0%}) less than the runner-up, {in_sentence(second.name)}."
    )


def _close_reasons(best, second) -> list[str]:
    """What decides a close call: what money does not show (data/options.csv), side by side."""
    out = []
    for label, attr in (
        ("Hours of cover a week", "coverage_hours_week"),
        ("Single point of failure", "single_point_of_failure"),
        ("Capacity for strategy and projects", "strategic_capacity"),
    ):
        out.append(
            f"{label}: {best.short_name}: {getattr(best, attr)}; "
            f"{second.short_name}: {getattr(second, attr)}."
        )
    return out


def _reasons(sc: Scenario, best: OptionResult, second: OptionResult) -> list[str]:
    """Why the winner wins: the categories where it saves most against the runner-up."""
    b, s = best.category_totals(), second.category_totals()
    diffs = sorted(((s[c] - b[c], c) for c in CATEGORIES), reverse=True)
    out = []
    for d, c in diffs:
        if d > 0 and len(out) < 3:
            out.append(
                f"{CATEGORY_LABELS[c]}: {money(d)} less than {in_sentence(second.short_name)} over "
                f"{plural(sc.years, 'year')}."
            )
    for d, c in diffs[::-1]:
        if d < 0 and len(out) < 4:
            out.append(
                f"It costs {money(-d)} more in {in_sentence(CATEGORY_LABELS[c])}, "
                f"outweighed by the savings above."
            )
            break
    return out


# ---------------------------------------------------------------------------------- frontier
@dataclass
class Frontier:
    """Cheapest option over a grid. Arrays are indexed [projects, employees]."""

    employees: np.ndarray
    projects: np.ndarray
    option_ids: list[str]
    npv: np.ndarray  # [option, projects, employees]
    cheapest: np.ndarray  # option ids, [projects, employees]
    margin: np.ndarray  # runner-up NPV minus cheapest NPV

    def crossovers(self) -> pd.DataFrame:
        """Where the cheapest option changes along the employees axis, for each project load."""
        rows = []
        for i, n in enumerate(self.projects):
            row = self.cheapest[i]
            for j in np.nonzero(row[1:] != row[:-1])[0]:
                rows.append(
                    {
                        "projects_per_year": float(n),
                        "employees_from": float(self.employees[j]),
                        "employees_to": float(self.employees[j + 1]),
                        "before": str(row[j]),
                        "after": str(row[j + 1]),
                    }
                )
        return pd.DataFrame(
            rows, columns=["projects_per_year", "employees_from", "employees_to", "before", "after"]
        )


def frontier(
    scenario: Scenario, employees=None, projects=None, assumptions: Assumptions | None = None
) -> Frontier:
    """NPV of every option over a company size x project load grid, in one vectorised call.

    Parameters
    ----------
    employees, projects : array-like
        Grid values (employees 1 to 5,000; projects per year 0 to 50). Defaults: 40 log-spaced sizes
        from 5 to 5,000 and 0 to 20 projects a year.
    """
    a = _assumptions(scenario, assumptions)
    emp = np.asarray(employees if employees is not None else np.geomspace(5, 5000, 40), float)
    proj = np.asarray(projects if projects is not None else np.arange(0, 21), float)
    costs = option_costs(scenario, a, employees=emp[None, :], n_proj=proj[:, None])
    ids = [s.id for s in a.options]
    npv = np.empty((len(ids), len(proj), len(emp)))
    for k, i in enumerate(ids):
        costs[i].npv(scenario.discount_rate, out=npv[k])
    # The cheapest and the runner-up in one pass over the few options, in place (an argsort
    # along the option axis costs more than the whole engine on a large grid). Ties go to the
    # first option.
    best, best_i = npv[0].copy(), np.zeros(npv.shape[1:], int)
    second, larger = np.full(npv.shape[1:], np.inf), np.empty(npv.shape[1:])
    for k in range(1, len(ids)):
        np.minimum(second, np.maximum(best, npv[k], out=larger), out=second)
        best_i[npv[k] < best] = k
        np.minimum(best, npv[k], out=best)
    return Frontier(
        employees=emp,
        projects=proj,
        option_ids=ids,
        npv=npv,
        cheapest=np.asarray(ids, dtype=object)[best_i],
        margin=second - best,
    )


# ---------------------------------------------------------------------------------- simulate
@dataclass
class Simulation:
    """Monte Carlo NPVs: ``npv[option_id]`` is an array over trials."""

    option_ids: list[str]
    names: dict[str, str]
    npv: dict[str, np.ndarray]
    trials: int
    seed: int

    def summary(self) -> pd.DataFrame:
        """P10, P50, P90, mean and the chance each option is the cheapest."""
        stack = np.stack([self.npv[i] for i in self.option_ids])
        wins = np.bincount(np.argmin(stack, axis=0), minlength=len(self.option_ids)) / self.trials
        rows = []
        for k, i in enumerate(self.option_ids):
            p10, p50, p90 = np.percentile(self.npv[i], [10, 50, 90])
            rows.append(
                {
                    "option": i,
                    "name": self.names[i],
                    "p10": p10,
                    "p50": p50,
                    "p90": p90,
                    "mean": float(self.npv[i].mean()),
                    "p_cheapest": float(wins[k]),
                }
            )
        return pd.DataFrame(rows)

    def samples_frame(self, max_rows: int = 2000) -> pd.DataFrame:
        """Long format (option, name, npv) of at most ``max_rows`` trials per option, for charts."""
        return pd.concat(
            [
                pd.DataFrame({"option": i, "name": self.names[i], "npv": self.npv[i][:max_rows]})
                for i in self.option_ids
            ],
            ignore_index=True,
        )


def _around(rng, low, value, high, size):
    """Draws on [low, high], most likely ``value``, with a mean of exactly ``value``.

    A mix of two triangles that peak at ``value``: (low, value, value) with weight
    q = (high - value) / (high - low) and (value, value, high) with weight 1 - q. A plain
    triangular(low, value, high) has mean (low + value + high) / 3, which for the right-skewed
    ranges of most assumptions is well above ``value``; the simulation would then be centred 10 to
    40% above ``compare``, which costs the same risks at their expected values.
    """
    if high <= low:
        return np.full(size, value)
    q = (high - value) / (high - low)
    left = rng.random(size) < q
    s = np.sqrt(rng.random(size))
    return np.where(left, low + (value - low) * s, high - (high - value) * s)


def _draw_overruns(rng, sc: Scenario, a: Assumptions, p, trials: int, years: int):
    """Realised overrun cost per trial and year for the 'unled' and 'led' profiles.

    The same random numbers drive both profiles (common random numbers), so the difference between
    options reflects leadership, not luck. A project blows up with the profile's black-swan chance;
    its overrun is then drawn from a power law (Pareto) starting at ``black_swan_overrun`` with the
    profile's exponent ``overrun_tail_alpha_<profile>``, cut at ``overrun_cap`` (inverse-transform
    sampling of the truncated Pareto); otherwise it overruns by the base mean x Exp(1). The mean
    of each draw equals ``engine.expected_overrun_fraction``, which ``compare`` uses.
    """
    k_generic = int(math.ceil(sc.projects_per_year))
    weights = np.ones(k_generic)
    if k_generic:
        weights[-1] = sc.projects_per_year - (k_generic - 1)
    scale = size_table(a, p, "project_budget_scale", sc.employees)[..., 0]
    budgets = (
        np.broadcast_to(
            (np.asarray(p[f"project_budget_{sc.project_size}"]) * scale)[:, None, None],
            (trials, years, k_generic),
        )
        * weights
    )
    named = np.zeros((trials, years, len(sc.projects)))
    for j, proj in enumerate(sc.projects):
        b = proj.budget if proj.budget is not None else p[f"project_budget_{proj.size}"] * scale
        named[:, proj.start_year - 1, j] = b
    budgets = np.concatenate([budgets, named], axis=-1)
    u = rng.random(budgets.shape)
    base = rng.exponential(1.0, budgets.shape)
    v = rng.random(budgets.shape)  # the tail's quantile, shared by both profiles
    start = np.asarray(p["black_swan_overrun"])[:, None, None]
    cap = np.maximum(np.asarray(p["overrun_cap"])[:, None, None], start)
    out = {}
    for prof in ("unled", "led"):
        pbs = np.asarray(p[f"black_swan_prob_{prof}"])[:, None, None]
        alpha = np.asarray(p[f"overrun_tail_alpha_{prof}"])[:, None, None]
        # Truncated Pareto on [start, cap]: F(x) = (1 - (start/x)^a) / (1 - (start/cap)^a).
        tail = start * (1 - v * (1 - (start / cap) ** alpha)) ** (-1 / alpha)
        frac = np.where(u < pbs, tail, np.asarray(p[f"overrun_base_{prof}"])[:, None, None] * base)
        out[prof] = (budgets * frac).sum(axis=-1)
    return out


# Uncertain figures that come from the same studies move together in the simulation: when one
# is high, its siblings tend to be high too (rank correlation ``simulation_correlation``).
CORRELATED_GROUPS = (
    ("downtime_hours_break_fix", "downtime_hours_managed", "downtime_hours_inhouse"),
    ("it_hours_lost_break_fix", "it_hours_lost_managed", "it_hours_lost_inhouse"),
    ("incident_prob_break_fix", "incident_prob_managed", "incident_prob_inhouse"),
    ("overrun_base_unled", "overrun_base_led", "black_swan_prob_unled", "black_swan_prob_led"),
    ("helpdesk_salary", "sysadmin_salary", "security_salary", "it_manager_salary",
     "manager_salary", "cio_salary_scale"),
)  # fmt: skip


def _quantiles(rng, keys, rho: float, trials: int) -> dict[str, np.ndarray]:
    """Uniform draws for each key; keys of one group share their group's draw with chance rho."""
    out = {k: rng.random(trials) for k in keys}
    for group in CORRELATED_GROUPS:
        members = [k for k in group if k in out]
        if len(members) < 2:
            continue
        shared = rng.random(trials)
        for k in members:
            out[k] = np.where(rng.random(trials) < rho, shared, out[k])
    return out


def _around(u, low, value, high):
    """Quantile ``u`` of a distribution on [low, high], most likely ``value``, with mean ``value``.

    A mix of two triangles that peak at ``value``: (low, value, value) with weight
    q = (high - value) / (high - low) and (value, value, high) with weight 1 - q. A plain
    triangular(low, value, high) has mean (low + value + high) / 3, which for the right-skewed
    ranges of most assumptions is well above ``value``; the simulation would then be centred 10 to
    40% above ``compare``, which costs the same risks at their expected values. Inverse transform:
    below q the left triangle, above it the right one.
    """
    if high <= low:
        return np.full(np.shape(u), value)
    q = (high - value) / (high - low)
    with np.errstate(divide="ignore", invalid="ignore"):
        left = low + (value - low) * np.sqrt(np.where(q > 0, u / q, 0.0))
        right = high - (high - value) * np.sqrt(np.clip((1 - u) / (1 - q), 0, 1)) if q < 1 else 0.0
    return np.where(u < q, left, right)


def simulate(
    scenario: Scenario, trials: int = 5000, seed: int = 1, assumptions: Assumptions | None = None
) -> Simulation:
    """Monte Carlo of every option's NPV, vectorised over trials and reproducible with ``seed``.

    Each trial draws every assumption between its low and high, peaking at and averaging its
    value (so the mean NPV is close to ``compare``'s, which uses expected values), each
    project's overrun from its leadership profile (with a fat tail), and yearly shocks to downtime
    (spikier under break-fix) and break-fix call volume.
    """
    if not 1 <= trials <= 200_000:
        raise ValueError(f"trials: must be between 1 and 200,000 (got {trials})")
    a = _assumptions(scenario, assumptions)
    rng = np.random.default_rng(seed)
    base = a.values()
    varied = [k for k in base if k not in scenario.assumptions]
    u = _quantiles(rng, varied, float(base["simulation_correlation"]), trials)
    p = {
        k: _around(u[k], min(a.items[k].low, v), v, max(a.items[k].high, v))
        if k in u
        else np.full(trials, v)
        for k, v in base.items()
    }
    years = scenario.years
    overruns = _draw_overruns(rng, scenario, a, p, trials, years)
    shocks = {
        "downtime_break_fix": rng.gamma(2.0, 0.5, (trials, years)),
        "downtime_managed": rng.gamma(4.0, 0.25, (trials, years)),
        "downtime_inhouse": rng.gamma(3.0, 1 / 3, (trials, years)),
        "breakfix_incidents": rng.gamma(4.0, 0.25, (trials, years)),
    }
    shocks["downtime_comanaged"] = shocks["downtime_managed"]  # the MSP monitors either way
    u = rng.random((trials, years))  # one draw drives all three supports (common random numbers)
    for sup in ("break_fix", "managed", "inhouse"):
        shocks[f"incident_{sup}"] = (u < p[f"incident_prob_{sup}"][:, None]).astype(float)
    costs = option_costs(scenario, a, p=p, overrun_draws=overruns, shocks=shocks)
    ids = [s.id for s in a.options]
    return Simulation(
        option_ids=ids,
        names={s.id: s.name for s in a.options},
        npv={i: costs[i].npv(scenario.discount_rate) for i in ids},
        trials=trials,
        seed=seed,
    )


# ---------------------------------------------------------------------------------- certainty
@dataclass
class Certainty:
    """How sure the verdict is: each option's chance of being the cheapest over simulated futures.

    ``winner`` is ``compare``'s recommendation (lowest NPV at expected values); ``most_often`` the
    option cheapest in the most simulated futures. They differ when an option is cheaper in most
    futures but costs more on average (its bad futures are worse).
    """

    winner: str
    runner_up: str
    p_cheapest: dict[str, float]
    p_winner: float
    most_often: str
    agrees: bool
    close_call: bool
    trials: int
    sentence: str

    def to_dict(self) -> dict:
        return {
            "winner": self.winner,
            "p_winner": self.p_winner,
            "most_often": self.most_often,
            "agrees": self.agrees,
            "close_call": self.close_call,
            "trials": self.trials,
            "p_cheapest": self.p_cheapest,
            "sentence": self.sentence,
        }


def certainty(
    scenario: Scenario,
    comparison: Comparison | None = None,
    simulation: Simulation | None = None,
    trials: int = 5000,
    seed: int = 1,
    assumptions: Assumptions | None = None,
) -> Certainty:
    """How sure the verdict is, in numbers and in one plain sentence.

    The chance of being cheapest is the share of ``simulate(scenario, trials, seed)``'s futures in
    which an option has the lowest NPV: the same figure as the Risk page. Pass ``comparison`` and
    ``simulation`` to reuse results already computed for the same scenario.

    Examples
    --------
    >>> c = certainty(Scenario(employees=45, projects_per_year=3), trials=500)
    >>> 0 <= c.p_winner <= 1 and abs(sum(c.p_cheapest.values()) - 1) < 1e-9
    True
    """
    comp = comparison or compare(scenario, assumptions)
    sim = simulation or simulate(scenario, trials=trials, seed=seed, assumptions=assumptions)
    summary = sim.summary().set_index("option")
    p = {i: float(summary.at[i, "p_cheapest"]) for i in sim.option_ids}
    most = max(p, key=p.get)
    win, run = comp.recommended, comp.runner_up
    names = {o.id: in_sentence(o.name) for o in comp.options}
    futures = f"{sim.trials:,} simulated futures"
    if comp.close_call:
        third = f", {names[most]} in {chance(p[most])}" if most not in (win, run) else ""
        sentence = (
            f"Too close to call: {names[win]} is the cheapest in {chance(p[win])} of {futures} "
            f"and {names[run]} in {chance(p[run])}{third}."
        )
    elif most != win:
        sentence = (
            f"Not certain: {names[most]} is the cheapest in more of {futures} "
            f"({chance(p[most])}, against {chance(p[win])} for {names[win]}), but its bad "
            f"futures cost more, so {names[win]} costs less on average."
        )
    else:
        strength = "Fairly sure" if p[win] >= 0.6 else "Not certain"
        if p[win] >= 0.8:
            strength = "Sure"
        sentence = (
            f"{strength}: {names[win]} is the cheapest in {chance(p[win])} of {futures}"
            f" ({names[run]} in {chance(p[run])})."
        )
    return Certainty(
        winner=win,
        runner_up=run,
        p_cheapest=p,
        p_winner=p[win],
        most_often=most,
        agrees=most == win,
        close_call=comp.close_call,
        trials=sim.trials,
        sentence=sentence,
    )


# ---------------------------------------------------------------------------------- sensitivity
def sensitivity(scenario: Scenario, assumptions: Assumptions | None = None) -> pd.DataFrame:
    """Every assumption at its low and its high: the gap between the two best options, and flips.

    The gap is runner-up NPV minus recommended NPV at the base case (positive). For each assumption,
    ``gap_low`` / ``gap_high`` is the same pair's gap with that assumption at its low / high, and
    ``winner_low`` / ``winner_high`` the cheapest option then; ``flips`` is true when either differs
    from the base recommendation. All 2K+1 variants are computed in one vectorised engine call.
    Sorted by ``swing`` = |gap_high - gap_low|, largest first.
    """
    a = _assumptions(scenario, assumptions)
    base = a.values()
    keys = [k for k, it in a.items.items() if it.high > it.low and k not in scenario.assumptions]
    n = 2 * len(keys) + 1
    p = {k: np.full(n, v) for k, v in base.items()}
    for i, k in enumerate(keys):
        p[k][2 * i + 1] = a.items[k].low
        p[k][2 * i + 2] = a.items[k].high
    costs = option_costs(scenario, a, p=p)
    ids = [s.id for s in a.options]
    npv = np.stack([costs[i].npv(scenario.discount_rate) for i in ids])  # [option, variant]
    best_i = int(np.argmin(npv[:, 0]))
    second_i = int(np.argsort(npv[:, 0])[1])
    gap = npv[second_i] - npv[best_i]
    winners = np.asarray(ids, dtype=object)[np.argmin(npv, axis=0)]
    rows = []
    for i, k in enumerate(keys):
        it = a.items[k]
        lo, hi = 2 * i + 1, 2 * i + 2
        rows.append(
            {
                "key": k,
                "label": it.label,
                "unit": it.unit,
                "value": base[k],
                "low": it.low,
                "high": it.high,
                "gap_low": gap[lo],
                "gap_high": gap[hi],
                "swing": abs(gap[hi] - gap[lo]),
                "winner_low": winners[lo],
                "winner_high": winners[hi],
                "flips": bool(winners[lo] != ids[best_i] or winners[hi] != ids[best_i]),
            }
        )
    columns = ["key", "label", "unit", "value", "low", "high", "gap_low", "gap_high", "swing",
               "winner_low", "winner_high", "flips"]  # fmt: skip
    df = pd.DataFrame(rows, columns=columns).sort_values(
        "swing", ascending=False, ignore_index=True
    )
    df.attrs.update(base_gap=float(gap[0]), recommended=ids[best_i], runner_up=ids[second_i])
    return df


# ---------------------------------------------------------------------------------- slider curves
SLIDER_RANGES = {
    "employees": (np.unique(np.round(np.geomspace(5, 5000, 30))), "Employees"),
    "projects_per_year": (np.arange(0, 21, 1.0), "Projects a year"),
    "years": (np.arange(1, 11), "Years"),
    "discount_rate": (np.linspace(0, 0.3, 16), "Discount rate"),
    "downtime_cost_per_hour": (np.geomspace(100, 1_000_000, 25), "Downtime cost per hour"),
}


def slider_curve(
    scenario: Scenario, field_name: str, values=None, assumptions: Assumptions | None = None
) -> pd.DataFrame:
    """How the cheapest option and its margin move across one input's range.

    Returns one row per value: ``value``, ``winner``, ``runner_up``, ``margin`` (runner-up NPV minus
    winner NPV) and ``npv_<option>`` for every option. Each input takes one or two engine calls:
    employees and projects are batch inputs of the engine; no cost depends on the discount rate,
    so every rate discounts the same cash flows; a year's cost does not depend on the horizon, so
    the longest horizon's flows give every shorter one (a named project starting after a horizon
    falls outside it); and the downtime cost per hour enters the costs linearly, so two engine
    calls (at 0 and at the top value) give every value. Each row equals ``compare`` at that
    value (tests/model/test_units.py checks it).
    """
    if field_name not in SLIDER_RANGES:
        raise ValueError(
            f"field_name: must be one of {', '.join(SLIDER_RANGES)} (got {field_name!r})"
        )
    a = _assumptions(scenario, assumptions)
    vals = np.asarray(values if values is not None else SLIDER_RANGES[field_name][0], float)
    ids = [s.id for s in a.options]
    if field_name in ("employees", "projects_per_year"):
        kw = {"employees": vals} if field_name == "employees" else {"n_proj": vals}
        costs = option_costs(scenario, a, **kw)
        npv = np.stack([costs[i].npv(scenario.discount_rate) for i in ids])
    elif field_name == "downtime_cost_per_hour":
        top = float(vals.max()) or 1.0
        ends = []
        for d in (0.0, top):
            c = option_costs(scenario.model_copy(update={field_name: d}), a)
            ends.append(np.array([float(c[i].npv(scenario.discount_rate)) for i in ids]))
        base, at_top = ends
        npv = base[:, None] + (at_top - base)[:, None] * (vals / top)[None, :]
    else:
        if field_name == "years":
            horizons = vals.astype(int)
            sc = scenario.model_copy(update={"years": int(horizons.max())})
            rates = np.full(len(vals), scenario.discount_rate)
        else:
            horizons = np.full(len(vals), scenario.years)
            sc, rates = scenario, vals
        costs = option_costs(sc, a)
        # cash flows at t = 0 (upfront) .. sc.years, one row per option
        flows = np.stack(
            [np.concatenate([[costs[i].upfront_total()], costs[i].yearly_total()]) for i in ids]
        )
        t = np.arange(flows.shape[1])
        disc = (1.0 + rates[:, None]) ** -t[None, :]  # value x time, as numpy_financial.npv
        upto = t[None, :] <= horizons[:, None]  # the years inside each value's horizon
        npv = flows @ (disc * upto).T
    order = np.argsort(npv, axis=0)
    best = np.take_along_axis(npv, order[:1], 0)[0]
    second = np.take_along_axis(npv, order[1:2], 0)[0]
    return pd.DataFrame(
        {
            "value": vals,
            "winner": np.asarray(ids, dtype=object)[order[0]],
            "runner_up": np.asarray(ids, dtype=object)[order[1]],
            "margin": second - best,
        }
        | {f"npv_{i}": npv[k] for k, i in enumerate(ids)}
    )
