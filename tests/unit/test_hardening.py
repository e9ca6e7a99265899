"""Issue 21 (hardening 3), without a server: the checked number conversion, links that used to
crash, capped warnings, clean names, the project editor's bounds, the server-wide passphrase
limit and what the Shield middleware lets through. The same attacks against a real server:
tests/e2e/test_attacks.py."""

from __future__ import annotations

import base64
import json
import time
import zlib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest

import vcio_model as vm
from vcio_app.brand import identity, sales
from vcio_app.content import projects as pv
from vcio_app.frame import shield
from vcio_app.safe_text import md_escape
from vcio_app.scenario import files as scenario_files
from vcio_app.scenario import links, state
from vcio_model.scenario import checked_number

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
HUGE = 10**400  # json.loads reads it; float() of it raises OverflowError


def _s(payload: dict) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


# ------------------------------------------------------------------ one checked conversion
@pytest.mark.parametrize(
    ("value", "words"),
    [
        (HUGE, "401 digits"),
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        ("1e400", "finite"),
        ("abc", "must be a number"),
        (True, "must be a number"),
        (11, "from 1 to 10"),
        (2.5, "whole number"),
    ],
)
def test_checked_number_names_the_field_and_range_and_never_overflows(value, words):
    with pytest.raises(ValueError, match="Year") as err:
        checked_number(value, "Year", 1, 10, whole=True)
    assert words in str(err.value)


def test_checked_number_keeps_good_values():
    assert checked_number("7", "Year", 1, 10, whole=True) == 7
    assert checked_number(2.5, "Projects", 0, 50) == 2.5
    assert checked_number(10**14, "Revenue") == 10**14


# ------------------------------------------------------------------ case 3: a 400-digit override
def test_a_400_digit_override_in_a_link_is_named_and_the_rest_kept():
    s = _s({"v": 1, "a": {"it_manager_salary": HUGE, "vcio_hourly_rate": 150}})
    sc, problems = links.initial_scenario({"s": s, "company": "Acme", "employees": "60"})
    assert sc.company == "Acme" and sc.employees == 60
    assert sc.assumptions == {"vcio_hourly_rate": 150}
    assert len(problems) == 1 and "it_manager_salary" in problems[0], problems
    assert "digits" in problems[0]


def test_the_link_that_crashed_every_page_opens_with_one_message():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["s"] = _s({"v": 1, "a": {"it_manager_salary": HUGE}})
    at.query_params["company"] = "Acme"
    at.run()
    assert not at.exception, at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1 and "it\\_manager\\_salary" in warnings[0], warnings
    assert at.text_input(key="in_company").value == "Acme"


def test_a_link_that_cannot_be_read_opens_the_defaults_with_one_message(monkeypatch):
    """Whatever still breaks reading a link (here: a fault injected into the reader) leaves the
    page up, at the default scenario, with one message."""

    def broken(*_args, **_kwargs):
        raise RuntimeError("an unforeseen link")

    monkeypatch.setattr(links, "initial_scenario", broken)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["employees"] = "60"
    at.run()
    assert not at.exception, at.exception
    assert [w.value for w in at.warning] == [md_escape(state.BROKEN_LINK)]
    assert at.session_state["in_employees"] == vm.Scenario().employees


# ------------------------------------------------------------------ case 7: 2,500 unknown settings
def test_2500_unknown_settings_draw_six_warnings_not_2500():
    s = _s({"v": 1, "a": {f"{i:x}": 1 for i in range(2500)}})
    assert len(s) < links.MAX_ENCODED_CHARS
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["s"] = s
    t0 = time.perf_counter()
    at.run()
    assert time.perf_counter() - t0 < 20
    assert not at.exception, at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == state.MAX_SHOWN_PROBLEMS + 1, len(warnings)
    assert "2,495 more" in warnings[-1]


def test_capped_keeps_short_lists_whole():
    assert state.capped(["a", "b"]) == ["a", "b"]
    assert state.capped([str(i) for i in range(8)], 5)[-1].startswith("… and 3 more")


