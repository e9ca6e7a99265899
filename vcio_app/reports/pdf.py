"""The leave-behind as a PDF, made in this process with ReportLab (pure Python, BSD licence).

No browser and no print queue: a PDF of the default 3 pages takes a fraction of a second and a few
MB, and the app and the command line make the same file. The content is :mod:`.brief`'s (and, on
request, the appendix: the inputs and every assumption with its source). Charts are simple vector
drawings. Every page carries who prepared it, for whom, the date and "Page n of N".

User text reaches ReportLab's paragraphs escaped (its markup cannot be injected) and cleaned of
invisible format characters (:func:`.brief.clean`). A raster logo is drawn from the brand's checked
data URL; an SVG logo is left out (the brand name stands in its place). Standard PDF fonts
(Helvetica) unless some text needs characters they lack, then Liberation Sans or DejaVu Sans where
the system has them. reportlab is imported only when a PDF is made.
"""

from __future__ import annotations

import base64
import io
import os
from functools import lru_cache
from xml.sax.saxutils import escape

from . import brief as bf
from . import content as ct
from . import detail as dt

PAPER_POINTS = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}
MARGIN = 50.0
GREY = "#5b6573"
_TTF_CANDIDATES = (
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)  # fmt: skip


def _needs_unicode(texts) -> bool:
    for t in texts:
        try:
            str(t).encode("cp1252")
        except UnicodeEncodeError:
            return True
    return False


@lru_cache(maxsize=2)
def _fonts(unicode: bool) -> tuple[str, str]:
    """(regular, bold) font names: Helvetica, or a TrueType font when text needs more glyphs."""
    if unicode:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for regular, bold in _TTF_CANDIDATES:
            if os.path.isfile(regular) and os.path.isfile(bold):
                pdfmetrics.registerFont(TTFont("Report", regular))
                pdfmetrics.registerFont(TTFont("Report-Bold", bold))
                return "Report", "Report-Bold"
    return "Helvetica", "Helvetica-Bold"


def _fit(text: str, unicode_ok: bool) -> str:
    """Text the chosen font can print: without a TrueType font, characters Helvetica lacks become
    "?" (never a black box or an error)."""
    if unicode_ok:
        return text
    return str(text).encode("cp1252", "replace").decode("cp1252")


def _logo_image(logo: str):
    """A raster logo from the brand's data URL, or None (SVG, unreadable, or none)."""
    if not logo.startswith(("data:image/png;base64,", "data:image/jpeg;base64,")):
        return None
    try:
        from reportlab.lib.utils import ImageReader

        return ImageReader(io.BytesIO(base64.b64decode(logo.split(",", 1)[1], validate=True)))
    except Exception:  # noqa: BLE001 - a logo that cannot be read is left out, never fatal
        return None


