"""The verdict: one rule decides the winner or a close call; the sentences that say it.

The rule (docs/method.md, "The verdict"): ``compare`` simulates ``VERDICT_TRIALS`` futures (seed
``VERDICT_SEED``, the same futures as the Risk page and ``simulate``'s defaults) and counts in how
many each option is the cheapest. An option that is the cheapest in at least ``WINNER_SHARE`` (half)
of them, and more often than any other, is named the winner. Otherwise no option is: the verdict is
a close call between the lowest-cost option at expected values and the next-lowest.
``certainty`` and every sentence read this one decision, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..engine import CATEGORIES, CATEGORY_LABELS
from ..format import chance, in_sentence, money, plural, with_article
from ..scenario import Scenario

if TYPE_CHECKING:
    from .compare import OptionResult

WINNER_SHARE = 0.5  # a winner is the cheapest in at least this share of the simulated futures
VERDICT_TRIALS = 5000  # simulated futures behind every verdict (simulate's default)
VERDICT_SEED = 1  # their seed (simulate's default): the Risk page shows the same futures
SURE, FAIRLY_SURE = 0.8, 0.6  # shares of futures for "Sure" and "Fairly sure"


@dataclass(frozen=True)
class Decision:
    """The verdict rule's outcome: who is named (or which two are too close), and on what shares."""

    recommended: str
    runner_up: str
    close_call: bool
    shares: dict[str, float]  # option id -> share of the simulated futures in which it is cheapest
    trials: int

    @property
    def most_often(self) -> str:
        """The option cheapest in the most futures (ties: the first option)."""
        return max(self.shares, key=self.shares.get)


def cheapest_shares(npv: dict[str, np.ndarray]) -> dict[str, float]:
    """Share of the trials in which each option has the lowest NPV (ties: the first option).

    >>> cheapest_shares({"a": np.array([1.0, 5.0, 2.0, 2.0]), "b": np.array([2.0, 1.0, 2.0, 9.0])})
    {'a': 0.75, 'b': 0.25}
    """
    ids = list(npv)
    stack = np.stack([npv[i] for i in ids])
    wins = np.bincount(np.argmin(stack, axis=0), minlength=len(ids)) / stack.shape[1]
    return {i: float(w) for i, w in zip(ids, wins, strict=True)}


def decide(npv: dict[str, float], shares: dict[str, float], trials: int) -> Decision:
    """The verdict rule: a winner only where the simulation agrees.

    ``npv`` is each option's NPV at expected values (``compare``'s), ``shares`` the share of the
    simulated futures in which each is the cheapest. The option cheapest most often is named if
    that share is at least ``WINNER_SHARE`` and no other option's equals it. Otherwise it is a
    close call and ``recommended`` is the lowest NPV (the first card). ``runner_up`` is the
    next-lowest NPV after ``recommended``.

    >>> d = decide({"a": 100.0, "b": 104.0, "c": 130.0}, {"a": 0.62, "b": 0.38, "c": 0.0}, 100)
    >>> d.recommended, d.runner_up, d.close_call
    ('a', 'b', False)
    >>> d = decide({"a": 100.0, "b": 101.0, "c": 103.0}, {"a": 0.40, "b": 0.15, "c": 0.45}, 100)
    >>> d.recommended, d.runner_up, d.close_call
    ('a', 'b', True)
    """
    shares = {i: float(shares.get(i, 0.0)) for i in npv}  # an option never cheapest may be left out
    by_npv = sorted(npv, key=npv.get)  # stable: ties go to the first option
    by_share = sorted(npv, key=lambda i: (-shares[i], npv[i]))
    top = by_share[0]
    clear = shares[top] >= WINNER_SHARE and shares[top] > shares[by_share[1]]
    rec = top if clear else by_npv[0]
    run = next(i for i in by_npv if i != rec)
    return Decision(rec, run, not clear, shares, trials)


