"""AppTest: inputs a person can set exactly (the typed head count beside the log slider, sites and
annual revenue), each in step with the URL; and an old link's version line."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import vcio_model as vm
from vcio_app.scenario import links as share

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def _app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value.replace("\\", "") for m in at.markdown)


def _typed(at: AppTest):
    return at.number_input(key="in_employees_typed")


def test_typing_25_employees_moves_the_slider_and_the_url():
    at = _app()
    assert 25 not in share_steps()  # the slider alone cannot choose 25
    _typed(at).set_value(25).run()
    assert at.select_slider(key="in_employees").value == 25
    assert at.query_params["employees"] == "25"
    assert vm.compare(vm.Scenario(employees=25)).verdict in _markdown(at)
    at.select_slider(key="in_employees").set_value(100).run()  # and the slider moves the box
    assert _typed(at).value == 100 and at.query_params["employees"] == "100"


def share_steps() -> list[int]:
    from vcio_app.scenario.state import EMPLOYEE_STEPS  # noqa: PLC0415

    return EMPLOYEE_STEPS


def test_a_link_with_25_employees_fills_both():
    at = _app(employees="25")
    assert at.select_slider(key="in_employees").value == 25 and _typed(at).value == 25


def test_sites_and_revenue_from_the_url_reach_the_model_and_go_back_into_it():
    at = _app(employees="120", sites="4", revenue="30000000")
    sc = vm.Scenario(employees=120, sites=4, annual_revenue=30_000_000)
    assert vm.compare(sc).verdict in _markdown(at)
    assert vm.compare(sc).to_dict() != vm.compare(vm.Scenario(employees=120)).to_dict()
    assert at.query_params["sites"] == "4" and at.query_params["revenue"] == "30000000"


def test_sites_and_revenue_typed_in_the_sidebar():
    at = _app(employees="120")
    at.session_state["details_open"] = True  # the expander draws its inputs only while open
    at.run()
    at.number_input(key="shown_in_sites").set_value(3).run()
    at.number_input(key="shown_in_revenue").set_value(12_000_000.0).run()
    assert at.query_params["sites"] == "3" and at.query_params["revenue"] == "12000000"
    sc = vm.Scenario(employees=120, sites=3, annual_revenue=12_000_000)
    assert vm.compare(sc).verdict in _markdown(at)
    at.number_input(key="shown_in_sites").set_value(None).run()  # emptied: estimated again
    assert "sites" not in at.query_params


def test_a_bad_sites_parameter_names_the_field_and_range():
    at = _app(sites="0")
    warnings = " ".join(w.value for w in at.warning)
    assert "'sites'" in warnings and "1 to 500" in warnings


def test_a_hand_typed_link_says_nothing_of_versions():
    at = _app(employees="60", projects="2")  # typed by hand: readable inputs, no version
    assert at.select_slider(key="in_employees").value == 60
    assert not [c for c in at.caption if "model version" in c.value]


def test_an_old_link_opens_with_its_inputs_and_one_line_naming_both_versions():
    # made with model 0.2.0: its inputs, and one line naming both versions
    packed = share.encode_extra(vm.Scenario(employees=30, wage_growth=0.05))
    at = _app(employees="30", projects="2", s=packed, model="0.2.0")
    assert at.select_slider(key="in_employees").value == 30
    lines = [c.value for c in at.caption if "model version" in c.value]
    assert len(lines) == 1 and "0.2.0" in lines[0]
    assert vm.__version__ != "0.2.0" and vm.__version__ in lines[0]
    at = _app(employees="30", projects="2", s=packed)  # no version: read as current, no note
    assert not [c for c in at.caption if "model version" in c.value]
    at = _app(employees="30", model=vm.__version__)
    assert not [c for c in at.caption if "model version" in c.value]


def test_no_brand_configured_shows_the_products_own_name_and_no_fake_contact():
    at = _app()
    header = next(h.proto.body for h in at.get("html") if "vcio-brand" in h.proto.body)
    assert "IT leadership cost explorer" in header
    for placeholder in ("Your MSP", ".example", "555 0100", "<img"):
        assert placeholder not in header, placeholder


def test_choosing_a_preset_tells_its_story_and_loads_only_the_load_it_names():
    from vcio_model.presets import preset_stories  # noqa: PLC0415

    at = _app()
    at.selectbox(key="in_preset").set_value("accounting_firm").run()
    story = preset_stories()["accounting_firm"]
    assert story in [c.value for c in at.caption]
    assert at.slider(key="in_projects").value == 0  # the AWS move is the load, nothing hidden
    assert [p["name"] for p in at.session_state["projects"]] == ["Move accounting to AWS"]
    _title, sc = vm.load_presets()["accounting_firm"]
    assert vm.compare(sc).verdict in _markdown(at)
