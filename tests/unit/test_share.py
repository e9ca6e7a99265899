"""Shareable links, scenario files, saved scenarios, the brand and the rate card."""

from __future__ import annotations

import base64
import io
import json
import zlib
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vcio_model as vm
from vcio_app import brand as br
from vcio_app.scenario import files as scenario_files
from vcio_app.scenario import links as share
from vcio_app.scenario import saved as sv
from vcio_model import Project, Scenario, ScenarioError
from vcio_model.format import clean_text


def _params(url: str) -> dict[str, str]:
    """What ``st.query_params.to_dict()`` gives for a link (the last value of each key)."""
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


def _reopen(sc: Scenario, default_overrides=None) -> tuple[Scenario, list[str]]:
    url = share.scenario_url("https://example.org/app/share", sc, default_overrides)
    return share.initial_scenario(_params(url), default_overrides)


RICH = Scenario(
    company="Müller & Söhne <GmbH>",
    employees=137,
    devices_per_employee=1.7,
    sites=3,
    downtime_cost_per_hour=1_234_567.5,  # its readable form is rounded: the exact value rides in s
    annual_revenue=25_000_000,
    projects_per_year=2.5,
    project_size="large",
    projects=[
        Project(name="Move accounting to AWS", size="large", budget=180_000, start_year=2),
        Project(name='=HYPERLINK("x")', size="small", start_year=7),
    ],
    years=7,
    discount_rate=0.075,
    wage_growth=0.04,
    msp_price_escalation=0.05,
    assumptions={"vcio_hourly_rate": 225.0, "msp_price_scale": 1.1},
)


# ---------------------------------------------------------------------------------- links
def test_default_scenario_link_is_readable_and_has_no_s():
    url = share.scenario_url("http://localhost:8501/?old=1#x", Scenario())
    version = f"model={vm.__version__}"
    assert url == f"http://localhost:8501/?employees=45&projects=3&{version}"
    assert share.scenario_url("", Scenario()) == f"/?employees=45&projects=3&{version}"
    assert _reopen(Scenario()) == (Scenario(), [])


def test_rich_scenario_round_trips_exactly():
    url = share.scenario_url("https://example.org/", RICH)
    params = _params(url)
    assert params["employees"] == "137" and params["size"] == "large" and params["rate"] == "7.5"
    assert params["company"] == RICH.company  # readable
    assert params["sites"] == "3" and params["revenue"] == "25000000"  # readable too
    assert "s" in params and len(url) < 600
    sc, problems = _reopen(RICH)
    assert problems == []
    assert sc == RICH
    assert vm.compare(sc).to_dict() == vm.compare(RICH).to_dict()  # the exact figures


def test_main_inputs_only_need_no_s():
    sc = Scenario(employees=400, projects_per_year=6, project_size="small", years=3,
                  discount_rate=0.05, company="Acme", downtime_cost_per_hour=5000)  # fmt: skip
    assert "s" not in share.url_params(sc)
    assert _reopen(sc) == (sc, [])


_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=80)
_projects = st.lists(
    st.builds(Project, name=_names.filter(clean_text),  # not blank once invisible marks go
              size=st.sampled_from(vm.PROJECT_SIZES),
              budget=st.none() | st.floats(0, 50_000_000),
              start_year=st.integers(1, 3)),
    max_size=4,
)  # fmt: skip


@given(
    employees=st.integers(1, 5000),
    projects_per_year=st.floats(0, 50),
    discount_rate=st.floats(0, 0.3),
    downtime=st.none() | st.floats(0, 10_000_000),
    company=st.text(max_size=80),
    projects=_projects,
    years=st.integers(3, 10),
    override=st.none() | st.floats(0, 1000),
)
def test_any_scenario_round_trips(employees, projects_per_year, discount_rate, downtime, company,
                                  projects, years, override):  # fmt: skip
    sc = Scenario(employees=employees, projects_per_year=projects_per_year,
                  discount_rate=discount_rate, downtime_cost_per_hour=downtime, company=company,
                  projects=projects, years=years,
                  assumptions={} if override is None else {"vcio_hourly_rate": override})  # fmt: skip
    assert _reopen(sc) == (sc, [])


def test_a_hand_edited_readable_parameter_wins_over_the_exact_value_in_s():
    params = _params(share.scenario_url("", RICH))
    params["downtime"] = "900"
    sc, problems = share.initial_scenario(params)
    assert problems == [] and sc.downtime_cost_per_hour == 900
    assert sc.projects == RICH.projects  # the rest of s still applies