# ---------------------------------------------------------------------------------- charts
def _bar_chart(rows, width: float, fonts, accent: str, unicode_ok: bool):
    """Horizontal bars: (label, value, value text, singled out) per row, lowest first."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors

    bar, gap, label_w = 14.0, 7.0, 175.0
    height = len(rows) * (bar + gap) + 4
    d = Drawing(width, height)
    top = max(v for _, v, _, _ in rows) or 1.0
    span = width - label_w - 60
    for i, (label, value, text, out) in enumerate(rows):
        y = height - (i + 1) * (bar + gap)
        fill = colors.HexColor(accent) if out else colors.HexColor("#b8c2cf")
        w = max(1.0, span * value / top)
        d.add(Rect(label_w, y, w, bar, fillColor=fill, strokeColor=None))
        font = fonts[1] if out else fonts[0]
        d.add(String(label_w - 6, y + 4, _fit(label, unicode_ok), fontName=font, fontSize=8.5,
                     textAnchor="end"))  # fmt: skip
        d.add(String(label_w + w + 4, y + 4, text, fontName=font, fontSize=8.5))
    return d


def _range_chart(sim_rows, width: float, fonts, accent: str, unicode_ok: bool):
    """Low-to-high bar (P10 to P90) with the middle (P50) as a dot, one row per option."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
    from reportlab.lib import colors

    bar, gap, label_w = 10.0, 9.0, 175.0
    height = len(sim_rows) * (bar + gap) + 18
    d = Drawing(width, height)
    lo = min(r[1] for r in sim_rows)
    hi = max(r[3] for r in sim_rows) or 1.0
    lo = max(0.0, lo - (hi - lo) * 0.05)
    span = width - label_w - 20

    def x(v: float) -> float:
        return label_w + span * (v - lo) / ((hi - lo) or 1.0)

    for i, (label, p10, p50, p90, out) in enumerate(sim_rows):
        y = height - 14 - (i + 1) * (bar + gap) + gap
        col = colors.HexColor(accent) if out else colors.HexColor("#b8c2cf")
        d.add(Rect(x(p10), y, max(1.0, x(p90) - x(p10)), bar, fillColor=col, strokeColor=None))
        d.add(Circle(x(p50), y + bar / 2, 3.2, fillColor=colors.white, strokeColor=colors.black,
                     strokeWidth=0.8))  # fmt: skip
        d.add(String(label_w - 6, y + 2, _fit(label, unicode_ok), fontName=fonts[0], fontSize=8.5,
                     textAnchor="end"))  # fmt: skip
    for v in (lo, (lo + hi) / 2, hi):  # a light scale along the top
        d.add(Line(x(v), height - 12, x(v), 0, strokeColor=colors.HexColor("#e3e7ee"),
                   strokeWidth=0.5))  # fmt: skip
        d.add(String(x(v), height - 9, bf.money3(v), fontName=fonts[0], fontSize=7.5,
                     textAnchor="middle", fillColor=colors.HexColor(GREY)))  # fmt: skip
    return d


