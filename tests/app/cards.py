"""What AppTest sees of things the app draws as one element: the overview's option cards (one
``st.html``) and section headings (a heading and its note in one ``st.markdown``, ui.section)."""

from __future__ import annotations

import re

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
