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

CATEGORIES = ("leadership", "support", "staff_time", "overruns", "downtime", "spend")
CATEGORY_LABELS = {
    "leadership": "IT leadership",
    "support": "Support",
    "staff_time": "Staff time lost",
    "overruns": "Project overruns",
    "downtime": "Downtime",
    "spend": "IT spend nobody manages",
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
        project_cost=None,
    ):
        self.years = years
        self._project_source = project_cost  # a list of terms, or a function returning one
        self._upfront_terms = {c: [np.asarray(x, float) for x in ts] for c, ts in upfront.items()}
        self._yearly_terms = {c: [_term(x) for x in ts] for c, ts in yearly.items()}
        self._hours = np.asarray(leadership_hours, float)
        self.batch_shape: tuple[int, ...] = np.broadcast_shapes(
            *(x.shape for ts in self._upfront_terms.values() for x in ts),
            *(_batch(x) for ts in self._yearly_terms.values() for x in ts),
            self._hours.shape[:-1],
        )

    @cached_property
    def upfront(self) -> dict[str, np.ndarray]:
        return {c: _sum_terms(ts, self.batch_shape) for c, ts in self._upfront_terms.items()}

    @cached_property
    def yearly(self) -> dict[str, np.ndarray]:
        shape = (*self.batch_shape, self.years)
        return {
            c: _sum_terms([_full(x) for x in ts], shape) for c, ts in self._yearly_terms.items()
        }

    @cached_property
    def leadership_hours(self) -> np.ndarray:
        """Hours of project leadership bought or spent, S + (years,)."""
        return _sum_terms([self._hours], (*self.batch_shape, self.years))

    @cached_property
    def project_cost(self) -> np.ndarray:
        """Yearly cost of leading the projects alone, S + (years,): what the projects add to the
        leadership bill (vCIO project hours, contract project managers, a manager's time), not
        the retainer or the salary a leader is paid anyway."""
        src = self._project_source
        terms = src() if callable(src) else (src or [])
        return _sum_terms([_full(_term(x)) for x in terms], (*self.batch_shape, self.years))

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
        # applied to each term before the terms are broadcast to the batch shape. A product of a
        # grid quantity constant over the years and a yearly price is discounted as
        # grid x (price . discount), so the grid is never multiplied out over the years.
        disc = (1.0 + rate) ** -np.arange(1.0, self.years + 1.0)
        parts = [x for ts in self._upfront_terms.values() for x in ts]
        parts += [_discounted(x, disc) for ts in self._yearly_terms.values() for x in ts]
        return _sum_terms(parts, self.batch_shape, out)


class Product(tuple):
    """A yearly cost term ``a * b`` kept as its two factors (see ``OptionCosts.npv``): ``a`` of
    shape S + (1,) or S + (years,), ``b`` usually a price or wage index of shape (..., years)."""

    __slots__ = ()

    def __new__(cls, a, b):
        return super().__new__(cls, (_year_axis(a), _year_axis(b)))


def _year_axis(x) -> np.ndarray:
    x = np.asarray(x, float)
    return x.reshape(np.shape(x) or (1,))


def _term(x):
    return x if isinstance(x, Product) else _year_axis(x)


def _batch(x) -> tuple[int, ...]:
    if isinstance(x, Product):
        return np.broadcast_shapes(x[0].shape[:-1], x[1].shape[:-1])
    return x.shape[:-1]


def _full(x) -> np.ndarray:
    return x[0] * x[1] if isinstance(x, Product) else x


def _discounted(x, disc: np.ndarray) -> np.ndarray:
    """A term's yearly costs discounted and summed over the years (the last axis)."""
    if isinstance(x, Product):
        a, b = x
        if a.shape[-1] == 1:
            return a[..., 0] * _discounted(b, disc)
        x = a * b
    if x.shape[-1] == 1:  # the same every year
        return x[..., 0] * disc.sum()
    return x @ disc


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


