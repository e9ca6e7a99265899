"""The charts' shared look: fonts, colours, the trimmed Plotly template, and the small
builders (plain dicts) every chart is assembled from."""

from __future__ import annotations

import json
from functools import lru_cache

import plotly.graph_objects as go
import plotly.io as pio
from plotly.utils import PlotlyJSONEncoder

from vcio_model import CATEGORIES, load_assumptions, money

FONT_FAMILY = '"Source Sans Pro", "Source Sans 3", "Segoe UI", Helvetica, Arial, sans-serif'
FONT_SIZE = 16
TICK_SIZE = 15
TEXT_COLOR = "#262730"
GRID_COLOR = "#E6E6EA"
FADED_OPACITY = 0.5  # options other than the recommended one, on bar charts

# Cost categories (Paul Tol's "muted" scheme, colourblind-safe): cool colours for what you pay
# for (leadership, support), warm colours for the hidden costs (overruns, downtime).
CATEGORY_COLORS: dict[str, str] = {
    "leadership": "#332288",  # indigo
    "support": "#88CCEE",  # cyan
    "staff_time": "#DDCC77",  # sand
    "overruns": "#CC6677",  # rose
    "downtime": "#882255",  # wine
    "spend": "#44AA99",  # teal
}
FLIP_COLOR = "#D55E00"  # vermillion: an assumption that flips the verdict
KEEP_COLOR = "#5A6B7B"  # slate: an assumption that moves the gap but keeps the verdict
_FALLBACK_COLORS = ("#56B4E9", "#F0E442", "#D55E00", "#000000", "#332288", "#44AA99")


# ---------------------------------------------------------------------------------- helpers
@lru_cache(maxsize=1)
def _specs() -> dict:
    return {o.id: o for o in load_assumptions().options}


def option_colors() -> dict[str, str]:
    """Option id -> hex colour, from data/options.csv."""
    return {i: o.color for i, o in _specs().items()}


def category_colors() -> dict[str, str]:
    """Cost category -> hex colour, in ``vcio_model.CATEGORIES`` order."""
    return {c: CATEGORY_COLORS[c] for c in CATEGORIES}


def _color(option_id: str) -> str:
    spec = _specs().get(option_id)
    if spec is not None:
        return spec.color
    return _FALLBACK_COLORS[sum(map(ord, option_id)) % len(_FALLBACK_COLORS)]


def _short(option_id: str) -> str:
    spec = _specs().get(option_id)
    return spec.short_name if spec is not None else option_id


def _name(option_id: str) -> str:
    spec = _specs().get(option_id)
    return spec.name if spec is not None else option_id


def _rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _years_words(years: int | None) -> str:
    if years is None:
        return "over the horizon"
    return f"over {years:g} year" + ("" if years == 1 else "s")


def _npv_axis_title(years: int | None) -> str:
    return f"Cost {_years_words(years)}, today's money"


# Of Plotly's "plotly_white" template, the parts these charts use: its layout without the polar,
# ternary, 3-D, map and colour-scale settings, and its defaults for the trace types drawn here.
# Copying (and validating) the whole template into every figure took ~12 ms a figure and added
# ~7 kB to each chart sent to the browser; this subset draws the same and takes ~3 ms.
_TEMPLATE_LAYOUT = (
    "annotationdefaults",
    "autotypenumbers",
    "colorway",
    "font",
    "hoverlabel",
    "hovermode",
    "paper_bgcolor",
    "plot_bgcolor",
    "shapedefaults",
    "title",
    "xaxis",
    "yaxis",
)
_TEMPLATE_TRACES = ("bar", "heatmap", "scatter", "violin")


@lru_cache(maxsize=1)
def _template_json() -> str:
    full = pio.templates["plotly_white"].to_plotly_json()
    return json.dumps(
        {
            "layout": {k: v for k, v in full["layout"].items() if k in _TEMPLATE_LAYOUT},
            "data": {k: v for k, v in full["data"].items() if k in _TEMPLATE_TRACES},
        },
        cls=PlotlyJSONEncoder,
    )


def template() -> dict:
    """The charts' template (a fresh dict): "plotly_white", cut to what these charts use."""
    return json.loads(_template_json())


# Every chart is assembled as plain dicts and lists (traces, one layout, annotations, shapes) and
# made into a figure once, at the end, unchecked. Plotly's object tree is slow even unchecked:
# building through add_trace / update_layout / update_xaxes / make_subplots took 15-70 ms a chart,
# and every chart is rebuilt on every rerun; go.Figure(finished dict, unchecked) takes ~0.3 ms.
# Unchecked means a misspelt property would not raise here, so tests/unit/test_charts.py checks
# every chart against Plotly's schema.
UNCHECKED = {"_validate": False}


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """The finished figure, made once from plain dicts, with the charts' template."""
    return go.Figure({"data": data, "layout": {"template": template(), **layout}}, **UNCHECKED)