def test_rate_card_overrides_travel_only_when_they_differ():
    card = {"vcio_hourly_rate": 180.0}
    sc = Scenario(assumptions=card)
    assert "s" not in share.url_params(sc, default_overrides=card)  # the server applies it anyway
    assert _reopen(sc, card) == (sc, [])
    plain = Scenario()  # the user removed the rate card's override: the link says so
    assert "s" in share.url_params(plain, default_overrides=card)
    assert _reopen(plain, card) == (plain, [])


def test_json_file_round_trip_is_the_cli_schema():
    text = RICH.to_json()
    assert Scenario.from_json(text) == RICH
    assert Scenario.from_json(text).to_json() == text
    assert scenario_files.read_uploaded_scenario(text.encode()) == RICH
    assert scenario_files.scenario_file_name(RICH) == "m-ller-s-hne-gmbh-scenario.json"


def test_scenario_file_carries_the_model_version_and_older_files_still_open():
    text = scenario_files.scenario_file_text(RICH)
    assert json.loads(text)["model_version"] == vm.__version__
    assert scenario_files.read_uploaded_versioned(text.encode()) == (RICH, vm.__version__)
    # A file without a version (the plain schema, or written by another tool) is read as current.
    assert scenario_files.read_uploaded_versioned(RICH.to_json().encode()) == (RICH, vm.__version__)
    old = json.dumps({"model_version": "0.0.9", **json.loads(RICH.to_json())}).encode()
    sc, version = scenario_files.read_uploaded_versioned(old)
    assert sc == RICH and version == "0.0.9"
    note = share.version_note(version)
    assert "0.0.9" in note and vm.__version__ in note and "\n" not in note
    assert share.version_note(vm.__version__) == ""


def test_links_carry_the_model_version_and_an_old_link_keeps_its_inputs():
    params = _params(share.scenario_url("", RICH))
    assert share.link_version(params) == vm.__version__
    del params["model"]  # a link without a version (typed by hand) is read as current: no note
    assert share.link_version(params) == vm.__version__
    assert share.initial_scenario(params) == (RICH, [])
    params["model"] = "0.2.0"  # made with model 2: its inputs, and the one-line note
    assert share.link_version(params) == "0.2.0" and "0.2.0" in share.version_note("0.2.0")
    assert share.link_version({"model": "<script>"}) == vm.__version__  # not a version: ignored


def test_an_old_link_with_sites_and_revenue_inside_s_still_opens():
    payload = {"v": 1, "n": 4, "r": 2_000_000}
    raw = zlib.compress(json.dumps(payload).encode())
    s_param = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    sc, problems = share.initial_scenario({"employees": "30", "s": s_param})
    assert problems == [] and (sc.sites, sc.annual_revenue, sc.employees) == (4, 2_000_000, 30)


def test_present_parameter_opens_presentation_mode():
    assert share.present_flag(_params(share.scenario_url("", RICH, present=True)))
    assert not share.present_flag(_params(share.scenario_url("", RICH)))
    assert not share.present_flag({"present": "0"})


def test_synced_params_is_one_whole_query_keeping_foreign_keys():
    current = {"utm_source": "mail", "employees": "45", "projects": "3", "s": "stale"}
    new = share.synced_params(current, RICH)
    assert new["utm_source"] == "mail" and new == {"utm_source": "mail", **share.url_params(RICH)}
    assert share.synced_params(new, RICH) is None  # nothing to send when the bar says it already
    presented = share.synced_params(new, RICH, present=True)
    assert presented["present"] == "1"
    assert "present" not in share.synced_params(presented, RICH)


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b'{"employees": 0}', "employees: must be at least 1"),
        (b'{"projects": [{"name": "x", "size": "huge"}]}', "projects.0.size"),
        (b"not json", "not valid JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (b" " * (scenario_files.MAX_UPLOAD_BYTES + 1), "larger than"),
        (None, "nothing was uploaded"),
    ],
)
def test_bad_uploaded_scenario_names_the_field(data, fragment):
    with pytest.raises(ScenarioError) as err:
        scenario_files.read_uploaded_scenario(data, "upload.json")
    assert fragment in str(err.value) and "\n" not in str(err.value)


# ---------------------------------------------------------------------------------- damaged s
def _pack(obj, raw: bytes | None = None) -> str:
    raw = raw if raw is not None else json.dumps(obj).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw)).decode().rstrip("=")


