"""How sure: the spread of each option's cost over the simulated futures (violins, and the
plain P10-P90 range bars)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from vcio_model import money

from .rows import BAR, LABEL_CHARS, layout_rows, wrap
from .style import (
    _HOVERTEXT,
    _color,
    _figure,
    _hbar,
    _legend_entry,
    _merge,
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


# The violins are drawn from a density computed here, not from samples sent to the browser:
# Plotly's violin trace takes the raw draws (2,000 per option were 266 kB of the Risk page's
# 292 kB) and computes the same kind of kernel density in the browser on every redraw.
VIOLIN_WIDTH = 0.85  # each shape's widest point, in rows (as Plotly's violin ``width``)
_OUTLINE_POINTS = 160  # points along each shape's visible part, plus _TAIL_POINTS in its tails
_TAIL_POINTS = 24


def silverman_bandwidth(x: np.ndarray) -> float:
    """Silverman's rule of thumb, as Plotly's violins use it: 1.059 min(sd, IQR / 1.349) n^-1/5
    (the larger of the two if one is 0; 1 if every draw is the same)."""
    sd = float(np.std(x, ddof=1)) if len(x) > 1 else 0.0
    q1, q3 = np.percentile(x, [25, 75])
    spread = min(sd, (q3 - q1) / 1.349) or max(sd, (q3 - q1) / 1.349)
    return 1.059 * spread * len(x) ** -0.2 if spread > 0 else 1.0


def kernel_density(x: np.ndarray, at: np.ndarray, bandwidth: float | None = None) -> np.ndarray:
    """Gaussian kernel density of the draws ``x`` at the points ``at`` (each point's density, in
    1 / unit of x). Draws are binned onto a grid at most a quarter bandwidth apart and smoothed by
    FFT convolution (linear binning): the same curve as summing a kernel per draw, within 0.1%
    of its peak, in about a millisecond for 20,000 draws."""
    x = np.asarray(x, float)
    h = bandwidth or silverman_bandwidth(x)
    lo, hi = float(x.min()) - 4 * h, float(x.max()) + 4 * h
    m = int(min(2**16, max(512, 2 ** np.ceil(np.log2(4 * (hi - lo) / h)))))
    grid = np.linspace(lo, hi, m)
    step = grid[1] - grid[0]
    pos = (x - lo) / step
    left = np.clip(np.floor(pos).astype(int), 0, m - 2)
    frac = pos - left
    counts = np.bincount(left, 1 - frac, minlength=m) + np.bincount(left + 1, frac, minlength=m)
    offsets = np.arange(-m, m) * step  # the kernel on the same spacing, circularly padded
    kernel = np.exp(-0.5 * (offsets / h) ** 2) / (h * np.sqrt(2 * np.pi))
    n_fft = 2 * m
    dens = np.fft.irfft(
        np.fft.rfft(counts, n_fft) * np.fft.rfft(np.fft.ifftshift(kernel), n_fft), n_fft
    )[:m]
    return np.interp(at, grid, np.maximum(dens, 0) / len(x))


def violin_outline(x: np.ndarray, view: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Points along one violin from the lowest draw to the highest (Plotly's ``spanmode="hard"``):
    ``(at, half_width)``, the half-width in rows, ``VIOLIN_WIDTH / 2`` at the densest point.
    Dense inside ``view`` (the chart's x range), sparse in the tails beyond it."""
    lo, hi = float(np.min(x)), float(np.max(x))
    inside = np.linspace(max(lo, view[0]), min(hi, view[1]), _OUTLINE_POINTS)
    at = np.unique(np.concatenate([inside, np.linspace(lo, hi, _TAIL_POINTS)]))
    dens = kernel_density(x, at)
    return at, dens / dens.max() * VIOLIN_WIDTH / 2