def _share(p: float) -> str:
    """A share of futures in words that never rounds across the half: 0.4996 -> 'just under 50%'."""
    text = chance(p)
    return "just under 50%" if p < WINNER_SHARE and text == "50%" else text


def strength(d: Decision) -> str:
    """'Sure', 'Fairly sure', 'Not certain' (named, in at least half the futures) or 'Too close to
    call' (no option in half of them)."""
    if d.close_call:
        return "Too close to call"
    p = d.shares[d.recommended]
    return "Sure" if p >= SURE else "Fairly sure" if p >= FAIRLY_SURE else "Not certain"


def how_sure_sentence(d: Decision, options: dict[str, OptionResult]) -> str:
    """How sure the verdict is, in one plain sentence with the shares of futures behind it."""
    name = {i: in_sentence(o.name) for i, o in options.items()}
    futures = f"{d.trials:,} simulated futures"
    rivals = sorted((i for i in d.shares if i != d.recommended), key=lambda i: -d.shares[i])
    if d.close_call:
        shown = list(dict.fromkeys([d.recommended, d.runner_up, d.most_often]))
        shown += [i for i in rivals if i not in shown and d.shares[i] >= 0.2][:1]
        shown.sort(key=lambda i: -d.shares[i])
        each = ", ".join(f"{name[i]} in {_share(d.shares[i])}" for i in shown)
        return f"Too close to call: no option is the cheapest in half of {futures} ({each})."
    win, p = d.recommended, d.shares[d.recommended]
    lowest = min(options, key=lambda i: options[i].npv)
    head = f"{strength(d)}: {name[win]} is the cheapest in {_share(p)} of {futures}"
    if lowest != win:
        diff = options[win].npv - options[lowest].npv
        return (
            f"{head}, but its bad futures cost more: on average {name[lowest]} costs "
            f"{money(diff)} less."
        )
    if p < FAIRLY_SURE:
        head += ", about half" if _share(p) == "50%" else ", a little more than half"
    return f"{head} ({name[rivals[0]]} in {_share(d.shares[rivals[0]])})."


def verdict_sentence(sc: Scenario, d: Decision, options: dict[str, OptionResult]) -> str:
    """The one-sentence verdict: the winner and what it saves, or the close call and why."""
    who = sc.company or with_article(f"{sc.employees:,}-person firm")
    best, second = options[d.recommended], options[d.runner_up]
    margin = second.npv - best.npv
    pct = margin / second.npv if second.npv else 0
    years = plural(sc.years, "year")
    start = f"For {who} with {_load_words(sc)}, "
    if d.close_call:
        a_text, b_text = money(best.npv), money(second.npv)  # the lower first, as on the cards
        amounts = f"both about {a_text}" if a_text == b_text else f"{a_text} and {b_text}"
        apart = "less than 1%" if pct < 0.005 else f"{pct:.0%}"
        return (
            f"{start}{in_sentence(best.name)} and {in_sentence(second.name)} cost about the same "
            f"over {years} in today's money ({amounts}, {apart} apart): no option is the cheapest "
            f"in half of the simulated futures, so what decides between them is not the price."
        )
    if margin < 0:  # named on the futures, though the runner-up costs less on average
        return (
            f"{start}{in_sentence(best.name)} is the cheapest in at least half of the "
            f"simulated futures ({_share(d.shares[best.id])}), although {in_sentence(second.name)} costs "
            f"{money(-margin)} less on average over {years} in today's money "
            f"({money(second.npv)} against {money(best.npv)}): when {in_sentence(best.short_name)} costs "
            f"more, it costs much more."
        )
    costs = (
        "costs" if d.shares[best.id] >= FAIRLY_SURE else "is more likely than not the cheapest at"
    )
    return (
        f"{start}{in_sentence(best.name)} {costs} {money(best.npv)} over {years} in today's money, "
        f"{money(margin)} ({pct:.0%}) less than the runner-up, {in_sentence(second.name)}."
    )


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
