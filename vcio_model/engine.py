"""The vectorised cost engine shared by compare, frontier, simulate and sensitivity.

Shapes: every company input and every assumption may be a scalar or an array; they broadcast to a
batch shape ``S`` (a size x load grid, a set of Monte Carlo trials, a set of low/high variants).
Yearly results have shape ``S + (years,)``; upfront results have shape ``S``.

Timing: ``upfront`` is paid at t=0 (search fees, onboarding fees); year ``i`` costs are paid during
year ``i + 1`` and booked at its end. Costs are positive numbers (a cost model, not a cash-flow sign
convention). Wages grow with ``wage_growth``; MSP and consultant prices with ``msp_price_escalation``.
"""

from __future__ import annotations

import numpy as np

from .assumptions import Assumptions
from .context import HOURS_PER_YEAR, Context, project_load, size_table, turnover
from .leadership import leadership
from .risks import expected_overrun_fraction, risk_terms, tail_mean
from .scenario import Scenario
from .support import support
from .terms import OptionCosts, Product

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "HOURS_PER_YEAR",
    "OptionCosts",
    "Product",
    "expected_overrun_fraction",
    "option_costs",
    "project_load",
    "size_table",
    "tail_mean",
    "turnover",
]

CATEGORIES = ("leadership", "support", "staff_time", "overruns", "downtime", "spend")
CATEGORY_LABELS = {
    "leadership": "IT leadership",
    "support": "Support",
    "staff_time": "Staff time lost",
    "overruns": "Project overruns",
    "downtime": "Downtime",
    "spend": "IT spend nobody manages",
}


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
    Each option is a leadership component (none, vcio, vcio_project, cio, it_manager; see
    ``leadership``) plus a support component (break_fix, managed, comanaged, inhouse; see
    ``support``). The leadership component sets who leads projects (and so which overrun profile
    applies), who does the leadership work a firm of its size needs, how much IT spend is managed,
    and the share of project work (``unled``) and of day-to-day IT (``ops_unled``) without
    experienced leadership; ``risks`` turns those into staff time, overruns, downtime (with
    serious incidents likelier where nobody owns security) and unmanaged spend. Support is priced
    from one labour model (``support.staffing``). docs/method.md has every formula.
    """
    ctx = Context(sc, a, p, employees, n_proj, overrun_draws, shocks)
    out: dict[str, OptionCosts] = {}
    shared = {}  # a leadership without a team behind it is the same for every support
    for spec in a.options:
        sup = support(ctx, spec.support, spec.leadership)
        if np.ndim(sup.team_hours) == 0 and sup.team_hours == 0:
            if spec.leadership not in shared:
                shared[spec.leadership] = leadership(ctx, spec.leadership, 0.0)
            lead = shared[spec.leadership]
        else:
            lead = leadership(ctx, spec.leadership, sup.team_hours)
        out[spec.id] = OptionCosts(
            upfront={"leadership": lead["up"], "support": sup.up},
            yearly={
                "leadership": lead["cost"],
                "support": sup.cost,
                **risk_terms(ctx, spec, lead, sup),
            },
            leadership_hours=lead["hours"],
            years=ctx.years,
            project_cost=lead["project"],
        )
    return out
