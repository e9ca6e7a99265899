"""Support components: who answers the help desk and fixes what breaks (break-fix, managed,
co-managed, in-house) and what it costs, with the downtime and staff hours each leaves."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .context import HOURS_PER_YEAR, Context


class Support(NamedTuple):
    """One support component: ``up`` upfront terms, ``cost`` yearly terms, ``down_hours`` outage
    hours a year, ``lost`` staff hours lost per employee a year, ``owned`` the share of 'IT nobody
    owns' the provider takes, ``team_hours`` project hours its team leads add to a leader's."""

    up: list
    cost: list
    down_hours: object
    lost: object
    owned: object
    team_hours: object


def first_line_fte(ctx: Context):
    """First-line technicians a firm's own help desk needs (fractions: part-time staff)."""
    return ctx.E / ctx.table("helpdesk_users_per_agent")


def staffing(ctx: Context, first_line):
    """The support staff a firm of this size needs, in full-time equivalents by role.

    One labour model (model 3) for in-house, co-managed and MSP support: ``first_line``
    technicians (help desk), systems administrators and security analysts by users per person,
    a technician's hours for visits to each site beyond the first, and team leads for every
    ``it_team_span`` of them. Returns ``(staff, leads, yearly pay)``: the staff and team leads in
    full-time equivalents, the pay at today's wages with benefits.
    """
    q, E = ctx.q, ctx.E
    systems = E / q("systems_users_per_admin")
    security = E / q("security_users_per_analyst")
    field = (ctx.sites - 1) * q("site_visit_hours_month") * 12 / HOURS_PER_YEAR
    staff = first_line + systems + security + field
    leads = staff / q("it_team_span")
    pay = (
        (first_line + field) * q("helpdesk_salary")
        + systems * q("sysadmin_salary")
        + security * q("security_salary")
        + leads * q("it_manager_salary")
    )
    return staff, leads, pay * (1 + ctx.benefits)


def msp_efficiency(ctx: Context):
    """Share of the staff a scope needs in house that an MSP saves (shared tools, automation,
    staff spread over many clients), falling as the client grows: a client of
    ``msp_efficiency_half_size`` users keeps half of it, since a large client gets a team of its
    own and brings its own scale."""
    q = ctx.q
    half = q("msp_efficiency_half_size")
    return q("msp_delivery_efficiency") * half / (half + ctx.E)


def msp_fee(ctx: Context, covered=0.0, factor=1.0):
    """The MSP's yearly fee, S + (years,), from the labour model: the staff the firm's scope needs
    (without the share ``covered`` of first line its own people take), less the MSP's efficiency,
    plus tools per user, priced at the MSP's gross margin; a monthly minimum; plus the site fees.
    ``factor``: a share of the fee (planning work an internal CIO takes over)."""
    q, E = ctx.q, ctx.E
    first = first_line_fte(ctx) * (1 - covered)
    _, _, labour = staffing(ctx, first)
    tools = E * q("inhouse_tools_per_user_month") * 12
    cost = labour * (1 - msp_efficiency(ctx)) + tools
    fee = cost / (1 - q("msp_gross_margin")) * q("msp_price_scale")
    fee = np.maximum(fee, q("msp_minimum_monthly") * 12)
    return (fee + ctx.sites * q("msp_site_fee_month") * 12) * factor * ctx.m


def department(ctx: Context, fte_first_line):
    """An in-house team: first line, systems and security staff by ratios, site visits, and team
    leads. Returns its yearly pay (with benefits, wage-indexed) and the project hours its leads
    add to a leader's capacity."""
    _, leads, pay = staffing(ctx, fte_first_line)
    return pay * ctx.w, leads * ctx.q("team_lead_project_hours")


def support(ctx: Context, kind: str, leader: str) -> Support:
    """The support component ``kind`` beside leadership ``leader``."""
    return _KINDS[kind](ctx, leader)


