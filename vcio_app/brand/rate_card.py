"""The MSP's rate card: its own prices, a data file (``data/rate_card.csv``) or an upload.

Columns key, value, note, internal_note; every key an assumption of data/assumptions.csv and every
value inside the range the scenario schema allows for that assumption (``override_bounds``), so a
price the card sets is never refused later. Each problem names the file, the row and the key.
The command line reads a card strictly (one bad line refuses it); the app with ``strict=False``:
a bad line is left out alone and listed in ``card.problems``. No Streamlit here.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from pathlib import Path

import vcio_model as vm
from vcio_app.brand.identity import DATA_DIR, BrandError
from vcio_model.files import FileProblem, check_size, read_small_file
from vcio_model.format import name_in_message, text_problem
from vcio_model.scenario import in_bounds, override_bounds

RATE_CARD_FILE = DATA_DIR / "rate_card.csv"
MAX_RATE_CARD_BYTES = 100_000
RATE_CARD_COLUMNS = ("key", "value", "note", "internal_note")


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
