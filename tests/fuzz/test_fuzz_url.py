"""Fuzz the URL: the readable parameters, repeated keys, and the packed ``s`` parameter.

Anyone can send the app any URL. ``share.initial_scenario(params, {})`` (what a new session
starts from; ``params`` as ``st.query_params.to_dict()`` gives them, or with lists for repeated
keys) must never raise: each bad parameter gets one message naming it, and every good parameter
is kept. The last test runs the real app.py (AppTest) with random parameters.
"""

from __future__ import annotations

import base64
import json
import math
import zlib
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from vcio_app.scenario import links as share
from vcio_app.scenario import state
from vcio_app.scenario.params import URL_FIELDS
from vcio_model import Project, Scenario, ScenarioError
from vcio_model.format import clean_text

from .common import EXAMPLES, ON_CI, any_text, fuzz, json_values, nasty

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = Scenario()

# param -> (good values as text, bad values as text). Good ones must be kept, bad ones named.
_huge = st.sampled_from(["9" * 10_000, "1" + "0" * 400, "x" * 10_000, "1e308", "-1e308"])
_not_numbers = st.one_of(
    _huge,
    st.sampled_from(["nan", "NaN", "inf", "-inf", "Infinity", "abc", "", " ", "0x10", "1,000",
                     "$5", "1.5.2", "½", "None", "[]", "<script>alert(1)</script>", "\x00"]),
)  # fmt: skip
PARAMS: dict[str, tuple[st.SearchStrategy[str], st.SearchStrategy[str]]] = {
    "employees": (
        st.one_of(st.integers(1, 5000).map(str), st.integers(1, 5000).map(lambda n: f"{n}.0")),
        st.one_of(_not_numbers, st.sampled_from(["0", "-1", "-0", "5001", "45.5", "1e4"])),
    ),
    "projects": (
        st.integers(0, 100).map(lambda n: str(n / 2)),
        st.one_of(_not_numbers, st.sampled_from(["-0.5", "-1", "50.5", "1e3"])),
    ),
    "size": (
        st.sampled_from(["small", "medium", "large"]),
        st.one_of(
            st.text(max_size=12).filter(lambda s: s not in ("small", "medium", "large")),
            _huge,
        ),
    ),
    "years": (
        st.integers(1, 10).map(str),
        st.one_of(_not_numbers, st.sampled_from(["0", "11", "2.5", "-3"])),
    ),
    "rate": (
        st.integers(0, 300).map(lambda n: str(n / 10)),
        st.one_of(_not_numbers, st.sampled_from(["-0.1", "30.5", "100", "8%"])),
    ),
    "company": (
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
        st.one_of(
            st.text(st.characters(blacklist_categories=("Cs",)), min_size=81, max_size=300),
            st.just("<img src=x onerror=alert(1)>" * 40),
        ),
    ),  # fmt: skip
    "downtime": (
        st.integers(0, 10_000_000).map(str),
        st.one_of(_not_numbers, st.sampled_from(["-1", "10000001", "1e9"])),
    ),
}


def expected(param: str, text: str):
    """The scenario value a good parameter must give."""
    if param == "employees" or param == "years":
        return int(float(text))
    if param in ("projects", "downtime"):
        return float(text)
    if param == "rate":
        return float(text) / 100
    if param == "company":
        return clean_text(text)  # no control or invisible format characters, spaces collapsed
    return text


def same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-9)
    return a == b


@st.composite
def small_scenarios(draw) -> Scenario:
    """Valid scenarios with what only ``s`` carries: projects, overrides, extra fields."""
    years = draw(st.integers(1, 10))
    projects = [
        Project(
            name=draw(
                st.text(
                    st.characters(blacklist_categories=("Cs", "Z", "Cc")), min_size=1, max_size=20
                )
            ),
            size=draw(st.sampled_from(["small", "medium", "large"])),
            budget=draw(st.one_of(st.none(), st.floats(0, 5e7))),
            start_year=draw(st.integers(1, years)),
        )  # fmt: skip
        for _ in range(draw(st.integers(0, 3)))
    ]
    return Scenario(
        employees=draw(st.integers(1, 5000)),
        years=years,
        projects=projects,
        projects_per_year=draw(st.floats(0, 50)),
        devices_per_employee=draw(st.one_of(st.none(), st.floats(0.5, 5))),
        wage_growth=draw(st.one_of(st.none(), st.floats(-0.05, 0.2))),
        assumptions=draw(
            st.dictionaries(
                st.sampled_from(["vcio_hourly_rate", "msp_price_scale", "cio_tenure_years"]),
                st.floats(0.5, 2.0),
                max_size=2,
            )
        ),
    )


def pack(payload) -> str:
    raw = json.dumps(payload).encode("utf-8", "replace")
    return base64.urlsafe_b64encode(zlib.compress(raw)).decode().rstrip("=")


s_values = st.one_of(
    small_scenarios().map(share.encode_extra),
    any_text,
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", max_size=80),
    json_values.map(pack),
    st.dictionaries(st.sampled_from(["v", "p", "a", "x", "d", "n", "r", "w", "e", "z"]),
                    json_values, max_size=4).map(lambda d: pack({"v": 1, **d})),  # fmt: skip
    st.sampled_from([
        "A" * 20_000,  # over the length cap
        base64.urlsafe_b64encode(zlib.compress(b"[" * 2_000_000, 9)).decode(),  # a zip bomb
        pack({"v": 1, "p": [["x", "small", None, 1]] * 60}),  # too many projects
        pack({"v": 1, "a": {"vcio_hourly_rate": 1e308}}),  # beyond 10 x the plausible high
        pack({"v": 1, "x": {"employees": 10**40}}),
        pack({"v": 1, "p": [[None] * 4]}),
        pack({"v": 2}),
        pack("[" * 5000),
    ]),
)  # fmt: skip