@pytest.mark.parametrize(
    "text",
    [
        "garbage!!",
        "AAAA",
        share.encode_extra(RICH)[:-12],  # cut short by a mail client
        base64.urlsafe_b64encode(b"not zlib").decode(),
        _pack(None, b"{not json"),
        _pack([1, 2, 3]),
        _pack({"v": 99, "p": []}),
        _pack({"v": 1, "zz": 1}),
        _pack({"v": 1, "p": [["a", "medium"]]}),
        _pack({"v": 1, "x": {"no_such_field": 1}}),
        "",
    ],
)
def test_damaged_s_raises_one_clear_line(text):
    with pytest.raises(ScenarioError) as err:
        share.decode_extra(text)
    assert str(err.value) == share.DAMAGED


@pytest.mark.parametrize(
    "payload, fragment",
    [
        ({"v": 1, "p": [["x", "huge", None, 1]]}, "projects.0.size"),
        ({"v": 1, "a": {"no_such_key": 1}}, "unknown assumption"),
        ({"v": 1, "n": 0}, "sites: must be at least 1"),
    ],
)
def test_invalid_values_in_s_name_the_field(payload, fragment):
    with pytest.raises(ScenarioError) as err:
        share.decode_extra(_pack(payload))
    msg = str(err.value)
    assert msg.startswith("URL parameter 's' (saved details): ") and fragment in msg
    assert msg.endswith("the main inputs were kept")


def test_oversized_s_is_refused_before_it_is_expanded():
    bomb = _pack(None, b'{"v":1,"a":{"' + b"x" * 5_000_000 + b'":1}}')
    assert len(bomb) < share.MAX_ENCODED_CHARS  # tiny on the wire, huge once inflated
    with pytest.raises(ScenarioError, match=f"larger than {share.MAX_DECODED_BYTES // 1000} kB"):
        share.decode_extra(bomb)
    with pytest.raises(ScenarioError, match="too long"):
        share.decode_extra("A" * (share.MAX_ENCODED_CHARS + 1))


def test_largest_valid_scenario_fits_in_s():
    items = vm.load_assumptions().items
    big = Scenario(
        years=10,
        projects=[Project(name="漢" * 80, budget=12_345_678.9, start_year=10)] * vm.scenario.MAX_PROJECTS,
        assumptions={k: it.high for k, it in items.items()},
    )  # fmt: skip
    assert share.decode_extra(share.encode_extra(big))["projects"][0]["name"] == "漢" * 80
    assert _reopen(big) == (big, [])


def test_damaged_s_keeps_the_main_inputs_and_says_so():
    sc, problems = share.initial_scenario({"employees": "300", "company": "Acme", "s": "%%%"})
    assert (sc.employees, sc.company, sc.projects) == (300, "Acme", [])
    assert problems == [share.DAMAGED]


def test_s_that_does_not_fit_the_horizon_is_reported():
    params = _params(share.scenario_url("", RICH))  # a project in year 7
    params["years"] = "3"
    sc, problems = share.initial_scenario(params)
    assert sc.years == 3 and sc.projects == []
    assert len(problems) == 1 and "projects.1.start_year" in problems[0]


def test_bad_readable_parameter_is_reported_and_s_still_applies():
    params = _params(share.scenario_url("", RICH))
    params["employees"] = "-5"
    sc, problems = share.initial_scenario(params)
    assert "'employees'" in problems[0] and sc.projects == RICH.projects


# ---------------------------------------------------------------------------------- helpers
def test_app_base_url():
    assert share.app_base_url("https://x.streamlit.app/share") == "https://x.streamlit.app/"
    assert share.app_base_url("http://h:8501/base/share/") == "http://h:8501/base/"
    assert share.app_base_url("http://h:8501/") == "http://h:8501/"
    assert share.app_base_url(None) == ""


def test_saved_scenarios_compare_side_by_side():
    saved: dict[str, str] = {}
    a, b = Scenario(employees=20), Scenario(employees=800, projects_per_year=8)
    assert sv.save_named(saved, "  Small   firm ", a) == "Small firm"
    sv.save_named(saved, "Large", b)
    assert list(saved) == ["Small firm", "Large"]
    with pytest.raises(ScenarioError, match="give the scenario a name"):
        sv.save_named(saved, "  ", a)
    with pytest.raises(ScenarioError, match="at most 2"):
        sv.save_named(saved, "third", a, limit=2)
    sv.save_named(saved, "Large", a, limit=2)  # replacing one is fine


