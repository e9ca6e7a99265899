"""The MSP's identity: a data file, not code (``data/brand.json``); the rate card is in rate_card.py.

It can be replaced for one session by an upload. Everything read here is validated, size-capped
and parsed as plain JSON (never evaluated or unpickled), its logo decoded and checked (images.py);
each problem is reported with the field that caused it. No Streamlit here.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from vcio_app.brand.images import ImageProblem, check_image
from vcio_model.files import FileProblem, json_object, read_capped, read_small_file
from vcio_model.format import clean_text, text_problem

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
BRAND_FILE = DATA_DIR / "brand.json"

MAX_BRAND_BYTES = 400_000
MAX_LOGO_BYTES = 250_000
_HEX = re.compile(r"#[0-9a-fA-F]{6}")  # always with fullmatch: "$" lets a newline through
_DATA_URI = re.compile(r"data:(image/(?:png|jpeg|gif|webp|svg\+xml));base64,([A-Za-z0-9+/=\s]+)")
_LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
_TEXT_LIMITS = {"msp_name": 80, "contact": 200, "internal_notes": 2000}
DEFAULT_ACCENT = "#1f5fa8"


class BrandError(ValueError):
    """A bad brand or rate card file. ``problems`` has one line per bad field or row."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


# ---------------------------------------------------------------------------------- brand
@dataclass(frozen=True)
class Brand:
    """Who presents the figures. ``logo`` is a data URI (or ""), ready for ``<img src>``."""

    msp_name: str = "Your MSP"
    logo: str = ""
    accent_color: str = DEFAULT_ACCENT
    contact: str = ""
    internal_notes: str = ""  # for the sales team only: never in reports or presentation mode

    def public(self) -> dict:
        """What a prospect may see (no internal notes)."""
        d = asdict(self)
        d.pop("internal_notes")
        return d

    def logo_bytes(self) -> bytes | None:
        """The logo image itself, e.g. for ``st.logo`` / ``st.image``."""
        m = _DATA_URI.fullmatch(self.logo)
        return base64.b64decode(m.group(2)) if m else None


def parse_brand(
    data: bytes | str, origin: str = "brand file", *, base_dir: Path | None = None
) -> Brand:
    """Validate a brand JSON. ``logo`` may be a data URI; a file path only when ``base_dir`` is
    given (the repo's own data folder), and then only inside it: uploads cannot read server files.
    """
    shape = "must be a JSON object with msp_name, logo, accent_color, contact, internal_notes"
    try:
        raw = json_object(data, MAX_BRAND_BYTES, origin, shape)
    except FileProblem as e:
        raise BrandError([str(e)]) from None
    problems: list[str] = []
    known = set(Brand.__dataclass_fields__)
    for k in raw:
        if k not in known and not str(k).startswith("_"):
            problems.append(
                f"{origin}: {str(k)[:40]!r} is not a known field "
                f"(known: {', '.join(sorted(known))})"
            )
    values: dict[str, str] = {}
    for k, limit in _TEXT_LIMITS.items():
        if k not in raw:
            continue
        v = raw[k]
        if not isinstance(v, str):
            problems.append(f"{origin}: '{k}' must be text, got {type(v).__name__}")
        elif len(v) > limit:
            problems.append(f"{origin}: '{k}' is too long ({limit} characters at most)")
        elif problem := text_problem(v, multiline=k == "internal_notes"):
            problems.append(f"{origin}: '{k}' {problem}")
        else:
            # no invisible format characters (zero-width space, BOM...) in any report either
            lines = v.strip().splitlines() if k == "internal_notes" else [v]
            values[k] = "\n".join(clean_text(line) for line in lines)
    if "msp_name" in values and not values["msp_name"]:
        problems.append(f"{origin}: 'msp_name' must not be empty")
    accent = raw.get("accent_color", DEFAULT_ACCENT)
    if not isinstance(accent, str) or not _HEX.fullmatch(accent):
        problems.append(
            f"{origin}: 'accent_color' must be a colour like \"#1f5fa8\" "
            f"(# and six hex digits), got {str(accent)[:20]!r}"
        )
    else:
        values["accent_color"] = accent.lower()
    logo = raw.get("logo", "")
    try:
        values["logo"] = _logo_uri(logo, base_dir)
    except BrandError as e:
        problems.extend(f"{origin}: 'logo' {p}" for p in e.problems)
    if problems:
        raise BrandError(problems)
    return Brand(**values)


