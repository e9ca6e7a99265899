"""Shared settings and strategies of the fuzz tests.

Every fuzz test runs ``EXAMPLES`` examples: 1,000 when the ``CI`` environment variable is set
(as CI sets it), 100 otherwise. ``FUZZ_EXAMPLES=N`` overrides both, e.g. for a long local run.
The functions under test run in-process, so an example costs well under a millisecond to a few.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import string
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from vcio_model import load_assumptions

ON_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or (1000 if ON_CI else 100))


def fuzz(max_examples: int = EXAMPLES, **kw) -> settings:
    """``@fuzz()``: the fuzz tests' settings (no deadline: the first example warms caches up)."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        **kw,
    )


# Values that have broken parsers elsewhere: numbers at the edges, non-numbers, text that a
# spreadsheet or a browser would run, control characters, huge and empty strings.
NASTY_NUMBERS = [
    "nan",
    "NaN",
    "-nan",
    "inf",
    "-inf",
    "Infinity",
    "1e308",
    "-1e308",
    "1e309",
    "1e-320",
    "-1",
    "-0",
    "0",
    "-0.0",
    "1e3",
    "0x10",
    "1_000",
    "9" * 400,
    "1" + "0" * 5000,
    "  7  ",
    "",
    " ",
    "3,000",
    "$200",
    "1.5.2",
    "١٢",
    "٣",
    "½",
    "True",
    "None",
    "null",
    "[]",
    "{}",
]
NASTY_TEXT = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "\x00",
    "\ud800",
    "\u202e",
    "\ufeff",
    "a" * 10_000,
    "x\n" * 100,
    "../../etc/passwd",
    "%00",
    "%s%n",
    "{{7*7}}",
    "${7*7}",
    "__import__('os')",
    "\\",
    '"',
    "'",
    ",",
    ";",
    "💥" * 50,
]

nasty = st.sampled_from(NASTY_NUMBERS + NASTY_TEXT)
any_text = st.one_of(
    nasty,
    st.text(max_size=30),
    st.text(alphabet=string.digits + ".-+eE", max_size=12),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


def encode(text: str) -> bytes:
    """Text as UTF-8 bytes; lone surrogates (which no file can hold) become U+FFFD."""
    return text.encode("utf-8", errors="replace")


# ---------------------------------------------------------------------------------- JSON
json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    nasty,
)
json_values = st.recursive(
    json_leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)

ASSUMPTION_KEYS = frozenset(load_assumptions().items)

