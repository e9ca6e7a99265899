"""Leave-behind reports: a self-contained HTML page, an Excel workbook and a PDF.

Each carries the prospect's company name, the date, the model version, the verdict and how sure it
is, every option's cost, the range of outcomes (P10/P50/P90, the chance each option is cheapest),
the assumptions that could change the verdict, and the assumptions with their sources as a reader
reads them (:mod:`.content`). With no brand configured the reports carry the product's own name and
no contact line. User text (company, project names, brand fields, rate-card notes) is HTML-escaped
in the HTML and never becomes a formula in Excel. Internal notes (brand and rate card) appear only
in a report made with ``internal=True`` (the unlocked sales view). No Streamlit here; plotly and
openpyxl are imported only when a report is built.

Modules: :mod:`.content` (what every format says), :mod:`.html`, :mod:`.excel`; the PDF is the
HTML page printed by ``vcio_app.pdf`` (bounded headless Chromium).
"""

from __future__ import annotations

from datetime import date

import vcio_model as vm
from vcio_app.brand import Brand
from vcio_app.reports import printer as pdf

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

PDF_TIMEOUT_S = pdf.TIMEOUT_S
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
    """Chromium to print with (see ``pdf.chromium_path``)."""
    return pdf.chromium_path()


def pdf_available() -> tuple[bool, str]:
    """(True, path of Chromium) or (False, why not: one line for the user)."""
    path = chromium_path()
    if path:
        return True, path
    return False, (
        "PDF needs Chromium, which is not installed on this server; "
        "download the HTML report instead and print it from your browser."
    )


def pdf_report(
    comparison: vm.Comparison,
    brand: Brand | None = None,
    assumptions_rows: list[dict] | None = None,
    created: date | None = None,
    timeout: float = PDF_TIMEOUT_S,
    paper: str | None = None,
    **content,
) -> bytes | None:
    """The HTML report printed to a PDF by headless Chromium, under ``pdf.html_to_pdf``'s limits;
    None when Chromium is missing.

    ``paper`` is "letter" or "a4"; by default :func:`paper_for` the report's currency (US dollars:
    US Letter). ``content`` (``simulation``, ``sensitivity``, ``internal``, ``rate_card``) goes to
    :func:`html_report`. Raises ``ReportError`` when Chromium runs but produces no PDF, is stopped
    at the memory or time cap, or every print slot is busy (``ReportBusy``).
    """
    ok, _ = pdf_available()
    if not ok:
        return None
    page = html_report(comparison, brand, assumptions_rows, created, for_print=True, **content)
    try:
        return pdf.html_to_pdf(page, paper=paper or paper_for("USD"), timeout=timeout)
    except pdf.PdfBusy as e:
        raise ReportBusy(str(e)) from None
    except pdf.PdfError as e:
        raise ReportError(str(e)) from None


def report_file_name(comparison: vm.Comparison, ext: str, created: date | None = None) -> str:
    """``acme-accounting-it-options-2026-11-25.pdf``"""
    company = comparison.scenario.company.lower()
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in company)
    slug = "-".join(p for p in slug.split("-") if p)[:40]
    return f"{slug + '-' if slug else ''}it-options-{when(created).isoformat()}.{ext}"
