"""Text a visitor typed or uploaded, made safe for the screen: no Markdown formatting, no links,
no emoji shortcodes, no control or direction-control characters."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&=])")
# WORD JOINER: invisible and not a space. Put inside the patterns that GFM turns into links
# (www.x.example, http://x, user@x.example), which Markdown escapes do not stop, and after a ":"
# that would start a Streamlit :shortcode: or :material/icon:; other text is left as it is.
_JOINER = "\u2060"
_BREAK_LINKS = (
    (re.compile(r"@"), _JOINER + "@"),
    (re.compile(r"(?i)(?<=www)\."), _JOINER + "."),
    (re.compile(r":(?=//)"), _JOINER + ":"),
    (re.compile(r":(?=[\w/+-])"), ":" + _JOINER),
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def md_escape(text: str) -> str:
    """User text (company, project or file names, brand fields, link values) for any Streamlit
    call that renders Markdown (st.markdown, st.caption, st.warning, st.toast):
    no formatting, no links, no emoji shortcodes, no control characters; line breaks stay,
    without indentation."""
    text = _CONTROLS.sub("", str(text))
    text = "\n".join(line.strip() for line in text.splitlines())
    for pattern, repl in _BREAK_LINKS:
        text = pattern.sub(repl, text)
    return _MD_SPECIAL.sub(r"\\\1", text)
