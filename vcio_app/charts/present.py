"""Charts for a projector: every size scaled with the page's type.

Presentation mode sets the page's type to 22 px (body text about 25 px). A chart restyled with one
larger base font kept its 15 px tick labels and legends (set explicitly) and was squeezed into a
fixed 560 px height, so the tornado's rows, sized for one line of 15 px type, overlapped.
:func:`presentation` instead scales every font, marker, pixel offset, margin and the height by the
same factor: the chart looks as it does on a laptop, larger, and what fitted still fits.
"""

from __future__ import annotations

import plotly.graph_objects as go

from .style import UNCHECKED

PRESENTATION_SCALE = 1.4  # 22 px page type / the charts' 16 px (no chart text under 21 px)
_PIXEL_KEYS = ("xshift", "yshift", "borderpad", "standoff", "ticklen", "ticklabelstandoff")


def _scale(node, s: float, key: str = "") -> None:
    """Scale, in place, every font size and pixel length under ``node``."""
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, dict | list):
                _scale(v, s, k)
            elif isinstance(v, int | float) and not isinstance(v, bool):
                font = key.endswith("font") and k == "size"
                marker = key == "marker" and k == "size"
                if font or marker:
                    node[k] = round(v * s, 1)
                elif k in _PIXEL_KEYS:  # whole pixels (ticklabelstandoff must be an integer)
                    node[k] = round(v * s)
        if key == "annotations" or "showarrow" in node:
            for k in ("ax", "ay"):
                if k in node and node.get(f"{k}ref", "pixel") == "pixel":
                    node[k] = round(node[k] * s, 1)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict):
                _scale(item, s, key)


def _copy(node):
    """Dicts and lists copied all the way down, each place its own copy even where the figure
    shares one dict between two places (``copy.deepcopy`` would keep them shared, and a shared
    font would be scaled once per place); other values (arrays, strings) are shared."""
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


def presentation(fig: go.Figure, scale: float = PRESENTATION_SCALE) -> go.Figure:
    """A copy of ``fig`` for a projector: type, markers, offsets, margins and height ``scale``
    times larger. ``fig`` itself (perhaps a cached figure other sessions share) is not changed."""
    d = _copy(fig.to_plotly_json())
    layout = d.setdefault("layout", {})
    _scale(layout, scale)
    for trace in d.get("data", []):
        _scale(trace, scale)
        size = trace.get("marker", {}).get("size")
        if isinstance(size, list):
            trace["marker"]["size"] = [round(v * scale, 1) for v in size]
    if "size" not in layout.setdefault("font", {}):  # Plotly's default base size
        layout["font"]["size"] = round(12 * scale, 1)
    layout["height"] = round((layout.get("height") or 450) * scale)
    margin = layout.setdefault("margin", {})
    for k in ("l", "r", "t", "b", "pad"):
        if k in margin:
            margin[k] = round(margin[k] * scale)
    return go.Figure(d, **UNCHECKED)