def tail_mean(alpha, start, cap):
    """Mean of a Pareto tail on [start, cap] with exponent ``alpha`` (a truncated power law).

    The overrun of a project that blows up: ``P(X > x) ~ (start / x) ** alpha`` for ``start <= x``,
    cut at ``cap`` (where a small firm stops or writes off the project), so the mean exists even for
    the ``alpha`` near 1 that Flyvbjerg et al. find for IT projects.

    >>> round(float(tail_mean(1.2, 0.5, 4.0)), 3), round(float(tail_mean(2.0, 0.5, 4.0)), 3)
    (1.112, 0.889)
    """
    a = np.asarray(alpha, float)
    start, cap = np.asarray(start, float), np.asarray(cap, float)
    cap = np.maximum(cap, start * (1 + 1e-9))
    norm = 1 - (start / cap) ** a
    near_one = np.abs(a - 1) < 1e-6
    safe = np.where(near_one, 2.0, a)
    integral = np.where(
        near_one,
        np.log(cap / start),
        (cap ** (1 - safe) - start ** (1 - safe)) / (1 - safe),
    )
    return a * start**a * integral / norm


def expected_overrun_fraction(p, profile: str):
    """Mean overrun as a fraction of budget for ``profile`` 'unled' or 'led'.

    A mixture: with probability ``black_swan_prob_<profile>`` the project blows up, its overrun
    drawn from a power-law tail starting at ``black_swan_overrun`` with exponent
    ``overrun_tail_alpha_<profile>`` and cut at ``overrun_cap``; otherwise it overruns by
    ``overrun_base_<profile>`` on average.
    """
    pbs = p[f"black_swan_prob_{profile}"]
    tail = tail_mean(p[f"overrun_tail_alpha_{profile}"], p["black_swan_overrun"], p["overrun_cap"])
    return (1 - pbs) * p[f"overrun_base_{profile}"] + pbs * tail


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


def size_table(a: Assumptions, p, name: str, employees):
    """Size table ``name`` read at ``employees`` times the assumption that scales it."""
    return a.tables[name].at(employees) * np.asarray(p[TABLE_SCALES[name]], float)[..., None]


def _arr(x):
    """Company- or assumption-level value as an array with a trailing year axis of 1."""
    return np.asarray(x, float)[..., None]