# ------------------------------------------------------------------ case 8: invisible characters
BIDI = "\u202e"


def test_names_lose_direction_controls_and_invisible_characters_at_the_schema():
    sc = vm.Scenario.parse_input(
        {
            "company": f"Acme{BIDI}\u200b Ltd\ufeff",
            "projects": [{"name": f"\u2066Move{BIDI} mail\u2069"}],
        }
    )
    assert sc.company == "Acme Ltd"
    assert sc.projects[0].name == "Move mail"
    verdict = vm.compare(sc).verdict
    assert "Acme Ltd" in verdict and BIDI not in verdict
    assert vm.Scenario(company="👨\u200d💻 Co").company == "👨\u200d💻 Co"  # joiners stay


def test_a_link_with_a_reversed_company_name_reaches_nothing_reversed():
    sc, _ = links.initial_scenario({"company": f"Acme{BIDI}"})
    assert sc.company == "Acme"
    assert BIDI not in scenario_files.scenario_file_text(sc)


def test_brand_text_loses_invisible_characters():
    brand = identity.parse_brand(json.dumps({"msp_name": "North\u200bwind\ufeff IT"}))
    assert brand.msp_name == "Northwind IT"


# ------------------------------------------------------------------ cases 2 and 9: the editor
def test_a_paste_past_the_project_limit_is_refused_before_it_is_applied_and_quickly():
    rows = [{"name": f"P{i}", "size": "small"} for i in range(10_000)]
    edits = {"edited_rows": {}, "added_rows": rows, "deleted_rows": []}
    t0 = time.perf_counter()
    problem = pv.edits_problem(edits, 3)
    assert time.perf_counter() - t0 < 0.05
    assert problem and "At most 50 named projects" in problem and "10,000" in problem
    ok = {"edited_rows": {}, "added_rows": rows[:47], "deleted_rows": []}
    assert pv.edits_problem(ok, 3) is None
    assert pv.edits_problem({**ok, "added_rows": rows[:48]}, 3)


@pytest.mark.parametrize("index", [999_999, -1, "x", HUGE])
def test_an_edit_to_a_row_that_does_not_exist_is_refused(index):
    edits = {"edited_rows": {index: {"name": "x"}}, "added_rows": [], "deleted_rows": []}
    assert "does not exist" in pv.edits_problem(edits, 2)


def test_editor_rows_empties_numbers_a_row_cannot_take_and_names_nameless_rows():
    df = pd.DataFrame(
        [
            {"name": "A", "size": "small", "budget": 5000, "start_year": float("inf")},
            {"name": "B", "size": None, "budget": 1e400, "start_year": None},
            {"name": None, "size": None, "budget": None, "start_year": None},
            {"name": None, "size": "medium", "budget": None, "start_year": 1},  # a "+" row
        ],
        columns=pv.PROJECT_COLUMNS,
    )
    notes: list[str] = []
    rows = pv.editor_rows(df, notes)
    assert rows == [
        {"name": "A", "size": "small", "budget": 5000.0, "start_year": 1},
        {"name": "B", "size": "medium", "budget": None, "start_year": 1},
        {"name": "Project 3", "size": "medium", "budget": None, "start_year": 1},
    ]
    assert any("Row 1: Year" in n for n in notes) and any("Row 2: Budget" in n for n in notes)
    assert any("empty row" in n for n in notes) and any("“Project 3”" in n for n in notes)
    assert all(vm.Project.model_validate(r) for r in rows)


def test_the_projects_page_offers_add_a_project_with_a_worked_example():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/projects.py").run()
    assert not at.exception, at.exception
    assert "Move email to Microsoft 365" in " ".join(c.value for c in at.caption)
    at.button(key="edit_projects_add").click().run()
    assert not at.exception, at.exception
    assert at.session_state["projects"] == [pv.EXAMPLE]
    at.button(key="edit_projects_add").click().run()
    assert [p["name"] for p in at.session_state["projects"]] == [pv.EXAMPLE["name"], "Project 2"]


