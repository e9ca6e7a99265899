"""The vectorised cost engine shared by compare, frontier, simulate and sensitivity.

Shapes: every company input and every assumption may be a scalar or an array; they broadcast to a
batch shape ``S`` (a size x load grid, a set of Monte Carlo trials, a set of low/high variants).
Yearly results have shape ``S + (years,)``; upfront results have shape ``S``.

Timing: ``upfront`` is paid at t=0 (search fees, onboarding fees); year ``i`` costs are paid during
year ``i + 1`` and booked at its end. Costs are positive numbers (a cost model, not a cash-flow sign
convention). Wages grow with ``wage_growth``; MSP and consultant prices with ``msp_price_escalation``.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import numpy_financial as npf

from .assumptions import TABLE_SCALES, Assumptions
from .scenario import Scenario

CATEGORIES = ("leadership", "support", "staff_time", "overruns", "downtime")
CATEGORY_LABELS = {
    "leadership": "IT leadership",
    "support": "Support",
    "staff_time": "Staff time lost",
    "overruns": "Project overruns",
    "downtime": "Downtime",
}
HOURS_PER_YEAR = 2080.0


class OptionCosts:
    """One option's costs: ``upfront[cat]`` of shape S and ``yearly[cat]`` of shape S + (years,).

    Each category is kept as a sum of terms, each in its own broadcast shape: on a size x load grid
    most terms depend on one axis only (support on size, overruns on load), so ``npv`` discounts
    every term on its own small shape and forms the grid with a single addition. The full arrays
    ``upfront``, ``yearly`` and ``leadership_hours`` are built on first use.
    """

    def __init__(
        self,
        upfront: dict[str, list],
        yearly: dict[str, list],
        leadership_hours,
        years: int,
    ):
        self.years = years
        self._upfront_terms = {c: [np.asarray(x, float) for x in ts] for c, ts in upfront.items()}
        self._yearly_terms = {
            c: [np.asarray(x, float).reshape(np.shape(x) or (1,)) for x in ts]
            for c, ts in yearly.items()
        }
        self._hours = np.asarray(leadership_hours, float)
        self.batch_shape: tuple[int, ...] = np.broadcast_shapes(
            *(x.shape for ts in self._upfront_terms.values() for x in ts),
            *(x.shape[:-1] for ts in self._yearly_terms.values() for x in ts),
            self._hours.shape[:-1],
        )

    @cached_property
    def upfront(self) -> dict[str, np.ndarray]:
        return {c: _sum_terms(ts, self.batch_shape) for c, ts in self._upfront_terms.items()}

    @cached_property
    def yearly(self) -> dict[str, np.ndarray]:
        shape = (*self.batch_shape, self.years)
        return {c: _sum_terms(ts, shape) for c, ts in self._yearly_terms.items()}

    @cached_property
    def leadership_hours(self) -> np.ndarray:
        """Hours of project leadership bought or spent, S + (years,)."""
        return _sum_terms([self._hours], (*self.batch_shape, self.years))

    def upfront_total(self) -> np.ndarray:
        return sum(self.upfront.values())

    def yearly_total(self) -> np.ndarray:
        return sum(self.yearly.values())

    def npv(self, rate: float, out: np.ndarray | None = None) -> np.ndarray:
        """NPV of [upfront] + yearly costs, as ``numpy_financial.npv`` computes it, shape S.

        ``out``: an array of shape S to write the result into (for a batch shape S only).
        """
        if not self.batch_shape:
            flows = np.concatenate([np.atleast_1d(self.upfront_total()), self.yearly_total()])
            return npf.npv(rate, flows)
        # numpy_financial.npv sums over axis 0 only in 1-D; the same formula on the last axis,
        # applied to each term before the terms are broadcast to the batch shape:
        disc = (1.0 + rate) ** -np.arange(1.0, self.years + 1.0)
        parts = [x for ts in self._upfront_terms.values() for x in ts]
        parts += [
            np.broadcast_to(x, (*x.shape[:-1], self.years)) @ disc
            for ts in self._yearly_terms.values()
            for x in ts
        ]
        return _sum_terms(parts, self.batch_shape, out)


def _sum_terms(
    terms: list[np.ndarray], shape: tuple[int, ...], out: np.ndarray | None = None
) -> np.ndarray:
    """Sum arrays of different broadcast shapes into ``out`` (a new array of ``shape`` if None).

    Terms of the same shape are added first, then the groups from smallest to largest, the last
    addition straight into ``out``: a sum of size-only and load-only terms writes the full grid
    once.
    """
    out = np.empty(shape) if out is None else out
    groups: dict[tuple[int, ...], np.ndarray] = {}
    for x in terms:
        groups[x.shape] = groups[x.shape] + x if x.shape in groups else x
    ordered = sorted(groups.values(), key=np.size)
    if not ordered:
        out[...] = 0.0
    elif len(ordered) == 1:
        out[...] = ordered[0]
    else:
        acc = ordered[0]
        for g in ordered[1:-1]:
            acc = acc + g
        np.add(acc, ordered[-1], out=out)
    return out


def expected_overrun_fraction(p, profile: str):
    """Mean overrun as a fraction of budget for ``profile`` 'unled' or 'led'.

    A mixture: with probability ``black_swan_prob_<profile>`` the project blows up by
    ``black_swan_overrun``; otherwise it overruns by ``overrun_base_<profile>`` on average.
    """
    pbs = p[f"black_swan_prob_{profile}"]
    return (1 - pbs) * p[f"overrun_base_{profile}"] + pbs * p["black_swan_overrun"]


def project_load(sc: Scenario, p, n_proj, years: int):
    """Budget (USD) and leadership hours of the projects in each year, shape S + (years,).

    The typical load (``n_proj`` projects of ``sc.project_size`` every year) plus each named project
    in its start year, with its own budget (or the typical budget for its size).
    """
    n = np.asarray(n_proj, float)[..., None]
    budget = n * _arr(p[f"project_budget_{sc.project_size}"]) + np.zeros(years)
    hours = n * _arr(p[f"leadership_hours_{sc.project_size}"]) + np.zeros(years)
    t = np.arange(years)
    for proj in sc.projects:
        in_year = (t == proj.start_year - 1).astype(float)
        b = proj.budget if proj.budget is not None else p[f"project_budget_{proj.size}"]
        budget = budget + _arr(b) * in_year
        hours = hours + _arr(p[f"leadership_hours_{proj.size}"]) * in_year
    return budget, hours


def _arr(x):
    """Company- or assumption-level value as an array with a trailing year axis of 1."""
    return np.asarray(x, float)[..., None]


def option_costs(
    sc: Scenario,
    a: Assumptions,
    p=None,
    employees=None,
    n_proj=None,
    overrun_draws: dict | None = None,
    shocks: dict | None = None,
) -> dict[str, OptionCosts]:
    """Costs of every option in ``a.options`` for scenario ``sc``.

    Parameters
    ----------
    sc : Scenario
        The company and its project load. ``employees`` and ``n_proj`` replace its values when given
        (arrays allowed, e.g. a grid).
    a : Assumptions
        Defaults and options. ``p`` (a mapping key -> scalar or array) replaces its values when given.
    overrun_draws : dict, optional
        Realised overrun costs (USD) by profile 'unled' / 'led', shape S + (years,), for Monte Carlo.
        Without it, expected overruns are used.
    shocks : dict, optional
        Multipliers of shape S + (years,) for 'downtime_<support>' and 'breakfix_incidents', and
        realised serious-incident counts 'incident_<support>' (replacing their probabilities).
    """
    p = a.values() if p is None else p
    years = sc.years
    E = _arr(sc.employees if employees is None else employees)
    n_proj = sc.projects_per_year if n_proj is None else n_proj
    t = np.arange(years)
    wage_g = sc.wage_growth if sc.wage_growth is not None else p["wage_growth"]
    price_g = (
        sc.msp_price_escalation
        if sc.msp_price_escalation is not None
        else p["msp_price_escalation"]
    )
    w = (1 + _arr(wage_g)) ** t  # wage index, S + (years,)
    m = (1 + _arr(price_g)) ** t  # price index
    shocks = shocks or {}

    def table(name):
        return a.tables[name].at(E) * _arr(p[TABLE_SCALES[name]])

    budget, lead_hours = project_load(sc, p, n_proj, years)
    benefits = _arr(p["benefits_load"])
    mgr_rate = _arr(p["manager_salary"]) * (1 + benefits) / HOURS_PER_YEAR * w
    staff_rate = _arr(p["staff_loaded_hourly_cost"]) * w
    if sc.downtime_cost_per_hour is not None:
        downtime_rate = np.asarray(sc.downtime_cost_per_hour, float) * w
    else:
        revenue = (
            _arr(sc.annual_revenue)
            if sc.annual_revenue is not None
            else E * _arr(p["revenue_per_employee"])
        )
        downtime_rate = revenue / HOURS_PER_YEAR * _arr(p["downtime_productivity_loss"]) * w
    devices = E * (sc.devices_per_employee or _arr(p["devices_per_employee"]))
    sites = (
        _arr(sc.sites) if sc.sites else np.maximum(1, np.ceil(E / _arr(p["employees_per_site"])))
    )

    if overrun_draws is None:
        overrun = {
            prof: budget * _arr(expected_overrun_fraction(p, prof)) for prof in ("unled", "led")
        }
    else:
        overrun = overrun_draws
    # Nothing below is broadcast to the full batch shape: each cost term keeps its own shape (on a
    # size x load grid, size-only or load-only) and OptionCosts combines them.

    # ---- leadership: (upfront terms, yearly cost terms, unled share of each year, hours)
    def leadership(kind):
        if kind == "none":
            hours = lead_hours * _arr(p["inexperience_multiplier"])
            return [], [hours * mgr_rate], 1.0, hours
        if kind == "vcio":
            rate = _arr(p["vcio_hourly_rate"]) * m
            retainer = table("vcio_hours_month") * 12 * rate
            share = _arr(p["vcio_project_share"])
            projects = lead_hours * (share * rate + (1 - share) * mgr_rate)
            return [], [retainer, projects], 0.0, lead_hours
        # full-time CIO
        base = table("cio_base_salary") * w
        bonus = _arr(p["cio_bonus_share"])
        pay = base * (1 + bonus)
        tenure = _arr(p["cio_tenure_years"])
        hire_months = _arr(p["cio_time_to_hire_months"])
        vacancy = np.where(
            t == 0, np.minimum(hire_months, 12) / 12, np.minimum(hire_months / 12 / tenure, 1)
        )
        fee = _arr(p["cio_search_fee"])
        upfront = (fee * pay[..., :1])[..., 0]
        refill_fees = np.where(t == 0, 0.0, fee * pay / tenure)
        salary = pay * (1 + benefits) * (1 - vacancy)
        led_hours = lead_hours * (1 - vacancy)
        capacity = _arr(p["cio_project_capacity_hours"]) * (1 - vacancy)
        contract = np.maximum(0.0, led_hours - capacity) * _arr(p["contract_pm_rate"]) * m
        unled_hours = lead_hours * vacancy * _arr(p["inexperience_multiplier"])
        cost = [salary + refill_fees, contract + unled_hours * mgr_rate]
        return [upfront], cost, vacancy, led_hours + unled_hours

    # ---- support: (upfront terms, yearly cost, downtime hours, staff hours lost per employee)
    def support(kind, leader):
        if kind == "break_fix":
            billed = np.maximum(
                _arr(p["breakfix_hours_per_incident"]), _arr(p["breakfix_min_billing_hours"])
            )
            incidents = (
                devices / _arr(p["devices_per_employee"]) * _arr(p["breakfix_incidents_per_user"])
            )
            incidents = incidents * shocks.get("breakfix_incidents", 1.0)
            premium = 1 + _arr(p["breakfix_afterhours_share"]) * (
                _arr(p["breakfix_afterhours_multiplier"]) - 1
            )
            cost = incidents * billed * _arr(p["breakfix_hourly_rate"]) * premium * m
            cost = cost + E * _arr(p["breakfix_tools_per_user_month"]) * 12 * m
            return (
                [],
                cost,
                _arr(p["downtime_hours_break_fix"]),
                _arr(p["it_hours_lost_break_fix"]),
            )
        if kind == "managed":
            monthly = np.maximum(
                E * table("msp_price_per_user_month"), _arr(p["msp_minimum_monthly"])
            )
            monthly = monthly + sites * _arr(p["msp_site_fee_month"])
            if leader == "cio":
                monthly = monthly * _arr(p["comanaged_price_factor"])
            upfront = (monthly * _arr(p["msp_onboarding_months"]))[..., 0]
            return (
                [upfront],
                monthly * 12 * m,
                _arr(p["downtime_hours_managed"]),
                _arr(p["it_hours_lost_managed"]),
            )
        agents = np.ceil(E / table("helpdesk_users_per_agent") - 1e-9)
        cost = agents * _arr(p["helpdesk_salary"]) * (1 + benefits) * w
        cost = cost + E * _arr(p["inhouse_tools_per_user_month"]) * 12 * m
        return (
            [],
            cost,
            _arr(p["downtime_hours_inhouse"]),
            _arr(p["it_hours_lost_inhouse"]),
        )

    out: dict[str, OptionCosts] = {}
    cache_lead = {}
    for spec in a.options:
        if spec.leadership not in cache_lead:
            cache_lead[spec.leadership] = leadership(spec.leadership)
        up_l, lead_cost, unled, hours = cache_lead[spec.leadership]
        up_s, sup_cost, down_hours, lost = support(spec.support, spec.leadership)
        led_factor = _arr(p["downtime_factor_led"])
        down_factor = unled + (1 - unled) * led_factor
        down_hours = down_hours * down_factor * shocks.get(f"downtime_{spec.support}", 1.0)
        lost_hours = (lost + unled * _arr(p["it_hours_lost_unled"])) * E
        incidents = shocks.get(f"incident_{spec.support}", _arr(p[f"incident_prob_{spec.support}"]))
        incident_cost = incidents * (
            _arr(p["incident_outage_hours"]) * downtime_rate + _arr(p["incident_recovery_cost"]) * m
        )
        out[spec.id] = OptionCosts(
            upfront={"leadership": up_l, "support": up_s},
            yearly={
                "leadership": lead_cost,
                "support": [sup_cost],
                "staff_time": [lost_hours * staff_rate],
                "overruns": [unled * overrun["unled"] + (1 - unled) * overrun["led"]],
                "downtime": [down_hours * downtime_rate + incident_cost],
            },
            leadership_hours=hours,
            years=years,
        )
    return out
