"""Leadership components: who plans and leads IT (none, vCIO, CIO, IT manager) and what it costs.

Each returns a dict: ``up`` (upfront terms), ``cost`` (yearly terms), ``unled`` (share of project
work without experienced leadership), ``ops_unled`` (the same for running IT day to day),
``unmanaged`` (share of IT spend nobody manages), ``hours`` (project-leadership hours, S +
(years,)) and ``project`` (the terms the projects alone add, or a function returning them).
"""

from __future__ import annotations

import numpy as np

from .context import HOURS_PER_YEAR, Context, turnover
from .terms import Product


def leadership(ctx: Context, kind: str, team_hours) -> dict:
    """The leadership component ``kind``; ``team_hours``: project hours the support team's leads add
    to a leader's capacity (an in-house department's team leads)."""
    return _KINDS[kind](ctx, team_hours)


def _none(ctx: Context, team_hours) -> dict:
    """An internal manager leads projects on the side, slower for lack of experience."""
    hours = ctx.lead_hours * ctx.q("inexperience_multiplier")
    cost = [Product(hours, ctx.mgr_rate)]
    return dict(
        up=[], cost=cost, unled=1.0, ops_unled=1.0, unmanaged=1.0, hours=hours, project=cost
    )


def _vcio(ctx: Context, team_hours) -> dict:
    """A fractional CIO on retainer: the leadership hours a firm of its size needs, plus a share
    of the project hours."""
    q, t, lead_hours = ctx.q, ctx.t, ctx.lead_hours
    rate = q("vcio_hourly_rate") * ctx.table("vcio_rate_scale") * ctx.m
    cap = q("vcio_max_hours_month") * 12
    strategy = ctx.table("vcio_hours_month") * 12  # hours a year the firm needs led
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
    contract = Product(np.maximum(0.0, lead_hours - capacity), ctx.pm_rate)
    return dict(
        up=[upfront],
        cost=[salary + refill_fees + interim + ramp, contract],
        unled=0.0,
        ops_unled=0.0,
        unmanaged=0.0,
        hours=lead_hours,
        project=[contract],
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
    cover = vacancy * HOURS_PER_YEAR * pm_rate  # a contractor fills the empty seat
    ramp = hires * q("it_manager_ramp_months") / 12 * ctx.ramp_loss * pay * (1 + benefits)
    capacity = q("it_manager_project_capacity_hours") + team_hours
    contract = Product(np.maximum(0.0, lead_hours - capacity), pm_rate)
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
        cost=[salary + refill_fees + cover + ramp, contract],
        unled=own_share * (1 - q("it_manager_led_share")),
        ops_unled=1 - q("it_manager_led_share"),
        unmanaged=1 - q("it_manager_spend_recovery"),
        hours=lead_hours,
        project=[contract],
    )


_KINDS = {"none": _none, "vcio": _vcio, "cio": _cio, "it_manager": _it_manager}
