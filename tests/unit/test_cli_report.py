"""``python -m vcio_app report``: HTML, Excel and PDF files from a scenario file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

import vcio_model as vm
from vcio_app.reports import brief

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = {
    "model_version": vm.__version__,  # as the app writes it (an older one adds a note on stderr)
    "company": "=Acme <Accounting>",
    "employees": 80,
    "projects_per_year": 2,
    "projects": [{"name": "Move accounting to AWS", "size": "large", "start_year": 2}],
    "assumptions": {"vcio_hourly_rate": 190},
}


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vcio_app", "report", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture
def scenario_file(tmp_path) -> Path:
    f = tmp_path / "scenario.json"
    f.write_text(json.dumps(SCENARIO))
    return f


def _ok(proc: subprocess.CompletedProcess, out: Path) -> None:
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"wrote {out}") and out.exists()


def test_html(scenario_file, tmp_path):
    out = tmp_path / "report.html"
    proc = _cli("--scenario", str(scenario_file), "--format", "html", "-o", str(out))
    _ok(proc, out)
    page = out.read_text(encoding="utf-8")
    assert "=Acme &lt;Accounting&gt;" in page and "<Accounting>" not in page
    c = vm.compare(
        vm.Scenario.parse_input({k: v for k, v in SCENARIO.items() if k != "model_version"})
    )
    assert brief.money3(c.option(c.recommended).npv) in page
    assert "Appendix" not in page  # the executive summary by default


def test_appendix_on_request(scenario_file, tmp_path):
    out = tmp_path / "report.html"
    _ok(_cli("--scenario", str(scenario_file), "--format", "html", "--appendix", "-o", str(out)),
        out)  # fmt: skip
    page = out.read_text(encoding="utf-8")
    assert "Appendix: every assumption and its source" in page


def test_xlsx_equals_the_model(scenario_file, tmp_path):
    out = tmp_path / "report.xlsx"
    _ok(_cli("--scenario", str(scenario_file), "--format", "xlsx", "-o", str(out)), out)
    wb = load_workbook(out)
    c = vm.compare(
        vm.Scenario.parse_input({k: v for k, v in SCENARIO.items() if k != "model_version"})
    )
    header = [cell.value for cell in wb["Results"][1]]
    npv = {r[0]: r[header.index("NPV")] for r in wb["Results"].iter_rows(
        min_row=2, max_row=1 + len(c.options), values_only=True)}  # fmt: skip
    assert npv == pytest.approx({o.name: o.npv for o in c.options}, rel=1e-13)
    assert wb["Summary"]["B2"].value == "'=Acme <Accounting>"


def test_command_line_options_override_the_file(scenario_file, tmp_path):
    out = tmp_path / "r.xlsx"
    _ok(_cli("--scenario", str(scenario_file), "--employees", "300", "--format", "xlsx",
             "-o", str(out)), out)  # fmt: skip
    inputs = {r[0]: r[1] for r in load_workbook(out)["Inputs"].iter_rows(values_only=True)}
    assert inputs["Employees"] == 300


def test_pdf(scenario_file, tmp_path):
    from vcio_app import reports

    if not reports.pdf_available()[0]:
        pytest.skip(reports.pdf_available()[1])
    out = tmp_path / "report.pdf"
    _ok(_cli("--scenario", str(scenario_file), "--format", "pdf", "-o", str(out)), out)
    assert out.read_bytes().startswith(b"%PDF")


def test_pdf_needs_no_browser_and_has_at_most_4_pages(scenario_file, tmp_path):
    from vcio_app import reports

    if not reports.pdf_available()[0]:
        pytest.skip(reports.pdf_available()[1])
    out = tmp_path / "report.pdf"
    proc = _cli("--scenario", str(scenario_file), "--format", "pdf", "-o", str(out),
                env={"VCIO_CHROMIUM": "none"})  # fmt: skip
    _ok(proc, out)
    assert 1 <= reports.pdf.page_count(out.read_bytes()) <= 4
    full = tmp_path / "full.pdf"
    _ok(_cli("--scenario", str(scenario_file), "--format", "pdf", "--appendix", "-o", str(full)),
        full)  # fmt: skip
    assert reports.pdf.page_count(full.read_bytes()) > 4


def test_brand_and_rate_card(scenario_file, tmp_path):
    brand = tmp_path / "brand.json"
    brand.write_text(json.dumps({"msp_name": "Northwind IT", "accent_color": "#225522"}))
    card = tmp_path / "card.csv"
    card.write_text("key,value,note,internal_note\nbreakfix_hourly_rate,175,Our rate,SECRET\n")
    out = tmp_path / "r.html"
    _ok(_cli("--scenario", str(scenario_file), "--brand", str(brand), "--rate-card", str(card),
             "--format", "html", "-o", str(out)), out)  # fmt: skip
    page = out.read_text(encoding="utf-8")
    assert "Northwind IT" in page and "SECRET" not in page
    assert "Northwind IT&#x27;s prices" not in page  # the summary cites no sources
    _ok(_cli("--scenario", str(scenario_file), "--brand", str(brand), "--rate-card", str(card),
             "--format", "html", "--appendix", "-o", str(out)), out)  # fmt: skip
    page = out.read_text(encoding="utf-8")
    assert "Northwind IT&#x27;s own prices (Our rate)" in page and "card.csv" not in page
    # under the neutral brand a rate card is not cited as anyone's own prices
    _ok(_cli("--scenario", str(scenario_file), "--rate-card", str(card), "--format", "html",
             "--appendix", "-o", str(out)), out)  # fmt: skip
    page = out.read_text(encoding="utf-8")
    assert "own prices" not in page and "Our rate" not in page and "card.csv" not in page


@pytest.mark.parametrize(
    "content, args, fragment",
    [
        ('{"employees": 0}', [], "employees: must be at least 1"),
        ("{not json", [], "not valid JSON"),
        ('{"projects": [{"name": "x", "size": "huge"}]}', [], "projects.0.size"),
        ("{}", ["--format", "docx"], "--format: invalid choice"),
        ("{}", ["--out", "/nonexistent-dir/r.html"], "--out: cannot write"),
        ("{}", ["--brand", "/nonexistent/brand.json"], "cannot read the brand file"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, content, args, fragment):
    f = tmp_path / "bad.json"
    if content.startswith("{") and content.endswith("}"):  # written by this version of the app
        content = (
            f'{{"model_version": "{vm.__version__}"{", " if content != "{}" else ""}' + content[1:]
        )
    f.write_text(content)
    base = ["--scenario", str(f)]
    if "--out" not in args:
        base += ["-o", str(tmp_path / "r.html")]
    proc = _cli(*base, *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("error: ") and fragment in proc.stderr


def test_missing_out_and_missing_file(tmp_path):
    proc = _cli("--scenario", str(tmp_path / "nope.json"), "-o", str(tmp_path / "r.html"))
    assert proc.returncode == 2 and "cannot read the scenario file" in proc.stderr
    proc = _cli("--format", "html")
    assert proc.returncode == 2 and "--out" in proc.stderr and "Traceback" not in proc.stderr
