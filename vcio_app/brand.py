"""The MSP's brand and rate card: data files, not code (``data/brand.json``, ``data/rate_card.csv``).

Both can be replaced for one session by an upload. Everything read here is validated, size-capped
and parsed as plain JSON or CSV (never evaluated or unpickled); each problem is reported with the
field or the row that caused it. No Streamlit here.
"""

from __future__ import annotations

import base64
import binascii
import csv
import difflib
import html
import io
import math
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import vcio_model as vm
from vcio_model.files import FileProblem, check_size, json_object, read_capped, read_small_file
from vcio_model.format import name_in_message, text_problem
from vcio_model.scenario import in_bounds, override_bounds

from .images import ImageProblem, check_image

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BRAND_FILE = DATA_DIR / "brand.json"
RATE_CARD_FILE = DATA_DIR / "rate_card.csv"

MAX_BRAND_BYTES = 400_000
MAX_LOGO_BYTES = 250_000
MAX_RATE_CARD_BYTES = 100_000
RATE_CARD_COLUMNS = ("key", "value", "note", "internal_note")
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
            values[k] = v.strip() if k == "internal_notes" else " ".join(v.split())
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


# ---------------------------------------------------------------------------------- rate card
class RateCard(dict):
    """Assumption key -> value, plus each row's public ``notes`` and ``internal_notes``."""

    def __init__(self, values=(), notes=None, internal_notes=None, origin: str = "rate_card.csv"):
        super().__init__(values)
        self.notes: dict[str, str] = dict(notes or {})
        self.internal_notes: dict[str, str] = dict(internal_notes or {})
        self.origin = origin
        self.problems: list[str] = []  # lines left out of a card read with strict=False


def _number(text: str) -> float:
    t = text.strip().lstrip("$").strip()
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    v = float(t)
    if not math.isfinite(v):
        raise ValueError
    return v


