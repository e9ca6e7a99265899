"""What each option costs: NPV and per-employee bars, the breakdown by category, and the
cumulative spend lines with their crossings."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from vcio_model import CATEGORIES, CATEGORY_LABELS, in_sentence, money
from vcio_model.format import money_compared

from .rows import BAR, LABEL_CHARS, layout_rows, wrap
from .style import (
    _HOVERTEXT,
    CATEGORY_COLORS,
    FADED_OPACITY,
    TICK_SIZE,
    _figure,
    _hbar,
    _merge,
    _more_than_cheapest,
    _npv_axis_title,
    _short,
    _style,
    _years_words,
    singled_out,
    standing,
)


def _option_bars(
    comparison,
    values: dict[str, float],
    axis_title: str,
    hover_what: str,
    hover_unit: str = "",
    label_chars: int = LABEL_CHARS,
) -> go.Figure:
    """Horizontal bars, one per option, cheapest at the top, the recommended option highlighted.

    Each bar's label is above it (:mod:`.rows`): the option's short name, its amount and, for the
    others, how much more than the cheapest; so nothing is written beside the bars, where a phone
    has no room.
    """
    opts = sorted(comparison.options, key=lambda o: values[o.id])
    best = min(values[o.id] for o in opts)
    marked = singled_out(comparison)
    amounts = money_compared([values[o.id] for o in opts])
    labels, hover = [], []
    for o, amount in zip(opts, amounts, strict=True):
        v = values[o.id]
        tag, more = standing(comparison, o.id), _more_than_cheapest(v, best)
        if tag:  # "recommended", or "about the same" for both options of a close call
            head = f"<b>{o.short_name}  {amount}</b>"
            tail = tag if tag == "recommended" or not more else f"{tag} {more}"
        else:
            head, tail = f"{o.short_name}  <b>{amount}</b>", more
        # one line where it fits a phone's plot, else the tail on a line of its own
        fits = len(f"{o.short_name}  {amount}  {tail}") <= label_chars
        labels.append(f"{head}  {tail}".strip() if fits else f"{head}<br>{tail}")
        hover.append(
            f"<b>{o.name}</b><br>{hover_what}: {money(v, exact=True)}{hover_unit}"
            + (f"<br>{tag.capitalize()}" if tag else "")
            + (f"<br>{money(v - best, exact=True)} more than the lowest" if more else "")
        )
    rows = layout_rows([label.count("<br>") + 1 for label in labels])
    bars = _hbar(
        x=[values[o.id] for o in opts],
        y=rows.centers,
        width=[BAR] * len(opts),
        name=axis_title,
        marker=dict(
            color=[o.color for o in opts],
            opacity=[1.0 if o.id in marked else FADED_OPACITY for o in opts],
            line=dict(
                color=["#222222" if o.id in marked else "rgba(0,0,0,0)" for o in opts], width=2
            ),
        ),
        hovertext=hover,
        hovertemplate=_HOVERTEXT,
        customdata=[o.id for o in opts],
    )
    top = max(values.values())
    layout = dict(
        annotations=rows.labels(labels),
        xaxis=dict(title=dict(text=axis_title), range=[0, top * 1.04], rangemode="tozero"),
        yaxis=rows.axis(),
    )
    _style(layout, height=int(rows.height) + 20 + 70, money_axis="x", legend=False)
    return _figure([bars], _merge(layout, dict(margin=dict(t=20, b=70))))


def cost_bars(comparison, label_chars: int = LABEL_CHARS) -> go.Figure:
    """NPV of every option, cheapest at the top; the recommended option bold, the others faded.
    ``label_chars``: the longest label line (a phone's width by default; a wide screen, such as
    presentation mode's, keeps each label on one line).

    One horizontal ``Bar`` trace; bar labels give the rounded cost and the extra over the cheapest.
    """
    values = {o.id: o.npv for o in comparison.options}
    return _option_bars(
        comparison,
        values,
        _npv_axis_title(comparison.years),
        "Cost in today's money (NPV)",
        label_chars=label_chars,
    )


def per_employee_bars(comparison) -> go.Figure:
    """Cost per employee per year (undiscounted total / employees / years), cheapest at the top."""
    values = {o.id: o.cost_per_employee_year for o in comparison.options}
    return _option_bars(
        comparison, values, "Cost per employee per year", "Cost per employee per year", ""
    )


def breakdown_stacked(comparison) -> go.Figure:
    """Each option's total over the horizon (upfront included, not discounted), by category.

    Horizontal stacked bars, one ``Bar`` trace per category in ``CATEGORIES`` order, options in the
    same order as :func:`cost_bars` would put them by total; each bar's label above it gives the
    option's short name and its total.
    """
    df = comparison.breakdown_frame()
    totals = df.groupby(["option", "category"], sort=False)["cost"].sum()
    opts = sorted(comparison.options, key=lambda o: o.total)
    rows = layout_rows([1] * len(opts))
    bars = []
    for c in CATEGORIES:
        xs = [float(totals.get((o.id, c), 0.0)) for o in opts]
        bars.append(
            _hbar(
                x=xs,
                y=rows.centers,
                width=[BAR] * len(opts),
                name=CATEGORY_LABELS[c],
                marker=dict(color=CATEGORY_COLORS[c], line=dict(color="white", width=1)),
                customdata=[
                    [o.name, money(v, exact=True), v / o.total if o.total else 0]
                    for o, v in zip(opts, xs, strict=True)
                ],
                hovertemplate=(
                    f"<b>%{{customdata[0]}}</b><br>{CATEGORY_LABELS[c]}: "
                    "%{customdata[1]} (%{customdata[2]:.0%} of the total)<extra></extra>"
                ),
            )
        )
    amounts = money_compared([o.total for o in opts])
    marked = singled_out(comparison)
    labels = [
        f"<b>{o.short_name}  {amount}</b>" if o.id in marked else f"{o.short_name}  <b>{amount}</b>"
        for o, amount in zip(opts, amounts, strict=True)
    ]
    layout = dict(
        annotations=rows.labels(labels),
        barmode="stack",
        legend=dict(traceorder="normal"),
        xaxis=dict(
            title=dict(text=f"Total cost {_years_words(comparison.years)}, before discounting"),
            range=[0, max(o.total for o in opts) * 1.04],
        ),
        yaxis=rows.axis(),
    )
    _style(layout, height=int(rows.height) + 90 + 70, money_axis="x")
    return _figure(bars, _merge(layout, dict(margin=dict(t=90, b=70))))


def crossovers(monthly_df: pd.DataFrame) -> pd.DataFrame:
    """Where two options' cumulative cost lines cross.

    ``monthly_df`` has columns ``option``, ``month`` and ``cumulative`` (as from
    ``Comparison.monthly_cumulative()``). Returns one row per crossing, sorted by month:
    ``option_a`` becomes cheaper than ``option_b`` at ``month`` (fractional: the crossing point,
    interpolated linearly between month ends), where both have spent ``cumulative``. Lines that only
    touch, or coincide, do not count.

    Examples
    --------
    >>> df = pd.DataFrame({"option": ["a"] * 3 + ["b"] * 3, "month": [0, 1, 2] * 2,
    ...                    "cumulative": [10, 20, 30, 0, 20, 40]})
    >>> crossovers(df).to_dict("records")
    [{'option_a': 'a', 'option_b': 'b', 'month': 1.0, 'cumulative': 20.0}]
    """
    cols = ["option_a", "option_b", "month", "cumulative"]
    wide = monthly_df.pivot_table(
        index="month", columns="option", values="cumulative", aggfunc="first", sort=True
    )
    order = list(dict.fromkeys(monthly_df["option"]))
    months = wide.index.to_numpy(float)
    rows = []
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            d = (wide[a] - wide[b]).to_numpy(float)
            last = None  # index of the last month where the two differed
            for k in range(len(d)):
                if not np.isfinite(d[k]) or d[k] == 0:
                    continue
                if last is not None and np.sign(d[k]) != np.sign(d[last]):
                    if k == last + 1:  # interpolate inside the month
                        f = d[last] / (d[last] - d[k])
                        m = months[last] + f * (months[k] - months[last])
                        cum = wide[a].iloc[last] + f * (wide[a].iloc[k] - wide[a].iloc[last])
                    else:  # equal over some months: the crossing is where they first met
                        m, cum = months[last + 1], wide[a].iloc[last + 1]
                    cheaper, dearer = (a, b) if d[k] < 0 else (b, a)
                    rows.append(
                        {
                            "option_a": cheaper,
                            "option_b": dearer,
                            "month": float(m),
                            "cumulative": float(cum),
                        }
                    )
                last = k
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values("month", kind="stable", ignore_index=True)


def _month_words(month: float) -> int:
    """The month (1-based, month 0 = today) during which a crossing at ``month`` happens."""
    return int(math.floor(month + 1e-9)) + 1


# Lines that run close together (two options whose costs grow alike) stay apart by their dash
# pattern as well as their colour: the recommended option solid and thicker, the others dashed.
LINE_DASHES = ("dash", "dot", "dashdot", "longdash", "longdashdot", "5px,3px,1px,3px")


def cumulative_lines(comparison) -> go.Figure:
    """Money spent so far, month by month, one line per option; crossings marked.

    One ``Scatter`` line per option (the recommended one solid and thicker, each other one with its
    own dash pattern, :data:`LINE_DASHES`), then, if any two lines cross,
    one marker trace named "Where lines cross" whose hover says "X becomes cheaper than Y in
    month N".
    """
    df = comparison.monthly_cumulative()
    win = comparison.recommended
    traces = []
    dashes = iter(LINE_DASHES)
    for o in comparison.options:
        d = df[df["option"] == o.id]
        dash = "solid" if o.id == win else next(dashes, "solid")
        traces.append(
            dict(
                type="scatter",
                x=d["month"].to_numpy(),
                y=d["cumulative"].to_numpy(),
                mode="lines",
                name=o.short_name,
                line=dict(color=o.color, width=5 if o.id == win else 3, dash=dash),
                hovertemplate=(
                    f"<b>{o.name}</b><br>Month %{{x}}: %{{y:$,.0f}} spent so far<extra></extra>"
                ),
            )
        )
    cx = crossovers(df)
    if len(cx):
        names = {o.id: o.name for o in comparison.options}
        text = [
            f"{names.get(r.option_a, r.option_a)} becomes cheaper than "
            f"{names.get(r.option_b, r.option_b)} in month {_month_words(r.month)}"
            for r in cx.itertuples()
        ]
        traces.append(
            dict(
                type="scatter",
                x=cx["month"].to_numpy(),
                y=cx["cumulative"].to_numpy(),
                mode="markers",
                name="Where lines cross",
                marker=dict(
                    symbol="circle", size=15, color="white", line=dict(color="#222222", width=3)
                ),
                hovertext=text,
                hovertemplate="%{hovertext}<br>%{y:$,.0f} spent by then<extra></extra>",
            )
        )
    months = int(df["month"].max())
    # write out where the recommended option pulls ahead (its first break-even point) in the
    # empty lower-right corner that rising cost lines always leave: anchored at the right end,
    # just above the x axis, so it covers no line on a laptop or a phone (~320 px of plot), and
    # an arrow points to the crossing
    top = float(df["cumulative"].max())
    notes = []
    ahead = [r for r in cx.itertuples() if r.option_a == win]
    if ahead:
        r = ahead[0]
        notes.append(
            dict(
                x=r.month,
                y=r.cumulative,
                ax=months,
                ay=top * 0.02,
                xanchor="right",
                yanchor="bottom",
                axref="x",
                ayref="y",
                text="<br>".join(
                    wrap(
                        f"From month {_month_words(r.month)}, {_short(win)} is cheaper than "
                        f"{in_sentence(_short(r.option_b))}",
                        26,
                    )
                ),
                align="right",
                showarrow=True,
                arrowhead=0,
                arrowwidth=1.5,
                arrowcolor="#555555",
                font=dict(size=TICK_SIZE),
                bgcolor="rgba(255,255,255,0.85)",
            )
        )
    step = 12 if months <= 120 else 24
    layout = dict(
        xaxis=dict(
            title=dict(text="Months from today"),
            tickmode="array",
            tickvals=list(range(0, months + 1, step)),
            range=[-months * 0.02, months * 1.02],
            showgrid=True,
        ),
        yaxis=dict(title=dict(text="Spent so far, before discounting"), rangemode="tozero"),
        hovermode="closest",
        legend=dict(itemwidth=48),
    )
    if notes:
        layout["annotations"] = notes
    return _figure(traces, _style(layout, height=480, money_axis="y"))
