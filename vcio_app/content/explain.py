"""Plain sentences and tables for the analysis pages: where each option wins, risk, sensitivity.

Pure functions over model results (no streamlit), so each sentence is unit-tested against the
model. Money goes through ``vcio_model.money`` ($1.2M); head counts are rounded to two
significant figures ("about 810 staff"), since a crossover is a zone, not a line.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from vcio_model import Frontier, in_sentence, money, plural


def about(n: float) -> str:
    """A head count rounded to two significant figures, with thousands separators.

    >>> about(88.0), about(814.2), about(3319), about(5.4)
    ('88', '810', '3,300', '5')
    """
    if n < 10:
        return f"{n:,.0f}"
    return f"{round(n, 1 - int(math.floor(math.log10(n)))):,.0f}"


def _pct(x: float) -> str:
    """0.2 -> '20%', 0.036 -> '3.6%'."""
    return f"{x * 100:.1f}".rstrip("0").rstrip(".") + "%"


# ------------------------------------------------------------------------- where each option wins
def _runs(ids) -> list[tuple[str, int, int]]:
    """Consecutive runs of the same option: (option id, first index, last index)."""
    out, start = [], 0
    for j in range(1, len(ids) + 1):
        if j == len(ids) or ids[j] != ids[start]:
            out.append((str(ids[start]), start, j - 1))
            start = j
    return out


def _cut(emp, j: int) -> str:
    """The crossover between grid sizes j-1 and j (geometric middle, as the axis is log)."""
    return about(math.sqrt(emp[j - 1] * emp[j]))


def _size_range(emp, lo: int, hi: int) -> str:
    last = len(emp) - 1
    if lo == 0 and hi == last:
        return f"at every size from {about(emp[0])} to {about(emp[-1])} staff"
    if lo == 0:
        return f"below about {_cut(emp, hi + 1)} staff"
    if hi == last:
        return f"above about {_cut(emp, lo)} staff"
    return f"from about {_cut(emp, lo)} to {_cut(emp, hi + 1)} staff"


def _load_range(proj, lo: int, hi: int) -> str:
    last = len(proj) - 1
    a, b = f"{proj[lo]:g}", f"{proj[hi]:g}"
    if lo == 0 and hi == last:
        return f"at any project load from {a} to {b} a year"
    if lo == 0:
        return "with no projects" if proj[hi] == 0 else f"with {b} or fewer projects a year"
    if hi == last:
        return f"with {a} or more projects a year"
    return (
        f"with {plural(proj[lo], 'project')} a year"
        if lo == hi
        else f"with {a} to {b} projects a year"
    )


def _load(n: float, named: int = 0) -> str:
    """3 -> '3 projects a year', 0 -> 'no IT projects'; with named projects, they are said too
    (the map keeps them in every square): 'no IT projects besides your named project'."""
    if not named:
        return "no IT projects" if n == 0 else f"{plural(n, 'project')} a year"
    yours = "your named project" if named == 1 else f"your {named} named projects"
    if n == 0:
        return f"no IT projects besides {yours}"
    return f"{plural(n, 'project')} a year plus {yours}"


def _nearest(grid, value: float, log: bool = False) -> int:
    g = np.log(np.asarray(grid, float)) if log else np.asarray(grid, float)
    return int(np.argmin(np.abs(g - (math.log(max(value, 1e-9)) if log else value))))


def where_summary(
    fr: Frontier,
    employees: float,
    projects: float,
    winner: str,
    names: dict[str, str],
    named: int = 0,
) -> tuple[str, list[str]]:
    """The takeaway sentence and the detail lines for the 'where each option wins' page.

    Parameters
    ----------
    fr : the frontier (cheapest option over employees x projects a year)
    employees, projects : the current scenario's size and project load
    winner : the cheapest option for the exact scenario (``Comparison.recommended``)
    names : option id -> display name
    named : how many named projects the scenario has (counted in every square of the map)

    Returns
    -------
    (takeaway, details): one sentence, then lines for the current project load (across sizes),
    the current size (across project loads), the other options' zones and the options that never
    win on the map.
    """
    emp, proj = np.asarray(fr.employees, float), np.asarray(fr.projects, float)
    name = {k: in_sentence(v) for k, v in names.items()}
    i, j = _nearest(proj, projects), _nearest(emp, employees, log=True)
    row, col = fr.cheapest[i], fr.cheapest[:, j]
    size = "1 person" if employees == 1 else f"{employees:,.0f} staff"
    head = f"At your size ({size}) with {_load(projects, named)}, {name[winner]} is the cheapest"
    row_runs, col_runs = _runs(row), _runs(col)
    mine = next((r for r in row_runs if r[1] <= j <= r[2]), None)
    # the border is only claimed on the map's row for your own load, not a neighbouring one
    if mine and mine[0] == winner and len(row_runs) > 1 and proj[i] == projects:
        head += f", and stays so {_size_range(emp, mine[1], mine[2])}"
    at_load = f"with {_load(proj[i], named)}" + (
        "" if proj[i] == projects else f" (nearest to your {projects:g})"
    )
    details = [
        f"**By size**, {at_load}: "
        + "; ".join(f"{name[o]} {_size_range(emp, a, b)}" for o, a, b in row_runs)
        + ".",
        "**By project load**, at your size: "
        + "; ".join(f"{name[o]} {_load_range(proj, a, b)}" for o, a, b in col_runs)
        + ".",
    ]
    seen = {r[0] for r in row_runs + col_runs}
    for o in fr.option_ids:
        cells = np.argwhere(fr.cheapest == o)
        if o in seen or not len(cells):
            continue
        (p_lo, e_lo), (p_hi, e_hi) = cells.min(axis=0), cells.max(axis=0)
        details.append(
            f"**Elsewhere**, {name[o]} wins {_size_range(emp, e_lo, e_hi)} "
            f"{_load_range(proj, p_lo, p_hi)}."
        )
    never = [names[o] for o in fr.option_ids if not (fr.cheapest == o).any()]
    if never:
        details.append(f"**Never the cheapest** on this map: {', '.join(never)}.")
    return head + ".", details


# ------------------------------------------------------------------------------------------ risk
def _range_reason(leadership: str, support: str) -> str:
    spiky = {
        "break_fix": "hourly break-fix bills and outages vary a lot from year to year",
        "none": "projects run without an experienced IT leader sometimes blow up",
    }
    parts = [spiky[k] for k in ("break_fix", "none") if k in (support, leadership)]
    if parts:
        return ", and ".join(parts)
    if leadership == "cio":
        return "salaries, search fees and the months a CIO seat can stand empty all vary"
    return "hourly rates and project overruns vary"


def chance(p: float) -> str:
    """0 -> 'never', 0.003 -> 'under 1%', 0.726 -> '73%'."""
    return "never" if p == 0 else "under 1%" if p < 0.005 else f"{p:.0%}"


def risk_takeaway(
    summary: pd.DataFrame, trials: int, kinds: dict[str, tuple[str, str]]
) -> tuple[str, str]:
    """(takeaway, range sentence): the option cheapest most often; the widest P10-P90 and why.

    ``summary`` is ``Simulation.summary()``; ``kinds`` maps option id to (leadership, support).
    A runner-up cheapest in at least 20% of the futures is named beside the winner.
    """
    by_chance = summary.sort_values("p_cheapest", ascending=False, kind="stable")
    best, second = by_chance.iloc[0], by_chance.iloc[1]
    wide = summary.loc[(summary["p90"] - summary["p10"]).idxmax()]
    close = (
        f" ({in_sentence(second['name'])}: {chance(second['p_cheapest'])})"
        if second["p_cheapest"] >= 0.2
        else ""
    )
    return (
        f"{best['name']} is the cheapest in {chance(best['p_cheapest'])} of {trials:,} "
        f"simulated futures{close}.",
        f"{wide['name']} has the widest range, {money(wide['p10'])} to {money(wide['p90'])}, "
        f"because {_range_reason(*kinds[wide['option']])}.",
    )


def risk_table(summary: pd.DataFrame) -> pd.DataFrame:
    """P10, P50, P90 (rounded money) and the chance of being cheapest, lowest P50 first."""
    s = summary.sort_values("p50")
    return pd.DataFrame(
        {
            "Option": s["name"],
            "Good case (P10)": s["p10"].map(money),
            "Typical (P50)": s["p50"].map(money),
            "Bad case (P90)": s["p90"].map(money),
            "How often cheapest": s["p_cheapest"].map(chance),
        }
    ).reset_index(drop=True)


# ----------------------------------------------------------------------------------- sensitivity
_PER = {
    "yr": "a year",
    "month": "a month",
    "hour": "an hour",
    "user": "per user",
    "employee": "per employee",
    "site": "per site",
}


def fmt_value(v: float, unit: str) -> str:
    """An assumption's value in words, from its unit in data/assumptions.csv.

    >>> fmt_value(300, "USD/hour"), fmt_value(0.2, "fraction of budget"), fmt_value(1.3, "x table")
    ('$300 an hour', '20% of budget', '1.3×')
    >>> fmt_value(12, "hours/employee/yr"), fmt_value(1.4, "x monthly fee")
    ('12 hours per employee a year', '1.4× the monthly fee')
    """
    head, *per = unit.split("/")
    tail = "".join(f" {_PER.get(p, 'per ' + p)}" for p in per)
    if head == "USD":
        return money(v) + tail
    if head.startswith(("fraction", "probability")):
        rest = head.split(" ", 1)[1] if " " in head else ""
        return _pct(v) + (f" {rest}" if rest else "") + tail
    if head.startswith("x "):
        rest = head[2:]
        return f"{v:g}×" + ("" if rest in ("table", "hours", "rate") else f" the {rest}") + tail
    if head in ("hours", "months", "years"):
        return plural(v, head[:-1]) + tail
    return f"{v:g}" + tail


def _flip_end(row) -> tuple[str, float]:
    """('low' or 'high', value) for the end of the range that changes the winner (low first)."""
    rec = row["_rec"]
    return ("low", row["low"]) if row["winner_low"] != rec else ("high", row["high"])


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def sensitivity_takeaway(
    sens: pd.DataFrame, names: dict[str, str], top: int = 4
) -> tuple[str, list[str]]:
    """(takeaway, detail lines) naming the assumptions that flip the verdict, at which value.

    ``sens`` is ``vcio_model.sensitivity(...)`` (sorted by swing, ``attrs['recommended']`` set).
    The takeaway names the flipping assumption with the largest swing; the details count the
    flips and name up to ``top - 1`` more.
    """
    rec = sens.attrs["recommended"]
    flips = sens[sens["flips"]].assign(_rec=rec)
    if flips.empty:
        labels = [in_sentence(x) for x in sens["label"].head(3)]
        return (
            f"No single assumption, moved anywhere in its range, changes the verdict: "
            f"{in_sentence(names[rec])} stays the cheapest.",
            [f"The ones that move the gap most are {_and(labels)}."],
        )

    def clause(r) -> str:
        end, v = _flip_end(r)
        who = r["winner_low"] if end == "low" else r["winner_high"]
        return (
            f"{in_sentence(r['label'])} were {fmt_value(v, r['unit'])} instead of "
            f"{fmt_value(r['value'], r['unit'])}, {in_sentence(names[who])} would be the cheapest"
        )

    take = f"If the {clause(flips.iloc[0])}, not {in_sentence(names[rec])}."
    n, k = len(flips), len(sens)
    count = (
        f"{n} of the {k} assumptions can change the verdict on their own, each within its "
        "sourced range (low to high)."
        if n > 1
        else f"It is the only one of the {k} assumptions that can change the verdict on its own, "
        "within its sourced range (low to high)."
    )
    return take, [count] + [f"If the {clause(r)}." for _, r in flips.iloc[1:top].iterrows()]


def sensitivity_table(sens: pd.DataFrame, names: dict[str, str], top: int = 12) -> pd.DataFrame:
    """The assumptions that move the gap most: today, low, high, the cheapest at each end, flips."""
    s = sens.head(top)

    def fmt(col: str) -> list[str]:
        return [fmt_value(v, u) for v, u in zip(s[col], s["unit"], strict=True)]

    return pd.DataFrame(
        {
            "Assumption": s["label"],
            "Today": fmt("value"),
            "Low": fmt("low"),
            "Cheapest at low": s["winner_low"].map(names),
            "High": fmt("high"),
            "Cheapest at high": s["winner_high"].map(names),
            "Flips the verdict": s["flips"].map({True: "Yes", False: "No"}),
        }
    ).reset_index(drop=True)
