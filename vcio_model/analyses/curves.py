"""``slider_curve``: how the cheapest option and its margin move across one input's range."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..assumptions import Assumptions
from ..engine import option_costs
from ..scenario import Scenario
from .common import scenario_assumptions

SLIDER_RANGES = {
    "employees": (np.unique(np.round(np.geomspace(5, 5000, 30))), "Employees"),
    "projects_per_year": (np.arange(0, 21, 1.0), "Projects a year"),
    "years": (np.arange(1, 11), "Years"),
    "discount_rate": (np.linspace(0, 0.3, 16), "Discount rate"),
    "downtime_cost_per_hour": (np.geomspace(100, 1_000_000, 25), "Downtime cost per hour"),
}


def slider_curve(
    scenario: Scenario, field_name: str, values=None, assumptions: Assumptions | None = None
) -> pd.DataFrame:
    """How the cheapest option and its margin move across one input's range.

    Returns one row per value: ``value``, ``winner``, ``runner_up``, ``margin`` (runner-up NPV minus
    winner NPV) and ``npv_<option>`` for every option. Each input takes one or two engine calls:
    employees and projects are batch inputs of the engine; no cost depends on the discount rate,
    so every rate discounts the same cash flows; a year's cost does not depend on the horizon, so
    the longest horizon's flows give every shorter one (a named project starting after a horizon
    falls outside it); and the downtime cost per hour enters the costs linearly, so two engine
    calls (at 0 and at the top value) give every value. Each row equals ``compare`` at that
    value (tests/model/test_units.py checks it).
    """
    if field_name not in SLIDER_RANGES:
        raise ValueError(
            f"field_name: must be one of {', '.join(SLIDER_RANGES)} (got {field_name!r})"
        )
    a = scenario_assumptions(scenario, assumptions)
    vals = np.asarray(values if values is not None else SLIDER_RANGES[field_name][0], float)
    ids = [s.id for s in a.options]
    if field_name in ("employees", "projects_per_year"):
        kw = {"employees": vals} if field_name == "employees" else {"n_proj": vals}
        costs = option_costs(scenario, a, **kw)
        npv = np.stack([costs[i].npv(scenario.discount_rate) for i in ids])
    elif field_name == "downtime_cost_per_hour":
        top = float(vals.max()) or 1.0
        ends = []
        for d in (0.0, top):
            c = option_costs(scenario.model_copy(update={field_name: d}), a)
            ends.append(np.array([float(c[i].npv(scenario.discount_rate)) for i in ids]))
        base, at_top = ends
        npv = base[:, None] + (at_top - base)[:, None] * (vals / top)[None, :]
    else:
        if field_name == "years":
            horizons = vals.astype(int)
            sc = scenario.model_copy(update={"years": int(horizons.max())})
            rates = np.full(len(vals), scenario.discount_rate)
        else:
            horizons = np.full(len(vals), scenario.years)
            sc, rates = scenario, vals
        costs = option_costs(sc, a)
        # cash flows at t = 0 (upfront) .. sc.years, one row per option
        flows = np.stack(
            [np.concatenate([[costs[i].upfront_total()], costs[i].yearly_total()]) for i in ids]
        )
        t = np.arange(flows.shape[1])
        disc = (1.0 + rates[:, None]) ** -t[None, :]  # value x time, as numpy_financial.npv
        upto = t[None, :] <= horizons[:, None]  # the years inside each value's horizon
        npv = flows @ (disc * upto).T
    order = np.argsort(npv, axis=0)
    best = np.take_along_axis(npv, order[:1], 0)[0]
    second = np.take_along_axis(npv, order[1:2], 0)[0]
    return pd.DataFrame(
        {
            "value": vals,
            "winner": np.asarray(ids, dtype=object)[order[0]],
            "runner_up": np.asarray(ids, dtype=object)[order[1]],
            "margin": second - best,
        }
        | {f"npv_{i}": npv[k] for k, i in enumerate(ids)}
    )