# field -> (known-good values, known-bad values) of the scenario schema. Good projects start in
# year 1, inside any horizon, so one bad field is the only problem.
_plain_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
_bad_number = st.sampled_from(
    [
        "abc",
        "",
        "nan",
        "1e400",
        [],
        {},
        [1],
        {"a": 1},
        float("nan"),
        float("inf"),
        -1e308,
        1e308,
        10**40,
        -(10**40),
    ]
)
_bad_whole = st.one_of(_bad_number, st.sampled_from([0.5, 1.5, 45.5, "4.5", "1e3"]))
SCENARIO_FIELDS: dict[str, tuple[st.SearchStrategy, st.SearchStrategy]] = {
    "company": (
        _plain_text,
        st.one_of(
            st.text(
                st.characters(blacklist_categories=("Cs", "Z", "Cc")), min_size=81, max_size=300
            ),
            st.sampled_from([5, None, [], {}, True, 1.5]),
        ),
    ),
    "employees": (st.integers(1, 5000), st.one_of(_bad_whole, st.sampled_from([0, -1, 5001]))),
    "devices_per_employee": (
        st.one_of(st.none(), st.floats(0.5, 5)),
        st.one_of(_bad_number, st.sampled_from([0.49, 5.01, 0, -1])),
    ),
    "sites": (st.one_of(st.none(), st.integers(1, 500)), st.one_of(_bad_whole, st.just(501))),
    "downtime_cost_per_hour": (
        st.one_of(st.none(), st.floats(0, 1e7)),
        st.one_of(_bad_number, st.sampled_from([-0.01, 1e7 + 1])),
    ),
    "annual_revenue": (
        st.one_of(st.none(), st.floats(0, 1e11)),
        st.one_of(_bad_number, st.sampled_from([-1, 1e11 * 1.01])),
    ),
    "projects_per_year": (st.floats(0, 50), st.one_of(_bad_number, st.sampled_from([-0.5, 51]))),
    "project_size": (
        st.sampled_from(["small", "medium", "large"]),
        st.one_of(
            st.text(max_size=10).filter(lambda s: s not in ("small", "medium", "large")),
            st.sampled_from([None, 1, [], {}, "SMALL", " small"]),
        ),
    ),
    "years": (st.integers(1, 10), st.one_of(_bad_whole, st.sampled_from([0, 11]))),
    "discount_rate": (st.floats(0, 0.3), st.one_of(_bad_number, st.sampled_from([8, 0.31]))),
    "wage_growth": (
        st.one_of(st.none(), st.floats(-0.05, 0.2)),
        st.one_of(_bad_number, st.sampled_from([-0.06, 0.21])),
    ),
    "msp_price_escalation": (
        st.one_of(st.none(), st.floats(-0.05, 0.2)),
        st.one_of(_bad_number, st.sampled_from([-0.06, 0.21])),
    ),
    "projects": (
        st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.text(
                        st.characters(blacklist_categories=("Cs", "Z", "Cc")),
                        min_size=1,
                        max_size=20,
                    )
                },
                optional={
                    "size": st.sampled_from(["small", "medium", "large"]),
                    "budget": st.one_of(st.none(), st.floats(0, 5e7)),
                    "start_year": st.just(1),
                },
            ),
            max_size=3,
        ),
        st.one_of(
            st.sampled_from(
                [
                    "abc",
                    {},
                    5,
                    [1],
                    [[]],
                    [{"name": ""}],
                    [{"name": " "}],
                    [{"size": "huge"}],
                    [{"budget": -1}],
                    [{"budget": 1e308}],
                    [{"start_year": 11}],
                    [{"start_year": 0}],
                    [{"nme": "x"}],
                    [{"name": "x" * 81}],
                    [{"name": None}],
                    [{}] * 51,
                ]
            ),
            # at least one item that is not an object (an object may be a valid project)
            st.lists(json_values, min_size=1, max_size=3).filter(
                lambda v: any(not isinstance(x, dict) for x in v)
            ),
        ),
    ),
    "assumptions": (
        st.just({}),
        st.one_of(
            st.sampled_from(
                [
                    [],
                    "x",
                    5,
                    {"no_such_key": 1},
                    {"vcio_hourly_rate": -1},
                    {"vcio_hourly_rate": "abc"},
                    {"vcio_hourly_rate": None},
                    {"vcio_hourly_rate": 1e308},
                    {"vcio_hourly_rate": 10**40},
                    {"vcio_hourly_rate": float("nan")},
                    {"cio_tenure_years": 0},
                    {"vcio_project_share": 1.5},
                    {"vcio_hourly_rate": [1]},
                ]
            ),
            st.dictionaries(
                st.text(max_size=10).filter(lambda k: k not in ASSUMPTION_KEYS),
                json_values,
                min_size=1,
                max_size=3,
            ),
        ),
    ),
}


@st.composite
def scenario_dicts_with_one_bad_field(draw) -> tuple[dict, str]:
    """A scenario dict whose fields are all good but one (returned with it), plus sometimes an
    unknown key: the message must name the bad field (or the unknown key)."""
    names = list(SCENARIO_FIELDS)
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=6))
    data = {k: draw(SCENARIO_FIELDS[k][0]) for k in chosen}
    bad = draw(st.sampled_from(names))
    data[bad] = draw(SCENARIO_FIELDS[bad][1])
    return data, bad


