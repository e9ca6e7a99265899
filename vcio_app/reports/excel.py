"""The Excel report: Summary, Inputs, Results, Breakdown, Risk and Assumptions sheets.

Every sheet is for the customer: plain column names, no internal keys or ids. Text never becomes
a formula (OWASP CSV/formula injection): it is written as text, and text that starts like a
formula gets a leading apostrophe.
"""

from __future__ import annotations

import io
from datetime import date

import vcio_model as vm
from vcio_app.brand import Brand

from . import content as ct

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
MONEY = "$#,##0"
MONEY_CENTS = "$#,##0.00"
PCT = "0.0%"
PCT0 = "0%"


def safe_text(value: object) -> str:
    """Text for a spreadsheet cell that can never run as a formula (OWASP CSV/formula injection)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


class _Sheets:
    """Small helpers over an openpyxl workbook in the report's style."""

    def __init__(self, accent: str):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        self.wb = Workbook()
        self.Alignment, self.Font = Alignment, Font
        self.head_font = Font(bold=True, color="FFFFFF")
        self.head_fill = PatternFill("solid", fgColor=accent.lstrip("#").upper())
        self.bold = Font(bold=True)

    def put(self, ws, row, col, value, fmt=None, font=None):
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

    def header(self, ws, row, labels):
        for j, label in enumerate(labels, start=1):
            c = self.put(ws, row, j, label, font=self.head_font)
            c.fill = self.head_fill
            c.alignment = self.Alignment(wrap_text=True, vertical="top")

    def text_row(self, ws, row, text, cols=6, height=None, font=None):
        """A line of prose across ``cols`` columns, wrapped."""
        self.put(ws, row, 1, text, font=font)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=cols)
        ws.cell(row=row, column=1).alignment = self.Alignment(wrap_text=True, vertical="top")
        if height:
            ws.row_dimensions[row].height = height

    @staticmethod
    def widths(ws, sizes):
        for j, w in enumerate(sizes, start=1):
            ws.column_dimensions[ws.cell(row=1, column=j).column_letter].width = w


