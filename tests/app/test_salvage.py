"""AppTest and the rate card: one bad item is left out alone, named, and the rest stays applied
(issue 13). Expected figures come from the model with the good items only."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import vcio_model as vm
from vcio_app import brand as br
from vcio_app.content import assumption_values as values
from vcio_model.scenario import MAX_PROJECTS, override_bounds, override_problem

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value.replace("\\", "") for m in at.markdown)


def _run_with(**session) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    for k, v in session.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_bad_override_is_left_out_alone_and_named():
    at = _run_with(overrides={"vcio_hourly_rate": 222.0, "cio_tenure_years": 0.0})
    expected = vm.compare(vm.Scenario(assumptions={"vcio_hourly_rate": 222.0}))
    assert expected.verdict in _markdown(at)
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any("cio_tenure_years must be more than 0" in w for w in warnings), warnings
    assert not any("vcio_hourly_rate" in w for w in warnings)


def test_a_51st_project_is_left_out_alone():
    rows = [
        {"name": f"Project {i}", "size": "small", "budget": None, "start_year": 1}
        for i in range(MAX_PROJECTS + 1)
    ]
    at = _run_with(projects=rows)
    kept = [vm.Project(**r) for r in rows[:MAX_PROJECTS]]
    expected = vm.compare(vm.Scenario(projects=kept))
    assert expected.verdict in _markdown(at)
    assert any(
        f"Project {MAX_PROJECTS + 1} left out: at most {MAX_PROJECTS}" in w.value.replace("\\", "")
        for w in at.warning
    ), [w.value for w in at.warning]


@pytest.mark.parametrize("key", sorted(vm.load_assumptions().items))
def test_the_assumptions_page_accepts_exactly_what_the_schema_accepts(key):
    item = vm.load_assumptions().items[key]
    _, high, _ = override_bounds(key)
    for value in (0.0, item.low, item.high, high, high * 1.001 + 1e-6):
        applied, message = values.check(item, values.to_display(item, value), item.value)
        schema_ok = override_problem(key, value) is None
        assert (applied is not None) == schema_ok, (key, value, message)
        if not schema_ok:
            assert item.label in message and "allowed range" in message


def test_tenure_zero_is_refused_by_the_page_with_the_schemas_range():
    item = vm.load_assumptions().items["cio_tenure_years"]
    applied, message = values.check(item, 0, item.value)
    assert applied is None and "more than 0, up to" in message
    assert values.fmt(item, override_bounds("cio_tenure_years")[1]) in message


def test_a_rate_card_line_is_left_out_alone_in_the_app_and_refuses_the_card_on_the_cli():
    text = b"key,value,note\nvcio_hourly_rate,222,ours\nhelpdesk_ratio_scale,0,oops\n"
    card = br.load_rate_card(text, "mine.csv", strict=False)
    assert dict(card) == {"vcio_hourly_rate": 222.0}
    (problem,) = card.problems
    assert problem.startswith("mine.csv row 3 (helpdesk_ratio_scale): value must be more than 0")
    with pytest.raises(br.BrandError, match=r"mine\.csv row 3 \(helpdesk_ratio_scale\)"):
        br.load_rate_card(text, "mine.csv")  # strict, as the command line reads it
    with pytest.raises(br.BrandError):  # nothing usable at all: refused
        br.load_rate_card(b"key,value\nhelpdesk_ratio_scale,0\n", "mine.csv", strict=False)


def _pack(payload: dict) -> str:
    import base64
    import json
    import zlib

    return base64.urlsafe_b64encode(zlib.compress(json.dumps(payload).encode())).decode()


def test_a_link_keeps_its_good_items_when_one_is_bad():
    from vcio_app.scenario import links as share

    row = ["Move accounting to AWS", "large", None, 1]
    payload = {"v": share.VERSION, "a": {"vcio_hourly_rate": 222, "cio_tenure_years": 0},
               "p": [row, ["", "huge", None, 1]] + [row] * MAX_PROJECTS}  # fmt: skip
    sc, problems = share.initial_scenario({"s": _pack(payload)}, {})
    assert sc.assumptions == {"vcio_hourly_rate": 222}
    assert len(sc.projects) == MAX_PROJECTS and sc.projects[0].name == row[0]
    where = "URL parameter 's' (saved details): "
    assert len(problems) == 3 and all(p.startswith(where) for p in problems)
    assert "changed assumption left out: cio_tenure_years must be more than 0" in problems[0]
    assert "project 2 left out: name" in problems[1]
    assert f"project {MAX_PROJECTS + 2} and after left out: at most {MAX_PROJECTS}" in problems[2]
    with pytest.raises(vm.ScenarioError):  # without a problems list: strict, as before
        share.decode_extra(_pack(payload))