def test_use_rate_card_merges_into_the_overrides():
    session = {"overrides": {"vcio_hourly_rate": 250.0, "cio_search_fee": 0.25}}
    card = br.parse_rate_card("key,value\nvcio_hourly_rate,200\nbreakfix_hourly_rate,135\n")
    assert sv.use_rate_card(session, card) == {"cio_search_fee": 0.25,
                                                  "breakfix_hourly_rate": 135.0}  # fmt: skip
    assert session["rate_card"] is card


# ---------------------------------------------------------------------------------- rate card
def test_the_shipped_rate_card_is_vendor_neutral():
    # The product is neutral: the shipped card adds no prices of its own (an MSP fills in its
    # own, and the reports name them as its own); the published defaults stand.
    card = br.load_rate_card()
    assert dict(card) == {} and card.problems == []
    assert br.rate_card_overrides(card) == {}


def test_every_bad_rate_card_row_is_reported():
    text = (
        "key,value,note,internal_note\n"
        "cio_search_fee,0.3,ok,\n"
        "msp_price_scale,1.1,,\n"
        "vcio_hourly_rate,abc,,\n"
        "vcio_hourly_rat,200,,\n"
        "\n"
        "breakfix_hourly_rate,-5,,\n"
        "msp_minimum_monthly,999999999,,\n"
        ",12,,\n"
        "msp_price_scale,1.2,,\n"
        '"contract_pm_rate",1,2,3,4\n'
    )
    with pytest.raises(br.BrandError) as err:
        br.load_rate_card(text.encode(), origin="rate_card.csv")
    assert err.value.problems == [
        "rate_card.csv row 4 (vcio_hourly_rate): value must be a number, got 'abc'",
        "rate_card.csv row 5 (vcio_hourly_rat): key is not an assumption; did you mean "
        "vcio_hourly_rate?",
        "rate_card.csv row 7 (breakfix_hourly_rate): value must be from 0 to 3,000 (10 x the "
        "plausible high of 300 USD/hour), got -5",
        "rate_card.csv row 8 (msp_minimum_monthly): value must be from 0 to 25,000 (10 x the "
        "plausible high of 2,500 USD/month), got 999999999",
        "rate_card.csv row 9 (no key): key is empty",
        "rate_card.csv row 10 (msp_price_scale): key appears again (first on row 3)",
        "rate_card.csv row 11 (contract_pm_rate): more cells than columns; put commas inside quotes",
    ]


def test_rate_card_accepts_excel_style_csv():
    data = '\ufeffkey,value,note\r\nvcio_hourly_rate,"$1,200",Our rate\r\n# comment,1\r\n'
    card = br.load_rate_card(data.encode("utf-8"))
    assert (
        dict(card) == {"vcio_hourly_rate": 1200.0} and card.notes["vcio_hourly_rate"] == "Our rate"
    )


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"k,v\n", "missing column(s) key, value"),
        (b"key,value,price\nvcio_hourly_rate,1,2\n", "unknown column(s) 'price'"),
        (b"key,value\nvcio_hourly_rate,\xff\n", "not UTF-8"),
        (b"key,value\n" + b"#" * 100_001, "larger than 100 kB"),
        (b"key,value\nvcio_hourly_rate,nan\n", "must be a number, got 'nan'"),
        (b"key,value\nvcio_hourly_rate,inf\n", "must be a number, got 'inf'"),
    ],
)
def test_bad_rate_card_files(data, fragment):
    with pytest.raises(br.BrandError) as err:
        br.load_rate_card(data, origin="upload.csv")
    assert fragment in str(err.value)


EXAMPLE_CARD = (  # an MSP's own card (the shipped one is empty: the product is vendor-neutral)
    "key,value,note,internal_note\n"
    "vcio_hourly_rate,200,Our vCIO rate per hour,Floor $180/h for 2-year contracts\n"
    "breakfix_hourly_rate,150,Our break-fix rate per hour,Block of 20 hours sells at $135/h\n"
)


def test_rate_card_rows_hide_internal_notes_when_presenting():
    card = br.parse_rate_card(EXAMPLE_CARD)
    assert "Internal note" in br.rate_card_rows(card)[0]
    assert all("Internal note" not in r for r in br.rate_card_rows(card, presenting=True))


def test_rate_card_named_as_the_source_of_its_prices():
    card = br.parse_rate_card("key,value,note,internal_note\nvcio_hourly_rate,180,Our 2026 rate,"
                              "SECRET floor\n", "rate_card.csv")  # fmt: skip
    rows = vm.load_assumptions().with_overrides(dict(card)).to_rows()
    out = {r["key"]: r for r in br.sources_with_rate_card(rows, card)}
    assert out["vcio_hourly_rate"]["source"] == "rate_card.csv: Our 2026 rate"
    assert "SECRET" not in json.dumps(list(out.values()))