def excel_report(
    comparison: vm.Comparison,
    brand: Brand | None = None,
    assumptions_rows: list[dict] | None = None,
    created: date | None = None,
    *,
    simulation=None,
    sensitivity=None,
    internal: bool = False,
    rate_card=None,
) -> bytes:
    """An .xlsx workbook: Summary, Inputs, Results (by year and option), Breakdown, Risk,
    Assumptions; with ``internal`` (the sales view only) an Internal notes sheet as well."""
    who = ct.presenter(brand)
    sc = comparison.scenario
    look = ct.outlook(comparison, simulation, sensitivity)
    x = _Sheets(who.accent)
    put, bold, Font = x.put, x.bold, x.Font
    chance = dict(zip(look.risk["option"], look.risk["p_cheapest"], strict=True))

    # Summary --------------------------------------------------------------------------
    ws = x.wb.active
    ws.title = "Summary"
    put(ws, 1, 1, ct.title(sc), font=Font(bold=True, size=16))
    put(ws, 2, 1, "Prepared for")
    put(ws, 2, 2, sc.company or "(company not given)", font=bold)
    put(ws, 3, 1, "Prepared by" if who.branded else "Prepared with")
    put(ws, 3, 2, who.name + (f" · {who.contact}" if who.contact else ""))
    put(ws, 4, 1, "Date")
    put(ws, 4, 2, ct.when(created), fmt="d mmmm yyyy").alignment = x.Alignment(horizontal="left")
    put(ws, 5, 1, "Model version")
    put(ws, 5, 2, vm.__version__)
    x.text_row(ws, 7, comparison.verdict, height=48, font=Font(bold=True, size=12))
    x.text_row(ws, 8, f"How sure: {look.certainty.sentence}", height=32)
    r = 9
    for warning in comparison.warnings:  # inputs far outside published bands
        x.text_row(ws, r, f"Check the inputs: {warning}", height=32)
        r += 1
    for reason in comparison.reasons:
        put(ws, r, 1, f"• {reason}")
        r += 1
    r += 1
    x.header(
        ws,
        r,
        [
            "Option",
            f"In today's money (NPV), {vm.plural(sc.years, 'year')}",
            "Total (not discounted)",
            "Per employee a year",
            "Cheapest in (simulated futures)",
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
        put(ws, r, 5, float(chance.get(o.id, 0.0)), PCT0, f)
        put(ws, r, 6, "Cheapest" if win else "", font=f)
    x.widths(ws, [38, 24, 22, 20, 18, 12])

    # Inputs ---------------------------------------------------------------------------
    ws = x.wb.create_sheet("Inputs")
    x.header(ws, 1, ["Input", "Value"])
    fmts = {"money": MONEY, "pct": PCT, "int": "#,##0", "num": "0.0#"}
    rows = ct.inputs(sc)
    for i, (label, value, kind) in enumerate(rows, start=2):
        put(ws, i, 1, label)
        put(ws, i, 2, value, fmts.get(kind))
    r = len(rows) + 3
    if sc.projects:
        x.header(ws, r, ["Named project", "Size", "Budget", "Year"])
        for p in sc.projects:
            r += 1
            put(ws, r, 1, p.name)
            put(ws, r, 2, p.size)
            put(ws, r, 3, p.budget if p.budget is not None else "typical for size", MONEY)
            put(ws, r, 4, p.start_year, "0")
    ws.freeze_panes = "A2"
    x.widths(ws, [40, 26, 16, 8])

    # Results --------------------------------------------------------------------------
    ws = x.wb.create_sheet("Results")
    labels = ["Option", "Upfront"] + [f"Year {i + 1}" for i in range(sc.years)]
    x.header(ws, 1, [*labels, "Total", "NPV", "Per employee a year"])
    for i, o in enumerate(comparison.options, start=2):
        put(ws, i, 1, o.name, font=bold if o.id == comparison.recommended else None)
        values = [o.upfront, *o.yearly_cost, o.total, o.npv, o.cost_per_employee_year]
        for j, v in enumerate(values, start=2):
            put(ws, i, j, v, MONEY)
    note_row = len(comparison.options) + 3
    put(
        ws,
        note_row,
        1,
        f"NPV (net present value, today's money): upfront plus each year's cost discounted at "
        f"{comparison.discount_rate:.1%} a year. Costs in nominal US dollars.",
    )
    ws.freeze_panes = "B2"
    x.widths(ws, [36] + [14] * (sc.years + 4))

    # Breakdown ------------------------------------------------------------------------
    ws = x.wb.create_sheet("Breakdown")
    x.header(
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
    x.widths(ws, [36, 20] + [14] * (sc.years + 2))

    # Risk -----------------------------------------------------------------------------
    ws = x.wb.create_sheet("Risk")
    put(ws, 1, 1, "How sure: the range of outcomes", font=Font(bold=True, size=14))
    x.text_row(ws, 2, look.certainty.sentence, height=32, font=bold)
    x.text_row(ws, 3, look.words, height=48)
    x.header(ws, 5, ["Option", "Low (P10)", "Middle (P50)", "High (P90)", "Cheapest in"])
    r = 5
    for row in look.risk.itertuples():
        r += 1
        f = bold if row.option == comparison.recommended else None
        put(ws, r, 1, row.name, font=f)
        for j, v in enumerate((row.p10, row.p50, row.p90), start=2):
            put(ws, r, j, float(v), MONEY, f)
        put(ws, r, 5, float(row.p_cheapest), PCT0, f)
    r += 2
    put(ws, r, 1, "What could change the answer", font=Font(bold=True, size=14))
    r += 1
    x.text_row(ws, r, ct.flips_sentence(look, comparison), height=48)
    r += 1
    head = "Could change the verdict" if look.flips else "Effect on the lead"
    x.header(ws, r, ["Assumption", "Value used", head])
    for item in look.flips or look.movers:
        r += 1
        put(ws, r, 1, item["label"])
        put(ws, r, 2, item["value"])
        put(ws, r, 3, item["change"][0].upper() + item["change"][1:])
    x.widths(ws, [44, 16, 70, 16, 18, 12])

    # Assumptions ----------------------------------------------------------------------
    ws = x.wb.create_sheet("Assumptions")
    x.header(
        ws,
        1,
        [
            "Assumption",
            "Group",
            "Value used",
            "Default",
            "Unit",
            "Low",
            "High",
            "Changed",
            "Source",
            "Estimate",
            "Note",
        ],  # fmt: skip
    )
    rows = ct.assumption_rows(comparison, assumptions_rows)
    card_keys = ct.priced_keys(rows, rate_card)
    for i, row in enumerate(rows, start=2):
        unit = row["unit"]
        if ct.is_pct(unit):
            fmt = PCT
        elif unit.startswith("USD"):
            nums = (row["value"], row["default"], row["low"], row["high"])
            fmt = MONEY if all(float(v).is_integer() for v in nums) else MONEY_CENTS
        else:
            fmt = "General"
        put(ws, i, 1, row["label"])
        put(ws, i, 2, row.get("group") or "")
        for j, k in ((3, "value"), (4, "default"), (6, "low"), (7, "high")):
            put(ws, i, j, float(row[k]), fmt)
        put(ws, i, 5, unit)
        put(ws, i, 8, "changed" if row["value"] != row["default"] else "")
        put(ws, i, 9, ct.source_text(row, who, card_keys))
        put(ws, i, 10, "yes" if row.get("estimate") else "no")
        put(ws, i, 11, ct.customer_note(row))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:K{ws.max_row}"
    x.widths(ws, [40, 18, 12, 12, 18, 12, 12, 10, 50, 9, 60])

    if internal:
        ws = x.wb.create_sheet("Internal notes")
        put(ws, 1, 1, "Internal notes: sales team only, do not send", font=Font(bold=True))
        r = 2
        if who.internal_notes:
            put(ws, r, 1, "Brand")
            put(ws, r, 2, who.internal_notes)
            r += 1
        labels = vm.load_assumptions().items
        for key, note in sorted(getattr(rate_card, "internal_notes", {}).items()):
            if note:
                put(ws, r, 1, labels[key].label if key in labels else key)
                put(ws, r, 2, note)
                r += 1
        x.widths(ws, [44, 80])

    x.wb.properties.title = safe_text(ct.title(sc))
    x.wb.properties.creator = safe_text(who.name)
    buf = io.BytesIO()
    x.wb.save(buf)
    return buf.getvalue()
