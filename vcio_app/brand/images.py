"""Checks of an uploaded logo before anything draws it (the page, the HTML report, the PDF).

A raster image (PNG, JPEG, GIF, WebP) is decoded by Pillow, limited to those four decoders: its
real format must be the one it claims (a file name's extension or a data URI's type), and its size
is read from the header and refused past ``MAX_SIDE`` x ``MAX_SIDE`` or ``MAX_PIXELS`` before any
pixel is decoded, so a decompression bomb (a small PNG of 15000 x 15000 pixels) never is.

An SVG is parsed as strict XML by defusedxml (no DTD, no entities, no external references) and
kept only when it uses plain drawing elements: no ``<use>`` (nested ``<use>`` multiplies a 3 kB
file into billions of shapes), no ``<pattern>``, ``<filter>``, ``<marker>``, ``<image>``,
``<foreignObject>``, ``<script>``, ``<style>`` or animation, no ``href`` of any kind, no event
attributes, ``url(...)`` only to an element of the same file; at most ``MAX_SVG_ELEMENTS``
elements nested at most ``MAX_SVG_DEPTH`` deep. Everything else is refused with the reason.
"""

from __future__ import annotations

import io
import re
import warnings

MAX_SIDE = 4096
MAX_PIXELS = MAX_SIDE * MAX_SIDE
MAX_FRAMES = 200
MAX_SVG_ELEMENTS = 2000
MAX_SVG_DEPTH = 32

RASTER = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}
SVG = "image/svg+xml"
_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP"}
_SVG_NS = "http://www.w3.org/2000/svg"
_SVG_ELEMENTS = frozenset(
    "svg g defs title desc metadata path rect circle ellipse line polyline polygon text tspan "
    "linearGradient radialGradient stop clipPath mask".split()
)
_LOCAL_URL = re.compile(r"url\(\s*(['\"]?)#[\w.:-]+\1\s*\)")


class ImageProblem(ValueError):
    """An image that is refused: one line saying why (without the image's name)."""


def check_image(data: bytes, mime: str) -> None:
    """Raise ``ImageProblem`` unless ``data`` is a usable image of type ``mime``."""
    if mime == SVG:
        check_svg(data)
    elif mime in RASTER:
        check_raster(data, RASTER[mime])
    else:
        raise ImageProblem(f"type {mime[:30]!r} is not a PNG, JPEG, GIF, WebP or SVG image")


def _sniff(data: bytes) -> str:
    head = data[:256].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype html", b"<script")):
        return "HTML text"
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")):
        return "SVG or XML text"
    return ""


def check_raster(data: bytes, expected: str) -> None:
    from PIL import Image  # noqa: PLC0415 - only when a logo is checked

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # for every Pillow decode in this process (st.image too)
    want = _NAMES[expected]
    sniffed = _sniff(data)
    if sniffed:
        raise ImageProblem(f"is {sniffed}, not a {want} image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=list(_NAMES))
            found = _NAMES.get(im.format or "", im.format or "unknown")
            if im.format != expected:
                raise ImageProblem(f"is a {found} image, not a {want} image as its type says")
            w, h = im.size
            if w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
                raise ImageProblem(_too_big(f"{w} x {h}"))
            if getattr(im, "n_frames", 1) > MAX_FRAMES:
                raise ImageProblem(f"has more than {MAX_FRAMES} frames")
            im.load()
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(_too_big(f"more than {MAX_SIDE} x {MAX_SIDE}")) from None
    except Exception:  # noqa: BLE001 - any decoder failure on hostile bytes is the same answer
        raise ImageProblem(
            f"could not be read as a {want} image (damaged or not an image)"
        ) from None


def _too_big(size: str) -> str:
    return f"is {size} pixels; at most {MAX_SIDE} x {MAX_SIDE} pixels are accepted"


def check_svg(data: bytes) -> None:
    from defusedxml import DefusedXmlException  # noqa: PLC0415
    from defusedxml.ElementTree import ParseError, fromstring  # noqa: PLC0415

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ImageProblem("is an SVG that is not UTF-8 text") from None
    try:
        root = fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ImageProblem("is an SVG with a DTD or entities, which are not accepted") from None
    except (ParseError, ValueError, RecursionError):
        raise ImageProblem("is not a well-formed SVG file") from None
    if root.tag != f"{{{_SVG_NS}}}svg":
        raise ImageProblem("is not an SVG image (its outer element is not <svg>)")
    count, stack = 0, [(root, 1)]
    while stack:
        el, depth = stack.pop()
        count += 1
        if count > MAX_SVG_ELEMENTS:
            raise ImageProblem(f"is an SVG of more than {MAX_SVG_ELEMENTS} elements")
        if depth > MAX_SVG_DEPTH:
            raise ImageProblem(f"is an SVG nested more than {MAX_SVG_DEPTH} levels deep")
        if not isinstance(el.tag, str):  # a comment or processing instruction
            continue
        ns, _, name = el.tag[1:].partition("}") if el.tag.startswith("{") else ("", "", el.tag)
        if ns != _SVG_NS or name not in _SVG_ELEMENTS:
            shown = name if ns == _SVG_NS else el.tag.rpartition("}")[2]
            raise ImageProblem(
                f"is an SVG with a <{shown[:30]}> element; only plain shapes, text and gradients "
                "are accepted (no <use>, patterns, filters, images, scripts or styles)"
            )
        _check_attributes(el.attrib, name)
        if name != "metadata":  # metadata holds other vocabularies (RDF) that nothing draws
            stack.extend((child, depth + 1) for child in el)
        else:
            count += sum(1 for _ in el.iter()) - 1


def _check_attributes(attrib: dict, element: str) -> None:
    for key, value in attrib.items():
        local = key.rpartition("}")[2].lower()
        if local == "href":
            raise ImageProblem(f"is an SVG with a link (href) on <{element}>, which is refused")
        if local.startswith("on"):
            raise ImageProblem(
                f"is an SVG with a script attribute ({local[:20]}), which is refused"
            )
        low = value.lower()
        if "url(" in low and _LOCAL_URL.sub("", low).count("url(") or "@import" in low:
            raise ImageProblem("is an SVG that refers to another file (url(...)), which is refused")
        if "expression(" in low or "javascript:" in low:
            raise ImageProblem("is an SVG with script in an attribute, which is refused")