def _mix(share, unled, led):
    """``share * unled + (1 - share) * led``, without the arithmetic when the share is 0 or 1."""
    if np.ndim(share) == 0 and share in (0.0, 1.0):
        return unled if share == 1.0 else led
    return share * unled + (1 - share) * led


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
        Realised overrun costs (USD) by profile 'unled' / 'led', shape S + (years,), for Monte
        Carlo. Without it, expected overruns are used.
    shocks : dict, optional
        Multipliers of shape S + (years,) for 'downtime_<support>' and 'breakfix_incidents', and
        realised serious-incident counts 'incident_<support>' (replacing their probabilities).

    Notes
    -----
    Each option is a leadership component (none, vcio, cio, it_manager) plus a support component
    (break_fix, managed, comanaged, inhouse). The leadership component sets who leads projects
    (and so which overrun profile applies), how much IT spend is managed, and the share of project
    work (``unled``) and of day-to-day IT (``ops_unled``) without experienced leadership.
    docs/method.md has every formula.
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
        return size_table(a, p, name, E)

    def q(key):
        return _arr(p[key])

    budget_scale, hours_scale = table("project_budget_scale"), table("project_hours_scale")
    budget, lead_hours = project_load(sc, p, n_proj, years, budget_scale, hours_scale)
    benefits = q("benefits_load")
    mgr_rate = q("manager_salary") * (1 + benefits) / HOURS_PER_YEAR * w
    staff_rate = q("staff_loaded_hourly_cost") * w
    pm_rate = q("contract_pm_rate") * m
    ramp_loss = 1 - q("ramp_up_productivity")
    if sc.downtime_cost_per_hour is not None:
        downtime_rate = np.asarray(sc.downtime_cost_per_hour, float) * w
    else:
        revenue = (
            _arr(sc.annual_revenue)
            if sc.annual_revenue is not None
            else E * q("revenue_per_employee")
        )
        downtime_rate = revenue / HOURS_PER_YEAR * q("downtime_productivity_loss") * w
    dpe = _arr(sc.devices_per_employee) if sc.devices_per_employee else q("devices_per_employee")
    # Sites (when not given) and staff are counted in fractions: part-time staff, contractors and
    # small branch offices exist, so costs have no steps as the company grows.
    sites = _arr(sc.sites) if sc.sites else np.maximum(1.0, E / q("employees_per_site"))
    spend = E * q("managed_it_spend_per_employee") * q("unmanaged_spend_waste") * m

    if overrun_draws is None:
        overrun = {
            prof: budget * _arr(expected_overrun_fraction(p, prof)) for prof in ("unled", "led")
        }
    else:
        overrun = overrun_draws
    # Nothing below is broadcast to the full batch shape: each cost term keeps its own shape (on a
    # size x load grid, size-only or load-only) and OptionCosts combines them.

    def first_line_fte():
        return E / table("helpdesk_users_per_agent")

    # ---- leadership: a dict of upfront terms, yearly terms, the unled share of project work,
    # the share of IT spend left unmanaged, project-leadership hours and the capacity beyond which
    # contract project managers are bought.
    def leadership(kind, team_hours):
        if kind == "none":
            hours = lead_hours * q("inexperience_multiplier")
            cost = [Product(hours, mgr_rate)]
            return dict(
                up=[], cost=cost, unled=1.0, ops_unled=1.0, unmanaged=1.0, hours=hours, project=cost
            )
        if kind == "vcio":
            rate = q("vcio_hourly_rate") * table("vcio_rate_scale") * m
            cap = q("vcio_max_hours_month") * 12
            strategy = table("vcio_hours_month") * 12  # hours a year the firm needs led
            share = q("vcio_project_share")
            project = lead_hours * share
            # One fractional CIO gives a client at most ``cap`` hours a year. Beyond them practice
            # adds a second fractional seat (the MSP's or the consultancy's), at the same rate plus
            # the overhead of two leaders handing work over; so an hour never gets cheaper as the
            # load grows, and nothing is left unled.
            total = strategy + project
            beyond = np.maximum(0.0, total - cap)
            split = 1 + q("fractional_split_overhead")
            # Onboarding at hiring and at each handover to another vCIO: paid, less effective.
            handovers = np.where(t == 0, 1.0, q("vcio_handover_prob"))
            onboarding = handovers * q("vcio_onboarding_months") / 12 * ramp_loss
            billed = total + beyond * (split - 1)  # hours, counting the overhead as hours
            price = rate * (1 + onboarding)
            fees = Product(billed, price)
            internal = Product(lead_hours * (1 - share), mgr_rate)

            def project_cost():  # only the Projects page asks for it
                with np.errstate(all="ignore"):
                    own = np.where(total > 0, project / np.maximum(total, 1e-300), 0.0)
                return [Product(billed * own, price), internal]

            return dict(
                up=[],
                cost=[fees, internal],
                unled=0.0,
                ops_unled=0.0,
                unmanaged=1 - q("vcio_spend_recovery"),
                hours=lead_hours,
                project=project_cost,
            )
        if kind == "cio":
            base = table("cio_base_salary") * w
            pay = base * (1 + q("cio_bonus_share"))
            vacancy, hires = turnover(t, q("cio_tenure_years"), q("cio_time_to_hire_months"))
            fee = q("cio_search_fee")
            upfront = (fee * pay[..., :1])[..., 0]
            refill_fees = np.where(t == 0, 0.0, fee * pay * hires)
            salary = pay * (1 + benefits) * (1 - vacancy)
            # An empty seat is covered by an interim CIO at a day rate set as a share of the
            # permanent role's yearly pay: always more than the salary it replaces.
            days = HOURS_PER_YEAR / 8
            interim = vacancy * days * q("interim_day_rate_share") * pay
            ramp = hires * q("cio_ramp_months") / 12 * ramp_loss * pay * (1 + benefits)
            capacity = q("cio_project_capacity_hours") + team_hours
            contract = Product(np.maximum(0.0, lead_hours - capacity), pm_rate)
            return dict(
                up=[upfront],
                cost=[salary + refill_fees + interim + ramp, contract],
                unled=0.0,
                ops_unled=0.0,
                unmanaged=0.0,
                hours=lead_hours,
                project=[contract],
            )
        # it_manager: a hands-on internal IT manager; leads projects up to a capacity with an
        # intermediate profile (some experience, no senior leadership), contract PMs beyond it.
        pay = q("it_manager_salary") * w
        vacancy, hires = turnover(
            t, q("it_manager_tenure_years"), q("it_manager_time_to_hire_months")
        )
        upfront = (q("it_manager_search_fee") * pay[..., :1])[..., 0]
        refill_fees = np.where(t == 0, 0.0, q("it_manager_search_fee") * pay * hires)
        salary = pay * (1 + benefits) * (1 - vacancy)
        cover = vacancy * HOURS_PER_YEAR * pm_rate  # a contractor fills the empty seat
        ramp = hires * q("it_manager_ramp_months") / 12 * ramp_loss * pay * (1 + benefits)
        capacity = q("it_manager_project_capacity_hours") + team_hours
        contract = Product(np.maximum(0.0, lead_hours - capacity), pm_rate)
        # The budget the IT manager's hours can lead, at a medium project's budget per hour; the
        # rest is led by contract PMs. Counted in budget, not hours, so that adding a project never
        # lowers the overruns expected of the others.
        hours_med = q("leadership_hours_medium") * hours_scale
        with np.errstate(all="ignore"):  # the branches np.where does not take may overflow
            # projects that need no leadership hours are all within the IT manager's reach
            reach = np.where(
                hours_med > 0,
                capacity
                * q("project_budget_medium")
                * budget_scale
                / np.maximum(hours_med, 1e-300),
                np.inf,
            )
            own_share = np.where(
                budget > 0, np.minimum(1.0, reach / np.maximum(budget, 1e-300)), 1.0
            )
        return dict(
            up=[upfront],
            cost=[salary + refill_fees + cover + ramp, contract],
            unled=own_share * (1 - q("it_manager_led_share")),
            ops_unled=1 - q("it_manager_led_share"),
            unmanaged=1 - q("it_manager_spend_recovery"),
            hours=lead_hours,
            project=[contract],
        )

    # ---- support: (upfront terms, yearly cost terms, downtime hours, staff hours lost per
    # employee, share of 'IT nobody owns' the provider takes, project hours its team leads add)
    def msp_monthly(factor):
        monthly = np.maximum(E * table("msp_price_per_user_month"), q("msp_minimum_monthly"))
        return (monthly + sites * q("msp_site_fee_month")) * factor

    def department(fte_first_line):
        """An in-house team: first line, systems and security staff by ratios, and team leads."""
        first = fte_first_line * q("helpdesk_salary")
        systems = E / q("systems_users_per_admin")
        security = E / q("security_users_per_analyst")
        staff = fte_first_line + systems + security
        leads = staff / q("it_team_span")
        pay = (
            first
            + systems * q("sysadmin_salary")
            + security * q("security_salary")
            + leads * q("it_manager_salary")
        )
        return pay * (1 + benefits) * w, leads * q("team_lead_project_hours")

    def support(kind, leader):
        if kind == "break_fix":
            billed = np.maximum(q("breakfix_hours_per_incident"), q("breakfix_min_billing_hours"))
            incidents = E * dpe / q("devices_per_employee") * q("breakfix_incidents_per_user")
            incidents = incidents * shocks.get("breakfix_incidents", 1.0)
            premium = 1 + q("breakfix_afterhours_share") * (q("breakfix_afterhours_multiplier") - 1)
            rate = q("breakfix_hourly_rate") * m
            calls = incidents * billed * rate * premium
            requests = E * q("breakfix_request_hours_per_user") * rate
            tools = E * q("breakfix_tools_per_user_month") * 12 * m
            # Nobody watches the network: more kit per person and more sites, more outage hours.
            growth = (
                dpe
                / q("devices_per_employee")
                * (1 + q("breakfix_downtime_site_growth") * np.log(sites))
            )
            down = q("downtime_hours_break_fix") * growth
            return [], [calls, requests, tools], down, q("it_hours_lost_break_fix"), 0.0, 0.0
        if kind == "managed":
            factor = q("msp_price_factor_with_cio") if leader == "cio" else 1.0
            monthly = msp_monthly(factor)
            upfront = (monthly * q("msp_onboarding_months"))[..., 0]
            return (
                [upfront],
                [monthly * 12 * m],
                q("downtime_hours_managed"),
                q("it_hours_lost_managed"),
                q("msp_ownership_share"),
                0.0,
            )
        if kind == "comanaged":
            # Internal first line (the IT manager takes part of it), the MSP the rest of the scope
            # at a co-managed share of its full price.
            monthly = msp_monthly(q("comanaged_price_factor"))
            upfront = (monthly * q("msp_onboarding_months"))[..., 0]
            own = q("it_manager_first_line_fte") if leader == "it_manager" else 0.0
            fte = np.maximum(0.0, first_line_fte() - own)
            staff = fte * q("helpdesk_salary") * (1 + benefits) * w
            return (
                [upfront],
                [monthly * 12 * m, staff],
                q("downtime_hours_managed"),
                q("it_hours_lost_inhouse"),
                q("msp_ownership_share"),
                0.0,
            )
        fte = np.maximum(q("inhouse_min_first_line_fte"), first_line_fte())
        staff, team_hours = department(fte)
        tools = E * q("inhouse_tools_per_user_month") * 12 * m
        return (
            [],
            [staff, tools],
            q("downtime_hours_inhouse"),
            q("it_hours_lost_inhouse"),
            q("inhouse_ownership_share"),
            team_hours,
        )

    out: dict[str, OptionCosts] = {}
    led_factor = q("downtime_factor_led")
    shared = {}  # a leadership without a team behind it is the same for every support
    for spec in a.options:
        up_s, sup_cost, down_hours, lost, owned, team_hours = support(spec.support, spec.leadership)
        if np.ndim(team_hours) == 0 and team_hours == 0:
            if spec.leadership not in shared:
                shared[spec.leadership] = leadership(spec.leadership, 0.0)
            lead = shared[spec.leadership]
        else:
            lead = leadership(spec.leadership, team_hours)
        unled = lead["unled"]  # share of project work without experienced leadership
        ops = lead["ops_unled"]  # the same for running IT day to day
        down_factor = ops + (1 - ops) * led_factor
        down_hours = down_hours * down_factor * shocks.get(f"downtime_{spec.support}", 1.0)
        nobody = 1.0 if spec.leadership == "none" else 0.0  # IT work nobody owns, by employee
        lost_hours = (lost + nobody * (1 - owned) * q("it_hours_lost_unled")) * E
        sup_key = "managed" if spec.support == "comanaged" else spec.support
        incidents = shocks.get(f"incident_{sup_key}", q(f"incident_prob_{sup_key}"))
        incident_cost = incidents * (
            q("incident_outage_hours") * downtime_rate + q("incident_recovery_cost") * m
        )
        out[spec.id] = OptionCosts(
            upfront={"leadership": lead["up"], "support": up_s},
            yearly={
                "leadership": lead["cost"],
                "support": sup_cost,
                "staff_time": [lost_hours * staff_rate],
                "overruns": [_mix(unled, overrun["unled"], overrun["led"])],
                "downtime": [down_hours * downtime_rate + incident_cost],
                "spend": [spend * lead["unmanaged"]],
            },
            leadership_hours=lead["hours"],
            years=years,
            project_cost=lead["project"],
        )
    return out
