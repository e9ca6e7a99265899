"""``sensitivity``: every assumption at its low and its high, and which ones change the winner."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..assumptions import Assumptions
from ..engine import option_costs
from ..scenario import Scenario
from .common import scenario_assumptions


def sensitivity(scenario: Scenario, assumptions: Assumptions | None = None) -> pd.DataFrame:
    """Every assumption at its low and its high, against every option: what it does to the winner.

    The winner is the option with the lowest NPV at expected values (``compare``'s NPVs). For each
    assumption at its low / its high, over all options: ``winner_low`` / ``winner_high`` is the
    cheapest option then; ``rival_low`` / ``rival_high`` the base winner's nearest rival then
    (the cheapest of the others, whichever it is); ``gap_low`` / ``gap_high`` that rival's NPV
    minus the base winner's: positive while the winner stays cheapest, negative by what the new
    cheapest saves. ``flips`` is true when either end changes the cheapest option, which is exactly
    when a gap is below zero (exact ties aside). All 2K+1 variants are computed in one vectorised
    engine call. Sorted by ``swing`` = |gap_high - gap_low|, largest first. ``attrs`` holds
    ``recommended`` (the base winner), ``runner_up`` (its nearest rival) and ``base_gap``.

    Examples
    --------
    >>> df = sensitivity(Scenario(employees=5000, projects_per_year=3))
    >>> bool(((df["gap_low"] < 0) == (df["winner_low"] != df.attrs["recommended"])).all())
    True
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
    others = np.delete(npv, best_i, axis=0)  # every other option, in every variant
    other_ids = np.asarray([i for k, i in enumerate(ids) if k != best_i], dtype=object)
    rivals = other_ids[np.argmin(others, axis=0)]  # the winner's nearest rival, variant by variant
    gap = others.min(axis=0) - npv[best_i]
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
                "rival_low": rivals[lo],
                "rival_high": rivals[hi],
                "flips": bool(winners[lo] != ids[best_i] or winners[hi] != ids[best_i]),
            }
        )
    columns = ["key", "label", "unit", "value", "low", "high", "gap_low", "gap_high", "swing",
               "winner_low", "winner_high", "rival_low", "rival_high", "flips"]  # fmt: skip
    df = pd.DataFrame(rows, columns=columns).sort_values(
        "swing", ascending=False, ignore_index=True
    )
    df.attrs.update(base_gap=float(gap[0]), recommended=ids[best_i], runner_up=str(rivals[0]))
    return df
