"""Reports: self-contained HTML, the Excel workbook and the PDF."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from plotly.offline import get_plotlyjs

import vcio_model as vm
from vcio_app import brand as br
from vcio_app import reports

EVIL = "<script>alert(1)</script>"
DAY = date(2026, 3, 9)
SCENARIO = vm.Scenario(
    company=EVIL,
    employees=60,
    projects=[
        vm.Project(name='=HYPERLINK("http://evil.example","x")', budget=90_000, start_year=2),
        vm.Project(name="<img src=x onerror=alert(2)>", size="large"),
    ],
    discount_rate=0.07,
    assumptions={"vcio_hourly_rate": 185.0},
)
BRAND = br.Brand(msp_name="@Acme <IT>", contact="-1+1 & sales@acme.example",
                 accent_color="#aa3300", internal_notes="SECRET margin 40%")  # fmt: skip
CARD = br.parse_rate_card(
    "key,value,note,internal_note\nvcio_hourly_rate,185,=Our 2026 rate,SECRET floor 160\n",
    "rate_card.csv",
)


@pytest.fixture(scope="module")
def comparison():
    return vm.compare(SCENARIO)


@pytest.fixture(scope="module")
def rows():
    rows = vm.load_assumptions().with_overrides(SCENARIO.assumptions).to_rows()
    return br.sources_with_rate_card(rows, CARD)


@pytest.fixture(scope="module")
def page(comparison, rows):
    return reports.html_report(comparison, BRAND, rows, created=DAY)


@pytest.fixture(scope="module")
def workbook(comparison, rows):
    return load_workbook(io.BytesIO(reports.excel_report(comparison, BRAND, rows, created=DAY)))


# ---------------------------------------------------------------------------------- HTML
def test_html_escapes_every_piece_of_user_text(page):
    assert EVIL not in page and "<img src=x" not in page and "<IT>" not in page
    assert html.escape(EVIL) in page
    assert html.escape("<img src=x onerror=alert(2)>") in page
    assert "@Acme &lt;IT&gt;" in page and "-1+1 &amp; sales@acme.example" in page


def test_html_embeds_plotly_once_and_loads_nothing_from_outside(page):
    js = get_plotlyjs()
    assert page.count(js[:200]) == 1 and page.count(js[-200:]) == 1
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=", page, re.I)
    assert page.count("cdn.plot.ly") == js.count("cdn.plot.ly")  # only the library's own text
    assert page.count("Plotly.newPlot(") == 4  # interactive charts


def test_html_has_company_date_version_verdict_options_and_sources(page, comparison):
    assert f"IT leadership options for {html.escape(EVIL)}" in page
    assert "9 March 2026" in page and f"model version {vm.__version__}" in page
    assert html.escape(comparison.verdict) in page
    for o in comparison.options:
        assert html.escape(o.name) in page
        assert vm.money(o.npv, exact=True) in page
    items = vm.load_assumptions().items
    assert html.escape(items["breakfix_hourly_rate"].source) in page  # a published source
    assert "rate_card.csv: =Our 2026 rate" in page  # the rate card is the source of its price
    assert "changed (default $200/hour)" in page


def test_internal_notes_never_reach_a_report(page, workbook):
    assert "SECRET" not in page
    for ws in workbook:
        for row in ws.iter_rows(values_only=True):
            assert not any("SECRET" in str(v) for v in row if v is not None)


def test_html_without_company_or_brand(comparison):
    plain = reports.html_report(vm.compare(vm.Scenario()), created=DAY)
    assert "IT leadership options for a 45-person firm" in plain and "Your MSP" in plain


def test_print_version_has_fixed_static_charts(comparison):
    page = reports.html_report(comparison, BRAND, created=DAY, for_print=True)
    assert '"staticPlot": true' in page and '"width":700' in page.replace(" ", "")


# ---------------------------------------------------------------------------------- Excel
def test_excel_has_the_sheets(workbook):
    assert workbook.sheetnames == ["Summary", "Inputs", "Results", "Breakdown", "Assumptions"]


def test_excel_results_equal_the_model(workbook, comparison):
    ws = workbook["Results"]
    header = [c.value for c in ws[1]]
    years = comparison.years
    assert header[: 2 + years] == ["Option", "Upfront", *[f"Year {i + 1}" for i in range(years)]]
    by_id = {r[-1]: r for r in ws.iter_rows(min_row=2, max_row=1 + len(comparison.options),
                                            values_only=True)}  # fmt: skip
    for o in comparison.options:
        row = by_id[o.id]
        assert row[0] == o.name
        # Excel keeps 15 significant digits: equal to the model's numbers to a millionth of a cent
        assert list(row[1 : 2 + years]) == pytest.approx([o.upfront, *o.yearly_cost], rel=1e-13)
        assert row[header.index("NPV")] == pytest.approx(o.npv, rel=1e-13)
        assert row[header.index("Total")] == pytest.approx(o.total, rel=1e-13)
    summary = {r[0]: r[1] for r in workbook["Summary"].iter_rows(min_row=10, values_only=True)
               if r[0]}  # fmt: skip
    assert all(summary[o.name] == pytest.approx(o.npv, rel=1e-13) for o in comparison.options)


def test_excel_breakdown_adds_up(workbook, comparison):
    ws = workbook["Breakdown"]
    totals: dict[str, float] = {}
    for r in ws.iter_rows(min_row=2, values_only=True):
        totals[r[0]] = totals.get(r[0], 0.0) + r[-1]
    for o in comparison.options:
        assert totals[o.name] == pytest.approx(o.total, rel=1e-12)


def test_excel_user_text_never_becomes_a_formula(workbook):
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    inputs = {r[0]: r[1] for r in workbook["Inputs"].iter_rows(values_only=True) if r[0]}
    summary = workbook["Summary"]
    evil_cells = [
        workbook["Inputs"].cell(row=row, column=1)
        for row in range(1, workbook["Inputs"].max_row + 1)
        if str(workbook["Inputs"].cell(row=row, column=1).value).startswith("'=HYPERLINK")
    ]
    assert len(evil_cells) == 1 and evil_cells[0].data_type == "s"
    assert inputs["Company"] == EVIL  # harmless text stays as typed
    assert summary["B3"].value.startswith("'@Acme <IT>") and summary["B3"].data_type == "s"
    sources = [r[9] for r in workbook["Assumptions"].iter_rows(min_row=2, values_only=True)]
    assert "rate_card.csv: =Our 2026 rate" in sources


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx"])
def test_safe_text_neutralises_formula_starts(text):
    assert reports.safe_text(text) == "'" + text
    assert reports.safe_text("plain = text") == "plain = text"
    assert reports.safe_text("a\x00b\x1fc") == "abc"  # characters Excel refuses


def test_excel_number_formats(workbook):
    results = workbook["Results"]
    assert all(c.number_format == "$#,##0" for c in results[2][1:-1])
    inputs = {r[0].value: r[1] for r in workbook["Inputs"].iter_rows() if r[0].value}
    assert inputs["Discount rate"].value == 0.07 and inputs["Discount rate"].number_format == "0.0%"
    assert inputs["Employees"].number_format == "#,##0"
    assert workbook["Summary"]["B4"].number_format == "d mmmm yyyy"
    by_key = {r[0].value: r for r in workbook["Assumptions"].iter_rows(min_row=2)}
    assert by_key["vcio_hourly_rate"][3].value == 185.0
    assert by_key["vcio_hourly_rate"][3].number_format == "$#,##0"
    assert by_key["vcio_hourly_rate"][8].value == "changed"
    assert by_key["downtime_productivity_loss"][3].number_format == "0.0%"
    assert by_key["staff_loaded_hourly_cost"][3].number_format == "$#,##0.00"


def test_excel_has_company_date_version_and_sources(workbook):
    ws = workbook["Summary"]
    assert ws["A1"].value == f"IT leadership options for {EVIL}"
    assert ws["B4"].value.date() == DAY and ws["B5"].value == vm.__version__
    items = vm.load_assumptions().items
    src = {r[0]: r[9] for r in workbook["Assumptions"].iter_rows(min_row=2, values_only=True)}
    assert src["breakfix_hourly_rate"] == items["breakfix_hourly_rate"].source
    assert len(src) == len(items)


# ---------------------------------------------------------------------------------- PDF
def test_pdf_report(comparison, rows):
    ok, why = reports.pdf_available()
    if not ok:
        pytest.skip(why)
    pdf = reports.pdf_report(comparison, BRAND, rows, created=DAY)
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) >= 3  # A4 pages, charts and tables


def test_pdf_unavailable_says_why_and_offers_html(comparison, monkeypatch):
    monkeypatch.setenv("VCIO_CHROMIUM", "none")
    ok, why = reports.pdf_available()
    assert not ok and "HTML report" in why
    assert reports.pdf_report(comparison) is None
    monkeypatch.setenv("VCIO_CHROMIUM", "/nonexistent/chromium")
    assert reports.pdf_available()[0] is False


def test_file_names():
    c = vm.compare(vm.Scenario(company="Acme Accounting, Inc."))
    assert (
        reports.report_file_name(c, "pdf", DAY) == "acme-accounting-inc-it-options-2026-03-09.pdf"
    )
    assert reports.report_file_name(vm.compare(vm.Scenario()), "xlsx", DAY) == (
        "it-options-2026-03-09.xlsx"
    )
