"""AppTest: a new visitor's first run sends the page, then the sidebar a moment later (once)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import vcio_model as vm
from vcio_app.charts import cached as figures
from vcio_app.frame import chrome, sidebar

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_first_run_pauses_once_before_the_sidebar(monkeypatch):
    pauses = []
    monkeypatch.setattr(chrome, "_wait", pauses.append)  # record the pause, do not wait
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["employees"] = "45"
    at.run()
    assert not at.exception, at.exception
    assert len(pauses) == 1
    assert 0.0 <= pauses[0] <= chrome.FIRST_PAINT_S
    assert at.session_state[chrome.FRAME_SENT]
    # the sidebar is all there after the pause, its inputs at the link's values
    assert at.select_slider(key="in_employees").value == 45
    assert [s.label for s in at.sidebar.slider] == ["IT projects a year", "Years to compare"]
    at.slider(key="in_years").set_value(7).run()  # a key press: no pause
    at.switch_page("pages/costs.py").run()  # a page link: no pause
    assert not at.exception, at.exception
    assert len(pauses) == 1
    assert at.slider(key="in_years").value == 7


def test_margin_charts_computed_in_the_pause_are_the_ones_drawn():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["employees"] = "120"
    at.query_params["years"] = "7"
    at.run()
    assert not at.exception, at.exception
    sc = vm.Scenario(employees=120, years=7)
    drawn = "".join(h.proto.body for h in at.sidebar.get("html"))
    for field in sidebar.ALWAYS_SHOWN:
        chart = figures.sparkline(sc.model_dump_json(), field, *sidebar._spark_args(sc, field))
        assert chart in drawn, field
