"""Leave-behind reports: a self-contained HTML page, an Excel workbook and a PDF.

Each carries the prospect's company name, the date, the model version, the verdict, every option's
cost and the assumptions with their sources. User text (company, project names, brand fields,
rate-card notes) is HTML-escaped in the HTML and never becomes a formula in Excel. Internal notes
(brand and rate card) never appear in a report. No Streamlit here; plotly is imported lazily by
the chart module only when a report is built.
"""

from __future__ import annotations

import html
import io
from datetime import date

import vcio_model as vm

from . import pdf
from .brand import Brand, safe_accent

PDF_TIMEOUT_S = pdf.TIMEOUT_S
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
MONEY = "$#,##0"
MONEY_CENTS = "$#,##0.00"
PCT = "0.0%"


class ReportError(RuntimeError):
    """A report could not be produced (one line saying why)."""


class ReportBusy(ReportError):
    """Every PDF slot of this server is taken: try again in a minute."""


# ---------------------------------------------------------------------------------- shared text
def _when(created: date | None) -> date:
    return created or date.today()


def _date_words(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _who(sc: vm.Scenario) -> str:
    return sc.company or f"a {sc.employees:,}-person firm"


def _rows(comparison: vm.Comparison, rows: list[dict] | None) -> list[dict]:
    """The assumption rows with the values this scenario used (its overrides applied)."""
    overrides = comparison.scenario.assumptions
    if rows is None:
        rows = vm.load_assumptions().to_rows()
    return [{**r, "value": overrides.get(r["key"], r["value"])} for r in rows]


def _source(r: dict) -> str:
    src = r.get("source") or ""
    year = str(r.get("year") or "")
    if src:
        return f"{src} ({year})" if year and year not in src else src
    return "Estimate" if r.get("estimate") or not src else ""


def _is_pct(unit: str) -> bool:
    return unit.startswith(("fraction", "probability"))


def _value_text(v: float, unit: str) -> str:
    if _is_pct(unit):
        return f"{v:.1%}" if round(v * 100, 1) != round(v * 100) else f"{v:.0%}"
    if unit.startswith("USD"):
        rest = unit[3:].lstrip("/")
        amount = f"${v:,.0f}" if float(v).is_integer() or v >= 100 else f"${v:,.2f}"
        return f"{amount}/{rest}" if rest else amount
    return f"{v:,.6g} {unit}".strip()


def _range_text(low: float, high: float, unit: str) -> str:
    if _is_pct(unit):
        return f"{_value_text(low, unit)} to {_value_text(high, unit)}"
    if unit.startswith("USD"):
        rest = unit[3:].lstrip("/")
        lo, hi = (_value_text(x, "USD") for x in (low, high))
        return f"{lo} to {hi}" + (f" /{rest}" if rest else "")
    return f"{low:,.6g} to {high:,.6g} {unit}".strip()


def _inputs(sc: vm.Scenario) -> list[tuple[str, object, str]]:
    """(label, value, kind) for the Inputs table; kind is money, pct, int, num or text."""
    a = vm.load_assumptions()
    default = "from the assumptions"
    return [
        ("Company", sc.company or "(not given)", "text"),
        ("Employees", sc.employees, "int"),
        (
            "Devices per employee",
            sc.devices_per_employee
            if sc.devices_per_employee is not None
            else f"{a['devices_per_employee']:g} ({default})",
            "num",
        ),
        ("Sites", sc.sites if sc.sites is not None else "derived from size", "int"),
        (
            "Annual revenue",
            sc.annual_revenue if sc.annual_revenue is not None else "(not given)",
            "money",
        ),
        (
            "Downtime cost per hour",
            sc.downtime_cost_per_hour
            if sc.downtime_cost_per_hour is not None
            else "estimated from size and revenue",
            "money",
        ),
        ("Typical IT projects a year", sc.projects_per_year, "num"),
        ("Typical project size", sc.project_size, "text"),
        ("Named projects", len(sc.projects), "int"),
        ("Years compared", sc.years, "int"),
        ("Discount rate", sc.discount_rate, "pct"),
        (
            "Wage growth a year",
            sc.wage_growth if sc.wage_growth is not None else a["wage_growth"],
            "pct",
        ),
        (
            "MSP price rise a year",
            sc.msp_price_escalation
            if sc.msp_price_escalation is not None
            else a["msp_price_escalation"],
            "pct",
        ),
        ("Assumptions changed from the defaults", len(sc.assumptions), "int"),
    ]


def _input_text(value: object, kind: str) -> str:
    if isinstance(value, str):
        return value
    if kind == "money":
        return vm.money(float(value), exact=True)
    if kind == "pct":
        return f"{float(value):.1%}"
    return f"{value:,}" if kind == "int" else f"{float(value):g}"


def _figures(comparison: vm.Comparison) -> list[tuple[str, str, object]]:
    from . import charts

    return [
        (
            "Cost of each option over the horizon",
            f"Net present value at a {comparison.discount_rate:.1%} discount rate: every year's cost "
            "in today's money, one-off fees included.",
            charts.cost_bars(comparison),
        ),
        (
            "What each option's cost is made of",
            "Totals over the horizon, not discounted, by category.",
            charts.breakdown_stacked(comparison),
        ),
        (
            "Money spent so far, month by month",
            "One-off fees at the start; each year's cost spread evenly over its months.",
            charts.cumulative_lines(comparison),
        ),
        (
            "Cost per employee per year",
            "Total cost over the horizon / employees / years.",
            charts.per_employee_bars(comparison),
        ),
    ]


# ---------------------------------------------------------------------------------- HTML
_CSS = """
*{box-sizing:border-box}
body{font-family:"Source Sans Pro","Segoe UI",Helvetica,Arial,sans-serif;color:#1c2430;margin:0;
  background:#fff;line-height:1.45;font-size:16px}
main{max-width:1040px;margin:0 auto;padding:24px 32px 48px}
header.brand{display:flex;align-items:center;gap:16px;border-bottom:4px solid var(--accent);
  padding-bottom:12px}
header.brand img{max-height:48px;max-width:200px}
header.brand .msp{font-weight:700;font-size:20px;color:var(--accent)}
header.brand .contact{margin-left:auto;color:#5b6573;font-size:14px;text-align:right}
h1{font-size:30px;margin:24px 0 4px;line-height:1.2}
h2{font-size:22px;margin:32px 0 8px;color:var(--accent);break-after:avoid;page-break-after:avoid}
.meta{color:#5b6573;font-size:14px;margin:0 0 16px}
.verdict{font-size:21px;font-weight:600;border-left:6px solid var(--accent);background:#f3f6fa;
  padding:14px 18px;margin:16px 0}
table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0}
th,td{padding:6px 8px;border-bottom:1px solid #e3e7ee;text-align:left;vertical-align:top}
th{background:#f3f6fa;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.win td{font-weight:700;background:#eef7ee}
tr{break-inside:avoid;page-break-inside:avoid}
.chart{break-inside:avoid;page-break-inside:avoid;margin:8px 0 16px}
.caption{color:#5b6573;font-size:14px;margin:0 0 4px}
.changed{color:#a14b00;font-weight:600}
footer{margin-top:40px;border-top:1px solid #e3e7ee;padding-top:12px;color:#5b6573;font-size:13px}
.assumptions{font-size:13px;table-layout:fixed}
.assumptions th:nth-child(1){width:22%}.assumptions th:nth-child(2){width:13%}
.assumptions th:nth-child(3){width:15%}.assumptions th:nth-child(4){width:25%}
.assumptions th:nth-child(5){width:25%}
.assumptions td{overflow-wrap:anywhere}
.assumptions td.n{white-space:normal}
table.options td:first-child{min-width:12em}
tr.group{break-after:avoid;page-break-after:avoid}
tr.group th{background:#e8edf5;color:var(--accent);padding-top:10px}
@media print{
  main{max-width:none;padding:0}
  body{font-size:12px}
  .verdict{font-size:16px}
  h1{font-size:24px}
  h2{font-size:18px;margin-top:20px}
  table{font-size:11px}
  .assumptions{font-size:10px}
  .assumptions th,.assumptions td{padding:3px 5px}
  @page{size:A4;margin:14mm 12mm}
}
"""


def html_report(
    comparison: vm.Comparison,
    brand: Brand | None = None,
    assumptions_rows: list[dict] | None = None,
    created: date | None = None,
    *,
    for_print: bool = False,
) -> str:
    """One self-contained HTML page: Plotly's JS embedded once, interactive charts, offline.

    ``for_print`` fixes chart sizes for an A4 page and turns off interactivity (for the PDF).
    """
    import plotly.io as pio
    from plotly.offline import get_plotlyjs

    brand = brand or Brand()
    sc = comparison.scenario
    e = html.escape
    accent = safe_accent(brand.accent_color)
    made = _when(created)
    title = f"IT leadership options for {_who(sc)}"
    logo = f'<img src="{e(brand.logo)}" alt="{e(brand.msp_name)}">' if brand.logo else ""
    contact = f'<div class="contact">{e(brand.contact)}</div>' if brand.contact else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>:root{{--accent:{accent}}}{_CSS}</style>",
        f'<script type="text/javascript">{get_plotlyjs()}</script>',
        "</head><body><main>",
        f'<header class="brand">{logo}<div class="msp">{e(brand.msp_name)}</div>{contact}</header>',
        f"<h1>{e(title)}</h1>",
        f'<p class="meta">Prepared for <strong>{e(sc.company or "(company not given)")}</strong> '
        f"by {e(brand.msp_name)} · {e(_date_words(made))} · model version {e(vm.__version__)} · "
        "costs in US dollars</p>",
        f'<p class="verdict">{e(comparison.verdict)}</p>',
    ]
    if comparison.reasons:
        parts.append("<ul>" + "".join(f"<li>{e(r)}</li>" for r in comparison.reasons) + "</ul>")
    parts.append(_options_table(comparison))
    config = {"displaylogo": False, "responsive": not for_print, "staticPlot": for_print}
    for i, (heading, caption, fig) in enumerate(_figures(comparison)):
        if for_print:
            fig.update_layout(width=700, height=min(fig.layout.height or 420, 400))
        div = pio.to_html(
            fig,
            full_html=False,
            include_plotlyjs=False,
            config=config,
            div_id=f"chart-{i}",
            default_width="100%",
        )
        parts.append(
            f'<section class="chart"><h2>{e(heading)}</h2>'
            f'<p class="caption">{e(caption)}</p>{div}</section>'
        )
    parts.append(_non_cost_table(comparison))
    parts.append(_inputs_table(sc))
    parts.append(_assumptions_table(_rows(comparison, assumptions_rows)))
    parts.append(
        f"<footer>Prepared by {e(brand.msp_name)}{' · ' + e(brand.contact) if brand.contact else ''}"
        f" · {e(_date_words(made))}. Figures from the open-source, vendor-neutral IT leadership "
        f"cost model, version {e(vm.__version__)}. Every default number is listed above with its "
        "source, or marked as an estimate.</footer></main></body></html>"
    )
    return "\n".join(parts)