# ---------------------------------------------------------------------------------- document
def pdf_bytes(
    b: bf.Brief,
    *,
    paper: str = "letter",
    appendix: list[dict] | None = None,
    inputs: list[tuple[str, str]] | None = None,
    internal: list[str] | None = None,
    logo: str = "",
) -> bytes:
    """The leave-behind ``b`` as PDF bytes on ``paper`` ("letter" or "a4").

    ``appendix``: assumption rows (label, value, range, source, note, changed) to add after the
    leave-behind, with ``inputs`` (label, value) before them; ``internal``: the sales team's notes
    (only from the unlocked sales view).
    """
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        KeepTogether,
        ListFlowable,
        ListItem,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    if paper not in PAPER_POINTS:
        raise ValueError(f"paper must be one of {', '.join(PAPER_POINTS)}, got {str(paper)[:20]!r}")
    everything = [b.title, b.prepared_by, b.contact, b.verdict, *b.decides, *b.changes]
    everything += [o.name for o in b.options] + [str(r) for r in appendix or []]
    everything += [str(v) for _, v in inputs or []] + list(internal or [])
    fonts = _fonts(_needs_unicode(everything))
    uni = fonts[0] != "Helvetica"
    regular, bold = fonts
    accent = colors.HexColor(b.accent)
    grey = colors.HexColor(GREY)

    def style(name, size, font=None, color=colors.black, lead=None, **kw):
        return ParagraphStyle(name, fontName=font or regular, fontSize=size,
                              leading=lead or size * 1.3, textColor=color, alignment=TA_LEFT, **kw)  # fmt: skip

    s_title = style("title", 20, bold, lead=24, spaceAfter=4)
    s_meta = style("meta", 9, color=grey, spaceAfter=10)
    s_label = style("label", 15, bold, accent, lead=19, spaceAfter=4)
    s_body = style("body", 10, spaceAfter=5)
    s_small = style("small", 8.5, color=grey, spaceAfter=4)
    s_h2 = style("h2", 13, bold, accent, spaceBefore=10, spaceAfter=5)
    s_cell = style("cell", 8.5, lead=10.5)
    s_cell_b = style("cellb", 8.5, bold, lead=10.5)
    s_tiny = style("tiny", 7, lead=8.5)

    def p(text: str, st=s_body) -> Paragraph:
        return Paragraph(escape(_fit(text, uni)), st)

    def bullets(items: list[str]) -> ListFlowable:
        return ListFlowable(
            [ListItem(p(t), leftIndent=12, value="•") for t in items],
            bulletType="bullet", start="•", leftIndent=12, bulletFontName=regular,
        )  # fmt: skip

    def table(rows, widths, head=True, bold_rows=(), font_size=8.5):
        t = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
        cmds = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), regular),
            ("FONTSIZE", (0, 0), (-1, -1), font_size),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#e3e7ee")),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if head:
            cmds += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f6fa")),
                     ("FONTNAME", (0, 0), (-1, 0), bold)]  # fmt: skip
        for r in bold_rows:
            cmds += [("BACKGROUND", (0, r), (-1, r), colors.HexColor("#eef7ee")),
                     ("FONTNAME", (0, r), (-1, r), bold)]  # fmt: skip
        t.setStyle(TableStyle(cmds))
        return t

    page_w, page_h = PAPER_POINTS[paper]
    width = page_w - 2 * MARGIN
    made = ct.date_words(b.made)
    story = [
        p(b.title, s_title),
        p(
            f"Prepared for {b.prepared_for} by {b.prepared_by} · {made} · costs in US dollars, "
            "in today's money",
            s_meta,
        ),  # fmt: skip
        p(b.verdict_label, s_label),
        p(b.verdict),
        Paragraph(f"<b>How sure:</b> {escape(_fit(b.sure, uni))}", s_body),
    ]
    story += [Paragraph(f"<b>Check the inputs:</b> {escape(_fit(w, uni))}", s_body)
              for w in b.warnings]  # fmt: skip
    # What each option costs: chart and table
    rows = [(o.name, o.npv, o.npv_text, o.singled_out) for o in b.options]
    head = ["Option", "Over the years, today's money", "Per employee a year", "Against the lowest"]
    trows = [[Paragraph(escape(h), s_cell_b) for h in head]]
    trows += [[p(o.name, s_cell_b if o.singled_out else s_cell), o.npv_text,
               o.per_employee_text, o.standing] for o in b.options]  # fmt: skip
    out_rows = [i + 1 for i, o in enumerate(b.options) if o.singled_out]
    story += [
        p("What each option costs", s_h2),
        p(f"{b.situation} {b.cost_note}", s_small),
        _bar_chart(rows, width, fonts, b.accent, uni),
        Spacer(1, 6),
        table(trows, [width * 0.40, width * 0.22, width * 0.18, width * 0.20], bold_rows=out_rows),
        KeepTogether([p(b.decides_heading, s_h2), bullets(b.decides)]),
        KeepTogether(
            [
                p("What would change the verdict", s_h2),
                Paragraph(f"<b>{escape(_fit(b.change_takeaway, uni))}</b>", s_body),
                *([bullets(b.changes)] if b.changes else []),
            ]
        ),  # fmt: skip
    ]
    look = b.extra.get("outlook")
    single = {o.name for o in b.options if o.singled_out}
    if look is not None:
        sim_rows = [(r.name, r.p10, r.p50, r.p90, r.name in single) for r in look.risk.itertuples()]
        rrows = [[Paragraph(escape(h), s_cell_b) for h in
                  ("Option", "Low", "Middle", "High", "Lowest in")]]  # fmt: skip
        rrows += [
            [p(n, s_cell), lo, mid, hi, f"{pc} of futures"] for n, lo, mid, hi, pc in b.ranges
        ]
        story.append(KeepTogether([
            p("How sure: the likely range of each option's cost", s_h2),
            p(b.range_note, s_small),
            _range_chart(sim_rows, width, fonts, b.accent, uni),
            Spacer(1, 4),
            table(rrows, [width * 0.40, width * 0.13, width * 0.13, width * 0.13, width * 0.21]),
        ]))  # fmt: skip
    money_not = b.extra.get("non_cost") or []
    if money_not:
        nrows = [[Paragraph(escape(h), s_cell_b) for h in
                  ("Option", "Hours of cover a week", "Single point of failure",
                   "Capacity for strategy and projects")]]  # fmt: skip
        nrows += [[p(c, s_cell) for c in r] for r in money_not]
        story.append(KeepTogether([
            p("What the money does not show", s_h2),
            table(nrows, [width * 0.22, width * 0.22, width * 0.28, width * 0.28]),
        ]))  # fmt: skip
    story.append(Spacer(1, 8))
    step = Table([[Paragraph(f"<b>{escape(_fit(b.next_step, uni))}</b>", s_body)]], [width])
    step.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, accent),
                              ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f6fa")),
                              ("TOPPADDING", (0, 0), (-1, -1), 8),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))  # fmt: skip
    story.append(step)
    if inputs or appendix:
        story.append(PageBreak())
    if inputs:
        story.append(p("Appendix: the inputs", s_h2))
        story.append(
            table([[p(k, s_cell_b), p(v, s_cell)] for k, v in inputs], [width * 0.4, width * 0.6],
                  head=False)
        )  # fmt: skip
    if appendix:
        story += [
            p("Appendix: every assumption and its source", s_h2),
            p(
                'Values that differ from the published defaults are marked "changed". "Estimate": '
                "no published figure; the note says what it rests on.",
                s_small,
            ),  # fmt: skip
        ]
        arows = [[Paragraph(escape(h), s_cell_b) for h in
                  ("Assumption", "Value", "Plausible range", "Source", "Note")]]  # fmt: skip
        for r in appendix:
            value = r["value"] + (f" (changed; default {r['default']})" if r.get("changed") else "")
            arows.append([p(r["label"], s_tiny), p(value, s_tiny), p(r["range"], s_tiny),
                          p(r["source"], s_tiny), p(r["note"], s_tiny)])  # fmt: skip
        story.append(table(arows, [width * f for f in (0.22, 0.12, 0.16, 0.26, 0.24)],
                           font_size=7))  # fmt: skip
    if internal:
        story += [p("Internal notes (sales team only: do not send)", s_h2), bullets(internal)]

    footer_left = _fit(f"Prepared for {b.prepared_for} by {b.prepared_by}", uni)
    contact = _fit(b.contact, uni)
    brand_name = _fit(b.prepared_by, uni)
    image = _logo_image(logo)

    def chrome(canvas, doc):
        canvas.saveState()
        canvas.setStrokeColor(accent)
        canvas.setLineWidth(3)
        canvas.line(MARGIN, page_h - MARGIN + 12, page_w - MARGIN, page_h - MARGIN + 12)
        x = MARGIN
        if image is not None:
            iw, ih = image.getSize()
            h = 22.0
            w = min(120.0, iw * h / max(ih, 1))
            canvas.drawImage(image, x, page_h - MARGIN + 18, w, h, preserveAspectRatio=True,
                             mask="auto")  # fmt: skip
            x += w + 8
        canvas.setFont(bold, 10)
        canvas.setFillColor(accent)
        canvas.drawString(x, page_h - MARGIN + 20, brand_name[:70])
        canvas.setFont(regular, 8.5)
        canvas.setFillColor(grey)
        if contact:
            canvas.drawRightString(page_w - MARGIN, page_h - MARGIN + 20, contact[:90])
        canvas.drawString(MARGIN, MARGIN - 26, f"{footer_left[:90]} · {made}")
        canvas.restoreState()

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=(page_w, page_h), leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN, bottomMargin=MARGIN, title=_fit(b.title, uni),
        author=_fit(b.prepared_by, uni), subject="IT leadership options", creator=ct.PRODUCT_NAME,
        invariant=1,
    )  # fmt: skip
    doc.build(story, onFirstPage=chrome, onLaterPages=chrome, canvasmaker=_numbered(regular))
    return out.getvalue()


def _numbered(font: str):
    """A canvas that writes "Page n of N" on every page once the number of pages is known."""
    from reportlab.pdfgen.canvas import Canvas

    class Numbered(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for n, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                w, _h = self._pagesize
                self.setFont(font, 8.5)
                self.setFillGray(0.35)
                self.drawRightString(w - MARGIN, MARGIN - 26, f"Page {n} of {total}")
                super().showPage()
            super().save()

    return Numbered


def warm_up() -> None:
    """Import what a PDF needs and make one for the default scenario (fonts and metrics cached)."""
    import vcio_model as vm

    c = vm.compare(vm.Scenario())
    rows = ct.assumption_rows(c, None)
    appendix = dt.appendix_rows(rows, ct.presenter(None), frozenset())
    pdf_bytes(bf.build(c), appendix=appendix, inputs=dt.input_rows(c.scenario))


def page_count(data: bytes) -> int:
    """Pages in a PDF made here (its page objects)."""
    import re

    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


__all__ = ["PAPER_POINTS", "page_count", "pdf_bytes"]
