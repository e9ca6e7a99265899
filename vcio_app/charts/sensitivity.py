"""Which assumptions move the verdict: the tornado chart."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from vcio_model import in_sentence, money

from .style import (
    _HOVERTEXT,
    FLIP_COLOR,
    KEEP_COLOR,
    TICK_SIZE,
    _figure,
    _hbar,
    _label,
    _legend_entry,
    _merge,
    _name,
    _rgba,
    _rows_axis,
    _short,
    _style,
    _update_axes,
    _vertical,
)


def _fmt_value(v: float, unit: str) -> str:
    """An assumption's value with its unit, for people: $200/hour, 20%, 1.75x, 4 months."""
    unit = (unit or "").strip()
    if unit.startswith("USD"):
        rest = unit[3:]
        return money(v) + (rest if rest.startswith("/") else "")
    if unit.startswith(("fraction", "probability")):
        return f"{v * 100:.3g}%"
    if unit.startswith("x"):
        return f"{v:g}x"
    return f"{v:g} {unit}".strip()


def tornado(sens_df: pd.DataFrame, top: int = 12) -> go.Figure:
    """Which assumptions move the verdict most: the gap between the two best options, low to high.

    Rows are the ``top`` assumptions by ``swing`` (largest at the top). Two ``Bar`` traces,
    "At its low value" and "At its high value", start at the base gap and reach ``gap_low`` and
    ``gap_high``; each bar end is labelled with the assumption's value. A bar is vermillion
    (:data:`FLIP_COLOR`) when that value makes another option the cheapest, slate otherwise, and the
    rows of assumptions that flip the verdict say so in their axis label. A dashed line at 0 is
    labelled "verdict flips beyond here" (the area beyond it is shaded); a solid line marks today's
    gap. Two legend-only traces explain the colours.
    """
    df = sens_df.sort_values("swing", ascending=False, kind="stable").head(top)
    df = df.reset_index(drop=True)
    base = float(sens_df.attrs.get("base_gap", 0.0))
    rec = sens_df.attrs.get("recommended", "")
    run = sens_df.attrs.get("runner_up", "")
    units = df["unit"] if "unit" in df else pd.Series([""] * len(df))
    flips = df["flips"].astype(bool).to_numpy()
    pos = list(range(len(df)))
    ticktext, lines = [], 1
    for label, f in zip(df["label"], flips, strict=True):
        parts = textwrap.wrap(str(label), 40, break_on_hyphens=False) or [str(label)]
        if f:
            parts.append(f"<span style='color:{FLIP_COLOR}'><b>flips the verdict</b></span>")
        lines = max(lines, len(parts))
        ticktext.append("<br>".join(parts))

    def _hover(r, side: str) -> str:
        v, gap, winner = r[side], r[f"gap_{side}"], r[f"winner_{side}"]
        head = (
            f"<b>{r['label']}</b><br>At its {side} value, "
            f"{_fmt_value(v, r['unit'] if 'unit' in r else '')}:"
        )
        if winner == rec:
            return (
                f"{head}<br>{_name(rec)} stays cheapest,<br>{money(gap, exact=True)} less than "
                f"{in_sentence(_name(run))}"
            )
        return f"{head}<br><b>{_name(winner)} becomes cheapest: flips the verdict</b>"

    traces = []
    for side, label in (("low", "At its low value"), ("high", "At its high value")):
        colors = [FLIP_COLOR if w != rec else KEEP_COLOR for w in df[f"winner_{side}"]]
        text = [_fmt_value(v, u) for v, u in zip(df[side], units, strict=True)]
        traces.append(
            _hbar(
                x=(df[f"gap_{side}"] - base).to_numpy(),
                base=[base] * len(df),
                y=pos,
                name=label,
                marker=dict(color=colors, line=dict(color="white", width=1)),
                text=text,
                textposition="outside",
                textfont=dict(size=TICK_SIZE, color="#444444"),
                cliponaxis=False,
                hovertext=[_hover(r, side) for _, r in df.iterrows()],
                hovertemplate=_HOVERTEXT,
                showlegend=False,
            )
        )
    # legend entries for the colours (the bar traces carry per-bar colours)
    traces += [
        _legend_entry(name, dict(symbol="square", size=16, color=color))
        for name, color in (("Keeps the verdict", KEEP_COLOR), ("Flips the verdict", FLIP_COLOR))
    ]
    lo = float(min(df["gap_low"].min(), df["gap_high"].min(), 0.0, base))
    hi = float(max(df["gap_low"].max(), df["gap_high"].max(), 0.0, base))
    span = (hi - lo) or 1.0
    left, right = lo - span * 0.2, hi + span * 0.2
    shapes = [  # as fig.add_vrect / add_vline make them: x in data, y the whole plot height
        _vertical(
            "rect", left, 0, fillcolor=_rgba(FLIP_COLOR, 0.07), line=dict(width=0), layer="below"
        ),  # shade where the verdict flips
        _vertical("line", 0, 0, line=dict(color=FLIP_COLOR, width=2, dash="dash")),
        _vertical("line", base, base, line=dict(color="#222222", width=2)),  # today's gap
    ]
    above = dict(xref="x", yref="paper", yanchor="bottom")  # y=1: just above the plot area
    notes = [
        _label(
            0,
            1,
            "verdict flips beyond here",
            xanchor="right",
            font=dict(color=FLIP_COLOR, size=TICK_SIZE),
            **above,
        ),
        _label(
            base, 1, f"today: {money(base)}", xanchor="left", font=dict(size=TICK_SIZE), **above
        ),
    ]
    row = max(50, 20 * lines + 16)
    height = 170 + row * len(df)
    layout = dict(
        annotations=notes,
        shapes=shapes,
        barmode="overlay",
        bargap=0.3,
        xaxis=dict(
            title=dict(
                text=f"How much less {_short(rec)} costs than "
                f"{in_sentence(_short(run))} (today's money)"
            ),
            range=[left, right],
            zeroline=False,
        ),
        yaxis=_rows_axis(pos, ticktext, showgrid=False, zeroline=False),
    )
    _style(layout, height=height, money_axis="x")
    # gaps go negative: "$~s" puts the sign before the dollar sign ("-$50k", not "$-50k")
    _update_axes(layout, "x", dict(tickprefix="", tickformat="$~s"))
    # the legend 34 px above the plot area, whose height is taken as the figure's less the 90 px
    # top margin and ~80 px for the x axis and its title
    plot_h = height - 90 - 80
    _merge(layout, dict(margin=dict(t=90), legend=dict(y=1 + 34 / plot_h)))
    return _figure(traces, layout)
