"""Plotly figures for the dashboard, built from the model's results.

Pure functions: each takes results from ``vcio_model`` (or the pandas frames they return) and gives
back a ``plotly.graph_objects.Figure``. Nothing here imports streamlit, so every chart can be tested
and exported (HTML report, PNG) without a running app.

Conventions, the same on every chart:

* No figure titles: pages put headings in Markdown. Axis titles are plain English.
* Each option has one colour, from ``data/options.csv`` (Okabe-Ito, colourblind-safe), on every
  chart; cost categories have their own fixed palette (:data:`CATEGORY_COLORS`), distinct from it.
* Options are named by their short name on axes and legends, by their full name in hover text.
* Money axes read like ``$1.2M``; hover text gives the exact figure, like ``$1,234,567``.
* Type is large enough to read on a projector (15 px and up).

Split by what the charts show: :mod:`.costs`, :mod:`.where`, :mod:`.risk`, :mod:`.sensitivity`,
:mod:`.sparkline` (the sidebar's margin charts), :mod:`.bars` (bar charts as HTML for the pages), with the shared look in :mod:`.style`. Every
public name is re-exported here, so ``from vcio_app import charts; charts.cost_bars(...)`` works.
"""

from __future__ import annotations

from .bars import breakdown_bars, option_bars
from .costs import breakdown_stacked, cost_bars, crossovers, cumulative_lines, per_employee_bars
from .risk import risk_distributions, risk_range_bars
from .sensitivity import tornado
from .sparkline import SPARK_H, SPARK_PAD, SPARK_W, slider_sparkline
from .style import CATEGORY_COLORS, FLIP_COLOR, KEEP_COLOR, category_colors, option_colors
from .where import crossover_curves, frontier_map

__all__ = [
    "CATEGORY_COLORS",
    "FLIP_COLOR",
    "KEEP_COLOR",
    "SPARK_H",
    "SPARK_PAD",
    "SPARK_W",
    "breakdown_bars",
    "breakdown_stacked",
    "category_colors",
    "cost_bars",
    "crossover_curves",
    "crossovers",
    "cumulative_lines",
    "frontier_map",
    "option_bars",
    "option_colors",
    "per_employee_bars",
    "risk_distributions",
    "risk_range_bars",
    "slider_sparkline",
    "tornado",
]
