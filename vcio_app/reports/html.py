"""The HTML leave-behind: one self-contained page, the PDF's content (:mod:`.brief`) in HTML.

No script and nothing loaded from outside: the two charts are inline SVG drawn here, so the file
is small, opens offline in any browser and prints as it shows (each printed page numbered where the
browser supports page margin boxes). The appendix (inputs, every assumption with its source) only
when asked for.
"""

from __future__ import annotations

import html
from datetime import date

import vcio_model as vm
from vcio_app.brand import Brand

from . import brief as bf
from . import content as ct
from . import detail as dt

_CSS = """
*{box-sizing:border-box}
body{font-family:"Source Sans Pro","Segoe UI",Helvetica,Arial,sans-serif;color:#1c2430;margin:0;
  background:#fff;line-height:1.45;font-size:16px}
main{max-width:900px;margin:0 auto;padding:24px 32px 48px}
header.brand{display:flex;align-items:center;gap:16px;border-bottom:4px solid var(--accent);
  padding-bottom:10px;flex-wrap:wrap}
header.brand img{max-height:44px;max-width:200px}
header.brand .msp{font-weight:700;font-size:18px;color:var(--accent)}
header.brand .contact{margin-left:auto;color:#5b6573;font-size:14px;text-align:right}
h1{font-size:28px;margin:20px 0 4px;line-height:1.2}
h2{font-size:20px;margin:28px 0 8px;color:var(--accent);break-after:avoid;page-break-after:avoid}
.meta{color:#5b6573;font-size:14px;margin:0 0 14px}
.label{font-size:22px;font-weight:700;color:var(--accent);margin:12px 0 4px}
.sure{margin:4px 0 12px}
.caption{color:#5b6573;font-size:14px;margin:0 0 6px}
table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0}
.wide{overflow-x:auto}
th,td{padding:5px 8px;border-bottom:1px solid #e3e7ee;text-align:left;vertical-align:top}
th{background:#f3f6fa;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.win td{font-weight:700;background:#eef7ee}
tr,section,.chart{break-inside:avoid;page-break-inside:avoid}
svg{max-width:100%;height:auto;display:block}
.next{border:2px solid var(--accent);background:#f3f6fa;padding:10px 14px;font-weight:700;
  margin-top:24px}
.changed{color:#a14b00;font-weight:600}
.appendix{break-before:page;page-break-before:always}
.assumptions{font-size:12px}
.internal{border:2px dashed #a14b00;padding:8px 16px;margin-top:32px}
footer{margin-top:32px;border-top:1px solid #e3e7ee;padding-top:10px;color:#5b6573;font-size:13px}
@media (max-width:600px){main{padding:16px 12px 32px}h1{font-size:23px}.label{font-size:19px}}
@media print{
  main{max-width:none;padding:0}
  body{font-size:11.5px}
  h1{font-size:22px} h2{font-size:15px;margin-top:16px} .label{font-size:17px}
  table{font-size:10.5px} .assumptions{font-size:9px}
  .wide{overflow:visible}
  @page{margin:16mm 14mm 18mm;@bottom-right{content:"Page " counter(page) " of " counter(pages);
    font:10px Helvetica,Arial,sans-serif;color:#5b6573}}
}
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _bars_svg(b: bf.Brief) -> str:
    """Horizontal bars of each option's cost in today's money, the singled-out ones in colour."""
    bar, gap, label_w, width = 18, 8, 230, 720
    top = max(o.npv for o in b.options) or 1.0
    span = width - label_w - 80
    h = len(b.options) * (bar + gap)
    out = [f'<svg viewBox="0 0 {width} {h}" width="{width}" height="{h}" role="img" '
           'aria-label="Cost of each option in today\'s money">']  # fmt: skip
    for i, o in enumerate(b.options):
        y = i * (bar + gap)
        w = max(1.0, span * o.npv / top)
        fill = "var(--accent)" if o.singled_out else "#b8c2cf"
        weight = "700" if o.singled_out else "400"
        out.append(
            f'<text x="{label_w - 8}" y="{y + 13}" text-anchor="end" font-size="13" '
            f'font-weight="{weight}">{_e(o.name)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar}" fill="{fill}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 13}" font-size="13" '
            f'font-weight="{weight}">{_e(o.npv_text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _range_svg(b: bf.Brief) -> str:
    """Each option's likely range (low to high) with its middle as a dot."""
    look = b.extra["outlook"]
    single = {o.name for o in b.options if o.singled_out}
    rows = list(look.risk.itertuples())
    bar, gap, label_w, width = 12, 12, 230, 720
    lo = min(r.p10 for r in rows)
    hi = max(r.p90 for r in rows) or 1.0
    lo = max(0.0, lo - (hi - lo) * 0.05)
    span = width - label_w - 30

    def x(v: float) -> float:
        return label_w + span * (v - lo) / ((hi - lo) or 1.0)

    h = 20 + len(rows) * (bar + gap)
    out = [f'<svg viewBox="0 0 {width} {h}" width="{width}" height="{h}" role="img" '
           'aria-label="The likely range of each option\'s cost">']  # fmt: skip
    for v in (lo, (lo + hi) / 2, hi):
        out.append(
            f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="14" y2="{h}" stroke="#e3e7ee"/>'
            f'<text x="{x(v):.1f}" y="11" font-size="11" fill="#5b6573" '
            f'text-anchor="middle">{_e(bf.money3(v))}</text>'
        )
    for i, r in enumerate(rows):
        y = 20 + i * (bar + gap)
        fill = "var(--accent)" if r.name in single else "#b8c2cf"
        out.append(
            f'<text x="{label_w - 8}" y="{y + 11}" text-anchor="end" font-size="13">'
            f"{_e(r.name)}</text>"
            f'<rect x="{x(r.p10):.1f}" y="{y}" width="{max(1.0, x(r.p90) - x(r.p10)):.1f}" '
            f'height="{bar}" fill="{fill}"/>'
            f'<circle cx="{x(r.p50):.1f}" cy="{y + bar / 2}" r="4.5" fill="#fff" stroke="#000"/>'
        )
    out.append("</svg>")
    return "".join(out)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(t)}</li>" for t in items) + "</ul>"


