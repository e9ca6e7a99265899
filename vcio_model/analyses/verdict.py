"""The verdict: the close-call rule, the one-sentence verdict, its reasons and the input warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..assumptions import Assumptions
from ..engine import CATEGORIES, CATEGORY_LABELS, project_load, size_table
from ..format import in_sentence, money, plural, with_article
from ..scenario import Scenario

if TYPE_CHECKING:
    from .compare import OptionResult


def project_spend_per_employee(sc: Scenario, a: Assumptions) -> float:
    """Planned project budgets per employee per year (USD), averaged over the horizon."""
    p = a.values()
    scale_b = size_table(a, p, "project_budget_scale", sc.employees)[..., 0]
    scale_h = size_table(a, p, "project_hours_scale", sc.employees)[..., 0]
    budget, _ = project_load(sc, p, sc.projects_per_year, sc.years, scale_b, scale_h)
    return float(np.mean(budget)) / sc.employees


def input_warnings(sc: Scenario, a: Assumptions) -> list[str]:
    """Inputs far outside published bands, in words (the verdict still stands, but check them)."""
    out = []
    per = project_spend_per_employee(sc, a)
    limit = a["project_spend_warn_per_employee"]
    if per > limit:
        out.append(
            f"The projects add up to about {money(per)} per employee a year, far above what firms "
            f"spend on new IT projects (about $1,500 to $4,500 per employee a year, from IT "
            f"budgets of 3 to 7% of revenue): check the number and size of the projects."
        )
    return out


def is_close_call(best_npv, second_npv, margin):
    """True where the runner-up's NPV is within ``margin`` (a fraction) of the winner's.

    Works on scalars and arrays alike.

    >>> bool(is_close_call(100.0, 103.0, 0.04)), bool(is_close_call(100.0, 105.0, 0.04))
    (True, False)
    """
    return (np.asarray(second_npv) - np.asarray(best_npv)) <= margin * np.abs(best_npv)


def _load_words(sc: Scenario) -> str:
    """'3 medium projects a year', '1 small project a year plus 1 named project', 'no IT projects'.

    >>> _load_words(Scenario(projects_per_year=0)), _load_words(Scenario(projects_per_year=1))
    ('no IT projects', '1 medium project a year')
    """
    n = sc.projects_per_year
    named = plural(len(sc.projects), "named project") if sc.projects else ""
    if n == 0:
        return named or "no IT projects"
    count = f"{n:g} {sc.project_size} project{'s' if n != 1 else ''} a year"
    return f"{count} plus {named}" if named else count


def verdict_sentence(
    sc: Scenario,
    best: OptionResult,
    second: OptionResult,
    margin: float,
    close: bool = False,
) -> str:
    who = sc.company or with_article(f"{sc.employees:,}-person firm")
    pct = margin / second.npv if second.npv else 0
    if close:
        first, other = best, second  # the lower first, as on the cards
        a_text, b_text = money(first.npv), money(other.npv)
        amounts = f"both about {a_text}" if a_text == b_text else f"{a_text} and {b_text}"
        apart = "less than 1%" if pct < 0.005 else f"{pct:.0%}"
        return (
            f"For {who} with {_load_words(sc)}, {in_sentence(first.name)} and "
            f"{in_sentence(other.name)} cost about the same over {plural(sc.years, 'year')} "
            f"in today's money ({amounts}, {apart} apart, closer than the model can tell): "
            f"what decides between them is not the price."
        )
    return (
        f"For {who} with {_load_words(sc)}, {in_sentence(best.name)} "
        f"costs {money(best.npv)} over {plural(sc.years, 'year')} in today's money, "
        f"{money(margin)} ({pct:.0%}) less than the runner-up, {in_sentence(second.name)}."
    )


def close_reasons(best, second) -> list[str]:
    """What decides a close call: what money does not show (data/options.csv), side by side."""
    out = []
    for label, attr in (
        ("Hours of cover a week", "coverage_hours_week"),
        ("Single point of failure", "single_point_of_failure"),
        ("Capacity for strategy and projects", "strategic_capacity"),
    ):
        out.append(
            f"{label}: {best.short_name}: {getattr(best, attr)}; "
            f"{second.short_name}: {getattr(second, attr)}."
        )
    return out


def verdict_reasons(sc: Scenario, best: OptionResult, second: OptionResult) -> list[str]:
    """Why the winner wins: the categories where it saves most against the runner-up."""
    b, s = best.category_totals(), second.category_totals()
    diffs = sorted(((s[c] - b[c], c) for c in CATEGORIES), reverse=True)
    out = []
    for d, c in diffs:
        if d > 0 and len(out) < 3:
            out.append(
                f"{CATEGORY_LABELS[c]}: {money(d)} less than {in_sentence(second.short_name)} over "
                f"{plural(sc.years, 'year')}."
            )
    for d, c in diffs[::-1]:
        if d < 0 and len(out) < 4:
            out.append(
                f"It costs {money(-d)} more in {in_sentence(CATEGORY_LABELS[c])}, "
                f"outweighed by the savings above."
            )
            break
    return out
