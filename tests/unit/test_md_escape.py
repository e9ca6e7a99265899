"""``ui.md_escape``: user text in Markdown never becomes a link, formatting or a shortcode.

The browser test (tests/e2e/test_hostile.py) checks the rendered page; here the cases are checked
against the rules GFM and Streamlit apply: a www. / scheme:// / user@host pattern must not stay
whole, and no Markdown character may stay unescaped."""

from __future__ import annotations

import re

import pytest

from vcio_app.frame.page import md_escape

J = "\u2060"
AUTOLINK = re.compile(r"(?i)www\.|[a-z]+://|[\w.+-]+@[\w-]+\.|:[a-z_/]+:")


@pytest.mark.parametrize(
    "text",
    ["www.evil.example/login", "WWW.Evil.Example", "https://evil.example/x", "http://x.example",
     "user@evil.example", "mailto:user@evil.example", "xmpp:a@b.example", ":smile:",
     ":material/home:", ":red[big]", "[click](https://evil.example)", "<https://evil.example>",
     "**bold** _it_ `code` # h", "$x^2$", "a\n===", "&lt;b&gt;"],
)  # fmt: skip
def test_no_link_pattern_or_markup_survives(text):
    out = md_escape(text)
    plain = out.replace("\\", "")
    assert not AUTOLINK.search(plain), out
    assert not re.search(r"(?<!\\)[*_`#\[\]()<>$&=]", out), out
    assert plain.replace(J, "") == text  # nothing added but escapes and joiners


def test_control_and_direction_characters_are_dropped():
    assert md_escape("Acme\x1b[31m\x07 \u202eInc") == "Acme\\[31m Inc"


def test_plain_text_stays_readable():
    assert md_escape("Acme Accounting, Inc") == "Acme Accounting, Inc"
    assert md_escape("Note: 10 staff") == "Note: 10 staff"