def test_a_number_in_the_session_past_its_widget_range_goes_back_with_a_message():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.session_state["in_revenue"] = float("inf")
    at.session_state["in_company"] = "Acme"
    at.run()
    assert not at.exception, at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "Annual revenue must be a finite number" in warnings
    assert at.session_state["in_revenue"] is None and at.session_state["in_company"] == "Acme"


# ------------------------------------------------------------------ case 4: passphrase guesses
def test_wrong_passphrases_are_limited_across_the_server_and_the_wait_is_short(monkeypatch):
    monkeypatch.setattr(sales, "_WRONG", type(sales._WRONG)())
    t = 1000.0
    for i in range(sales.SERVER_MAX_WRONG):
        assert sales.server_wait(t + i) == 0
        sales._note_wrong(t + i)
    wait = sales.server_wait(t + 20)
    assert 0 < wait <= sales.SERVER_WINDOW_S
    assert sales.server_wait(t + sales.SERVER_WINDOW_S + 1) == 0  # the oldest guess expired


# ------------------------------------------------------------------ cases 1, 5, 9: the middleware
def _rerun(*widgets) -> bytes:
    msg = BackMsg()
    for wid, kind, value in widgets:
        w = msg.rerun_script.widget_states.widgets.add()
        w.id = wid
        if kind == "double_array_value":
            w.double_array_value.data.extend(value)
        else:
            setattr(w, kind, value)
    return msg.SerializeToString()


def test_shield_drops_clear_cache_and_widget_values_of_the_wrong_kind():
    clear = BackMsg()
    clear.clear_cache = True
    assert shield.screen(clear.SerializeToString())[0] == "clear_cache"
    good = _rerun(
        ("$$ID-ab-in_years", "double_array_value", [5]), ("$$ID-cd-in_company", "string_value", "A")
    )
    assert shield.screen(good) == ("rerun_script", good)
    bad = _rerun(
        ("$$ID-ab-in_employees_typed", "double_array_value", [5]),
        ("$$ID-ef-edit_projects_3", "int_value", 4),
        ("$$ID-cd-in_company", "string_value", "A"),
    )
    kind, passed = shield.screen(bad)
    out = BackMsg()
    out.ParseFromString(passed)
    assert kind == "rerun_script"
    assert [w.id for w in out.rerun_script.widget_states.widgets] == ["$$ID-cd-in_company"]


def test_shield_takes_uploads_only_at_addresses_handed_out_and_within_bounds(monkeypatch):
    monkeypatch.setattr(shield, "LEDGER", shield.Ledger())
    fwd = ForwardMsg()
    for fid in ("f1", "f2"):
        u = fwd.file_urls_response.file_urls.add()
        u.file_id, u.upload_url = fid, f"/_stcore/upload_file/s1/{fid}"
    for sid, fid in shield.issued_urls(fwd.SerializeToString()):
        shield.LEDGER.issue(sid, fid)
    assert shield.upload_refusal("s1", "f1", {}) == ()
    assert shield.upload_refusal("s1", "zz", {})[0] == 403  # not handed out
    assert shield.upload_refusal("s2", "f1", {})[0] == 403  # another session's address
    assert shield.upload_refusal("s1", "f1", {"s1": (shield.MAX_FILES, 10)})[0] == 429
    assert shield.upload_refusal("s1", "f1", {"s1": (1, shield.MAX_SESSION_BYTES)})[0] == 429
    crowd = {f"x{i}": (1, 2**20) for i in range(shield.MAX_TOTAL_BYTES // 2**20)}
    assert shield.upload_refusal("s1", "f1", crowd)[0] == 503
    for i in range(shield.MAX_ISSUED + 5):
        shield.LEDGER.issue("s1", f"n{i}")
    assert len(shield.LEDGER.issued["s1"]) == shield.MAX_ISSUED
