"""Logos are decoded and checked before anything draws them (vcio_app/images.py), and the brand
parser that the app and the command line share refuses hostile text and colours (issue 13)."""

from __future__ import annotations

import base64
import io
import json
import struct
import zlib

import pytest
from PIL import Image

from vcio_app import brand as br
from vcio_app.brand import images

SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'


def raster(fmt: str, size=(120, 40), **kw) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buf, fmt, **kw)
    return buf.getvalue()


def png_bomb(w: int = 15000, h: int = 15000) -> bytes:
    """A 1-bit PNG of w x h zero pixels, written by hand: about 27 kB for 15000 x 15000."""
    comp = zlib.compressobj(9)
    row = b"\x00" * (1 + (w + 7) // 8)
    idat = b"".join(comp.compress(row) for _ in range(h)) + comp.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def use_bomb(levels: int = 11, fan: int = 10) -> bytes:
    parts = [f'<svg {SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink"><defs>']
    parts.append('<g id="l0"><rect width="1" height="1"/></g>')
    for i in range(1, levels):
        parts.append(f'<g id="l{i}">' + f'<use xlink:href="#l{i - 1}"/>' * fan + "</g>")
    parts.append(f'</defs><use xlink:href="#l{levels - 1}"/></svg>')
    return "".join(parts).encode()


def brand_json(**fields) -> bytes:
    return json.dumps({"msp_name": "Northwind IT", **fields}).encode()


def data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


# ---------------------------------------------------------------------------------- accepted
@pytest.mark.parametrize(
    "mime,fmt", [("image/png", "PNG"), ("image/jpeg", "JPEG"), ("image/gif", "GIF"),
                 ("image/webp", "WEBP")],
)  # fmt: skip
def test_real_images_of_each_type_are_accepted(mime, fmt):
    images.check_image(raster(fmt), mime)
    b = br.parse_brand(brand_json(logo=data_uri(mime, raster(fmt))))
    assert b.logo_bytes() == raster(fmt)


def test_plain_svg_and_the_shipped_logo_are_accepted():
    svg = (
        f'<svg {SVG_NS} viewBox="0 0 40 40"><defs><linearGradient id="g"><stop offset="0"/>'
        '</linearGradient></defs><rect width="40" height="40" fill="url(#g)"/>'
        '<text x="2" y="20" style="font-weight:700">MSP</text></svg>'
    ).encode()
    images.check_image(svg, images.SVG)
    assert br.load_brand().logo.startswith("data:image/svg+xml;base64,")


# ---------------------------------------------------------------------------------- refused
def _refused(data: bytes, mime: str) -> str:
    with pytest.raises(br.BrandError) as e:
        br.parse_brand(brand_json(logo=data_uri(mime, data)), "mine.json")
    (line,) = e.value.problems
    assert line.startswith("mine.json: 'logo' ")
    return line


def test_svg_bytes_named_png_are_refused():
    assert "is SVG or XML text, not a PNG image" in _refused(use_bomb(), "image/png")


def test_a_jpeg_claiming_to_be_a_png_is_refused():
    assert "is a JPEG image, not a PNG image" in _refused(raster("JPEG"), "image/png")


def test_a_decompression_bomb_is_refused_before_decoding():
    bomb = png_bomb()
    assert len(bomb) < br.MAX_LOGO_BYTES  # it passes the byte cap
    assert "at most 4096 x 4096 pixels" in _refused(bomb, "image/png")
    assert "is 5000 x 10 pixels" in _refused(png_bomb(5000, 10), "image/png")
    images.check_image(png_bomb(4096, 4096), "image/png")  # the cap itself is accepted


def test_a_truncated_image_is_refused():
    assert "could not be read as a PNG" in _refused(raster("PNG")[:60], "image/png")


def test_nested_use_bomb_is_refused():
    assert "<use>" in _refused(use_bomb(), images.SVG)


@pytest.mark.parametrize(
    "svg,why",
    [
        ('<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
         f"<svg {SVG_NS}><text>&b;</text></svg>", "DTD or entities"),
        (f'<svg {SVG_NS}><image href="http://evil.example/x.png"/></svg>', "<image>"),
        (f'<svg {SVG_NS}><rect href="#x"/></svg>', "link (href)"),
        (f'<svg {SVG_NS}><script>alert(1)</script></svg>', "<script>"),
        (f'<svg {SVG_NS}><style>@import url(http://e.example/a.css)</style></svg>', "<style>"),
        (f'<svg {SVG_NS}><rect onload="alert(1)"/></svg>', "script attribute"),
        (f'<svg {SVG_NS}><rect fill="url(http://e.example/#g)"/></svg>', "refers to another"),
        (f'<svg {SVG_NS}><rect style="fill:url(file:///etc/passwd)"/></svg>', "refers to another"),
        (f'<svg {SVG_NS}><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
         "</foreignObject></svg>", "<foreignObject>"),
        (f'<svg {SVG_NS}><defs><pattern id="p"/></defs></svg>', "<pattern>"),
        (f'<svg {SVG_NS}><filter id="f"/></svg>', "<filter>"),
        (f"<svg {SVG_NS}>" + "<g>" * 40 + "</g>" * 40 + "</svg>", "nested more than 32"),
        (f"<svg {SVG_NS}>" + "<rect/>" * 2001 + "</svg>", "more than 2000 elements"),
        ("<html><body>x</body></html>", "outer element is not <svg>"),
        (f"<svg {SVG_NS}><rect>", "not a well-formed"),
    ],
)  # fmt: skip
def test_hostile_svg_is_refused_with_the_reason(svg, why):
    assert why in _refused(svg.encode(), images.SVG)


@pytest.mark.parametrize(
    "field,value,why",
    [
        ("msp_name", "Evil \udc80 MSP", "lone surrogate (U+DC80)"),
        ("contact", "call \x1b[31mnow", "control characters (found U+001B)"),
        ("msp_name", "abc\u202edcba", "text-direction controls"),
    ],
)
def test_hostile_text_fields_are_refused_naming_the_field(field, value, why):
    with pytest.raises(br.BrandError) as e:
        br.parse_brand(json.dumps({"msp_name": "A", field: value}), "mine.json")
    (line,) = e.value.problems
    assert line.startswith(f"mine.json: '{field}' must not hold ") and why in line


def test_internal_notes_may_hold_line_breaks():
    b = br.parse_brand(json.dumps({"msp_name": "A", "internal_notes": "one\ntwo"}))
    assert b.internal_notes == "one\ntwo"


@pytest.mark.parametrize("accent", ["#1f5fa8\n", "#1f5fa8 ", " #1f5fa8", "#1f5fa8;}", "1f5fa8"])
def test_accent_colour_matches_exactly(accent):
    with pytest.raises(br.BrandError, match="'accent_color' must be a colour"):
        br.parse_brand(json.dumps({"msp_name": "A", "accent_color": accent}))
    assert br.safe_accent(accent) == br.DEFAULT_ACCENT


def test_a_logo_file_is_checked_like_an_upload(tmp_path):
    (tmp_path / "logo.png").write_bytes(use_bomb())
    (tmp_path / "brand.json").write_text(json.dumps({"msp_name": "A", "logo": "logo.png"}))
    with pytest.raises(br.BrandError, match=r"brand\.json: 'logo' is SVG or XML text"):
        br.load_brand(tmp_path / "brand.json")
