"""Leadership components: who plans and leads IT (none, vCIO, CIO, IT manager) and what it costs.

Each returns a dict: ``up`` (upfront terms), ``cost`` (yearly terms), ``unled`` (share of project
work without experienced leadership), ``ops_unled`` (the same for running IT day to day),
``unmanaged`` (share of IT spend nobody manages), ``nobody`` (1 where no one owns IT day to day,
so staff chase vendors and access themselves), ``hours`` (project-leadership hours, S + (years,))
and ``project`` (the terms the projects alone add, or a function returning them).

Leadership work is never free (model 3): the hours of strategy, budgets, vendors, security policy
and compliance a firm of its size needs (``Context.leadership_work``) are done by the leader
within a capacity and by staff or bought hours beyond it; with no leader a manager does part of
them on the side, slowly, and the rest is left undone and shows as risk.
"""

from __future__ import annotations

import numpy as np

from .context import HOURS_PER_YEAR, Context, turnover
from .terms import Product


def leadership(ctx: Context, kind: str, team_hours) -> dict:
    """The leadership component ``kind``; ``team_hours``: project hours the support team's leads add
    to a leader's capacity (an in-house department's team leads)."""
    return _KINDS[kind](ctx, team_hours)


def unled_work(ctx: Context):
    """What the leadership work costs with no leader: the share a manager does on the side
    (``unled_leadership_done_share``), at the inexperienced manager's hours and rate. The rest is
    left undone: its cost is the risk of an option without a leader (unmanaged spend, staff time,
    serious incidents)."""
    q = ctx.q
    hours = ctx.leadership_work * q("unled_leadership_done_share") * q("inexperience_multiplier")
    return Product(hours, ctx.mgr_rate)


def _none(ctx: Context, team_hours) -> dict:
    """An internal manager leads projects on the side, slower for lack of experience."""
    hours = ctx.lead_hours * ctx.q("inexperience_multiplier")
    project = [Product(hours, ctx.mgr_rate)]
    return dict(
        up=[],
        cost=[*project, unled_work(ctx)],
        unled=1.0,
        ops_unled=1.0,
        unmanaged=1.0,
        nobody=1.0,
        hours=hours,
        project=project,
    )


def vcio_rate(ctx: Context):
    """A vCIO's hourly rate for a firm of this size, price-indexed, S + (years,)."""
    return ctx.q("vcio_hourly_rate") * ctx.table("vcio_rate_scale") * ctx.m


def _vcio_project(ctx: Context, team_hours) -> dict:
    """A vCIO rented for each project only, as needed: no retainer.

    Each project is an engagement: the vCIO's share of its leadership hours (at least a block
    of ``vcio_engagement_min_hours``) plus ``vcio_engagement_onboarding_hours`` to learn the
    firm again, at the retainer rate plus ``vcio_project_rate_premium``. Projects are led as
    with a vCIO; outside them the firm has no leader (``unled_work``).
    """
    q, lead_hours = ctx.q, ctx.lead_hours
    share = q("vcio_project_share")
    billed = ctx.engagements(
        share, q("vcio_engagement_min_hours"), q("vcio_engagement_onboarding_hours")
    )
    price = vcio_rate(ctx) * (1 + q("vcio_project_rate_premium"))
    project = [Product(billed, price), Product(lead_hours * (1 - share), ctx.mgr_rate)]
    return dict(
        up=[],
        cost=[*project, unled_work(ctx)],
        unled=0.0,
        ops_unled=1.0,
        unmanaged=1.0,
        nobody=1.0,
        hours=lead_hours,
        project=project,
    )


def _vcio(ctx: Context, team_hours) -> dict:
    """A fractional CIO on retainer: the leadership hours a firm of its size needs, plus a share
    of the project hours."""
    q, t, lead_hours = ctx.q, ctx.t, ctx.lead_hours
    rate = vcio_rate(ctx)
    cap = q("vcio_max_hours_month") * 12
    strategy = ctx.leadership_work  # hours a year the firm needs led
    share = q("vcio_project_share")
    project = lead_hours * share
    # One fractional CIO gives a client at most ``cap`` hours a year. Beyond them practice adds a
    # second fractional seat (the MSP's or the consultancy's), at the same rate plus the overhead
    # of two leaders handing work over; so an hour never gets cheaper as the load grows, and
    # nothing is left unled.
    total = strategy + project
    beyond = np.maximum(0.0, total - cap)
    split = 1 + q("fractional_split_overhead")
    # Onboarding at hiring and at each handover to another vCIO: paid, less effective.
    handovers = np.where(t == 0, 1.0, q("vcio_handover_prob"))
    onboarding = handovers * q("vcio_onboarding_months") / 12 * ctx.ramp_loss
    billed = total + beyond * (split - 1)  # hours, counting the overhead as hours
    price = rate * (1 + onboarding)
    fees = Product(billed, price)
    internal = Product(lead_hours * (1 - share), ctx.mgr_rate)

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
        nobody=0.0,
        hours=lead_hours,
        project=project_cost,
    )


