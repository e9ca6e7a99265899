"""``sensitivity``: every assumption at its low and its high, and which ones change the winner."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..assumptions import Assumptions
from ..engine import option_costs
from ..scenario import Scenario
from .common import scenario_assumptions


def sensitivity(scenario: Scenario, assumptions: Assumptions | None = None) -> pd.DataFrame:
    """Every assumption at its low and its high: the gap between the two best options, and flips.

    The gap is runner-up NPV minus recommended NPV at the base case (positive). For each assumption,
    ``gap_low`` / ``gap_high`` is the same pair's gap with that assumption at its low / high, and
    ``winner_low`` / ``winner_high`` the cheapest option then; ``flips`` is true when either differs
    from the base recommendation. All 2K+1 variants are computed in one vectorised engine call.
    Sorted by ``swing`` = |gap_high - gap_low|, largest first.
    """
    a = scenario_assumptions(scenario, assumptions)
    base = a.values()
    keys = [k for k, it in a.items.items() if it.high > it.low and k not in scenario.assumptions]
    n = 2 * len(keys) + 1
    p = {k: np.full(n, v) for k, v in base.items()}
    for i, k in enumerate(keys):
        p[k][2 * i + 1] = a.items[k].low
        p[k][2 * i + 2] = a.items[k].high
    costs = option_costs(scenario, a, p=p)
    ids = [s.id for s in a.options]
    npv = np.stack([costs[i].npv(scenario.discount_rate) for i in ids])  # [option, variant]
    best_i = int(np.argmin(npv[:, 0]))
    second_i = int(np.argsort(npv[:, 0])[1])
    gap = npv[second_i] - npv[best_i]
    winners = np.asarray(ids, dtype=object)[np.argmin(npv, axis=0)]
    rows = []
    for i, k in enumerate(keys):
        it = a.items[k]
        lo, hi = 2 * i + 1, 2 * i + 2
        rows.append(
            {
                "key": k,
                "label": it.label,
                "unit": it.unit,
                "value": base[k],
                "low": it.low,
                "high": it.high,
                "gap_low": gap[lo],
                "gap_high": gap[hi],
                "swing": abs(gap[hi] - gap[lo]),
                "winner_low": winners[lo],
                "winner_high": winners[hi],
                "flips": bool(winners[lo] != ids[best_i] or winners[hi] != ids[best_i]),
            }
        )
    columns = ["key", "label", "unit", "value", "low", "high", "gap_low", "gap_high", "swing",
               "winner_low", "winner_high", "flips"]  # fmt: skip
    df = pd.DataFrame(rows, columns=columns).sort_values(
        "swing", ascending=False, ignore_index=True
    )
    df.attrs.update(base_gap=float(gap[0]), recommended=ids[best_i], runner_up=ids[second_i])
    return df
