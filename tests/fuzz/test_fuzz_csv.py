"""Fuzz the CSV uploads and data files: the rate card (Share page upload, ``--rate-card``) and
an assumptions file (``--assumptions``, the format of data/assumptions.csv).

Missing columns, text in numbers, spreadsheet formulas, repeated or missing rows, NUL bytes,
fields over the csv module's limit, other encodings, binary garbage: each gives the project's own
error (``BrandError`` / ``DataFileError``) naming the file and, for a bad row, its row and field.
A file that is accepted gives finite costs.
"""

from __future__ import annotations

import math
import re
import warnings

import pytest
from hypothesis import example, given

import vcio_model as vm
from vcio_app import brand as br
from vcio_model.assumptions import DataFileError, load_assumptions, parse_assumptions_csv

from .common import ASSUMPTIONS_TEXT, RATE_CARD_TEXT, assumption_csvs, fuzz, rate_card_csvs

ITEMS = vm.load_assumptions().items
ROW = re.compile(r"^card\.csv( row \d+ \(.*?\))?: ")


@fuzz()
@given(data=rate_card_csvs())
@example(data=b"key,value\nvcio_hourly_rate,=1+1\n")  # a formula where a number goes
@example(data=b"key,value\nvcio_hourly_rate,1e308\n")
@example(data=b"key,value\nvcio_hourly_rate,nan\n")
@example(data=b"name,amount\nx,1\n")  # missing columns
@example(data=b"key,value\n\x00,1\n")  # a NUL byte
@example(data=b'key,value\n"a\nb",1\n')  # a key with a newline: the message stays one line
@example(data=b"key,value\n" + b'"' + b"x" * 140_000 + b'",1\n')  # over the csv field limit
@example(data=b"\xff\xfe\x00k")  # not UTF-8
@example(data=RATE_CARD_TEXT.encode() + b"x," * 60_000)  # over the size cap
def test_a_rate_card_is_read_or_refused_row_by_row(data):
    try:
        card = br.load_rate_card(data, "card.csv")
    except br.BrandError as e:
        assert e.problems
        for p in e.problems:
            assert "\n" not in p and "\r" not in p and ROW.match(p), p
        if len(data) > br.MAX_RATE_CARD_BYTES:
            assert e.problems == ["card.csv: file is larger than 100 kB"]
    else:
        for key, value in card.items():
            assert key in ITEMS and math.isfinite(value) and 0 <= value <= 10 * ITEMS[key].high
        overrides = br.rate_card_overrides(card)
        sc = vm.Scenario(assumptions={k: v for k, v in overrides.items() if _fits(k, v)})
        _finite(vm.compare(sc))


def _fits(key: str, value: float) -> bool:
    """What the schema takes of a card's value (shares at most 1, divisors above 0)."""
    return vm.assumptions.value_problem(key, ITEMS[key].unit, value) is None


def _finite(c: vm.Comparison) -> None:
    assert all(math.isfinite(o.npv) for o in c.options), [o.npv for o in c.options]


@fuzz()
@given(data=assumption_csvs())
@example(data=ASSUMPTIONS_TEXT.replace(",300,", ",1e308,", 1).encode())  # was inf/NaN in results
@example(data=ASSUMPTIONS_TEXT.replace(",200,", ",=SUM(A1),", 1).encode())
@example(data=ASSUMPTIONS_TEXT.replace(",", ",\x00", 1).encode())  # was csv.Error: NUL
@example(data=b"key,value,low,high\n" + b'"' + b"x" * 140_000 + b'",1,1,1\n')  # was csv.Error
@example(data=b"key,label\nx,y\n")  # missing columns
@example(data=b"\xef\xbb\xbf" + ASSUMPTIONS_TEXT.encode())  # a BOM, as Excel writes
def test_an_assumptions_file_is_read_or_refused_with_row_and_field(data, tmp_path_factory):
    folder = tmp_path_factory.getbasetemp() / "assumption_csvs"
    folder.mkdir(exist_ok=True)
    path = folder / f"{abs(hash(data))}.csv"
    path.write_bytes(data)
    try:
        a = load_assumptions(path)
    except DataFileError as e:
        msg = str(e)
        assert msg.startswith(str(path)) and "\n" not in msg and "\r" not in msg, msg
    else:
        assert set(a.items) >= set(ITEMS)  # extra rows are allowed (and unused)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an overflow to inf warns
            _finite(vm.compare(vm.Scenario(employees=5000, years=10, projects_per_year=50), a))


@fuzz()
@given(data=assumption_csvs())
def test_parse_assumptions_csv_names_the_row_and_field(data):
    """The parser on its own, with text that may not even be CSV."""
    text = data.decode("utf-8", "replace")
    try:
        items = parse_assumptions_csv(text, "a.csv")
    except DataFileError as e:
        msg = str(e)
        assert "\n" not in msg and "\r" not in msg, msg
        assert re.match(r"^a\.csv(: missing column| row \d+)", msg), msg
        if " row " in msg and "not a readable CSV" not in msg:
            assert re.search(r"'(key|value|low|high)'|low <= value <= high|key |negative", msg), msg
    else:
        for it in items.values():
            assert all(math.isfinite(x) and 0 <= x <= 1e9 for x in (it.low, it.value, it.high))


@pytest.mark.parametrize(
    "cell, field",
    [("=1+1", "value"), ("+1", "value"), ("@SUM(A1)", "value"), ("abc", "value"),
     ("1e308", "value"), ("inf", "value"), ("", "value")],
)  # fmt: skip
def test_text_in_a_number_is_named(cell, field):
    lines = ASSUMPTIONS_TEXT.splitlines()
    parts = lines[1].split(",")
    parts[3] = cell  # the value column of the first assumption (revenue_per_employee, row 2)
    lines[1] = ",".join(parts)
    with pytest.raises(DataFileError) as e:
        parse_assumptions_csv("\n".join(lines), "a.csv")
    assert str(e.value).startswith("a.csv row 2 (revenue_per_employee): ")
    assert f"'{field}'" in str(e.value) or "low <= value <= high" in str(e.value)