def _cio(ctx: Context, team_hours) -> dict:
    """A full-time CIO: pay, search fees, an interim in the empty seat, ramp-up; contract project
    managers beyond the CIO's (and the team leads') project capacity."""
    q, t, w, lead_hours = ctx.q, ctx.t, ctx.w, ctx.lead_hours
    benefits = ctx.benefits
    base = ctx.table("cio_base_salary") * w
    pay = base * (1 + q("cio_bonus_share"))
    vacancy, hires = turnover(t, q("cio_tenure_years"), q("cio_time_to_hire_months"))
    fee = q("cio_search_fee")
    upfront = (fee * pay[..., :1])[..., 0]
    refill_fees = np.where(t == 0, 0.0, fee * pay * hires)
    salary = pay * (1 + benefits) * (1 - vacancy)
    # An empty seat is covered by an interim CIO at a day rate set as a share of the permanent
    # role's yearly pay: always more than the salary it replaces.
    days = HOURS_PER_YEAR / 8
    interim = vacancy * days * q("interim_day_rate_share") * pay
    ramp = hires * q("cio_ramp_months") / 12 * ctx.ramp_loss * pay * (1 + benefits)
    capacity = q("cio_project_capacity_hours") + team_hours
    # Beyond the CIO's capacity, the steady load (the projects of every year) is led by project
    # managers on the CIO's staff; peaks (named projects) by contract project managers.
    staffed = np.maximum(0.0, np.minimum(lead_hours, ctx.steady_hours) - capacity)
    pm_hour = q("internal_pm_salary") * (1 + benefits) * w / q("internal_pm_project_hours")
    contract = Product(np.maximum(0.0, lead_hours - capacity - staffed), ctx.pm_rate)
    own_pms = staffed * pm_hour
    # Leadership work beyond the CIO's own hours goes to the CIO's staff: IT managers on payroll.
    beyond = np.maximum(0.0, ctx.leadership_work - q("cio_leadership_capacity_hours"))
    deputies = beyond * q("it_manager_salary") * (1 + benefits) / HOURS_PER_YEAR * w
    return dict(
        up=[upfront],
        cost=[salary + refill_fees + interim + ramp + deputies + own_pms, contract],
        unled=0.0,
        ops_unled=0.0,
        unmanaged=0.0,
        nobody=0.0,
        hours=lead_hours,
        project=[contract, own_pms],
    )


def _it_manager(ctx: Context, team_hours) -> dict:
    """A hands-on internal IT manager; leads projects up to a capacity with an intermediate
    profile (some experience, no senior leadership), contract PMs beyond it."""
    q, t, w, lead_hours = ctx.q, ctx.t, ctx.w, ctx.lead_hours
    benefits, pm_rate = ctx.benefits, ctx.pm_rate
    pay = q("it_manager_salary") * w
    vacancy, hires = turnover(t, q("it_manager_tenure_years"), q("it_manager_time_to_hire_months"))
    upfront = (q("it_manager_search_fee") * pay[..., :1])[..., 0]
    refill_fees = np.where(t == 0, 0.0, q("it_manager_search_fee") * pay * hires)
    salary = pay * (1 + benefits) * (1 - vacancy)
    # A contractor fills the empty seat, never for less than the salary it replaces (wages may
    # outgrow contract rates over a long horizon).
    cover = vacancy * np.maximum(HOURS_PER_YEAR * pm_rate, pay * (1 + benefits))
    ramp = hires * q("it_manager_ramp_months") / 12 * ctx.ramp_loss * pay * (1 + benefits)
    capacity = q("it_manager_project_capacity_hours") + team_hours
    contract = Product(np.maximum(0.0, lead_hours - capacity), pm_rate)
    # Leadership work beyond the IT manager's hours for it is bought from the MSP's vCIO.
    beyond = np.maximum(0.0, ctx.leadership_work - q("it_manager_leadership_capacity_hours"))
    advice = Product(beyond, vcio_rate(ctx))
    # The budget the IT manager's hours can lead, at a medium project's budget per hour; the rest
    # is led by contract PMs. Counted in budget, not hours, so that adding a project never lowers
    # the overruns expected of the others.
    hours_med = q("leadership_hours_medium") * ctx.hours_scale
    budget = ctx.budget
    with np.errstate(all="ignore"):  # the branches np.where does not take may overflow
        # projects that need no leadership hours are all within the IT manager's reach
        reach = np.where(
            hours_med > 0,
            capacity
            * q("project_budget_medium")
            * ctx.budget_scale
            / np.maximum(hours_med, 1e-300),
            np.inf,
        )
        own_share = np.where(budget > 0, np.minimum(1.0, reach / np.maximum(budget, 1e-300)), 1.0)
    return dict(
        up=[upfront],
        cost=[salary + refill_fees + cover + ramp, contract, advice],
        unled=own_share * (1 - q("it_manager_led_share")),
        ops_unled=1 - q("it_manager_led_share"),
        unmanaged=1 - q("it_manager_spend_recovery"),
        nobody=0.0,
        hours=lead_hours,
        project=[contract],
    )


_KINDS = {
    "none": _none,
    "vcio": _vcio,
    "vcio_project": _vcio_project,
    "cio": _cio,
    "it_manager": _it_manager,
}
