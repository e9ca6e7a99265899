"""Leave-behind reports: a self-contained HTML page, an Excel workbook and a PDF.

The HTML page and the PDF are the executive leave-behind (:mod:`.brief`: at most 4 pages by
default): for whom (company and head count), prepared by whom and when, the verdict in the verdict
vocabulary and how sure, each option's cost in today's money, what decides, what would change the
verdict, the next step, every page numbered. The full appendix (inputs, every assumption with its
source) only on request (``appendix=True``). The Excel workbook has every figure. With no brand
configured the reports carry the product's own name and no contact line; a rate card is cited as
the provider's own prices only under the provider's own brand. User text (company, project names,
brand fields, rate-card notes) is cleaned of invisible characters, HTML-escaped in the HTML and
never becomes a formula in Excel. Internal notes (brand and rate card) appear only in a report made
with ``internal=True`` (the unlocked sales view). No Streamlit here; openpyxl and reportlab are
imported only when a report is built.

Modules: :mod:`.content` (the figures and sources), :mod:`.brief` (what the leave-behind says),
:mod:`.html`, :mod:`.pdf` (ReportLab, in process), :mod:`.excel`, :mod:`.cache` (finished PDFs
shared between sessions, a per-session cool-down); :mod:`.printer` (headless Chromium, bounded) is
kept for printing an HTML page and for comparison in ``benchmarks/bench_reports.py``.
"""

from __future__ import annotations

import threading
from datetime import date

import vcio_model as vm
from vcio_app.brand import Brand
from vcio_app.reports import printer

from . import brief as bf
from . import cache
from . import content as ct
from . import detail as dt
from .content import PRODUCT_NAME, customer_note, presenter, source_text, when
from .excel import FORMULA_START, MONEY, MONEY_CENTS, PCT, excel_report, safe_text
from .html import html_report

__all__ = [
    "FORMULA_START",
    "MONEY",
    "MONEY_CENTS",
    "PCT",
    "PDF_TIMEOUT_S",
    "PRODUCT_NAME",
    "ReportBusy",
    "ReportError",
    "chromium_path",
    "cited_card",
    "pdf_key",
    "shared_pdf",
    "warm_up_pdf",
    "customer_note",
    "excel_report",
    "html_report",
    "paper_for",
    "pdf_available",
    "pdf_report",
    "presenter",
    "report_file_name",
    "safe_text",
    "source_text",
]

PDF_TIMEOUT_S = printer.TIMEOUT_S
# Countries that print on US Letter (ISO 3166 codes); everyone else uses A4.
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR", "PA"})


class ReportError(RuntimeError):
    """A report could not be produced (one line saying why)."""


class ReportBusy(ReportError):
    """Every PDF slot of this server is taken: try again in a minute."""


def paper_for(currency: str = "USD", locale: str | None = None) -> str:
    """The paper a reader of this report prints on: "letter" or "a4".

    A locale with a country ("en_GB", "fr-CA") decides; without one the currency does: US and
    Canadian dollars (and the pesos of the Letter countries) print on Letter, every other on A4.

    Examples
    --------
    >>> paper_for(), paper_for("EUR"), paper_for("USD", "en_GB"), paper_for("EUR", "fr-CA")
    ('letter', 'a4', 'a4', 'letter')
    """
    if locale:
        parts = locale.replace("-", "_").split(".")[0].split("_")
        if len(parts) > 1 and len(parts[1]) == 2:
            return "letter" if parts[1].upper() in LETTER_COUNTRIES else "a4"
    letter_money = {"USD", "CAD", "MXN", "PHP", "CLP", "COP"}
    return "letter" if str(currency).upper() in letter_money else "a4"


def chromium_path() -> str | None:
    """Chromium to print an HTML page with (see ``printer.chromium_path``)."""
    return printer.chromium_path()


