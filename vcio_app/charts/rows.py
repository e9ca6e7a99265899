"""Labelled rows: horizontal bar charts whose row labels sit above their bars, not beside them.

A label beside its bar takes the chart's width from the bars; on a phone (about 320 px of plot)
a 40-character label leaves the bars no room and cuts the bar-end text off, and labels wrapped to
three lines in rows sized for one overlap. Here each row is a block: its label lines, left-aligned
across the whole plot, then its bar. The y axis is in pixels (one unit = one pixel at the
figure's height), so each row gets exactly the room its label needs, and
:func:`~vcio_app.charts.present.presentation` scales type and height together.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .style import FONT_SIZE, TEXT_COLOR

LINE = 21  # px one line of label text takes (16 px type, 1.3 line height)
BAR = 24  # px a bar is thick
GAP = 14  # px between a bar and the next row's label
LABEL_CHARS = 42  # characters of a label line that fit a phone's plot (~320 px of 16 px type)


@dataclass(frozen=True)
class Rows:
    """Where each row's label and bar go, in pixels from the top of the plot area."""

    label_tops: list[float]
    centers: list[float]
    height: float  # the plot area's height

    def axis(self) -> dict:
        """The y axis in pixel units, first row on top, no ticks (the labels are annotations)."""
        return dict(
            range=[self.height, 0],
            autorange=False,
            showticklabels=False,
            showgrid=False,
            zeroline=False,
            fixedrange=True,
            automargin=False,
        )

    def labels(
        self, texts: list[str], bgcolor: str = "rgba(255,255,255,0.8)", **props
    ) -> list[dict]:
        """One annotation per row: its label lines above its bar, from the plot's left edge, on
        ``bgcolor`` (opaque where lines cross the plot, so they never run through the text)."""
        return [
            dict(
                x=0,
                xref="paper",
                xanchor="left",
                y=top,
                yref="y",
                yanchor="top",
                text=text,
                align="left",
                showarrow=False,
                font=dict(size=FONT_SIZE, color=TEXT_COLOR),
                bgcolor=bgcolor,
                **props,
            )
            for text, top in zip(texts, self.label_tops, strict=True)
        ]


def wrap(text: str, width: int = LABEL_CHARS) -> list[str]:
    """``text`` in lines of at most ``width`` characters (a longer word keeps its own line)."""
    return textwrap.wrap(str(text), width, break_on_hyphens=False) or [str(text)]


def with_tag(lines: list[str], tag_text: str, tag_html: str, width: int = LABEL_CHARS) -> list[str]:
    """``lines`` with a tag (plain length of ``tag_text``) after the last line, or on its own."""
    if len(lines[-1]) + 3 + len(tag_text) <= width:
        return [*lines[:-1], f"{lines[-1]}  {tag_html}"]
    return [*lines, tag_html]


def layout_rows(line_counts: list[int], bar: float = BAR, gap: float = GAP) -> Rows:
    """Rows whose labels have ``line_counts`` lines each, top to bottom."""
    tops, centers, y = [], [], gap / 2
    for n in line_counts:
        tops.append(y)
        centers.append(y + n * LINE + 3 + bar / 2)
        y += n * LINE + 3 + bar + gap
    return Rows(tops, centers, y - gap / 2)
