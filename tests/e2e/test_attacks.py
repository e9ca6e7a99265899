"""Issue 21's attacks replayed against a real server with Streamlit's own messages (no browser):
tests/e2e/wire.py is a visitor as a script would be. Each attack is bounded in count and time."""

from __future__ import annotations

import asyncio
import base64
import json
import time
import urllib.error
import urllib.request
import zlib
from concurrent.futures import ThreadPoolExecutor

from wire import Visitor, double_widget, json_widget

HUGE = 10**400


def _s(payload: dict) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def _visit(server: str, job):
    async def go():
        v = Visitor(server)
        await v.connect()
        try:
            return await job(v)
        finally:
            await v.close()

    # In a thread of its own: the browser tests' Playwright keeps an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, asyncio.wait_for(go(), 120)).result()


def _no_exception(v: Visitor) -> None:
    assert not [t for t in v.texts if t.startswith("EXCEPTION")], v.texts


def test_case1_uploads_only_where_the_server_asked_and_bounded_per_session(server):
    async def job(v: Visitor):
        await v.rerun()
        refused = v.put("made-up-file-id", b"{}")
        urls = await v.ask_upload_urls(12)
        codes = [v.put(fid, b"x" * 900_000) for fid, _ in urls]  # 12 files of 0.9 MB
        return refused, codes

    refused, codes = _visit(server, job)
    assert refused == 403
    assert codes[:4] == [204] * 4 and set(codes[4:]) == {429}, codes


def test_case2_a_10000_row_paste_is_refused_at_once_with_one_message(server):
    rows = [
        {"name": f"P{i}", "size": "small", "budget": 1000, "start_year": 1} for i in range(10_000)
    ]

    async def job(v: Visitor):
        await v.rerun(page="projects")
        edits = {"edited_rows": {}, "added_rows": rows, "deleted_rows": []}
        took = await v.rerun(page="projects", widgets=[json_widget(v.widgets["dataframe"], edits)])
        alerts = list(v.alerts)
        after = await v.rerun(page="projects")
        return took, alerts, after

    took, alerts, after = _visit(server, job)
    assert took < 5 and after < 5, (took, after)  # it ran past 120 s before
    assert len(alerts) == 1 and "At most 50 named projects" in alerts[0], alerts


def test_case3_a_400_digit_override_names_itself_and_keeps_the_page(server):
    query = "company=Acme&s=" + _s({"v": 1, "a": {"it_manager_salary": HUGE}})

    async def job(v: Visitor):
        await v.rerun(query=query)
        return v

    v = _visit(server, job)
    _no_exception(v)
    assert any("it\\_manager\\_salary" in a for a in v.alerts), v.alerts
    assert any(t.startswith("### For Acme") for t in v.texts), v.texts


def test_case5_clear_cache_from_a_browser_changes_nothing(server):
    async def job(v: Visitor):
        await v.rerun()
        from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: PLC0415

        w = WidgetState()
        w.id, w.string_value = v.widgets["Company name"], "Zed"
        await v.rerun(widgets=[w])
        for _ in range(5):
            await v.clear_cache()
        await v.rerun()
        return v

    v = _visit(server, job)
    assert any(t.startswith("### For Zed") for t in v.texts), v.texts  # the session was kept


def test_case7_2500_unknown_settings_draw_six_warnings(server):
    query = "s=" + _s({"v": 1, "a": {f"{i:x}": 1 for i in range(2500)}})

    async def job(v: Visitor):
        t0 = time.perf_counter()
        await v.rerun(query=query)
        return v, time.perf_counter() - t0

    v, took = _visit(server, job)
    _no_exception(v)
    assert len(v.alerts) == 6 and "2,495 more" in v.alerts[-1], v.alerts
    assert took < 10, took


def test_case8_a_direction_control_in_the_company_name_never_reaches_the_page(server):
    async def job(v: Visitor):
        await v.rerun(query="company=Acme%E2%80%AE")
        return v

    v = _visit(server, job)
    assert any(t.startswith("### For Acme with") for t in v.texts), v.texts
    assert not any("\u202e" in t for t in v.texts)


def test_case9_malformed_widget_messages_leave_the_session_working(server):
    async def job(v: Visitor):
        await v.rerun(page="projects")
        ids = dict(v.widgets)
        bad = [
            double_widget(ids["Exact number of employees"], [5]),  # a number input sent a list
            double_widget(ids["Years to compare"], [999]),  # past the slider's end
            json_widget(ids["dataframe"], {"edited_rows": {"999999": {"name": "x"}}}),
        ]
        await v.rerun(page="projects", widgets=bad)
        first = list(v.texts)
        edits = {"added_rows": [{"name": "A", "start_year": "Infinity"}]}
        await v.rerun(page="projects", widgets=[json_widget(v.widgets["dataframe"], edits)])
        await v.rerun(page="projects")
        return first, v

    first, v = _visit(server, job)
    assert not [t for t in first if t.startswith("EXCEPTION")], first
    assert any("does not exist" in t for t in first), first
    _no_exception(v)
    assert any("Row 1: Year must be a finite number" in a for a in v.alerts), v.alerts


def test_case10_metrics_say_nothing(server):
    try:
        with urllib.request.urlopen(server + "/_stcore/metrics", timeout=10) as r:
            status, body = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    assert status == 404 and b"session" not in body.lower() and b"cache" not in body.lower()