def html_report(
    comparison: vm.Comparison,
    brand: Brand | None = None,
    assumptions_rows: list[dict] | None = None,
    created: date | None = None,
    *,
    appendix: bool = False,
    for_print: bool = False,
    simulation=None,
    sensitivity=None,
    internal: bool = False,
    rate_card=None,
) -> str:
    """The leave-behind as one self-contained HTML page (what the PDF says, see :mod:`.brief`).

    ``appendix`` adds the inputs and every assumption with its source. ``simulation`` /
    ``sensitivity``: the app's cached results for this scenario, to reuse. ``internal`` (the sales
    view only) adds the brand's and the rate card's internal notes; a visitor's report never has
    them. ``for_print`` is accepted for older callers (the page prints as it shows).
    """
    from . import cited_card

    who = ct.presenter(brand)
    b = bf.build(comparison, brand, created, simulation, sensitivity)
    made = ct.date_words(b.made)
    logo = f'<img src="{_e(who.logo)}" alt="{_e(b.prepared_by)}">' if who.logo else ""
    contact = f'<div class="contact">{_e(b.contact)}</div>' if b.contact else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(b.title)}</title>",
        f"<style>:root{{--accent:{who.accent}}}{_CSS}</style>",
        "</head><body><main>",
        f'<header class="brand">{logo}<div class="msp">{_e(b.prepared_by)}</div>{contact}</header>',
        f"<h1>{_e(b.title)}</h1>",
        f'<p class="meta">Prepared for <strong>{_e(b.prepared_for)}</strong> by '
        f"{_e(b.prepared_by)} · {_e(made)} · costs in US dollars, in today's money</p>",
        f'<p class="label">{_e(b.verdict_label)}</p>',
        f'<p class="verdict">{_e(b.verdict)}</p>',
        f'<p class="sure"><strong>How sure:</strong> {_e(b.sure)}</p>',
    ]
    parts += [f'<p class="sure"><strong>Check the inputs:</strong> {_e(w)}</p>' for w in b.warnings]
    rows = "".join(
        f"<tr{' class=win' if o.singled_out else ''}><td>{_e(o.name)}</td>"
        f'<td class="n">{_e(o.npv_text)}</td><td class="n">{_e(o.per_employee_text)}</td>'
        f'<td class="n">{_e(o.standing)}</td></tr>'
        for o in b.options
    )
    parts += [
        '<section class="chart"><h2>What each option costs</h2>',
        f'<p class="caption">{_e(b.situation)} {_e(b.cost_note)}</p>{_bars_svg(b)}</section>',
        '<div class="wide"><table class="options"><thead><tr><th>Option</th>'
        "<th class=n>Over the years, today's money</th><th class=n>Per employee a year</th>"
        f"<th class=n>Against the lowest</th></tr></thead><tbody>{rows}</tbody></table></div>",
        f"<section><h2>{_e(b.decides_heading)}</h2>{_list(b.decides)}</section>",
        "<section><h2>What would change the verdict</h2>",
        f"<p><strong>{_e(b.change_takeaway)}</strong></p>",
        (_list(b.changes) if b.changes else "") + "</section>",
    ]
    ranges = "".join(
        f"<tr><td>{_e(n)}</td><td class=n>{_e(lo)}</td><td class=n>{_e(mid)}</td>"
        f"<td class=n>{_e(hi)}</td><td class=n>{_e(pc)} of futures</td></tr>"
        for n, lo, mid, hi, pc in b.ranges
    )
    parts += [
        '<section class="chart"><h2>How sure: the likely range of each option\'s cost</h2>',
        f'<p class="caption">{_e(b.range_note)}</p>{_range_svg(b)}</section>',
        '<div class="wide"><table class="risk"><thead><tr><th>Option</th><th class=n>Low</th>'
        "<th class=n>Middle</th><th class=n>High</th><th class=n>Lowest in</th></tr></thead>"
        f"<tbody>{ranges}</tbody></table></div>",
    ]
    non_cost = "".join(
        "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>"
        for r in dt.non_cost_rows(comparison)
    )
    parts += [
        '<section><h2>What the money does not show</h2><div class="wide"><table><thead><tr>'
        "<th>Option</th><th>Hours of cover a week</th><th>Single point of failure</th>"
        f"<th>Capacity for strategy and projects</th></tr></thead><tbody>{non_cost}</tbody>"
        "</table></div></section>",
        f'<p class="next">{_e(b.next_step)}</p>',
    ]
    if appendix:
        rows_used = ct.assumption_rows(comparison, assumptions_rows)
        keys = ct.priced_keys(rows_used, cited_card(rate_card, brand))
        parts.append(_appendix(comparison.scenario, dt.appendix_rows(rows_used, who, keys)))
    if internal:
        parts.append(
            '<section class="internal"><h2>Internal notes (sales team only: do not send)</h2>'
            f"{_list(dt.internal_notes(who, rate_card))}</section>"
        )
    contact_text = f" · {_e(b.contact)}" if b.contact else ""
    parts.append(
        f"<footer>Prepared for {_e(b.prepared_for)} by {_e(b.prepared_by)}{contact_text} · "
        f"{_e(made)}. Figures from {_e(ct.PRODUCT_WORDS)}, model version {_e(vm.__version__)}."
        + ("" if appendix else " Every assumption with its source: ask for the appendix.")
        + "</footer></main></body></html>"
    )
    return "\n".join(parts)


def _appendix(sc: vm.Scenario, rows: list[dict]) -> str:
    inputs = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in dt.input_rows(sc))
    out = [
        '<section class="appendix"><h2>Appendix: the inputs</h2>',
        f"<table><tbody>{inputs}</tbody></table></section>",
        "<h2>Appendix: every assumption and its source</h2>",
        '<p class="caption">Values that differ from the published defaults are marked '
        '<span class="changed">changed</span>. "Estimate": no published figure; the note says '
        "what it rests on.</p>",
        '<div class="wide"><table class="assumptions"><thead><tr><th>Assumption</th>'
        "<th class=n>Value</th><th>Plausible range</th><th>Source</th><th>Note</th></tr></thead>"
        "<tbody>",
    ]
    for r in rows:
        mark = (
            f'<br><span class="changed">changed (default {_e(r["default"])})</span>'
            if r["changed"]
            else ""
        )
        out.append(
            f"<tr><td>{_e(r['label'])}</td><td class=n>{_e(r['value'])}{mark}</td>"
            f"<td>{_e(r['range'])}</td><td>{_e(r['source'])}</td><td>{_e(r['note'])}</td></tr>"
        )
    out.append("</tbody></table></div>")
    return "".join(out)