def _merge(target: dict, patch: dict) -> dict:
    """Merge ``patch`` into ``target`` (in place) the way ``fig.update_layout`` does: nested dicts
    key by key, anything else replaced. Dicts are copied, never shared between two places."""
    for k, v in patch.items():
        if isinstance(v, dict):
            _merge(target.setdefault(k, {}), v)
        else:
            target[k] = v
    return target


def _update_axes(layout: dict, letter: str, patch: dict) -> dict:
    """``fig.update_xaxes(**patch)`` (letter "x") or ``update_yaxes``: merge into every axis of
    that letter (xaxis, xaxis2, ...); a figure always has at least "xaxis" and "yaxis"."""
    layout.setdefault(f"{letter}axis", {})
    for key in [k for k in layout if k.startswith(f"{letter}axis")]:
        _merge(layout[key], patch)
    return layout


def _style(
    layout: dict, height: int = 460, money_axis: str | None = None, legend: bool = True
) -> dict:
    """The shared look, merged into ``layout`` (returned): white, large type, legend on top, money
    ticks like $1.2M."""
    _merge(
        layout,
        dict(
            height=height,
            font=dict(family=FONT_FAMILY, size=FONT_SIZE, color=TEXT_COLOR),
            margin=dict(l=10, r=30, t=60 if legend else 20, b=10),
            showlegend=legend,
            legend=dict(
                orientation="h",
                x=0,
                xanchor="left",
                y=1.02,
                yanchor="bottom",
                font=dict(size=TICK_SIZE),
                title=dict(text=""),
                bgcolor="rgba(255,255,255,0)",
            ),
            hoverlabel=dict(font=dict(family=FONT_FAMILY, size=TICK_SIZE), align="left"),
            separators=".,",
        ),
    )
    axis = dict(
        tickfont=dict(size=TICK_SIZE),
        title=dict(font=dict(size=FONT_SIZE)),
        gridcolor=GRID_COLOR,
        zerolinecolor="#BBBBC2",
        automargin=True,
    )
    _update_axes(layout, "x", axis)
    _update_axes(layout, "y", dict(axis, ticklabelstandoff=6))
    if money_axis is not None:
        _update_axes(layout, money_axis, dict(tickprefix="$", tickformat="~s"))
    return layout


# Trace, annotation and axis pieces that recur below.
_HOVERTEXT = "%{hovertext}<extra></extra>"  # hover shows the trace's hovertext, no trace name


def _hbar(**props) -> dict:
    """A horizontal bar trace."""
    return dict(type="bar", orientation="h", **props)


def _legend_entry(name: str, marker: dict, kind: str = "scatter") -> dict:
    """A trace with no data, only there to put ``name`` and a marker in the legend."""
    props = dict(mode="markers") if kind == "scatter" else {}
    return dict(type=kind, x=[None], y=[None], **props, name=name, marker=marker, hoverinfo="skip")


def _label(x, y, text: str, **props) -> dict:
    """A text annotation at (x, y) with no arrow."""
    return dict(x=x, y=y, text=text, showarrow=False, **props)


def _vertical(kind: str, x0: float, x1: float, **props) -> dict:
    """A "line" or "rect" shape from x0 to x1 on the x axis, over the plot's whole height: what
    ``fig.add_vline`` and ``fig.add_vrect`` add (y in "y domain" units, 0 to 1)."""
    return dict(type=kind, x0=x0, x1=x1, xref="x", y0=0, y1=1, yref="y domain", **props)


def _rows_axis(tickvals: list, ticktext: list, **props) -> dict:
    """A y axis of labelled rows (one tick each, labelled ``ticktext``), the first on top."""
    return dict(
        autorange="reversed", tickmode="array", tickvals=tickvals, ticktext=ticktext, **props
    )


def _more_than_cheapest(v: float, best: float) -> str:
    """'(+$204k more)' beside a bar that costs more than the cheapest; '' for a tie."""
    return f"(+{money(v - best)} more)" if v - best >= 0.5 else ""


def _bold_winner(opts, win: str) -> list[str]:
    """Options' short names, the recommended one in bold."""
    return [f"<b>{o.short_name}</b>" if o.id == win else o.short_name for o in opts]


# ------------------------------------------------------------------ the verdict's one vocabulary
RECOMMENDED = "recommended"
ABOUT_THE_SAME = "about the same"


def singled_out(comparison) -> tuple[str, ...]:
    """The options a chart, card or table singles out: the named winner, or in a close call
    (``Comparison.close_call``) the two options that cost about the same, cheaper first."""
    if comparison.close_call:
        return (comparison.recommended, comparison.runner_up)
    return (comparison.recommended,)


def standing(comparison, option_id: str) -> str:
    """What an option singled out is called on every screen: "recommended" for a named winner;
    "about the same" for both options of a close call (never "recommended" or "cheapest", which
    a reader takes for the verdict); "" for any other option."""
    if option_id not in singled_out(comparison):
        return ""
    return ABOUT_THE_SAME if comparison.close_call else RECOMMENDED
