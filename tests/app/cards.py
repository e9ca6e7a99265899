"""What AppTest sees of things the app draws as one element: the overview's option cards (one
``st.html``), tables (one ``st.html`` each, vcio_app/tables.py) and section headings (a heading
and its note in one ``st.markdown``, ui.section)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
from streamlit.testing.v1 import AppTest

_VALUE = re.compile(r'<div class="value" title="Exactly ([^"]+)">([^<]+)<')


def card_values(at: AppTest) -> list[str]:
    """Each card's NPV as shown ("$1.2M"), cheapest first."""
    bodies = [h.proto.body for h in at.get("html") if 'class="vcio-cards"' in h.proto.body]
    return [shown for body in bodies for _exact, shown in _VALUE.findall(body)]


def section_titles(at: AppTest) -> list[str]:
    """The headings of ``ui.section`` (and any other level-3 Markdown heading), in page order."""
    return [m.value.split("\n", 1)[0][4:] for m in at.markdown if m.value.startswith("### ")]


def page_title(at: AppTest) -> str:
    """The page's title (``ui.page_start``: a level-1 heading and the intro in one element)."""
    return next(m.value.split("\n", 1)[0][2:] for m in at.markdown if m.value.startswith("# "))


class _Tables(HTMLParser):
    """Every ``<table class="vcio-table">`` in a page of HTML: its header and its rows of cell
    text (entities decoded, as a browser shows them), and the CSS classes of each cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "vcio-table" in (a.get("class") or ""):
            self.found.append({"head": [], "rows": [], "classes": [], "label": a.get("aria-label")})
        elif not self.found:
            return
        elif tag == "tr":
            self.found[-1]["rows"].append([])
            self.found[-1]["classes"].append([])
        elif tag in ("td", "th"):
            self._cell = []
            self._class = a.get("class") or ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.found:
            t = self.found[-1]
            t["rows"][-1].append("".join(self._cell))
            t["classes"][-1].append(self._class)
            self._cell = None


def html_tables(at, with_classes: bool = False) -> list:
    """The tables the app drew with ``vcio_app.tables`` (in page order, sidebar first) as
    DataFrames of the text shown; with ``with_classes``, (frame, frame of each cell's classes)."""
    out = []
    for h in at.get("html"):
        p = _Tables()
        p.feed(h.proto.body)
        for t in p.found:
            head, *rows = t["rows"]
            frame = pd.DataFrame(rows, columns=head)
            classes = pd.DataFrame(t["classes"][1:], columns=head)
            out.append((frame, classes) if with_classes else frame)
    return out
