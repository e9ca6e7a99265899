"""AppTest: a part of a page that fails is left out alone (vcio_app/guard.py, issue 13).

A brand whose name holds a lone surrogate (as if a parser bug let one through) cannot be sent to
the browser: the header fails. The page's verdict, its cards and charts still draw, the scenario
still reaches the address bar, and one message names the header. A chart that fails while it is
built is left out the same way, and the next chart still draws.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import vcio_model as vm
from vcio_app import brand as br

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def test_a_broken_header_leaves_the_page_and_the_address_bar_alone():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["employees"] = "120"
    at.run()
    at.session_state["brand"] = br.Brand(msp_name="Evil \udc80 MSP")  # what parse_brand refuses
    at.session_state["in_company"] = "Acme"
    at.run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "the header (brand name, logo and contact)" in errors[0], errors
    expected = vm.compare(vm.Scenario(employees=120, company="Acme"))
    markdown = "\n".join(m.value.replace("\\", "") for m in at.markdown)
    assert expected.verdict in markdown
    assert at.get("plotly_chart"), "the overview's chart is missing"
    assert at.query_params["employees"] == "120" and at.query_params["company"] == "Acme"


def test_a_failing_chart_is_left_out_and_named_and_the_next_one_draws():
    def script():
        import plotly.graph_objects as go
        import streamlit as st

        from vcio_app.frame import guard
        from vcio_app.frame import page as ui

        guard.start_run()

        def broken():
            raise ValueError("SECRET-7f3a in /srv/app/secret_path.py")

        ui.plot(broken, key="cost_by_year")
        ui.plot(go.Figure(go.Bar(x=[1], y=[2])), key="second")
        st.markdown("after the charts")
        guard.show_failures()

    at = AppTest.from_function(script, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 1
    assert [m.value for m in at.markdown] == ["after the charts"]
    (error,) = [e.value for e in at.error]
    assert "the chart “cost by year”" in error and "scenario are kept" in error
    assert "SECRET" not in error and "ValueError" not in error  # no detail of the failure
