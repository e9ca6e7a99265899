"""Which assumptions move the verdict: the tornado chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vcio_model import in_sentence, money

from .rows import BAR, layout_rows, with_tag, wrap
from .style import (
    _HOVERTEXT,
    FLIP_COLOR,
    KEEP_COLOR,
    TICK_SIZE,
    _figure,
    _hbar,
    _legend_entry,
    _merge,
    _name,
    _rgba,
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


def _short_value(v: float, unit: str) -> str:
    """The value written at a bar's end: short enough to fit beside a bar on a phone ($120k,
    20%, 1.5x, 14 hours); the unit in full is in the hover and the table below the chart."""
    unit = (unit or "").strip()
    if unit.startswith("USD"):
        return money(v)
    if unit.startswith(("fraction", "probability", "x")):
        return _fmt_value(v, unit)
    head = unit.split("/")[0]
    return f"{v:g} {head[:-1] if v == 1 and head.endswith('s') else head}".strip()


def tornado(sens_df: pd.DataFrame, top: int = 12) -> go.Figure:
    """Which assumptions move the verdict most: the gap between the two best options, low to high.

    Rows are the ``top`` assumptions by ``swing`` (largest at the top), each labelled above its
    bars (:mod:`.rows`; the label wrapped to a phone's width, "flips the verdict" after it when
    it does). Two ``Bar`` traces, "At its low value" and "At its high value", start at the base gap
    and reach ``gap_low`` and ``gap_high``; each bar end is labelled with the assumption's value. A
    bar is vermillion (:data:`FLIP_COLOR`) when that value makes another option the cheapest, slate
    otherwise. A dashed line at 0 marks where the verdict flips (the area beyond it is shaded); a
    solid line marks today's gap. Four legend-only traces explain the colours and the two lines.
    """
    df = sens_df.sort_values("swing", ascending=False, kind="stable").head(top)
    df = df.reset_index(drop=True)
    base = float(sens_df.attrs.get("base_gap", 0.0))
    rec = sens_df.attrs.get("recommended", "")
    run = sens_df.attrs.get("runner_up", "")
    units = df["unit"] if "unit" in df else pd.Series([""] * len(df))
    flips = df["flips"].astype(bool).to_numpy()
    tag = f"<span style='color:{FLIP_COLOR}'><b>flips the verdict</b></span>"
    labels = []
    for label, f in zip(df["label"], flips, strict=True):
        lines = wrap(label)
        labels.append(with_tag(lines, "flips the verdict", tag) if f else lines)
    rows = layout_rows([len(lines) for lines in labels])

    def _hover(r, side: str) -> str:
        v, gap, winner = r[side], r[f"gap_{side}"], r[f"winner_{side}"]
        head = (
            f"<b>{r['label']}</b><br>At its {side} value, "
            f"{_fmt_value(v, r['unit'] if 'unit' in r else '')}:"
        )
        if winner == rec:
            rival = r.get(f"rival_{side}", run) or run  # the nearest rival at that value
            return (
                f"{head}<br>{_name(rec)} stays cheapest,<br>{money(gap, exact=True)} less than "
                f"{in_sentence(_name(rival))}"
            )
        return f"{head}<br><b>{_name(winner)} becomes cheapest: flips the verdict</b>"

    # Bar-end values: where a row's two bars end close together, or on the same side of today's
    # gap (one bar inside the other), its two labels would collide; the longer bar says both.
    ends = {s: (df[f"gap_{s}"] - base).to_numpy() for s in ("low", "high")}
    span = max(float(max(abs(ends["low"]).max(), abs(ends["high"]).max())), 1e-9)
    close = (abs(ends["low"] - ends["high"]) < 0.25 * span) | (ends["low"] * ends["high"] > 0)
    values = {s: [_short_value(v, u) for v, u in zip(df[s], units, strict=True)] for s in ends}
    texts = {s: list(values[s]) for s in ends}
    for i in range(len(df)):
        if close[i]:  # both values at the end of the longer bar, none at the shorter one's
            far, near = (
                ("low", "high") if abs(ends["low"][i]) > abs(ends["high"][i]) else ("high", "low")
            )
            texts[far][i], texts[near][i] = f"{values['low'][i]} to {values['high'][i]}", ""
    traces = []
    for side, label in (("low", "At its low value"), ("high", "At its high value")):
        colors = [FLIP_COLOR if w != rec else KEEP_COLOR for w in df[f"winner_{side}"]]
        text = texts[side]
        traces.append(
            _hbar(
                x=(df[f"gap_{side}"] - base).to_numpy(),
                base=[base] * len(df),
                y=rows.centers,
                width=[BAR] * len(df),
                name=label,
                marker=dict(color=colors, line=dict(color="white", width=1)),
                text=text,
                textposition="outside",
                textfont=dict(size=TICK_SIZE, color="#333333"),
                cliponaxis=False,
                hovertext=[_hover(r, side) for _, r in df.iterrows()],
                hovertemplate=_HOVERTEXT,
                showlegend=False,
            )
        )
    # legend entries for the colours (the bar traces carry per-bar colours) and the two lines
    traces += [
        _legend_entry(name, dict(symbol="square", size=16, color=color))
        for name, color in (("Keeps the verdict", KEEP_COLOR), ("Flips the verdict", FLIP_COLOR))
    ]
    traces += [
        dict(type="scatter", x=[None], y=[None], mode="lines", name=name, line=line,
             hoverinfo="skip")
        for name, line in (
            (f"Today's lead: {money(base)}", dict(color="#222222", width=2)),
            ("Where the verdict flips", dict(color=FLIP_COLOR, width=2, dash="dash")),
        )
    ]  # fmt: skip
    lo = float(min(df["gap_low"].min(), df["gap_high"].min(), 0.0, base))
    hi = float(max(df["gap_low"].max(), df["gap_high"].max(), 0.0, base))
    span = (hi - lo) or 1.0
    # room beyond the bar ends for their values (a few characters; a phone has ~320 px of plot)
    left, right = lo - span * 0.3, hi + span * 0.3
    shapes = [  # as fig.add_vrect / add_vline make them: x in data, y the whole plot height
        _vertical(
            "rect", left, 0, fillcolor=_rgba(FLIP_COLOR, 0.07), line=dict(width=0), layer="below"
        ),  # shade where the verdict flips
        _vertical("line", 0, 0, line=dict(color=FLIP_COLOR, width=2, dash="dash")),
        _vertical("line", base, base, line=dict(color="#222222", width=2)),  # today's gap
    ]
    title = wrap(
        f"How much less {_short(rec)} costs than {in_sentence(_short(run))}, today's money"
    )
    layout = dict(
        # opaque: the lines for today's lead and for the flip run through the label rows
        annotations=rows.labels(["<br>".join(lines) for lines in labels], bgcolor="#ffffff"),
        shapes=shapes,
        barmode="overlay",
        xaxis=dict(
            title=dict(text="<br>".join(title)),
            range=[left, right],
            zeroline=False,
        ),
        yaxis=rows.axis(),
    )
    top_m, bottom_m = 96, 48 + 22 * len(title)
    _style(layout, height=int(rows.height) + top_m + bottom_m, money_axis="x")
    # gaps go negative: "$~s" puts the sign before the dollar sign ("-$50k", not "$-50k")
    _update_axes(layout, "x", dict(tickprefix="", tickformat="$~s"))
    _merge(layout, dict(margin=dict(t=top_m, b=bottom_m), legend=dict(itemwidth=36)))
    return _figure(traces, layout)