# ---------------------------------------------------------------------------------- brand
def test_default_brand_loads_with_its_logo():
    b = br.load_brand()
    assert b.msp_name == br.Brand().msp_name and b.accent_color == "#1f5fa8"  # no name: neutral
    assert b.contact == ""  # no fake contact line
    assert b.logo.startswith("data:image/svg+xml;base64,") and b.logo_bytes().startswith(b"<svg")
    assert "internal_notes" not in b.public()


def test_uploaded_brand_with_a_data_uri_logo():
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (60, 20), (170, 51, 0)).save(buf, "PNG")  # a real PNG: logos are decoded
    png = base64.b64encode(buf.getvalue()).decode()
    b = br.parse_brand(json.dumps({"msp_name": " Acme   IT ", "accent_color": "#AA3300",
                                   "logo": f"data:image/png;base64,{png}",
                                   "contact": "sales@acme.example", "_comment": "ignored"}))  # fmt: skip
    assert (b.msp_name, b.accent_color, b.contact) == ("Acme IT", "#aa3300", "sales@acme.example")
    assert b.logo_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "obj, fragment",
    [
        ({"accent_color": "red"}, "'accent_color' must be a colour like \"#1f5fa8\""),
        ({"accent_color": "#123456;}body{x"}, "'accent_color' must be a colour"),
        ({"msp_name": ""}, "'msp_name' must not be empty"),
        ({"msp_name": 5}, "'msp_name' must be text, got int"),
        ({"msp_name": "x" * 81}, "'msp_name' is too long (80 characters at most)"),
        ({"colour": "#000000"}, "'colour' is not a known field"),
        ({"logo": "brand_logo.svg"}, "'logo' must be a data URI"),  # no server files from uploads
        ({"logo": "data:text/html;base64,PGI+"}, "'logo' must be a base64 data URI of a PNG"),
        ({"logo": "data:image/png;base64," + "A" * 400_000}, "larger than"),
    ],
)
def test_bad_brand_names_the_field(obj, fragment):
    with pytest.raises(br.BrandError) as err:
        br.parse_brand(json.dumps(obj), "brand.json")
    assert fragment in str(err.value) and str(err.value).startswith("brand.json: ")


def test_brand_file_logo_must_stay_inside_its_folder(tmp_path):
    (tmp_path / "brand.json").write_text(json.dumps({"logo": "../secret.png"}))
    (tmp_path.parent / "secret.png").write_bytes(b"x")
    with pytest.raises(br.BrandError, match="inside"):
        br.load_brand(tmp_path / "brand.json")
    (tmp_path / "brand.json").write_text(json.dumps({"logo": "/etc/passwd"}))
    with pytest.raises(br.BrandError, match="inside"):
        br.load_brand(tmp_path / "brand.json")


def test_bad_brand_json():
    for data in (b"{", b"[]", b"x" * (br.MAX_BRAND_BYTES + 1)):
        with pytest.raises(br.BrandError):
            br.parse_brand(data)


def test_presentation_css_hides_the_controls_and_escapes_the_accent():
    css = br.presentation_css("#AA3300")
    assert '[data-testid="stSidebar"]' in css and "st-key-edit_" in css and "#aa3300" in css
    assert "}</style>" not in br.presentation_css("</style><script>")  # falls back to the default
    html = br.header_html(br.Brand(msp_name="<b>A</b>", contact="a&b"))
    assert "&lt;b&gt;A&lt;/b&gt;" in html and "a&amp;b" in html


def test_the_command_line_opens_an_app_scenario_file_and_names_both_versions(tmp_path, capsys):
    from vcio_model import cli  # noqa: PLC0415

    path = tmp_path / "old.json"
    old = {**json.loads(scenario_files.scenario_file_text(RICH)), "model_version": "0.0.9"}
    path.write_text(json.dumps(old), encoding="utf-8")
    assert cli.main(["compare", "--scenario", str(path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["verdict"] == vm.compare(RICH).verdict
    assert "0.0.9" in err and vm.__version__ in err
    text = scenario_files.scenario_file_text(RICH)  # this version: no note
    path.write_text(text, encoding="utf-8")
    assert cli.main(["compare", "--scenario", str(path), "--format", "json"]) == 0
    assert capsys.readouterr().err == ""
