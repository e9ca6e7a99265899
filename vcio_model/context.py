"""What every cost component reads: the company, its projects, prices and wages over the years.

``Context`` gathers, once per call of ``engine.option_costs``, the inputs the leadership, support
and risk components share (company size, sites, project budgets and hours, wage and price indexes,
hourly rates). Every value keeps its own broadcast shape: on a size x load grid, size-only or
load-only, with a trailing year axis.
"""

from __future__ import annotations

import numpy as np

from .assumptions import TABLE_SCALES, Assumptions
from .risks import expected_overrun_fraction
from .scenario import Scenario

HOURS_PER_YEAR = 2080.0


def _arr(x):
    """Company- or assumption-level value as an array with a trailing year axis of 1."""
    return np.asarray(x, float)[..., None]


def size_table(a: Assumptions, p, name: str, employees):
    """Size table ``name`` read at ``employees`` times the assumption that scales it."""
    return a.tables[name].at(employees) * np.asarray(p[TABLE_SCALES[name]], float)[..., None]


def project_load(sc: Scenario, p, n_proj, years: int, budget_scale=1.0, hours_scale=1.0):
    """Budget (USD) and leadership hours of the projects in each year, shape S + (years,).

    The typical load (``n_proj`` projects of ``sc.project_size`` every year) plus each named project
    in its start year, with its own budget (or the typical budget for its size). Typical budgets
    are those of a 100-person firm times ``budget_scale``; every project's leadership hours are
    scaled by ``hours_scale`` (both from company size, data/size_tables.csv).
    """
    n = np.asarray(n_proj, float)[..., None]
    # Without named projects the load is the same every year: a year axis of 1 (broadcast later).
    budget = n * _arr(p[f"project_budget_{sc.project_size}"]) * budget_scale
    hours = n * _arr(p[f"leadership_hours_{sc.project_size}"]) * hours_scale
    t = np.arange(years)
    for proj in sc.projects:
        in_year = (t == proj.start_year - 1).astype(float)
        b = (
            _arr(proj.budget)
            if proj.budget is not None
            else _arr(p[f"project_budget_{proj.size}"]) * budget_scale
        )
        budget = budget + b * in_year
        hours = hours + _arr(p[f"leadership_hours_{proj.size}"]) * hours_scale * in_year
    return budget, hours


def turnover(t, tenure, hire_months):
    """Share of each year a seat is empty, and the expected number of hires in each year.

    Year 1 starts with a search of ``hire_months``; later, the holder leaves on average once every
    ``tenure`` years, and each departure leaves the seat empty for ``hire_months`` again.
    """
    vacancy = np.where(
        t == 0, np.minimum(hire_months, 12) / 12, np.minimum(hire_months / 12 / tenure, 1)
    )
    hires = np.where(t == 0, 1.0, 1.0 / tenure)
    return vacancy, hires