@st.composite
def json_documents(draw) -> bytes:
    """Bytes of an uploaded scenario file: valid-looking objects, deep nesting, huge numbers,
    wrong types, unknown keys, over the size cap, not JSON at all, not UTF-8."""
    kind = draw(st.integers(0, 9))
    if kind == 0:  # deep nesting, inside an object or bare
        n = draw(st.sampled_from([10, 500, 1000, 5000, 100_000]))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        body = opener * n + "1" + closer * n
        return encode(
            draw(
                st.sampled_from(
                    [body, '{"projects": ' + body + "}", '{"assumptions": {"x": ' + body + "}}"]
                )
            )
        )
    if kind == 1:  # huge integers and floats as text (beyond what json.dumps would write)
        digits = draw(st.sampled_from([20, 309, 400, 4300, 4301, 10_000]))
        num = draw(
            st.sampled_from(
                [
                    "1" + "0" * digits,
                    "-" + "9" * digits,
                    "1e" + str(digits),
                    "0." + "0" * digits + "1",
                ]
            )
        )
        field = draw(st.sampled_from(list(SCENARIO_FIELDS)))
        return encode(f'{{"{field}": {num}}}')
    if kind == 2:  # over the size cap (with padding that is otherwise valid)
        pad = draw(st.sampled_from([200_000, 200_001, 400_000]))
        return b'{"employees": 45' + b" " * pad + b"}"
    if kind == 3:  # random bytes
        return draw(st.binary(max_size=200))
    if kind == 4:  # any JSON value at the top
        return encode(json.dumps(draw(json_values)))
    if kind == 5:  # an object with random keys and values
        return encode(
            json.dumps(draw(st.dictionaries(st.text(max_size=12), json_values, max_size=5)))
        )
    if kind == 6:  # text in another encoding, or with a BOM
        text = json.dumps(draw(scenario_dicts_with_one_bad_field())[0], ensure_ascii=False)
        codec = draw(st.sampled_from(["utf-16", "utf-32", "latin-1", "utf-8-sig", "cp1252"]))
        return text.encode(codec, errors="replace")
    if kind == 7:  # broken JSON: cut short, or a byte changed
        raw = encode(json.dumps(draw(scenario_dicts_with_one_bad_field())[0]))
        cut = draw(st.integers(0, max(0, len(raw) - 1)))
        return raw[:cut] + draw(st.binary(max_size=3))
    data, _ = draw(scenario_dicts_with_one_bad_field())
    return encode(json.dumps(data))


# ---------------------------------------------------------------------------------- CSV
DATA = Path(__file__).resolve().parents[2] / "data"
ASSUMPTIONS_TEXT = (DATA / "assumptions.csv").read_text(encoding="utf-8")
RATE_CARD_TEXT = (DATA / "rate_card.csv").read_text(encoding="utf-8")
FORMULAS = ["=1+1", "+1", "-1+2", "@SUM(A1:A2)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")',
            "=cmd|' /C calc'!A0", "=1/0"]  # fmt: skip
cell_text = st.one_of(
    nasty, st.sampled_from(FORMULAS), st.text(max_size=15), st.floats().map(repr),
    st.integers(-(10**12), 10**12).map(str),
)  # fmt: skip


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