def risk_distributions(simulation, years: int | None = None) -> go.Figure:
    """The spread of each option's cost over Monte Carlo trials, cheapest middle outcome on top.

    One filled shape per option, row ``k`` for the k-th cheapest P50: the kernel density of every
    trial's NPV (:func:`violin_outline`), mirrored about the row like a violin; then two marker
    traces from ``summary()``: "1 in 10 chance of less / more (P10, P90)" as bars and "Middle
    outcome (P50)" as dots. The x range runs from the 0.1st to the 99.5th percentile and a little
    beyond, so the shapes taper off inside it and a long right tail does not squash the rest.
    """
    summ = _sorted_summary(simulation)
    order = list(summ["option"])
    # names wrapped and the axis title on two lines: beside the shapes a phone has ~320 px in all
    y = ["<br>".join(wrap(_short(i), 14)) for i in order]
    rows = list(range(len(order)))
    # From the 0.1st to the 99.5th percentile with room beyond, where every shape has tapered to
    # a line: a range cut at the 1st and 99th clipped the shapes at both edges. Only the last half
    # percent of a long right tail runs off the chart.
    lo = min(np.percentile(simulation.npv[i], 0.1) for i in order)
    hi = max(np.percentile(simulation.npv[i], 99.5) for i in order)
    pad = (hi - lo) * 0.06
    traces = []
    for k, i in enumerate(order):
        at, half = violin_outline(simulation.npv[i], (lo - pad, hi + pad))
        # float32 (to the dollar under $16M): Plotly sends numpy arrays packed, 4 bytes a value
        traces.append(
            dict(
                type="scatter",
                x=np.concatenate([at, at[::-1]]).astype(np.float32),
                y=np.concatenate([k + half, (k - half)[::-1]]).astype(np.float32),
                mode="lines",
                fill="toself",
                name=_short(i),
                showlegend=False,
                line=dict(color=_color(i), width=2, shape="spline", smoothing=0.8),
                fillcolor=_rgba(_color(i), 0.35),
                hoveron="fills",
                text=_name(i),
                hoverinfo="text",
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
            y=rows + rows,
            mode="markers",
            name="P10 and P90: 1 in 10 chance<br>of less, 1 in 10 of more",
            hovertext=text_p + text_p,
            hovertemplate=_HOVERTEXT,
            marker=dict(symbol="line-ns", size=30, line=dict(color="#222222", width=3)),
        )
    )
    traces.append(
        dict(
            type="scatter",
            x=summ["p50"].to_numpy(float),
            y=rows,
            mode="markers",
            name="Middle outcome (P50)",
            hovertext=text_p,
            hovertemplate=_HOVERTEXT,
            marker=dict(
                symbol="circle", size=15, color="white", line=dict(color="#222222", width=3)
            ),
        )
    )
    layout = dict(
        xaxis=dict(
            title=dict(text=_npv_axis_title(years).replace(", ", ",<br>")),
            range=[lo - pad, hi + pad],
        ),
        # rows as numbers (a shape's outline goes between them), labelled with the options
        yaxis={
            **_rows_axis(rows, y, zeroline=False),
            "autorange": False,
            "range": [len(order) - 0.5, -0.5],  # the first row on top
        },
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
    explain the shapes. Each bar's label above it (:mod:`.rows`) names the option and the chance
    it is the cheapest.
    """
    summ = _sorted_summary(simulation)
    order = list(summ["option"])
    colors = [_color(i) for i in order]
    labels = []  # the name, then the chance on the same line where it fits a phone's plot
    for i, p in zip(order, summ["p_cheapest"], strict=True):
        fits = len(_short(i)) + 2 + len(_chance_words(p)) <= LABEL_CHARS
        labels.append(f"<b>{_short(i)}</b>{'  ' if fits else '<br>'}{_chance_words(p)}")
    rows = layout_rows([label.count("<br>") + 1 for label in labels])
    y = rows.centers
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
            width=[BAR] * len(order),
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
    hi = float(summ["p90"].max())
    lo = float(summ["p10"].min())
    layout = dict(
        annotations=rows.labels(labels),
        # 8% of the spread on each side of the lowest P10 and the highest P90
        xaxis=dict(
            title=dict(text=_npv_axis_title(years)),
            range=[max(0.0, lo - (hi - lo) * 0.08), hi + (hi - lo) * 0.08],
        ),
        yaxis=rows.axis(),
    )
    _style(layout, height=int(rows.height) + 50 + 62, money_axis="x")
    return _figure(traces, _merge(layout, dict(margin=dict(t=50, b=62))))
