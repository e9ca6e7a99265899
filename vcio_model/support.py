"""Support components: who answers the help desk and fixes what breaks (break-fix, managed,
co-managed, in-house) and what it costs, with the downtime and staff hours each leaves."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .context import Context


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
    """First-line technicians an in-house help desk needs (fractions: part-time staff)."""
    return ctx.E / ctx.table("helpdesk_users_per_agent")


def msp_monthly(ctx: Context, factor):
    """The MSP's monthly fee: per user (with a floor) plus per site, times ``factor``."""
    q = ctx.q
    monthly = np.maximum(ctx.E * ctx.table("msp_price_per_user_month"), q("msp_minimum_monthly"))
    return (monthly + ctx.sites * q("msp_site_fee_month")) * factor


def department(ctx: Context, fte_first_line):
    """An in-house team: first line, systems and security staff by ratios, and team leads.

    Returns its yearly pay (with benefits, wage-indexed) and the project hours its leads add.
    """
    q, E = ctx.q, ctx.E
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
    return pay * (1 + ctx.benefits) * ctx.w, leads * q("team_lead_project_hours")


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
    monthly = msp_monthly(ctx, factor)
    upfront = (monthly * q("msp_onboarding_months"))[..., 0]
    return Support(
        [upfront],
        [monthly * 12 * ctx.m],
        q("downtime_hours_managed"),
        q("it_hours_lost_managed"),
        q("msp_ownership_share"),
        0.0,
    )


def _comanaged(ctx: Context, leader: str) -> Support:
    """Internal first line (the IT manager takes part of it), the MSP the rest of the scope at a
    co-managed share of its full price."""
    q = ctx.q
    monthly = msp_monthly(ctx, q("comanaged_price_factor"))
    upfront = (monthly * q("msp_onboarding_months"))[..., 0]
    own = q("it_manager_first_line_fte") if leader == "it_manager" else 0.0
    fte = np.maximum(0.0, first_line_fte(ctx) - own)
    staff = fte * q("helpdesk_salary") * (1 + ctx.benefits) * ctx.w
    return Support(
        [upfront],
        [monthly * 12 * ctx.m, staff],
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
