"""Bar charts as plain HTML for ``st.html``: one bar per option, or one stacked bar per option by
cost category.

The pages draw these instead of Plotly figures where a chart is only bars and labels: a browser
lays out a few dozen styled boxes in a millisecond or two, while every Plotly chart costs it
60 to 100 ms on this project's 2-core test machine (Chromium trace of a visit to Costs: 253 ms of
Plotly's own code and 90 ms of its text measuring for three charts). The Costs page went from three
Plotly charts to one. The reports keep the Plotly versions (``costs.py``), which zoom and export.

Same design as the Plotly versions: cheapest at the top, each bar's label above it (the option's
short name, its amount and how much more than the cheapest), the recommended option in full
colour with an outline, the others faded. Every figure is text on the page (screen readers,
copy), and hovering a bar or a segment shows its exact amount (the ``title`` attribute). All
text is escaped here; colours and widths come from the model and ``data/options.csv``.
"""

from __future__ import annotations

import html

from vcio_model import CATEGORIES, CATEGORY_LABELS, money
from vcio_model.format import money_compared

from .style import (
    CATEGORY_COLORS,
    FADED_OPACITY,
    _more_than_cheapest,
    singled_out,
    standing,
)

BARS_CSS = (
    "<style>"
    ".vcio-bars{margin:.25rem 0 1rem;font-size:.95rem;line-height:1.35}"
    ".vcio-bars .row{margin:0 0 .55rem}"
    ".vcio-bars .lab{margin:0 0 .2rem;overflow-wrap:anywhere}"
    ".vcio-bars .lab .more{color:#4f5660}"
    ".vcio-bars .track{display:flex;height:1.35rem;border-radius:.2rem}"
    ".vcio-bars .seg{height:100%;min-width:1px}"
    ".vcio-bars .row.win .seg{outline:2px solid #222;outline-offset:1px}"
    ".vcio-bars .row.other .track{opacity:" + f"{FADED_OPACITY}" + "}"
    ".vcio-bars .keys{display:flex;flex-wrap:wrap;gap:.2rem .9rem;margin:0 0 .6rem;"
    "font-size:.875rem}"
    ".vcio-bars .key::before{content:'';display:inline-block;width:.8rem;height:.8rem;"
    "margin-right:.35rem;vertical-align:-.1rem;border-radius:.15rem;background:var(--c)}"
    ".vcio-bars .note{font-size:.875rem;color:#4f5660;margin:.1rem 0 0}"
    "</style>"
)


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _pct(v: float, top: float) -> str:
    return f"{max(0.0, v) / top * 100:.2f}%" if top > 0 else "0%"


def _label(o, amount: str, v: float, best: float, comparison) -> str:
    """The option's short name, its amount, and its standing (``style.standing``: "recommended",
    "about the same") or how much more than the cheapest it costs."""
    tag = standing(comparison, o.id)
    more = _more_than_cheapest(v, best)
    if tag:
        extra = f" {more}" if more and tag != "recommended" else ""
        return f"<b>{_e(o.short_name)}&nbsp; {_e(amount)}</b>&nbsp; {_e(tag + extra)}"
    more = f'&nbsp; <span class="more">{_e(more)}</span>' if more else ""
    return f"{_e(o.short_name)}&nbsp; <b>{_e(amount)}</b>{more}"


def option_bars(comparison, values: dict[str, float], what: str, note: str = "") -> str:
    """One bar per option (``values``: option id -> amount), cheapest at the top; ``what`` names
    the amount (the list's accessible name and the start of every hover text), ``note`` is a
    line under the bars (an axis title's job)."""
    opts = sorted(comparison.options, key=lambda o: values[o.id])
    best, top, marked = values[opts[0].id], max(values.values()), singled_out(comparison)
    rows = []
    for o, amount in zip(opts, money_compared([values[o.id] for o in opts]), strict=True):
        v = values[o.id]
        tag = standing(comparison, o.id)
        tip = f"{o.name}: {what.lower()} {money(v, exact=True)}" + (f", {tag}" if tag else "")
        if v - best >= 0.5:
            tip += f", {money(v - best, exact=True)} more than the lowest"
        rows.append(
            f'<div class="row {"win" if o.id in marked else "other"}" role="listitem" '
            f'title="{_e(tip)}"><div class="lab">{_label(o, amount, v, best, comparison)}</div>'
            f'<div class="track"><div class="seg" style="width:{_pct(v, top)};'
            f'background:{_e(o.color)}"></div></div></div>'
        )
    foot = f'<p class="note">{_e(note)}</p>' if note else ""
    return (
        f'{BARS_CSS}<div class="vcio-bars"><div role="list" aria-label="{_e(what)}">'
        f"{''.join(rows)}</div>{foot}</div>"
    )


def category_npv(comparison) -> dict[tuple[str, str], float]:
    """(option id, category) -> that category's cost over the horizon in today's money: one-off
    fees as they are, each year's cost discounted at the scenario's rate, as the model discounts
    the totals (so an option's categories add up to its NPV)."""
    df = comparison.breakdown_frame()
    weight = (1.0 + comparison.discount_rate) ** -df["year"].astype(float)
    return (
        df.assign(cost=df["cost"] * weight).groupby(["option", "category"])["cost"].sum().to_dict()
    )


def breakdown_bars(comparison, note: str = "") -> str:
    """Each option's cost over the horizon in today's money (one-off fees included, each year
    discounted, as the verdict's totals) as one bar split by cost category, in the order of
    ``vcio_model.CATEGORIES``, with a key above."""
    totals = category_npv(comparison)
    opts = sorted(comparison.options, key=lambda o: o.npv)
    best, top = opts[0].npv, max(o.npv for o in opts)
    used = [c for c in CATEGORIES if any(totals.get((o.id, c), 0.0) > 0 for o in opts)]
    keys = "".join(
        f'<span class="key" style="--c:{_e(CATEGORY_COLORS[c])}">{_e(CATEGORY_LABELS[c])}</span>'
        for c in used
    )
    rows = []
    for o, amount in zip(opts, money_compared([o.npv for o in opts]), strict=True):
        segs, parts = [], []
        for c in used:
            v = float(totals.get((o.id, c), 0.0))
            if v <= 0:
                continue
            share = v / o.npv if o.npv else 0.0
            tip = (
                f"{o.name}, {CATEGORY_LABELS[c]}: {money(v, exact=True)} ({share:.0%} of the total)"
            )
            segs.append(
                f'<div class="seg" title="{_e(tip)}" style="width:{_pct(v, top)};'
                f'background:{_e(CATEGORY_COLORS[c])}"></div>'
            )
            parts.append(f"{CATEGORY_LABELS[c]} {money(v)}")
        parts = ", ".join(parts)
        rows.append(
            f'<div class="row" role="listitem" '
            f'aria-label="{_e(f"{o.name}: {money(o.npv)} in all; {parts}")}">'
            f'<div class="lab">{_label(o, amount, o.npv, best, comparison)}</div>'
            f'<div class="track">{"".join(segs)}</div></div>'
        )
    foot = f'<p class="note">{_e(note)}</p>' if note else ""
    return (
        f'{BARS_CSS}<div class="vcio-bars"><div class="keys" aria-hidden="true">{keys}</div>'
        f'<div role="list" aria-label="What each option\'s cost is made of">{"".join(rows)}</div>'
        f"{foot}</div>"
    )