def _options_table(c: vm.Comparison) -> str:
    e = html.escape
    years = "".join(f'<th class="n">Year {i + 1}</th>' for i in range(c.years))
    out = [
        "<h2>Every option, year by year</h2>",
        '<table class="options"><thead><tr><th>Option</th><th class="n">Upfront</th>'
        f'{years}<th class="n">Total</th><th class="n">NPV</th>'
        '<th class="n">Per employee a year</th></tr></thead><tbody>',
    ]
    for o in sorted(c.options, key=lambda o: o.npv):
        cells = "".join(f'<td class="n">{vm.money(v, exact=True)}</td>' for v in o.yearly_cost)
        win = ' class="win"' if o.id == c.recommended else ""
        out.append(
            f"<tr{win}><td>{e(o.name)}{' (cheapest)' if win else ''}</td>"
            f'<td class="n">{vm.money(o.upfront, exact=True)}</td>{cells}'
            f'<td class="n">{vm.money(o.total, exact=True)}</td>'
            f'<td class="n">{vm.money(o.npv, exact=True)}</td>'
            f'<td class="n">{vm.money(o.cost_per_employee_year, exact=True)}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def _non_cost_table(c: vm.Comparison) -> str:
    e = html.escape
    a = vm.load_assumptions()
    out = [
        "<h2>What money does not show</h2><table><thead><tr><th>Option</th>"
        "<th>Hours of cover a week</th><th>Single point of failure</th>"
        "<th>Strategic capacity</th></tr></thead><tbody>"
    ]
    for o in c.options:
        s = a.option(o.id)
        out.append(
            f"<tr><td>{e(o.name)}</td><td>{e(s.coverage_hours_week)}</td>"
            f"<td>{e(s.single_point_of_failure)}</td><td>{e(s.strategic_capacity)}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _inputs_table(sc: vm.Scenario) -> str:
    e = html.escape
    out = ["<h2>Your inputs</h2><table><tbody>"]
    for label, value, kind in _inputs(sc):
        out.append(f"<tr><th>{e(label)}</th><td>{e(_input_text(value, kind))}</td></tr>")
    out.append("</tbody></table>")
    if sc.projects:
        out.append(
            "<h2>Named projects</h2><table><thead><tr><th>Project</th><th>Size</th>"
            '<th class="n">Budget</th><th class="n">Year</th></tr></thead><tbody>'
        )
        for p in sc.projects:
            budget = vm.money(p.budget, exact=True) if p.budget is not None else "typical for size"
            out.append(
                f"<tr><td>{e(p.name)}</td><td>{e(p.size)}</td>"
                f'<td class="n">{e(budget)}</td><td class="n">{p.start_year}</td></tr>'
            )
        out.append("</tbody></table>")
    return "".join(out)


def _assumptions_table(rows: list[dict]) -> str:
    e = html.escape
    out = [
        "<h2>Assumptions and their sources</h2>",
        '<p class="caption">Every number behind the figures. Values that differ from the '
        'published defaults are marked <span class="changed">changed</span>.</p>',
        '<table class="assumptions"><thead><tr><th>Assumption</th><th class="n">Value</th>'
        "<th>Plausible range</th><th>Source</th><th>Notes</th></tr></thead><tbody>",
    ]
    order: dict[str, int] = {}
    for r in rows:
        order.setdefault(str(r.get("group") or ""), len(order))
    group = None
    for r in sorted(rows, key=lambda r: order[str(r.get("group") or "")]):
        if r.get("group") != group:
            group = r.get("group")
            out.append(f'<tr class="group"><th colspan="5">{e(str(group or ""))}</th></tr>')
        changed = r["value"] != r.get("default", r["value"])
        mark = (
            (
                f'<br><span class="changed">changed (default '
                f"{e(_value_text(r['default'], r['unit']))})</span>"
            )
            if changed
            else ""
        )
        rng = _range_text(r["low"], r["high"], r["unit"])
        out.append(
            f"<tr><td>{e(r['label'])}</td>"
            f'<td class="n">{e(_value_text(r["value"], r["unit"]))}{mark}</td>'
            f"<td>{e(rng)}</td><td>{e(_source(r))}</td><td>{e(r.get('notes') or '')}</td>"
            "</tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


# ---------------------------------------------------------------------------------- Excel
def safe_text(value: object) -> str:
    """Text for a spreadsheet cell that can never run as a formula (OWASP CSV/formula injection)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def excel_report(
    comparison: vm.Comparison,
    brand: Brand | None = None,
    assumptions_rows: list[dict] | None = None,
    created: date | None = None,
) -> bytes:
    """An .xlsx workbook: Summary, Inputs, Results (by year and option), Breakdown, Assumptions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    brand = brand or Brand()
    sc = comparison.scenario
    made = _when(created)
    accent = safe_accent(brand.accent_color).lstrip("#").upper()
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor=accent)
    bold = Font(bold=True)

    def put(ws, row, col, value, fmt=None, font=None):
        cell = ws.cell(row=row, column=col)
        if isinstance(value, str):
            cell.value = safe_text(value)
            cell.data_type = "s"  # explicit: text is never a formula
        else:
            cell.value = value
            if fmt:
                cell.number_format = fmt
        if font is not None:
            cell.font = font
        return cell

    def header(ws, row, labels):
        for j, label in enumerate(labels, start=1):
            c = put(ws, row, j, label, font=head_font)
            c.fill = head_fill
            c.alignment = Alignment(wrap_text=True, vertical="top")

    def widths(ws, sizes):
        for j, w in enumerate(sizes, start=1):
            ws.column_dimensions[ws.cell(row=1, column=j).column_letter].width = w

    wb = Workbook()
    # Summary --------------------------------------------------------------------------
    ws = wb.active
    ws.title = "Summary"
    put(ws, 1, 1, f"IT leadership options for {_who(sc)}", font=Font(bold=True, size=16))
    put(ws, 2, 1, "Prepared for")
    put(ws, 2, 2, sc.company or "(company not given)", font=bold)
    put(ws, 3, 1, "Prepared by")
    put(ws, 3, 2, brand.msp_name + (f" · {brand.contact}" if brand.contact else ""))
    put(ws, 4, 1, "Date")
    put(ws, 4, 2, made, fmt="d mmmm yyyy").alignment = Alignment(horizontal="left")
    put(ws, 5, 1, "Model version")
    put(ws, 5, 2, vm.__version__)
    put(ws, 7, 1, comparison.verdict, font=Font(bold=True, size=12))
    ws.merge_cells(start_row=7, start_column=1, end_row=7, end_column=6)
    ws.cell(row=7, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[7].height = 48
    r = 8
    for reason in comparison.reasons:
        put(ws, r, 1, f"• {reason}")
        r += 1
    r += 1
    header(
        ws,
        r,
        [
            "Option",
            f"NPV over {vm.plural(sc.years, 'year')}",
            "Total (not discounted)",
            "Per employee a year",
            "Cheapest?",
        ],
    )
    for o in sorted(comparison.options, key=lambda o: o.npv):
        r += 1
        win = o.id == comparison.recommended
        f = bold if win else None
        put(ws, r, 1, o.name, font=f)
        put(ws, r, 2, o.npv, MONEY, f)
        put(ws, r, 3, o.total, MONEY, f)
        put(ws, r, 4, o.cost_per_employee_year, MONEY, f)
        put(ws, r, 5, "Cheapest" if win else "", font=f)
    widths(ws, [38, 22, 22, 20, 12, 12])

    # Inputs ---------------------------------------------------------------------------
    ws = wb.create_sheet("Inputs")
    header(ws, 1, ["Input", "Value"])
    fmts = {"money": MONEY, "pct": PCT, "int": "#,##0", "num": "0.0#"}
    for i, (label, value, kind) in enumerate(_inputs(sc), start=2):
        put(ws, i, 1, label)
        put(ws, i, 2, value, fmts.get(kind))
    r = len(_inputs(sc)) + 3
    if sc.projects:
        header(ws, r, ["Named project", "Size", "Budget", "Year"])
        for p in sc.projects:
            r += 1
            put(ws, r, 1, p.name)
            put(ws, r, 2, p.size)
            put(ws, r, 3, p.budget if p.budget is not None else "typical for size", MONEY)
            put(ws, r, 4, p.start_year, "0")
    ws.freeze_panes = "A2"
    widths(ws, [40, 26, 16, 8])

    # Results --------------------------------------------------------------------------
    ws = wb.create_sheet("Results")
    labels = ["Option", "Upfront"] + [f"Year {i + 1}" for i in range(sc.years)]
    header(ws, 1, [*labels, "Total", "NPV", "Per employee a year", "Option id"])
    for i, o in enumerate(comparison.options, start=2):
        put(ws, i, 1, o.name, font=bold if o.id == comparison.recommended else None)
        values = [o.upfront, *o.yearly_cost, o.total, o.npv, o.cost_per_employee_year]
        for j, v in enumerate(values, start=2):
            put(ws, i, j, v, MONEY)
        put(ws, i, len(values) + 2, o.id)
    note_row = len(comparison.options) + 3
    put(
        ws,
        note_row,
        1,
        f"NPV: upfront plus each year's cost discounted at "
        f"{comparison.discount_rate:.1%} a year. Costs in nominal US dollars.",
    )
    ws.freeze_panes = "B2"
    widths(ws, [36] + [14] * (sc.years + 4) + [16])

    # Breakdown ------------------------------------------------------------------------
    ws = wb.create_sheet("Breakdown")
    header(
        ws,
        1,
        ["Option", "Category", "Upfront"] + [f"Year {i + 1}" for i in range(sc.years)] + ["Total"],
    )
    r = 1
    for o in comparison.options:
        for cat in vm.CATEGORIES:
            r += 1
            put(ws, r, 1, o.name)
            put(ws, r, 2, vm.CATEGORY_LABELS[cat])
            vals = [o.upfront_breakdown.get(cat, 0.0), *o.breakdown[cat]]
            for j, v in enumerate([*vals, sum(vals)], start=3):
                put(ws, r, j, v, MONEY)
    ws.freeze_panes = "C2"
    widths(ws, [36, 20] + [14] * (sc.years + 2))

    # Assumptions ----------------------------------------------------------------------
    ws = wb.create_sheet("Assumptions")
    header(
        ws,
        1,
        [
            "Key",
            "Assumption",
            "Group",
            "Value used",
            "Default",
            "Unit",
            "Low",
            "High",
            "Changed",
            "Source",
            "Year",
            "Estimate",
            "Notes",
        ],
    )
    for i, row in enumerate(_rows(comparison, assumptions_rows), start=2):
        unit = row["unit"]
        if _is_pct(unit):
            fmt = PCT
        elif unit.startswith("USD"):
            nums = (row["value"], row["default"], row["low"], row["high"])
            fmt = MONEY if all(float(x).is_integer() for x in nums) else MONEY_CENTS
        else:
            fmt = "General"
        put(ws, i, 1, row["key"])
        put(ws, i, 2, row["label"])
        put(ws, i, 3, row.get("group") or "")
        for j, k in ((4, "value"), (5, "default"), (7, "low"), (8, "high")):
            put(ws, i, j, float(row[k]), fmt)
        put(ws, i, 6, unit)
        put(ws, i, 9, "changed" if row["value"] != row["default"] else "")
        put(ws, i, 10, row.get("source") or ("Estimate" if row.get("estimate") else ""))
        put(ws, i, 11, str(row.get("year") or ""))
        put(ws, i, 12, "yes" if row.get("estimate") else "no")
        put(ws, i, 13, row.get("notes") or "")
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:M{ws.max_row}"
    widths(ws, [28, 40, 18, 12, 12, 18, 12, 12, 10, 50, 12, 9, 60])

    wb.properties.title = f"IT leadership options for {safe_text(_who(sc))}"
    wb.properties.creator = safe_text(brand.msp_name)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------- PDF
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
    paper: str = pdf.DEFAULT_PAPER,
) -> bytes | None:
    """The HTML report printed to a PDF (US Letter, or ``paper="a4"``) by headless Chromium, under
    ``pdf.html_to_pdf``'s limits; None when Chromium is missing.

    Charts are drawn by Plotly in the page before printing (a virtual-time budget lets the scripts
    finish). Raises ``ReportError`` when Chromium runs but produces no PDF, is stopped at the memory
    or time cap, or every print slot is busy (``ReportBusy``).
    """
    ok, _ = pdf_available()
    if not ok:
        return None
    page = html_report(comparison, brand, assumptions_rows, created, for_print=True)
    try:
        return pdf.html_to_pdf(page, paper=paper, timeout=timeout)
    except pdf.PdfBusy as e:
        raise ReportBusy(str(e)) from None
    except pdf.PdfError as e:
        raise ReportError(str(e)) from None


def report_file_name(comparison: vm.Comparison, ext: str, created: date | None = None) -> str:
    """``acme-accounting-it-options-2026-11-25.pdf``"""
    company = comparison.scenario.company.lower()
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in company)
    slug = "-".join(p for p in slug.split("-") if p)[:40]
    return f"{slug + '-' if slug else ''}it-options-{_when(created).isoformat()}.{ext}"
