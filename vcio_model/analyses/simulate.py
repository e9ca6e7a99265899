"""``simulate``: Monte Carlo of every option's NPV, vectorised over trials."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..assumptions import Assumptions
from ..engine import option_costs, size_table
from ..scenario import Scenario
from .common import scenario_assumptions


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
    a = scenario_assumptions(scenario, assumptions)
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
