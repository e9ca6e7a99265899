"""The overview's option cards as AppTest sees them (one ``st.html`` element, vcio_app.ui)."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

_VALUE = re.compile(r'<div class="value" title="Exactly ([^"]+)">([^<]+)<')


def card_values(at: AppTest) -> list[str]:
    """Each card's NPV as shown ("$1.2M"), cheapest first."""
    bodies = [h.proto.body for h in at.get("html") if 'class="vcio-cards"' in h.proto.body]
    return [shown for body in bodies for _exact, shown in _VALUE.findall(body)]