@st.composite
def url_params(draw) -> tuple[dict, dict[str, str], set[str]]:
    """(params, good params with their last value, bad param names)."""
    params: dict = {}
    good: dict[str, str] = {}
    bad: set[str] = set()
    for param, (good_values, bad_values) in PARAMS.items():
        kind = draw(st.sampled_from(["absent", "good", "bad"]))
        if kind == "absent":
            continue
        if kind == "good":
            value = good[param] = draw(good_values)
        else:
            value = draw(bad_values)
            bad.add(param)
        if draw(st.integers(0, 3)) == 0:  # a repeated key: every value before the last is ignored
            params[param] = [*draw(st.lists(any_text, min_size=1, max_size=3)), value]
        else:
            params[param] = value
    if draw(st.booleans()):
        params["s"] = draw(s_values)
        if draw(st.integers(0, 5)) == 0:
            params["s"] = [draw(any_text), params["s"]]
    for key in draw(st.lists(st.one_of(nasty, st.text(max_size=10)), max_size=3)):
        if key not in params and key not in PARAMS and key != "s":
            params[key] = draw(st.one_of(any_text, st.lists(any_text, max_size=3)))
    return params, good, bad


@fuzz()
@given(case=url_params())
@example(case=({"employees": []}, {}, set()))  # was IndexError: an empty repeated key
@example(case=({"s": []}, {}, set()))
@example(case=({"employees": "1e308", "years": "3"}, {"years": "3"}, {"employees"}))
@example(case=({"projects": "35", "company": "<b>x</b>"}, {"projects": "35", "company": "<b>x</b>"},
               set()))  # fmt: skip
def test_bad_params_are_named_and_the_rest_is_kept(case):
    params, good, bad = case
    sc, problems = share.initial_scenario(params, {})
    assert isinstance(sc, Scenario)
    assert all(isinstance(p, str) and "\n" not in p and "Traceback" not in p for p in problems)
    for param in bad:
        assert any(p.startswith(f"URL parameter '{param}'") for p in problems), (param, problems)
    for param, text in good.items():
        fld = URL_FIELDS[param][0]
        assert same(getattr(sc, fld), expected(param, text)), (param, text, getattr(sc, fld))
        assert not any(p.startswith(f"URL parameter '{param}'") for p in problems), problems
    if "s" not in params:
        for param in bad:
            fld = URL_FIELDS[param][0]
            assert getattr(sc, fld) == getattr(DEFAULT, fld)
    # Every message is about a parameter the link has (never a crash of something else).
    named = {p.split("'")[1] for p in problems if p.startswith("URL parameter '")}
    assert named <= set(params), (named, problems)
    assert len(problems) == len([p for p in problems if p.startswith("URL parameter '")])


@fuzz(max_examples=min(EXAMPLES, 200))
@given(sc=small_scenarios())
def test_a_scenario_survives_its_own_link(sc):
    """What a link encodes comes back exactly: the baseline of the fuzzing of ``s`` (which
    tests/unit/test_share.py covers in depth)."""
    params = share.url_params(sc)
    back, problems = share.initial_scenario(params, {})
    assert problems == []
    assert back == sc


@fuzz()
@given(text=s_values)
@example(text=base64.urlsafe_b64encode(zlib.compress(b"[" * 2_000_000, 9)).decode())
def test_the_s_parameter_decodes_or_says_it_is_damaged(text):
    try:
        fields = share.decode_extra(text)
    except ScenarioError as e:
        assert len(e.problems) == 1 and e.problems[0].startswith("URL parameter 's'"), e.problems
        assert "\n" not in e.problems[0]
    else:
        assert set(fields) <= set(Scenario.model_fields)


# ---------------------------------------------------------------------------------- the real app
APP_EXAMPLES = 30 if ON_CI else 8


@pytest.fixture(scope="module")
def app_runs():
    """AppTest of app.py, one per example (a fresh session each: URL params are read once)."""

    def url_text(v):  # what a browser can send: lone surrogates become U+FFFD
        if isinstance(v, list):
            return [url_text(x) for x in v]
        return str(v).encode("utf-8", "replace").decode("utf-8")

    def run(params: dict) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for k, v in params.items():
            at.query_params[url_text(k)] = url_text(v)
        at.run()
        return at

    return run


@fuzz(max_examples=APP_EXAMPLES)
@given(case=url_params())
@example(case=({"projects": "35"}, {"projects": "35"}, set()))  # was StreamlitValueAboveMaxError
@example(case=({"employees": ["1", "9999"], "rate": "nan", "s": "x"}, {}, {"employees", "rate"}))
def test_the_app_runs_with_any_url_and_names_each_bad_param(case, app_runs):
    params, good, bad = case
    at = app_runs(params)
    assert not at.exception, [e.value for e in at.exception]
    warnings = " ".join(w.value for w in at.warning)
    for param in bad:
        assert f"'{param}'" in warnings, (param, warnings)
    ss = at.session_state
    for param, text in good.items():
        key = next(k for k, f in state.WIDGETS.items() if f == URL_FIELDS[param][0])
        want = expected(param, text)
        got = ss[key] / 100 if param == "rate" else ss[key]
        if param == "company":
            assert got == want
        else:
            assert same(got, want), (param, text, got)