def _logo_uri(logo: object, base_dir: Path | None) -> str:
    if logo in ("", None):
        return ""
    if not isinstance(logo, str):
        raise BrandError([f"must be text (a data URI or a file name), got {type(logo).__name__}"])
    m = _DATA_URI.fullmatch(logo.strip())
    if m:
        try:
            img = base64.b64decode(m.group(2), validate=False)
        except (binascii.Error, ValueError):
            raise BrandError(["is not valid base64"]) from None
        if len(img) > MAX_LOGO_BYTES:
            raise BrandError([f"is larger than {MAX_LOGO_BYTES // 1000} kB"])
        _check_logo(img, m.group(1))
        return f"data:{m.group(1)};base64,{base64.b64encode(img).decode('ascii')}"
    if logo.strip().lower().startswith("data:"):
        raise BrandError(["must be a base64 data URI of a PNG, JPEG, GIF, WebP or SVG image"])
    if base_dir is None:
        raise BrandError(
            ["must be a data URI (data:image/png;base64,...) in an uploaded brand file"]
        )
    root = base_dir.resolve()
    try:
        path = (root / logo).resolve()
    except (OSError, ValueError):  # a NUL character, a symlink loop
        path = root
    if root not in path.parents or path.suffix.lower() not in _LOGO_TYPES:
        raise BrandError(
            [f"must name a PNG, JPEG, GIF, WebP or SVG file inside {root.name}/, got {logo[:60]!r}"]
        )
    try:
        img = read_capped(path, MAX_LOGO_BYTES)
    except OSError as e:
        raise BrandError([f"cannot read {logo[:60]!r} ({e.strerror})"]) from None
    if len(img) > MAX_LOGO_BYTES:
        raise BrandError([f"is larger than {MAX_LOGO_BYTES // 1000} kB"])
    _check_logo(img, _LOGO_TYPES[path.suffix.lower()])
    return f"data:{_LOGO_TYPES[path.suffix.lower()]};base64,{base64.b64encode(img).decode('ascii')}"


def _check_logo(img: bytes, mime: str) -> None:
    try:
        check_image(img, mime)
    except ImageProblem as e:
        raise BrandError([str(e)]) from None


def load_brand(path: str | Path | None = None) -> Brand:
    """The brand from ``data/brand.json`` (or ``path``); a logo file is looked up next to it."""
    p = Path(path) if path is not None else BRAND_FILE
    try:
        data = read_small_file(p, MAX_BRAND_BYTES, "brand file", name=p.name)
    except FileProblem as e:
        raise BrandError([str(e)]) from None
    return parse_brand(data, origin=p.name, base_dir=p.resolve().parent)


# ---------------------------------------------------------------------------------- styling
def safe_accent(accent: str) -> str:
    return accent.lower() if isinstance(accent, str) and _HEX.fullmatch(accent) else DEFAULT_ACCENT


def brand_css(accent: str) -> str:
    """CSS (without <style>) that puts the accent colour on headings and the brand strip."""
    a = safe_accent(accent)
    return (
        f".vcio-brand{{display:flex;align-items:center;gap:.75rem;border-bottom:3px solid {a};"
        f"padding:.25rem 0 .5rem;margin-bottom:.5rem}}"
        f".vcio-brand img{{max-height:2.5rem;max-width:10rem}}"
        f".vcio-brand .name{{font-weight:700;font-size:1.1rem;color:{a}}}"
        f".vcio-brand .contact{{color:#5b6573;font-size:.9rem}}"
    )


def presentation_css(accent: str) -> str:
    """CSS (without <style>) for presentation mode: no sidebar, toolbar or editing controls, large
    type for a projector. Widgets whose key starts with ``edit_`` are hidden as editing controls;
    the switch itself (key ``presentation``) stays visible."""
    a = safe_accent(accent)
    hide = ", ".join(
        [
            '[data-testid="stSidebar"]',
            '[data-testid="stSidebarCollapsedControl"]',
            '[data-testid="stExpandSidebarButton"]',
            '[data-testid="stToolbar"]',
            '[data-testid="stDecoration"]',
            '[data-testid="stMainMenu"]',
            '[data-testid="stHeader"]',
            '[data-testid="stMain"] [data-testid="stFileUploader"]',
            '[class*="st-key-edit_"]',
            '[class*="st-key-in_"]',
        ]
    )
    return (
        f"{hide}{{display:none !important}}"
        "html{font-size:22px}"
        '[data-testid="stMainBlockContainer"]{max-width:100% !important;'
        "padding:1.5rem 3rem 3rem !important}"
        '[data-testid="stMarkdownContainer"] p,[data-testid="stMarkdownContainer"] li'
        "{font-size:1.15rem;line-height:1.5}"
        '[data-testid="stMetricValue"],[data-testid="stMetricValue"] *{font-size:2.4rem !important}'
        ".vcio-card .value{font-size:2.4rem}"
        f"h1,h2,h3{{color:{a}}}"
        '[data-testid="stDataFrame"]{font-size:1.1rem}'
        # HTML bar charts a little tighter: eight options' rows fit the first screen under the
        # headline at 1920x1080
        "html .vcio-bars .row{margin:0 0 .3rem}html .vcio-bars .lab{margin:0 0 .1rem}"
        "html .vcio-bars .track{height:1rem}"
    )


PRESENTATION_FONT = 20


def presentation_figure(fig, height: int = 560):
    """Larger text and a taller plot for a projector (call on a Plotly figure before drawing)."""
    fig.update_layout(
        font_size=PRESENTATION_FONT, height=height, legend_font_size=PRESENTATION_FONT - 2
    )
    return fig


def header_html(brand: Brand, extra_css: str = "") -> str:
    """A small escaped HTML strip: logo, MSP name, contact line (for ``st.html``); ``extra_css``
    (the presentation mode's, built here from checked colours) goes in its style element."""
    logo = f'<img src="{html.escape(brand.logo)}" alt="">' if brand.logo else ""
    contact = f'<span class="contact">{html.escape(brand.contact)}</span>' if brand.contact else ""
    return (
        f"<style>{brand_css(brand.accent_color)}{extra_css}</style><div class='vcio-brand'>{logo}"
        f"<span class='name'>{html.escape(brand.msp_name)}</span>{contact}</div>"
    )