@st.composite
def mutated_csv(draw, base: str) -> bytes:
    """``base`` (a real data file) with a few changes: cells replaced by text, formulas or odd
    numbers; rows dropped, repeated or cut short; a column dropped; or the bytes garbled."""
    rows = _rows(base)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.integers(0, 6))
        r = draw(st.integers(0, len(rows) - 1))
        if op <= 2 and rows[r]:  # replace a cell (the header too, sometimes)
            c = draw(st.integers(0, len(rows[r]) - 1))
            rows[r][c] = draw(cell_text)
        elif op == 3 and len(rows) > 1:  # drop a row
            del rows[draw(st.integers(1, len(rows) - 1))]
        elif op == 4:  # repeat a row
            rows.insert(r, list(rows[r]))
        elif op == 5 and rows[r]:  # cut a row short, or add cells
            rows[r] = rows[r][: draw(st.integers(0, len(rows[r])))] + draw(
                st.lists(cell_text, max_size=2)
            )
        else:  # drop a column everywhere
            c = draw(st.integers(0, max(len(rows[0]) - 1, 0)))
            rows = [row[:c] + row[c + 1 :] for row in rows]
    raw = encode(_csv(rows))
    tail = draw(st.integers(0, 12))
    if tail == 0:  # a NUL, a BOM, another encoding, or bytes cut off
        raw = draw(
            st.sampled_from(
                [raw.replace(b",", b"\x00,", 1), b"\xef\xbb\xbf" + raw, raw.replace(b",", b";"),
                 raw[: len(raw) // 2], raw.decode("utf-8", "replace").encode("utf-16"),
                 raw + b"\xff\xfe\xfd", raw.replace(b"\n", b"\r")]
            )
        )  # fmt: skip
    elif tail == 1:  # a field over the csv module's limit, or a file over the size cap
        raw += draw(st.sampled_from([b'"' + b"x" * 140_000 + b'"\n', b"x," * 600_000]))
    return raw


def assumption_csvs() -> st.SearchStrategy[bytes]:
    return st.one_of(mutated_csv(ASSUMPTIONS_TEXT), st.binary(max_size=300))


@st.composite
def rate_card_rows(draw) -> bytes:
    """A rate card written from scratch: any header, keys (real or not) and values."""
    keys = sorted(ASSUMPTION_KEYS)
    header = draw(
        st.one_of(
            st.just(["key", "value", "note", "internal_note"]),
            st.permutations(["key", "value", "note", "internal_note"]).map(list),
            st.lists(
                st.sampled_from(
                    ["key", "value", "note", "internal_note", "Key", "price", "", " value ", "=1"]
                ),
                max_size=5,
            ),  # fmt: skip
        )
    )
    rows = [header]
    for _ in range(draw(st.integers(0, 6))):
        key = draw(st.one_of(st.sampled_from(keys), cell_text, st.just("# comment")))
        value = draw(st.one_of(st.floats(0, 1000).map(str), cell_text, st.just("1,250.50")))
        rows.append([key, value, draw(cell_text), draw(cell_text)][: len(header) or 4])
    return encode(_csv(rows))


def rate_card_csvs() -> st.SearchStrategy[bytes]:
    return st.one_of(mutated_csv(RATE_CARD_TEXT), rate_card_rows(), st.binary(max_size=300))


# ---------------------------------------------------------------------------------- brand
_logo = st.one_of(
    st.sampled_from([
        "", "brand_logo.svg", "../app.py", "/etc/passwd", "../../../../etc/passwd", "x.png",
        "data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,!!!", "data:text/html,<b>",
        "javascript:alert(1)", "data:image/svg+xml;base64," + "A" * 400_000, "\x00.png",
        "../data/brand_logo.svg", "brand_logo.svg/../../app.py",
    ]),
    st.binary(max_size=60).map(lambda b: "data:image/png;base64," + base64.b64encode(b).decode()),
    json_values,
)  # fmt: skip


@st.composite
def brand_documents(draw) -> bytes:
    """Bytes of an uploaded brand file: the known fields with any values, unknown keys, or
    something that is not a JSON object at all."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(json_documents())
    doc = {}
    for k in draw(st.lists(st.sampled_from(["msp_name", "logo", "accent_color", "contact",
                                            "internal_notes", "_about", "colour", "script"]),
                           unique=True, max_size=6)):  # fmt: skip
        if k == "logo":
            doc[k] = draw(_logo)
        elif k == "accent_color":
            doc[k] = draw(st.one_of(st.sampled_from(["#1f5fa8", "#FFF", "red", "#12345g",
                                                     "#123456;x:y", ""]), json_values))  # fmt: skip
        else:
            doc[k] = draw(st.one_of(nasty, st.text(max_size=30), json_values))
    return encode(json.dumps(doc))
