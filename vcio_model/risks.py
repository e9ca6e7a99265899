"""Risks costed as expected values: project overruns (a fat tail), downtime, serious incidents,
staff time lost and IT spend nobody manages.
"""

from __future__ import annotations

import numpy as np


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


def _mix(share, unled, led):
    """``share * unled + (1 - share) * led``, without the arithmetic when the share is 0 or 1."""
    if np.ndim(share) == 0 and share in (0.0, 1.0):
        return unled if share == 1.0 else led
    return share * unled + (1 - share) * led


def risk_terms(ctx, spec, lead: dict, sup) -> dict[str, list]:
    """The yearly risk terms of one option: staff time, overruns, downtime and unmanaged spend.

    ``lead`` is the leadership component (``leadership.leadership``), ``sup`` the support one
    (``support.support``). The share of running IT without experienced leadership (``ops_unled``)
    lengthens outages; work nobody owns costs staff hours where there is no leader.
    """
    q, E, shocks = ctx.q, ctx.E, ctx.shocks
    unled = lead["unled"]  # share of project work without experienced leadership
    ops = lead["ops_unled"]  # the same for running IT day to day
    down_factor = ops + (1 - ops) * q("downtime_factor_led")
    down_hours = sup.down_hours * down_factor * shocks.get(f"downtime_{spec.support}", 1.0)
    nobody = lead["nobody"]  # IT work nobody owns, by employee
    lost_hours = (sup.lost + nobody * (1 - sup.owned) * q("it_hours_lost_unled")) * E
    sup_key = "managed" if spec.support == "comanaged" else spec.support
    incidents = shocks.get(f"incident_{sup_key}", q(f"incident_prob_{sup_key}"))
    # Security has an owner (model 3): without one (no leader, or a leader part of the way) nobody
    # sets policy, reviews access or tests the backups, and serious incidents are more likely.
    incidents = incidents * (1 + (q("incident_factor_no_owner") - 1) * ops)
    incident_cost = incidents * (
        q("incident_outage_hours") * ctx.downtime_rate + q("incident_recovery_cost") * ctx.m
    )
    return {
        "staff_time": [lost_hours * ctx.staff_rate],
        "overruns": [_mix(unled, ctx.overrun["unled"], ctx.overrun["led"])],
        "downtime": [down_hours * ctx.downtime_rate + incident_cost],
        "spend": [ctx.spend * lead["unmanaged"]],
    }
