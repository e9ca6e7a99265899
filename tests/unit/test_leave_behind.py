"""The executive leave-behind (issue 20): the verdict's vocabulary, the client's own size, no code
names, a takeaway, page count, and PDFs shared between sessions with a per-session cool-down."""

from __future__ import annotations

import re
import threading
import time

import pytest

import vcio_model as vm
from vcio_app import brand as br
from vcio_app import reports
from vcio_app.reports import brief, cache

CLOSE = vm.Scenario(employees=60, projects_per_year=2, company="Acme Accounting")
CLEAR = vm.Scenario(employees=120, projects_per_year=4)
CODE_WORDS = re.compile(r"x table|\bexponent\b|\b\d[\d,]*-person firm\b|\b[a-z]+_[a-z_]+\b")


def _text(page: str) -> str:
    page = re.sub(r"<style\b.*?</style>", " ", page, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_a_close_call_is_never_recommended_or_cheapest():
    c = vm.compare(CLOSE)
    assert c.close_call  # the default case
    text = _text(reports.html_report(c)).lower()
    assert "recommended" not in text and "(cheapest)" not in text
    pair = " and ".join(c.option(i).name.lower() for i in (c.recommended, c.runner_up))
    assert f"about the same: {pair}" in text
    assert brief.lowest_label(c).startswith("About the same")
    assert brief.standing(c, c.recommended) == brief.standing(c, c.runner_up) == "about the same"


def test_a_clear_verdict_names_the_lowest_cost_and_the_gap_in_the_same_rounding():
    c = vm.compare(CLEAR)
    assert not c.close_call
    b = brief.build(c)
    assert b.verdict_label == f"Recommended: {c.option(c.recommended).name}"  # as on screen
    first, second = b.options[0], b.options[1]
    assert second.standing == f"{brief.money3(second.npv - first.npv)} more"
    # the rounded figures keep the gap: their difference is within rounding of the stated gap
    shown = [float(t.strip("$M")) * 1e6 for t in (first.npv_text, second.npv_text)]
    assert abs((shown[1] - shown[0]) - (second.npv - first.npv)) <= 10_000


def test_headline_has_the_head_count_and_sentences_the_clients_size():
    for sc in (CLOSE, CLEAR, vm.Scenario(employees=45, projects_per_year=3, company="Bakers")):
        page = reports.html_report(vm.compare(sc), appendix=False)
        text = _text(page)
        assert f"{sc.employees} employees" in text or f"{sc.employees}-person firm" in text
        found = [m for m in CODE_WORDS.findall(text) if m != f"{sc.employees}-person firm"]
        assert found == [], found


def test_the_appendix_says_units_in_words():
    page = reports.html_report(vm.compare(CLOSE), appendix=True)
    text = _text(page)
    assert "x table" not in text and "typical for your size" in text


def test_what_would_change_has_a_takeaway_not_a_count():
    for sc in (CLOSE, CLEAR):
        b = brief.build(vm.compare(sc))
        assert "checked" not in b.change_takeaway and b.change_takeaway.endswith(".")
        assert len(b.changes) <= brief.MAX_CHANGES
        assert all(line.startswith("If the ") for line in b.changes)


def test_direction_controls_never_reach_the_reports():
    sc = CLOSE.updated(company="Acme\u202e\u200b")
    b = brief.build(vm.compare(sc))
    assert b.prepared_for == "Acme" and "\u202e" not in b.title


def test_the_shipped_rate_card_is_not_cited_under_the_neutral_brand():
    card = br.parse_rate_card("key,value,note\nvcio_hourly_rate,200,Our vCIO rate\n", "r.csv")
    assert reports.cited_card(card, None) is None
    assert reports.cited_card(card, br.Brand(msp_name="Northwind IT")) is card
    page = reports.html_report(vm.compare(CLOSE), None, rate_card=card, appendix=True)
    assert "own prices" not in page and "Our vCIO rate" not in page


@pytest.mark.skipif(not reports.pdf_available()[0], reason="reportlab is not installed")
def test_pdf_is_quick_small_and_at_most_4_pages():
    c = vm.compare(CLOSE)
    reports.pdf_report(c)  # imports paid once
    start = time.perf_counter()
    data = reports.pdf_report(c)
    assert time.perf_counter() - start < 3.0
    assert len(data) < 100_000 and 1 <= reports.pdf.page_count(data) <= 4


def test_a_finished_pdf_is_shared_and_a_session_waits_out_its_cool_down(monkeypatch):
    cache.clear()
    monkeypatch.setattr(cache, "COOL_DOWN_S", 0.4)
    made = []

    def make(tag):
        def run():
            made.append(tag)
            return f"%PDF {tag}".encode()

        return run

    assert cache.shared_pdf("a", make("a"), "s1") == b"%PDF a"
    assert cache.shared_pdf("a", make("a2"), "s2") == b"%PDF a"  # shared, not made again
    assert made == ["a"]
    start = time.monotonic()
    cache.shared_pdf("b", make("b"), "s1")  # s1 made one just now: waits out its cool-down
    assert time.monotonic() - start >= 0.3
    start = time.monotonic()
    cache.shared_pdf("c", make("c"), "s3")  # another session is not slowed
    assert time.monotonic() - start < 0.3
    assert made == ["a", "b", "c"]


def test_two_sessions_asking_at_once_make_the_pdf_once():
    cache.clear()
    made = []

    def slow():
        made.append(1)
        time.sleep(0.2)
        return b"%PDF x"

    out = []
    threads = [
        threading.Thread(target=lambda s=s: out.append(cache.shared_pdf("k", slow, s)))
        for s in ("s1", "s2", "s3")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert out == [b"%PDF x"] * 3 and made == [1]


def test_the_cache_is_bounded(monkeypatch):
    cache.clear()
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for i in range(10):
        cache.shared_pdf(i, lambda i=i: b"x" * 10, "")
    assert len(cache._made) == 3


@pytest.mark.skipif(not reports.pdf_available()[0], reason="reportlab is not installed")
@pytest.mark.parametrize(
    "company",
    [
        '<font size="60" color="red">Acme</font>',
        "<para>Acme & Sons</b>",
        "Ωmega Кириллица 株式会社",
    ],
)
def test_pdf_prints_any_company_name_as_text(company):
    """ReportLab's paragraphs read markup: a name is escaped, never interpreted, and characters
    the standard fonts lack never stop the PDF."""
    import shutil
    import subprocess

    c = vm.compare(CLOSE.updated(company=company))
    data = reports.pdf_report(c, br.Brand(msp_name=company, contact=company))
    assert data.startswith(b"%PDF")
    if shutil.which("pdftotext") and company.isascii():
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                              check=True).stdout.decode()  # fmt: skip
        assert company in " ".join(text.split())
