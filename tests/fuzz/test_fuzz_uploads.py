"""Fuzz the uploads: a scenario JSON (the Share page's "Open a scenario file", the command line's
``--scenario``) and a brand JSON.

Whatever the bytes, the result is the validated object or the project's own error
(``ScenarioError`` / ``BrandError``) with one line per problem that names the file or the field;
never another exception (a RecursionError from deep nesting, a ValueError from a huge integer).
A valid upload always gives finite costs.
"""

from __future__ import annotations

import dataclasses
import html
import json
import math
import re
import warnings

from hypothesis import example, given
from hypothesis import strategies as st

import vcio_model as vm
from vcio_app import brand as br
from vcio_app.brand import identity
from vcio_app.scenario import files as scenario_files
from vcio_model import Scenario, ScenarioError
from vcio_model.scenario import override_bounds

from .common import (
    SCENARIO_FIELDS,
    brand_documents,
    fuzz,
    json_documents,
    scenario_dicts_with_one_bad_field,
)

FIELD_PATH = re.compile(r"^(" + "|".join(SCENARIO_FIELDS) + r")\b")
NAME = "upload.json"
ITEMS = vm.load_assumptions().items
DATA_IMAGES = {
    p.read_bytes() for p in br.DATA_DIR.rglob("*") if p.suffix.lower() in identity._LOGO_TYPES
}


def check_problems(problems: list[str], origin: str) -> None:
    assert problems, "an error without a problem"
    for p in problems:
        assert isinstance(p, str) and p and "\n" not in p and "Traceback" not in p, p
        unknown = p.endswith(": is not a known field")  # named by the unknown key itself
        assert p.startswith((origin + ":", "scenario:")) or FIELD_PATH.match(p) or unknown, p


def read(data: bytes) -> Scenario | ScenarioError:
    try:
        return scenario_files.read_uploaded_scenario(data, NAME)
    except ScenarioError as e:
        return e


@fuzz()
@given(data=json_documents())
@example(data=b"[" * 100_000 + b"]" * 100_000)  # deep nesting: RecursionError inside json
@example(data=b'{"employees": 1' + b"0" * 5000 + b"}")  # over Python's int digit limit
@example(data=b'{"employees": 1e999}')
@example(data=b'{"assumptions": {"a\\nb": "x"}}')  # a key with a newline stays on one line
@example(data=b'{"x\\ny": 1}')
@example(data=b'{"assumptions": {"vcio_hourly_rate": 1e308}}')  # was accepted: costs overflowed
@example(data=b'{"employees": 45' + b" " * 200_000 + b"}")  # over the size cap
@example(data=b"\xff\xfe\x00\x01")
def test_an_uploaded_scenario_is_read_or_refused_with_named_problems(data):
    result = read(data)
    if isinstance(result, ScenarioError):
        check_problems(result.problems, NAME)
        if len(data) > scenario_files.MAX_UPLOAD_BYTES:
            assert result.problems == [f"{NAME}: file is larger than 200 kB"]
    else:
        assert len(data) <= scenario_files.MAX_UPLOAD_BYTES
        assert Scenario.parse_input(result.model_dump()) == result


@fuzz()
@given(case=scenario_dicts_with_one_bad_field())
@example(case=({"employees": 10**40}, "employees"))
@example(case=({"company": "\ud800"}, "company"))
@example(case=({"projects": [{"name": "x" * 81}]}, "projects"))
def test_the_bad_field_is_named(case):
    data, bad = case
    try:
        Scenario.parse_input(data)
    except ScenarioError as e:
        check_problems(e.problems, NAME)
        assert any(p.startswith(bad) for p in e.problems), (bad, e.problems)
    else:
        raise AssertionError(f"{bad}={data[bad]!r} was accepted")


@st.composite
def valid_extremes(draw) -> dict:
    """A valid scenario at the edges of every range, overrides from 0 to 10 x their plausible
    high (the most the schema allows)."""
    data = {k: draw(good) for k, (good, _) in SCENARIO_FIELDS.items() if k != "assumptions"}
    keys = draw(st.lists(st.sampled_from(sorted(ITEMS)), unique=True, max_size=12))
    overrides = {}
    for k in keys:
        low, top, low_excluded = override_bounds(k)  # the schema's one range for the key
        low = 1e-9 if low_excluded else low
        overrides[k] = draw(st.one_of(st.sampled_from([low, top]), st.floats(low, top)))
    data["assumptions"] = overrides
    if draw(st.booleans()):
        data.update(employees=5000, years=10, projects_per_year=50, project_size="large")
    return data


@fuzz(max_examples=max(50, min(300, fuzz().max_examples // 3)))
@given(data=valid_extremes())
def test_any_valid_upload_gives_finite_costs(data):
    sc = Scenario.parse_input(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow to inf warns before it shows as "n/a"
        c = vm.compare(sc)
    assert all(math.isfinite(o.npv) and o.npv >= 0 for o in c.options), [o.npv for o in c.options]
    assert c.recommended in {o.id for o in c.options}


@fuzz()
@given(data=brand_documents())
@example(data=b'{"logo": "/etc/passwd"}')
@example(data=b'{"logo": "../app.py"}')
@example(data=b'{"logo": "\\u0000.png"}')
@example(data=b'{"msp_name": "<script>window.__xss=1</script>"}')
def test_an_uploaded_brand_is_read_or_refused(data):
    """An upload may never name a file on the server: a logo must be a data URI."""
    try:
        brand = br.parse_brand(data, "brand.json")
    except br.BrandError as e:
        for p in e.problems:
            assert p.startswith("brand.json: ") and "\n" not in p, p
    else:
        assert brand.logo == "" or brand.logo.startswith("data:image/")
        header = br.header_html(brand)
        for text in (brand.msp_name, brand.contact):
            if "<" in text or "&" in text:
                assert text not in header and html.escape(text) in header
        secret = br.header_html(dataclasses.replace(brand, internal_notes="SECRET-NOTE-42"))
        assert "SECRET-NOTE-42" not in secret  # internal notes are for the sales team only


@fuzz()
@given(data=brand_documents())
@example(data=b'{"logo": "../app.py"}')
@example(data=b'{"logo": "../../../../etc/passwd"}')
@example(data=b'{"logo": "brand_logo.svg/../../app.py"}')
@example(data=b'{"logo": "\\u0000.png"}')  # was ValueError: embedded null byte
def test_the_brand_file_reads_only_images_inside_data(data):
    """The repository's own brand file may name a logo file, but only an image inside data/."""
    try:
        brand = br.parse_brand(data, "brand.json", base_dir=br.DATA_DIR)
    except br.BrandError as e:
        assert all(p.startswith("brand.json: ") and "\n" not in p for p in e.problems)
    else:
        assert brand.logo == "" or brand.logo.startswith("data:image/")
        logo = json.loads(data).get("logo")
        if brand.logo and not logo.strip().lower().startswith("data:"):
            assert brand.logo_bytes() in DATA_IMAGES  # a file named by path: only from data/
