"""Reports: self-contained HTML, the Excel workbook and the PDF, checked against the model."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import sys
from datetime import date

import pytest
from openpyxl import load_workbook

import vcio_model as vm
from vcio_app import brand as br
from vcio_app import reports
from vcio_app.reports import brief, content

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
BRAND = br.Brand(msp_name="@Acme <IT>", contact="-1+1 & sales@acme-it.com",
                 accent_color="#aa3300", internal_notes="SECRET margin 40%")  # fmt: skip
CARD = br.parse_rate_card(
    "key,value,note,internal_note\nvcio_hourly_rate,185,=Our 2026 rate,SECRET floor 160\n",
    "rate_card.csv",
)
LABELS = {k: it.label for k, it in vm.load_assumptions().items.items()}


@pytest.fixture(scope="module")
def comparison():
    return vm.compare(SCENARIO)


@pytest.fixture(scope="module")
def rows():
    rows = vm.load_assumptions().with_overrides(SCENARIO.assumptions).to_rows()
    return br.sources_with_rate_card(rows, CARD)


@pytest.fixture(scope="module")
def page(comparison, rows):
    return reports.html_report(comparison, BRAND, rows, created=DAY, rate_card=CARD, appendix=True)


@pytest.fixture(scope="module")
def workbook(comparison, rows):
    data = reports.excel_report(comparison, BRAND, rows, created=DAY, rate_card=CARD)
    return load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def sim():
    return vm.simulate(SCENARIO, trials=5000, seed=1)


def _visible(page: str) -> str:
    """The page's text as a reader sees it: scripts and tags removed, entities decoded."""
    text = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S | re.I)
    text = re.sub(r"<style\b.*?</style>", " ", text, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


# ---------------------------------------------------------------------------------- HTML
def test_html_escapes_every_piece_of_user_text(page):
    assert EVIL not in page and "<img src=x" not in page and "<IT>" not in page
    assert html.escape(EVIL) in page
    assert html.escape("<img src=x onerror=alert(2)>") in page
    assert "@Acme &lt;IT&gt;" in page and "-1+1 &amp; sales@acme-it.com" in page


def test_html_has_no_script_and_loads_nothing_from_outside(page):
    """The leave-behind is a document: no script runs in it, nothing is fetched, charts are SVG."""
    assert not re.search(r"<script", page, re.I)
    assert not re.search(r"\b(src|href)\s*=\s*[\"']?(https?:|//)", page, re.I)
    assert page.count("<svg") == 2
    assert len(page.encode("utf-8")) < 120_000  # was 1.5 MB with Plotly's library inside


def test_printed_pages_are_numbered_and_the_appendix_starts_a_page(page, comparison):
    assert 'counter(page) " of " counter(pages)' in page
    assert 'class="appendix"' in page
    short = reports.html_report(comparison, BRAND, created=DAY)
    assert 'class="appendix"' not in short and "Every assumption with its source" in short


def test_html_has_company_date_version_verdict_options_and_sources(page, comparison):
    assert f"IT leadership options for {html.escape(EVIL)}, 60 employees" in page
    assert "9 March 2026" in page and f"model version {vm.__version__}" in page
    assert html.escape(comparison.verdict) in page
    ranked = sorted(comparison.options, key=lambda o: o.npv)
    for o, text in zip(ranked, brief.distinct3([o.npv for o in ranked]), strict=True):
        assert f'<td>{html.escape(o.name)}</td><td class="n">{text}</td>' in page
    items = vm.load_assumptions().items
    assert html.escape(items["breakfix_hourly_rate"].source) in page  # a published source
    # the rate card is the source of its price, named by who sets it, not by its file
    assert html.escape("@Acme <IT>'s own prices (=Our 2026 rate)") in page
    assert "changed (default $200/hour)" in page


def test_sources_and_notes_read_for_a_customer(page, rows):
    """No data file named anywhere a reader looks; no maintainer's note (for every assumption)."""
    text = _visible(page)
    assert not re.search(r"\w\.(csv|json)\b", text), re.search(r".{40}\w\.(csv|json)\b", text)
    for r in rows:
        note = content.customer_note(r)
        assert not content.MAINTAINER_TALK.search(note), (r["key"], note)
        raw = str(r.get("notes") or "")
        if content.MAINTAINER_TALK.search(raw):
            assert raw not in text, r["key"]
    # an assumption's or a size table's key is the maintainers' name for it
    keys = sorted(set(re.findall(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b", text)))
    assert keys == [], keys
    for phrase in ("Single example; weak.", "not verified in our sources", "Table in size_tables"):
        assert phrase not in text
    for key, (replaces, customer) in content.CUSTOMER_NOTES.items():
        assert key in LABELS and not content.MAINTAINER_TALK.search(customer)
        assert customer == content.customer_note({"key": key, "notes": replaces})
    stale = {"key": "msp_onboarding_months", "notes": "A new note; not verified."}
    assert content.customer_note(stale) == ""  # a changed note is judged on its own


def test_html_says_how_sure_with_the_risk_pages_numbers(page, comparison, sim):
    sure = vm.certainty(SCENARIO, comparison=comparison, simulation=sim)
    assert f"<strong>How sure:</strong> {html.escape(sure.sentence)}" in page
    risk = page[page.index("How sure: the likely range") :]
    for r in sim.summary().itertuples():
        row = risk[risk.index(f"<td>{html.escape(r.name)}</td>") :].split("</tr>")[0]
        for text in brief.distinct3([r.p10, r.p50, r.p90]):
            assert text in row
        assert f"{vm.chance(r.p_cheapest)} of futures" in row


def test_html_says_what_would_change_the_verdict_with_a_takeaway(page, comparison):
    sens = vm.sensitivity(SCENARIO)
    flips = sens[sens["flips"]]
    section = _visible(page[page.index("What would change the verdict") :].split("</section>")[0])
    assert "checked" not in section  # not "31 assumptions of the 96 checked ..."
    if len(flips):
        assert "your own" in section or "what the price does not show" in section
        for r in flips.head(brief.MAX_CHANGES).itertuples():
            winner = r.winner_low if r.winner_low != comparison.recommended else r.winner_high
            assert f"{vm.in_sentence(comparison.option(winner).name)} would cost least" in section
            assert brief.lower_first(brief.plain_label(r.label)) in section
    else:
        assert "No single assumption" in section


def test_a_scenario_where_nothing_flips_says_the_verdict_is_sturdy():
    """A tiny office: break-fix wins whatever one assumption does (the first found by the model)."""
    for n, p in ((2, 0), (3, 0), (5, 0), (3000, 8), (2000, 8)):
        sc = vm.Scenario(employees=n, projects_per_year=p)
        sens = vm.sensitivity(sc)
        if not sens["flips"].any():
            break
    else:
        pytest.skip("every scenario tried has an assumption that flips its verdict")
    page = reports.html_report(vm.compare(sc), created=DAY)
    assert "No single assumption, moved across its plausible range" in page


def test_no_placeholder_brand_or_contact():
    """With no brand configured (the Brand defaults, or data/brand.json as shipped), the report
    carries the product's own name and no contact line."""
    c = vm.compare(vm.Scenario())
    for brand in (None, br.Brand(), br.Brand(msp_name="Your MSP", contact="hi@your-msp.example")):
        text = _visible(reports.html_report(c, brand, created=DAY))
        assert "Your MSP" not in text and ".example" not in text and "555 01" not in text
        assert f"Prepared for a 45-person firm by {reports.PRODUCT_NAME}" in " ".join(text.split())
    shipped = br.load_brand()
    if shipped.msp_name.lower() in content.PLACEHOLDER_NAMES:
        assert reports.PRODUCT_NAME in reports.html_report(c, shipped, created=DAY)
    real = reports.html_report(c, br.Brand(msp_name="Northwind IT", contact="+1 617 555 2368"))
    assert "by Northwind IT" in real and "+1 617 555 2368" in real


def test_html_without_company(comparison):
    plain = reports.html_report(vm.compare(vm.Scenario()), created=DAY)
    assert "IT leadership options for a 45-person firm" in plain


def test_internal_notes_only_in_the_sales_views_report(page, workbook, comparison, rows):
    assert "SECRET" not in page
    for ws in workbook:
        for row in ws.iter_rows(values_only=True):
            assert not any("SECRET" in str(v) for v in row if v is not None)
    sales = reports.html_report(comparison, BRAND, rows, internal=True, rate_card=CARD)
    assert "SECRET margin 40%" in sales and "SECRET floor 160" in sales
    wb = load_workbook(io.BytesIO(reports.excel_report(comparison, BRAND, rows, internal=True,
                                                       rate_card=CARD)))  # fmt: skip
    notes = [v for row in wb["Internal notes"].iter_rows(values_only=True) for v in row if v]
    assert "SECRET margin 40%" in notes and "SECRET floor 160" in notes


# ---------------------------------------------------------------------------------- Excel
def test_excel_has_the_sheets(workbook):
    assert workbook.sheetnames == [
        "Summary", "Inputs", "Results", "Breakdown", "Risk", "Assumptions"
    ]  # fmt: skip


def test_excel_has_no_developer_columns_or_ids(workbook, comparison):
    ids = {o.id for o in comparison.options} | set(LABELS)
    for ws in workbook:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                assert v not in ("Key", "Option id") and v not in ids, (ws.title, v)


def test_excel_results_equal_the_model(workbook, comparison):
    ws = workbook["Results"]
    header = [c.value for c in ws[1]]
    years = comparison.years
    assert header[: 2 + years] == ["Option", "Upfront", *[f"Year {i + 1}" for i in range(years)]]
    by_name = {r[0]: r for r in ws.iter_rows(min_row=2, max_row=1 + len(comparison.options),
                                             values_only=True)}  # fmt: skip
    for o in comparison.options:
        row = by_name[o.name]
        # Excel keeps 15 significant digits: equal to the model's numbers to a millionth of a cent
        assert list(row[1 : 2 + years]) == pytest.approx([o.upfront, *o.yearly_cost], rel=1e-13)
        assert row[header.index("NPV")] == pytest.approx(o.npv, rel=1e-13)
        assert row[header.index("Total")] == pytest.approx(o.total, rel=1e-13)
    summary = {r[0]: r[1] for r in workbook["Summary"].iter_rows(min_row=10, values_only=True)
               if r[0]}  # fmt: skip
    assert all(summary[o.name] == pytest.approx(o.npv, rel=1e-13) for o in comparison.options)


def test_excel_risk_sheet_equals_the_simulation(workbook, comparison, sim):
    ws = workbook["Risk"]
    sure = vm.certainty(SCENARIO, comparison=comparison, simulation=sim)
    assert ws["A2"].value == sure.sentence
    got = {r[0]: r[1:5] for r in ws.iter_rows(min_row=6, max_row=5 + len(comparison.options),
                                              values_only=True)}  # fmt: skip
    for r in sim.summary().itertuples():
        assert got[r.name] == pytest.approx((r.p10, r.p50, r.p90, r.p_cheapest), rel=1e-12)
    flips = vm.sensitivity(SCENARIO).query("flips")
    listed = {r[0] for r in ws.iter_rows(values_only=True)}
    assert {brief.plain_label(x) for x in flips["label"]} <= listed  # in the reader's words


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
    sources = [r[8] for r in workbook["Assumptions"].iter_rows(min_row=2, values_only=True)]
    assert "'@Acme <IT>'s own prices (=Our 2026 rate)" in sources


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx"])
def test_safe_text_neutralises_formula_starts(text):
    assert reports.safe_text(text) == "'" + text
    assert reports.safe_text("plain = text") == "plain = text"
    assert reports.safe_text("a\x00b\x1fc") == "abc"  # characters Excel refuses


def test_excel_number_formats(workbook):
    results = workbook["Results"]
    assert all(c.number_format == "$#,##0" for c in results[2][1:])
    inputs = {r[0].value: r[1] for r in workbook["Inputs"].iter_rows() if r[0].value}
    assert inputs["Discount rate"].value == 0.07 and inputs["Discount rate"].number_format == "0.0%"
    assert inputs["Employees"].number_format == "#,##0"
    assert workbook["Summary"]["B4"].number_format == "d mmmm yyyy"
    by_label = {r[0].value: r for r in workbook["Assumptions"].iter_rows(min_row=2)}
    vcio = by_label[brief.plain_label(LABELS["vcio_hourly_rate"])]
    assert vcio[2].value == 185.0 and vcio[2].number_format == "$#,##0"
    assert vcio[7].value == "changed"
    assert by_label[LABELS["downtime_productivity_loss"]][2].number_format == "0.0%"
    assert by_label[LABELS["staff_loaded_hourly_cost"]][2].number_format == "$#,##0.00"


def test_excel_has_company_date_version_and_sources(workbook, rows):
    ws = workbook["Summary"]
    assert ws["A1"].value == f"IT leadership options for {EVIL}, 60 employees"
    assert ws["B4"].value.date() == DAY and ws["B5"].value == vm.__version__
    src = {r[0]: r[8] for r in workbook["Assumptions"].iter_rows(min_row=2, values_only=True)}
    items = vm.load_assumptions().items
    want = content.source_text(
        {"key": "breakfix_hourly_rate", "source": items["breakfix_hourly_rate"].source,
         "year": items["breakfix_hourly_rate"].year}, content.presenter(BRAND))  # fmt: skip
    assert src[brief.plain_label(LABELS["breakfix_hourly_rate"])] == want
    assert items["breakfix_hourly_rate"].source in want
    assert len(src) == len(items)
    assert not any(re.search(r"\w\.(csv|json)\b", str(v)) for v in src.values())


# ---------------------------------------------------------------------------------- PDF
def _boxes(pdf: bytes) -> set[tuple[int, int]]:
    found = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    return {(round(float(w)), round(float(h))) for w, h in found}


def _pdf_text(pdf: bytes) -> str | None:
    if not shutil.which("pdftotext"):
        return None
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode()  # fmt: skip
    return " ".join(out.split())


def test_pdf_report_on_us_letter_at_most_4_numbered_pages(comparison, rows):
    ok, why = reports.pdf_available()
    if not ok:
        pytest.skip(why)
    pdf = reports.pdf_report(comparison, BRAND, rows, created=DAY)
    assert pdf.startswith(b"%PDF") and len(pdf) < 100_000
    assert _boxes(pdf) == {(612, 792)}  # US Letter: the report is in dollars
    pages = reports.pdf.page_count(pdf)
    assert 1 <= pages <= 4
    flat = _pdf_text(pdf)
    if flat is not None:
        for n in range(1, pages + 1):
            assert f"Page {n} of {pages}" in flat
        for heading in ("What each option costs", "What would change the verdict", "Next step"):
            assert heading in flat
        assert "IT leadership options for" in flat and "60 employees" in flat
        assert "@Acme <IT>" in flat and "-1+1 & sales@acme-it.com" in flat  # prepared by, contact
        assert "SECRET" not in flat and ".csv" not in flat
    full = reports.pdf_report(comparison, BRAND, rows, created=DAY, appendix=True, rate_card=CARD)
    assert reports.pdf.page_count(full) > pages
    flat = _pdf_text(full)
    if flat is not None:
        assert "Appendix: every assumption and its source" in flat
        assert "@Acme <IT>'s own prices (=Our 2026" in flat
    a4 = reports.pdf_report(comparison, BRAND, rows, created=DAY, paper="a4")
    assert _boxes(a4) == {(595, 842)}


@pytest.mark.parametrize(
    "currency, locale, paper",
    [("USD", None, "letter"), ("EUR", None, "a4"), ("USD", "en_GB", "a4"),
     ("EUR", "fr-CA", "letter"), ("GBP", "en_US.UTF-8", "letter"), ("USD", "en", "letter")],
)  # fmt: skip
def test_paper_follows_the_currency_or_the_locale(currency, locale, paper):
    assert reports.paper_for(currency, locale) == paper


def test_pdf_unavailable_says_why_and_offers_html(comparison, monkeypatch):
    monkeypatch.setitem(sys.modules, "reportlab", None)  # as if it were not installed
    ok, why = reports.pdf_available()
    assert not ok and "HTML report" in why
    with pytest.raises(reports.ReportError, match="HTML report"):
        reports.pdf_report(comparison)


def test_file_names():
    c = vm.compare(vm.Scenario(company="Acme Accounting, Inc."))
    assert (
        reports.report_file_name(c, "pdf", DAY) == "acme-accounting-inc-it-options-2026-03-09.pdf"
    )
    assert reports.report_file_name(vm.compare(vm.Scenario()), "xlsx", DAY) == (
        "it-options-2026-03-09.xlsx"
    )


def test_a_value_the_user_changed_is_not_credited_to_the_rate_card():
    sc = SCENARIO.updated(assumptions={"vcio_hourly_rate": 199.0})
    rows = vm.load_assumptions().with_overrides(sc.assumptions).to_rows()
    page = reports.html_report(
        vm.compare(sc), BRAND, rows, created=DAY, rate_card=CARD, appendix=True
    )
    assert "prices (=Our 2026 rate)" not in html.unescape(page)
    assert "changed (default $200/hour)" in page


def test_a_project_load_far_above_published_bands_is_flagged_in_every_report():
    c = vm.compare(vm.Scenario(employees=5, projects_per_year=3))
    assert c.warnings  # the model's own check
    page = reports.html_report(c, BRAND, vm.load_assumptions().to_rows(), created=DAY)
    assert f"Check the inputs:</strong> {html.escape(c.warnings[0])}" in page
    wb = load_workbook(io.BytesIO(reports.excel_report(c, BRAND, None, created=DAY)))
    cells = [str(v) for row in wb.worksheets[0].iter_rows(values_only=True) for v in row if v]
    assert f"Check the inputs: {c.warnings[0]}" in cells
    usual = vm.compare(vm.Scenario(employees=45, projects_per_year=3))
    assert not usual.warnings
    assert "Check the inputs" not in reports.html_report(usual, BRAND, None, created=DAY)