def load_rate_card(
    source: str | Path | bytes | None = None, origin: str | None = None, strict: bool = True
) -> RateCard:
    """The MSP's own prices from a CSV (columns key, value, note, internal_note).

    ``source`` is a path (default ``data/rate_card.csv``) or the bytes of an upload. Every key must
    be a key of data/assumptions.csv; every value a number from 0 to 10 x the assumption's plausible
    high. All bad rows are reported together, each with its row number, key and field.
    """
    if source is None or isinstance(source, str | Path):
        p = Path(source) if source is not None else RATE_CARD_FILE
        origin = origin or p.name
        try:
            data = read_small_file(p, MAX_RATE_CARD_BYTES, "rate card", name=origin)
        except FileProblem as e:
            raise BrandError([str(e)]) from None
    else:
        data, origin = bytes(source), origin or "rate card"
        try:
            check_size(data, MAX_RATE_CARD_BYTES, origin)
        except FileProblem as e:
            raise BrandError([str(e)]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BrandError([f"{origin}: not UTF-8 text (save the CSV as UTF-8)"]) from None
    return parse_rate_card(text, origin, strict)


def parse_rate_card(text: str, origin: str = "rate_card.csv", strict: bool = True) -> RateCard:
    """``strict``: any bad line refuses the whole card (the command line). Otherwise (the app) a bad
    line is left out alone and listed in ``card.problems``; the card is refused only when no line
    is usable or the file itself is not a rate card."""
    items = vm.load_assumptions().items
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [(h or "").strip() for h in (reader.fieldnames or [])]
    except csv.Error as e:
        raise BrandError([f"{origin}: not a readable CSV ({e})"]) from None
    reader.fieldnames = header
    problems = []
    missing = [c for c in ("key", "value") if c not in header]
    if missing:
        raise BrandError(
            [
                f"{origin}: missing column(s) {', '.join(missing)} "
                f"(expected {', '.join(RATE_CARD_COLUMNS)})"
            ]
        )
    unknown = [h for h in header if h not in RATE_CARD_COLUMNS]
    if unknown:
        problems.append(
            f"{origin}: unknown column(s) {', '.join(repr(u[:30]) for u in unknown)} "
            f"(expected {', '.join(RATE_CARD_COLUMNS)})"
        )
    values, notes, internal, first_row = {}, {}, {}, {}
    try:
        for row in reader:
            n = reader.line_num  # the spreadsheet's row number, blank lines included
            key = (row.get("key") or "").strip()
            raw_value = (row.get("value") or "").strip()
            if not key and not raw_value or key.startswith("#"):
                continue  # blank line or comment
            where = f"{origin} row {n} ({name_in_message(key) if key else 'no key'})"
            if None in row:
                problems.append(f"{where}: more cells than columns; put commas inside quotes")
                continue
            if not key:
                problems.append(f"{where}: key is empty")
                continue
            if key not in items:
                close = difflib.get_close_matches(key, list(items), n=1)
                hint = f"; did you mean {close[0]}?" if close else " (see data/assumptions.csv)"
                problems.append(f"{where}: key is not an assumption{hint}")
                continue
            if key in first_row:
                problems.append(f"{where}: key appears again (first on row {first_row[key]})")
                continue
            first_row[key] = n
            try:
                value = _number(raw_value)
            except ValueError:
                problems.append(f"{where}: value must be a number, got {raw_value[:30]!r}")
                continue
            _, top, low_excluded = override_bounds(key)  # the schema's own range
            if not in_bounds(key, value):
                start = "more than 0, up to" if low_excluded else "from 0 to"
                why = (
                    f"10 x the plausible high of {items[key].high:,.6g} {items[key].unit}"
                    if top == 10 * items[key].high
                    else f"a {items[key].unit} cannot pass 1"
                )
                problems.append(
                    f"{where}: value must be {start} {top:,.6g} ({why}), got {raw_value[:30]}"
                )
                continue
            values[key] = value
            notes[key] = _note(row.get("note"))
            internal[key] = _note(row.get("internal_note"))
    except csv.Error as e:
        problems.append(f"{origin}: not a readable CSV ({e})")
    if problems and (strict or not values):
        raise BrandError(problems)
    card = RateCard(values, notes, internal, origin)
    card.problems = problems  # the lines left out (strict=False): each named, the rest used
    return card


def _note(text: str | None) -> str:
    """A rate card's note on one line, without control characters, at most 300 characters."""
    text = "".join(c for c in text or "" if c.isspace() or not text_problem(c))
    return " ".join(text.split())[:300]


def rate_card_overrides(card: dict[str, float]) -> dict[str, float]:
    """The rate card's values that differ from the defaults (what goes into the overrides)."""
    items = vm.load_assumptions().items
    return {k: float(v) for k, v in card.items() if not math.isclose(v, items[k].value)}


def rate_card_rows(card: RateCard, presenting: bool = False) -> list[dict]:
    """Rows for a table of the rate card; internal notes only when not presenting."""
    items = vm.load_assumptions().items
    rows = []
    for k, v in card.items():
        row = {
            "Assumption": items[k].label,
            "Your price": v,
            "Default": items[k].value,
            "Unit": items[k].unit,
            "Note": card.notes.get(k, ""),
        }
        if not presenting:
            row["Internal note"] = card.internal_notes.get(k, "")
        row["Key"] = k
        rows.append(row)
    return rows


def sources_with_rate_card(rows: list[dict], card: RateCard | None) -> list[dict]:
    """Assumption rows (``Assumptions.to_rows()``) with the rate card named as the source where it
    set the value. Internal notes are never copied."""
    if not card:
        return rows
    out = []
    for r in rows:
        if r["key"] in card and math.isclose(r["value"], card[r["key"]]):
            note = card.notes.get(r["key"], "")
            r = {**r, "source": f"{card.origin}: {note}" if note else card.origin, "year": ""}
        out.append(r)
    return out


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