class Context:
    """The inputs every component shares, for one scenario and one set of assumption values.

    Parameters are those of ``engine.option_costs``. Attributes: ``E`` employees, ``t`` year
    index, ``w`` wage index and ``m`` price index (S + (years,)), ``budget`` and ``lead_hours``
    (the projects' budget and leadership hours a year), ``sites``, ``dpe`` devices per employee,
    ``mgr_rate``, ``staff_rate``, ``pm_rate`` (hourly, indexed), ``downtime_rate`` (USD per hour
    of outage), ``spend`` (IT spend wasted when nobody manages it), ``overrun`` (expected or drawn
    overrun costs by profile 'unled' / 'led'), ``shocks`` (Monte Carlo multipliers).
    """

    def __init__(
        self,
        sc: Scenario,
        a: Assumptions,
        p=None,
        employees=None,
        n_proj=None,
        overrun_draws: dict | None = None,
        shocks: dict | None = None,
    ):
        self.sc, self.a = sc, a
        self.p = p = a.values() if p is None else p
        self.years = years = sc.years
        self.E = E = _arr(sc.employees if employees is None else employees)
        self.n_proj = sc.projects_per_year if n_proj is None else n_proj
        self.t = np.arange(years)
        wage_g = sc.wage_growth if sc.wage_growth is not None else p["wage_growth"]
        price_g = (
            sc.msp_price_escalation
            if sc.msp_price_escalation is not None
            else p["msp_price_escalation"]
        )
        self.w = (1 + _arr(wage_g)) ** self.t  # wage index, S + (years,)
        self.m = (1 + _arr(price_g)) ** self.t  # price index
        self.shocks = shocks or {}
        q = self.q
        self.budget_scale = self.table("project_budget_scale")
        self.hours_scale = self.table("project_hours_scale")
        self.budget, self.lead_hours = project_load(
            sc, p, self.n_proj, years, self.budget_scale, self.hours_scale
        )
        # The project-leadership hours of the typical load, the same every year (without the
        # named projects): what a leader can staff for.
        self.steady_hours = (
            _arr(self.n_proj) * q(f"leadership_hours_{sc.project_size}") * self.hours_scale
        )
        # The leadership work a firm of this size needs outside its projects (strategy, budgets,
        # vendors, security policy, compliance), hours a year: done by whoever leads IT, or by a
        # manager on the side, or left undone.
        self.leadership_work = self.table("vcio_hours_month") * 12
        self.benefits = q("benefits_load")
        self.mgr_rate = q("manager_salary") * (1 + self.benefits) / HOURS_PER_YEAR * self.w
        self.staff_rate = q("staff_loaded_hourly_cost") * self.w
        self.pm_rate = q("contract_pm_rate") * self.m
        self.ramp_loss = 1 - q("ramp_up_productivity")
        if sc.downtime_cost_per_hour is not None:
            self.downtime_rate = np.asarray(sc.downtime_cost_per_hour, float) * self.w
        else:
            revenue = (
                _arr(sc.annual_revenue)
                if sc.annual_revenue is not None
                else E * q("revenue_per_employee")
            )
            self.downtime_rate = revenue / HOURS_PER_YEAR * q("downtime_productivity_loss") * self.w
        self.dpe = (
            _arr(sc.devices_per_employee) if sc.devices_per_employee else q("devices_per_employee")
        )
        # Sites (when not given) and staff are counted in fractions: part-time staff, contractors
        # and small branch offices exist, so costs have no steps as the company grows.
        self.sites = _arr(sc.sites) if sc.sites else np.maximum(1.0, E / q("employees_per_site"))
        self.spend = E * q("managed_it_spend_per_employee") * q("unmanaged_spend_waste") * self.m
        if overrun_draws is None:
            self.overrun = {
                prof: self.budget * _arr(expected_overrun_fraction(p, prof))
                for prof in ("unled", "led")
            }
        else:
            self.overrun = overrun_draws

    def engagements(self, hours_share, block, onboarding):
        """Hours billed for project engagements, S + (years,): each project bought on its own,
        ``hours_share`` of its leadership hours with at least ``block`` hours, plus
        ``onboarding`` hours to learn the firm. Typical projects every year, named ones in their
        start year."""
        sc, q = self.sc, self.q
        each = q(f"leadership_hours_{sc.project_size}") * self.hours_scale * hours_share
        billed = _arr(self.n_proj) * (np.maximum(each, block) + onboarding)
        for proj in sc.projects:
            in_year = (self.t == proj.start_year - 1).astype(float)
            each = q(f"leadership_hours_{proj.size}") * self.hours_scale * hours_share
            billed = billed + (np.maximum(each, block) + onboarding) * in_year
        return billed

    def q(self, key: str):
        """Assumption ``key`` as an array with a trailing year axis of 1."""
        return _arr(self.p[key])

    def table(self, name: str):
        """Size table ``name`` at this company's size, times the assumption that scales it."""
        return size_table(self.a, self.p, name, self.E)
