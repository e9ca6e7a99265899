"""How sure: the spread of each option's cost over the simulated futures (violins, and the
plain P10-P90 range bars)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from vcio_model import money

from .style import (
    _HOVERTEXT,
    TICK_SIZE,
    _color,
    _figure,
    _hbar,
    _label,
    _legend_entry,
    _name,
    _npv_axis_title,
    _rgba,
    _rows_axis,
    _short,
    _style,
)


def _sorted_summary(simulation) -> pd.DataFrame:
    summ = simulation.summary().sort_values("p50", kind="stable", ignore_index=True)
    return summ.astype({c: float for c in ("p10", "p50", "p90", "mean", "p_cheapest")})


def risk_distributions(simulation, years: int | None = None) -> go.Figure:
    """The spread of each option's cost over Monte Carlo trials, cheapest middle outcome on top.

    One horizontal ``Violin`` trace per option (from ``samples_frame()``), then two marker traces
    from ``summary()``: "1 in 10 chance of less / more (P10, P90)" as bars and "Middle outcome
    (P50)" as dots. The x range stops at the 1st to 99th percentile so the fat tail does not squash
    the rest (hover still gives every figure).
    """
    summ = _sorted_summary(simulation)
    samples = simulation.samples_frame()
    order = list(summ["option"])
    y = [_short(i) for i in order]
    traces = []
    for i in order:
        d = samples.loc[samples["option"] == i, "npv"].to_numpy(float)
        # y as an array, not a list of 2,000 strings: the figure copies its data (twice with
        # to_json), and a list is copied string by string; the JSON is the same
        traces.append(
            dict(
                type="violin",
                x=d,
                y=np.full(len(d), _short(i)),
                orientation="h",
                name=_short(i),
                showlegend=False,
                line=dict(color=_color(i), width=2),
                fillcolor=_rgba(_color(i), 0.35),
                points=False,
                box=dict(visible=False),
                meanline=dict(visible=False),
                spanmode="hard",
                width=0.85,
                hoveron="violins",
                scalemode="width",
                hovertemplate=f"<b>{_name(i)}</b><extra></extra>",
            )
        )
    text_p = [
        f"<b>{_name(i)}</b><br>1 in 10 chance of less than {money(a, exact=True)}"
        f"<br>Middle outcome: {money(b, exact=True)}"
        f"<br>1 in 10 chance of more than {money(c, exact=True)}"
        for i, a, b, c in zip(order, summ["p10"], summ["p50"], summ["p90"], strict=True)
    ]
    traces.append(
        dict(
            type="scatter",
            x=list(summ["p10"]) + list(summ["p90"]),
            y=y + y,
            mode="markers",
            name="P10 and P90: 1 in 10 chance of less, 1 in 10 of more",
            hovertext=text_p + text_p,
            hovertemplate=_HOVERTEXT,
            marker=dict(symbol="line-ns", size=30, line=dict(color="#222222", width=3)),
        )
    )
    traces.append(
        dict(
            type="scatter",
            x=summ["p50"].to_numpy(float),
            y=y,
            mode="markers",
            name="Middle outcome (P50)",
            hovertext=text_p,
            hovertemplate=_HOVERTEXT,
            marker=dict(
                symbol="circle", size=15, color="white", line=dict(color="#222222", width=3)
            ),
        )
    )
    lo = min(np.percentile(simulation.npv[i], 1) for i in order)
    hi = max(np.percentile(simulation.npv[i], 99) for i in order)
    pad = (hi - lo) * 0.03
    layout = dict(
        xaxis=dict(title=dict(text=_npv_axis_title(years)), range=[lo - pad, hi + pad]),
        yaxis=_rows_axis(y, y, categoryorder="array", categoryarray=y),
        violingap=0.15,
        violinmode="overlay",
        legend=dict(itemsizing="constant"),
    )
    return _figure(traces, _style(layout, height=140 + 85 * len(order), money_axis="x"))


def _chance_words(p: float) -> str:
    if p <= 0:
        return "never cheapest"
    if p < 0.01:
        return "cheapest under 1% of the time"
    return f"cheapest {p:.0%} of the time"


def risk_range_bars(simulation, years: int | None = None) -> go.Figure:
    """The plain reading of risk: P10 to P90 as a bar, P50 as a dot, cheapest P50 on top.

    Two data traces: a ``Bar`` "Likely range (8 in 10 outcomes)" from P10 to P90 in each option's
    colour, and a ``Scatter`` "Middle outcome" of P50 dots; then two grey legend-only traces that
    explain the shapes. The chance each option is the cheapest is written beside its bar.
    """
    summ = _sorted_summary(simulation)
    order = list(summ["option"])
    y = [_short(i) for i in order]
    colors = [_color(i) for i in order]
    hover = [
        f"<b>{_name(i)}</b><br>8 in 10 outcomes between {money(a, exact=True)} and "
        f"{money(c, exact=True)}<br>Middle outcome: {money(b, exact=True)}"
        f"<br>{_chance_words(p).capitalize()} in the simulation"
        for i, a, b, c, p in zip(
            order, summ["p10"], summ["p50"], summ["p90"], summ["p_cheapest"], strict=True
        )
    ]
    traces = [
        # base as a list: Plotly sends an array of bar bases as a JSON list (not packed binary)
        _hbar(
            x=(summ["p90"] - summ["p10"]).to_numpy(float),
            base=summ["p10"].tolist(),
            y=y,
            name="Likely range (8 in 10 outcomes)",
            showlegend=False,
            marker=dict(color=[_rgba(c, 0.55) for c in colors], line=dict(color=colors, width=2)),
            hovertext=hover,
            hovertemplate=_HOVERTEXT,
        ),
        dict(
            type="scatter",
            x=summ["p50"].to_numpy(float),
            y=y,
            mode="markers",
            name="Middle outcome",
            showlegend=False,
            marker=dict(
                symbol="circle", size=18, color=colors, line=dict(color="#222222", width=2.5)
            ),
            hovertext=hover,
            hovertemplate=_HOVERTEXT,
        ),
        # legend in neutral grey: the colours belong to the options, the shapes to the reading
        _legend_entry(
            "Likely range (8 in 10 outcomes)",
            dict(color="rgba(120,120,120,0.45)", line=dict(color="#555555", width=2)),
            kind="bar",
        ),
        _legend_entry(
            "Middle outcome",
            dict(symbol="circle", size=16, color="#999999", line=dict(color="#222222", width=2.5)),
        ),
    ]
    chances = [
        _label(
            p90,
            i,
            _chance_words(p),
            xanchor="left",
            xshift=10,
            font=dict(size=TICK_SIZE, color="#555"),
        )
        for i, p, p90 in zip(y, summ["p_cheapest"], summ["p90"], strict=True)
    ]
    hi = float(summ["p90"].max())
    lo = float(summ["p10"].min())
    layout = dict(
        annotations=chances,
        # 8% of the spread before the lowest P10, 28% after the highest P90 for the chances
        xaxis=dict(
            title=dict(text=_npv_axis_title(years)),
            range=[max(0.0, lo - (hi - lo) * 0.08), hi + (hi - lo) * 0.28],
        ),
        yaxis=_rows_axis(y, y),
        bargap=0.45,
    )
    return _figure(traces, _style(layout, height=150 + 62 * len(order), money_axis="x"))