def pdf_available() -> tuple[bool, str]:
    """(True, "") when this server can make a PDF (ReportLab installed), else (False, why not)."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return False, (
            "PDF needs the reportlab package, which is not installed on this server; "
            "download the HTML report instead and print it from your browser."
        )
    return True, ""


def cited_card(card, brand: Brand | None):
    """The rate card a report may name as the provider's own prices: only under the provider's
    own brand (a configured brand); the shipped, neutral setup cites published sources."""
    return card if card and presenter(brand).branded else None


def pdf_report(
    comparison: vm.Comparison,
    brand: Brand | None = None,
    assumptions_rows: list[dict] | None = None,
    created: date | None = None,
    timeout: float = PDF_TIMEOUT_S,
    paper: str | None = None,
    *,
    appendix: bool = False,
    simulation=None,
    sensitivity=None,
    internal: bool = False,
    rate_card=None,
) -> bytes:
    """The leave-behind as a PDF, made in this process (ReportLab): at most 4 pages, the appendix
    (inputs, every assumption with its source) after them when ``appendix``.

    ``paper`` is "letter" or "a4"; by default :func:`paper_for` the report's currency (US dollars:
    US Letter). ``simulation`` / ``sensitivity``: the app's cached results, to reuse. ``timeout``
    is kept for callers of the former Chromium path (a PDF takes well under a second). Raises
    ``ReportError`` when ReportLab is missing or the paper is unknown.
    """
    from . import pdf

    ok, why = pdf_available()
    if not ok:
        raise ReportError(why)
    who = presenter(brand)
    b = bf.build(comparison, brand, created, simulation, sensitivity)
    b.extra["non_cost"] = dt.non_cost_rows(comparison)
    extra = {}
    if appendix:
        rows = ct.assumption_rows(comparison, assumptions_rows)
        extra["appendix"] = dt.appendix_rows(
            rows, who, ct.priced_keys(rows, cited_card(rate_card, brand))
        )
        extra["inputs"] = dt.input_rows(comparison.scenario)
    if internal:
        extra["internal"] = dt.internal_notes(who, rate_card)
    try:
        return pdf.pdf_bytes(b, paper=paper or paper_for("USD"), logo=who.logo, **extra)
    except ValueError as e:
        raise ReportError(str(e)) from None


_warm = threading.Event()


def warm_up_pdf() -> None:
    """Import ReportLab and make one small PDF on a background thread, once per process, so that
    the first visitor's click does not wait for the imports (about 0.7 s alone, more on a busy
    server). Call it when a page offering the PDF is drawn."""
    if _warm.is_set() or not pdf_available()[0]:
        return
    _warm.set()

    def run() -> None:
        from . import pdf

        try:
            pdf.warm_up()
        except Exception:  # noqa: BLE001 - a warm-up never fails a page; the click says why
            pass

    threading.Thread(target=run, name="vcio-pdf-warm-up", daemon=True).start()


def pdf_key(comparison: vm.Comparison, brand: Brand | None, **options) -> tuple:
    """What makes two PDFs the same: the scenario, the brand, the options and the day."""
    return (
        comparison.scenario.model_dump_json(),
        repr(brand),
        repr(sorted((k, repr(v)) for k, v in options.items())),
        when(None).isoformat(),
    )


def shared_pdf(key: tuple, make, session: str = "") -> bytes:
    """A finished PDF shared between sessions (see :mod:`.cache`); ``ReportBusy`` when the server
    stays busy making others."""
    try:
        return cache.shared_pdf(key, make, session)
    except cache.Busy as e:
        raise ReportBusy(str(e)) from None


def report_file_name(comparison: vm.Comparison, ext: str, created: date | None = None) -> str:
    """``acme-accounting-it-options-2026-11-25.pdf``"""
    company = comparison.scenario.company.lower()
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in company)
    slug = "-".join(p for p in slug.split("-") if p)[:40]
    return f"{slug + '-' if slug else ''}it-options-{when(created).isoformat()}.{ext}"