def _break_fix(ctx: Context, leader: str) -> Support:
    q, E, m, dpe = ctx.q, ctx.E, ctx.m, ctx.dpe
    billed = np.maximum(q("breakfix_hours_per_incident"), q("breakfix_min_billing_hours"))
    incidents = E * dpe / q("devices_per_employee") * q("breakfix_incidents_per_user")
    incidents = incidents * ctx.shocks.get("breakfix_incidents", 1.0)
    premium = 1 + q("breakfix_afterhours_share") * (q("breakfix_afterhours_multiplier") - 1)
    rate = q("breakfix_hourly_rate") * m
    calls = incidents * billed * rate * premium
    requests = E * q("breakfix_request_hours_per_user") * rate
    tools = E * q("breakfix_tools_per_user_month") * 12 * m
    # Nobody watches the network: more kit per person and more sites, more outage hours.
    growth = (
        dpe
        / q("devices_per_employee")
        * (1 + q("breakfix_downtime_site_growth") * np.log(ctx.sites))
    )
    down = q("downtime_hours_break_fix") * growth
    return Support([], [calls, requests, tools], down, q("it_hours_lost_break_fix"), 0.0, 0.0)


def _managed(ctx: Context, leader: str) -> Support:
    q = ctx.q
    factor = q("msp_price_factor_with_cio") if leader == "cio" else 1.0
    fee = msp_fee(ctx, factor=factor)
    upfront = (fee[..., :1] / 12 * q("msp_onboarding_months"))[..., 0]
    return Support(
        [upfront],
        [fee],
        q("downtime_hours_managed"),
        q("it_hours_lost_managed"),
        q("msp_ownership_share"),
        0.0,
    )


def comanaged_staff(ctx: Context, leader: str):
    """Internal first-line people beside a co-managed MSP and the share of first line they cover.

    One person, in full-time equivalents, for every ``comanaged_users_per_internal`` users; an IT
    manager answers ``it_manager_first_line_fte`` of it himself. With the MSP's tools and
    escalation desk behind them each covers what an MSP technician covers: the first-line staff a
    firm needs in house less the MSP's efficiency. The MSP keeps the rest of first line.
    Returns ``(technicians paid beside the leader, share of first line covered)``.
    """
    q = ctx.q
    need = ctx.E / q("comanaged_users_per_internal")
    own = q("it_manager_first_line_fte") if leader == "it_manager" else 0.0
    techs = np.maximum(0.0, need - own)
    msp_first_line = first_line_fte(ctx) * (1 - msp_efficiency(ctx))
    covered = np.minimum(1.0, (techs + own) / msp_first_line)
    return techs, covered


def _comanaged(ctx: Context, leader: str) -> Support:
    """Internal staff by co-managed ratios take first line; the MSP the rest of the scope
    (systems, security, site visits, tools, escalation), priced by the same labour model."""
    q = ctx.q
    techs, covered = comanaged_staff(ctx, leader)
    fee = msp_fee(ctx, covered=covered)
    upfront = (fee[..., :1] / 12 * q("msp_onboarding_months"))[..., 0]
    staff = techs * q("helpdesk_salary") * (1 + ctx.benefits) * ctx.w
    return Support(
        [upfront],
        [fee, staff],
        q("downtime_hours_managed"),
        q("it_hours_lost_inhouse"),
        q("msp_ownership_share"),
        0.0,
    )


def _inhouse(ctx: Context, leader: str) -> Support:
    q = ctx.q
    fte = np.maximum(q("inhouse_min_first_line_fte"), first_line_fte(ctx))
    staff, team_hours = department(ctx, fte)
    tools = ctx.E * q("inhouse_tools_per_user_month") * 12 * ctx.m
    return Support(
        [],
        [staff, tools],
        q("downtime_hours_inhouse"),
        q("it_hours_lost_inhouse"),
        q("inhouse_ownership_share"),
        team_hours,
    )


_KINDS = {
    "break_fix": _break_fix,
    "managed": _managed,
    "comanaged": _comanaged,
    "inhouse": _inhouse,
}
