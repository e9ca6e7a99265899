"""The HTML report: one self-contained page that opens offline, with interactive charts.

Plotly's JavaScript is embedded once. For the file a customer keeps it is gzip-compressed (about
1.5 MB instead of 4.8 MB) and unpacked by the browser (``DecompressionStream``, in every current
browser); the page printed to PDF carries it plain, so printing waits for nothing. Each chart is a
JSON block drawn by one loop at the end: no chart carries raw simulation samples.
"""

from __future__ import annotations

import base64
import gzip
import html
import json
from datetime import date
from functools import lru_cache

import vcio_model as vm
from vcio_app.brand import Brand

from . import content as ct

_CSS = """
*{box-sizing:border-box}
body{font-family:"Source Sans Pro","Segoe UI",Helvetica,Arial,sans-serif;color:#1c2430;margin:0;
  background:#fff;line-height:1.45;font-size:16px}
main{max-width:1040px;margin:0 auto;padding:24px 32px 48px}
header.brand{display:flex;align-items:center;gap:16px;border-bottom:4px solid var(--accent);
  padding-bottom:12px;flex-wrap:wrap}
header.brand img{max-height:48px;max-width:200px}
header.brand .msp{font-weight:700;font-size:20px;color:var(--accent)}
header.brand .contact{margin-left:auto;color:#5b6573;font-size:14px;text-align:right}
h1{font-size:30px;margin:24px 0 4px;line-height:1.2}
h2{font-size:22px;margin:32px 0 8px;color:var(--accent);break-after:avoid;page-break-after:avoid}
.meta{color:#5b6573;font-size:14px;margin:0 0 16px}
.verdict{font-size:21px;font-weight:600;border-left:6px solid var(--accent);background:#f3f6fa;
  padding:14px 18px;margin:16px 0 8px}
.sure{font-size:18px;margin:0 0 16px;padding:0 18px 0 24px}
table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0}
.wide{overflow-x:auto}
th,td{padding:6px 8px;border-bottom:1px solid #e3e7ee;text-align:left;vertical-align:top}
th{background:#f3f6fa;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th.n{white-space:normal}
tr.win td{font-weight:700;background:#eef7ee}
tr{break-inside:avoid;page-break-inside:avoid}
.chart{break-inside:avoid;page-break-inside:avoid;margin:8px 0 16px}
.plot{min-height:120px;color:#5b6573;font-size:14px}
.caption{color:#5b6573;font-size:14px;margin:0 0 4px}
.changed{color:#a14b00;font-weight:600}
.internal{border:2px dashed #a14b00;padding:8px 16px;margin-top:32px}
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
@media (max-width:600px){main{padding:16px 12px 32px}h1{font-size:24px}.verdict{font-size:18px}}
@media print{
  main{max-width:none;padding:0}
  .wide{overflow:visible}
  body{font-size:12px}
  .verdict{font-size:16px}
  .sure{font-size:13px}
  h1{font-size:24px}
  h2{font-size:18px;margin-top:20px}
  table{font-size:11px}
  .assumptions{font-size:10px}
  .assumptions th,.assumptions td{padding:3px 5px}
  @page{margin:14mm 12mm}
}
"""

# Draws every chart from its JSON block; with the compressed library, after unpacking it.
_DRAW = """
function vcioDraw(){
  for (const el of document.querySelectorAll('.plot[data-fig]')) {
    const fig = JSON.parse(document.getElementById(el.dataset.fig).textContent);
    el.textContent = '';
    Plotly.newPlot(el, fig.data, fig.layout, CONFIG);
  }
}
"""
_UNPACK = """
(async function(){
  if (!('DecompressionStream' in window)) return;
  const bin = atob(document.getElementById('plotly-gz').textContent.trim());
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  (0, eval)(await new Response(stream).text());
  vcioDraw();
})();
"""
PRINT_SCALE = 0.8  # printed text is 12 px against the screen's 16 px: two charts to a page
NO_CHART = "This chart needs a current web browser (Chrome, Edge, Firefox or Safari)."


def _rate(x: float) -> str:
    """'an 8%', 'a 7.5%': the discount rate as a sentence says it."""
    return vm.format.with_article(f"{round(x * 100, 2):g}%")


@lru_cache(maxsize=1)
def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


@lru_cache(maxsize=1)
def _plotly_gz_b64() -> str:
    return base64.b64encode(gzip.compress(_plotly_js().encode("utf-8"), 9, mtime=0)).decode()


def _json_block(obj) -> str:
    """JSON safe inside <script type="application/json">: no "</" can close the element."""
    return json.dumps(obj, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


def _figures(comparison: vm.Comparison, outlook: ct.Outlook) -> list[tuple[str, str, object]]:
    from vcio_app import charts

    years = vm.plural(comparison.years, "year")
    return [
        (
            f"Cost of each option over {years}",
            f"In today's money (net present value, NPV): every year's cost added up, a dollar paid "
            f"later counted for less, at {_rate(comparison.discount_rate)} discount "
            "rate; one-off fees included.",
            charts.cost_bars(comparison),
        ),
        (
            "What each option's cost is made of",
            f"Totals over {years}, not discounted, by category.",
            charts.breakdown_stacked(comparison),
        ),
        (
            "Money spent so far, month by month",
            "One-off fees at the start; each year's cost spread evenly over its months.",
            charts.cumulative_lines(comparison),
        ),
        (
            "Cost per employee per year",
            "Total cost over the years compared / employees / years.",
            charts.per_employee_bars(comparison),
        ),
        (
            "The likely range of each option's cost",
            "The bar spans 8 futures in 10 (low P10 to high P90); the dot is the middle (P50).",
            charts.risk_range_bars(outlook.simulation, comparison.years),
        ),
    ]


def html_report(
    comparison: vm.Comparison,
    brand: Brand | None = None,
    assumptions_rows: list[dict] | None = None,
    created: date | None = None,
    *,
    for_print: bool = False,
    simulation=None,
    sensitivity=None,
    internal: bool = False,
    rate_card=None,
) -> str:
    """One self-contained HTML page: the verdict and how sure it is, every option's cost, charts,
    the risk, what could change the verdict, the inputs and every assumption with its source.

    ``for_print`` fixes chart sizes for a printed page and turns off interactivity (for the PDF).
    ``simulation`` / ``sensitivity``: the app's cached results for this scenario, to reuse.
    ``internal`` (the sales view only) adds the brand's and the rate card's internal notes; a
    visitor's report never has them.
    """
    e = html.escape
    who = ct.presenter(brand)
    sc = comparison.scenario
    made = ct.when(created)
    look = ct.outlook(comparison, simulation, sensitivity)
    title = ct.title(sc)
    logo = f'<img src="{e(who.logo)}" alt="{e(who.name)}">' if who.logo else ""
    contact = f'<div class="contact">{e(who.contact)}</div>' if who.contact else ""
    by = f"by {e(who.name)}" if who.branded else f"with the {e(ct.PRODUCT_NAME)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>:root{{--accent:{who.accent}}}{_CSS}</style>",
        "</head><body><main>",
        f'<header class="brand">{logo}<div class="msp">{e(who.name)}</div>{contact}</header>',
        f"<h1>{e(title)}</h1>",
        f'<p class="meta">Prepared for <strong>{e(sc.company or "(company not given)")}</strong> '
        f"{by} · {e(ct.date_words(made))} · model version {e(vm.__version__)} · "
        "costs in US dollars</p>",
        f'<p class="verdict">{e(comparison.verdict)}</p>',
        f'<p class="sure"><strong>How sure:</strong> {e(look.certainty.sentence)}</p>',
    ]
    parts += [
        f'<p class="sure"><strong>Check the inputs:</strong> {e(w)}</p>'
        for w in comparison.warnings
    ]
    if comparison.reasons:
        parts.append("<ul>" + "".join(f"<li>{e(r)}</li>" for r in comparison.reasons) + "</ul>")
    parts.append(_options_table(comparison))
    blocks = []
    for i, (heading, caption, fig) in enumerate(_figures(comparison, look)):
        if for_print:  # the page's width, every size scaled to the printed page's smaller type
            from ..charts.present import presentation

            fig = presentation(fig, scale=PRINT_SCALE)
            fig.update_layout(width=700)
        blocks.append(
            f'<script type="application/json" id="fig-{i}">{_json_block(fig.to_plotly_json())}'
            "</script>"
        )
        if i == 4:  # the range chart goes with the risk section
            parts.append(_risk_section(look, comparison))
        parts.append(
            f'<section class="chart"><h2>{e(heading)}</h2><p class="caption">{e(caption)}</p>'
            f'<div class="plot" id="chart-{i}" data-fig="fig-{i}" role="img" '
            f'aria-label="{e(heading)}">{e(NO_CHART)}</div></section>'
        )
    parts.append(_flips_section(look, comparison))
    parts.append(_non_cost_table(comparison))
    parts.append(_inputs_table(sc))
    rows = ct.assumption_rows(comparison, assumptions_rows)
    parts.append(_assumptions_table(rows, who, ct.priced_keys(rows, rate_card)))
    if internal:
        parts.append(_internal_section(who, rate_card))
    contact_text = f" · {e(who.contact)}" if who.contact else ""
    parts.append(
        f"<footer>Prepared {by}{contact_text} · {e(ct.date_words(made))}. Figures from "
        f"{e(ct.PRODUCT_WORDS)}, version {e(vm.__version__)}. Every default number is listed above "
        "with its source, or marked as an estimate.</footer></main>"
    )
    config = {
        "displaylogo": False,
        "displayModeBar": False,
        "responsive": not for_print,
        "staticPlot": for_print,
    }
    parts += blocks
    parts.append(f"<script>const CONFIG={json.dumps(config)};{_DRAW}</script>")
    if for_print:
        parts.append(
            f'<script type="text/javascript">{_plotly_js()}</script><script>vcioDraw()</script>'
        )
    else:
        parts.append(f'<script type="text/plain" id="plotly-gz">{_plotly_gz_b64()}</script>')
        parts.append(f"<script>{_UNPACK}</script>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _options_table(c: vm.Comparison) -> str:
    e = html.escape
    years = "".join(f'<th class="n">Year {i + 1}</th>' for i in range(c.years))
    out = [
        "<h2>Every option, year by year</h2>",
        '<p class="caption">NPV (net present value): the total in today\'s money, a dollar paid '
        f"later counted for less at {_rate(c.discount_rate)} discount rate.</p>",
        '<div class="wide"><table class="options"><thead><tr><th>Option</th>'
        f'<th class="n">Upfront</th>{years}<th class="n">Total</th>'
        '<th class="n">NPV</th>'
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
    out.append("</tbody></table></div>")
    return "".join(out)


def _risk_section(look: ct.Outlook, c: vm.Comparison) -> str:
    e = html.escape
    out = [
        "<h2>How sure: the range of outcomes</h2>",
        f'<p class="caption">{e(look.words)}</p>',
        f"<p>{e(look.certainty.sentence)}</p>",
        '<div class="wide"><table class="risk"><thead><tr><th>Option</th>'
        '<th class="n">Low (P10)</th><th class="n">Middle (P50)</th><th class="n">High (P90)</th>'
        '<th class="n">Cheapest in</th></tr></thead><tbody>',
    ]
    for r in look.risk.itertuples():
        win = ' class="win"' if r.option == c.recommended else ""
        out.append(
            f"<tr{win}><td>{e(r.name)}</td>"
            + "".join(
                f'<td class="n">{vm.money(v, exact=True)}</td>' for v in (r.p10, r.p50, r.p90)
            )
            + f'<td class="n">{e(vm.chance(r.p_cheapest))} of futures</td></tr>'
        )
    out.append("</tbody></table></div>")
    return "".join(out)


def _flips_section(look: ct.Outlook, c: vm.Comparison) -> str:
    e = html.escape
    rows = look.flips or look.movers
    head = "Could change the verdict" if look.flips else "Effect on the lead"
    out = [
        "<h2>What could change the answer</h2>",
        f"<p>{e(ct.flips_sentence(look, c))}</p>",
        f'<div class="wide"><table class="flips"><thead><tr><th>Assumption</th>'
        f'<th class="n">Value used</th><th>{head}</th></tr></thead><tbody>',
    ]
    for r in rows:
        out.append(
            f'<tr><td>{e(r["label"])}</td><td class="n">{e(r["value"])}</td>'
            f"<td>{e(r['change'][0].upper() + r['change'][1:])}</td></tr>"
        )
    out.append("</tbody></table></div>")
    return "".join(out)


def _non_cost_table(c: vm.Comparison) -> str:
    e = html.escape
    a = vm.load_assumptions()
    out = [
        '<h2>What money does not show</h2><div class="wide"><table><thead><tr><th>Option</th>'
        "<th>Hours of cover a week</th><th>Single point of failure</th>"
        "<th>Strategic capacity</th></tr></thead><tbody>"
    ]
    for o in c.options:
        s = a.option(o.id)
        out.append(
            f"<tr><td>{e(o.name)}</td><td>{e(s.coverage_hours_week)}</td>"
            f"<td>{e(s.single_point_of_failure)}</td><td>{e(s.strategic_capacity)}</td></tr>"
        )
    out.append("</tbody></table></div>")
    return "".join(out)


def _inputs_table(sc: vm.Scenario) -> str:
    e = html.escape
    out = ["<h2>Your inputs</h2><table><tbody>"]
    for label, value, kind in ct.inputs(sc):
        out.append(f"<tr><th>{e(label)}</th><td>{e(ct.input_text(value, kind))}</td></tr>")
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


def _assumptions_table(rows: list[dict], who: ct.Presenter, card_keys: frozenset[str]) -> str:
    e = html.escape
    out = [
        "<h2>Assumptions and their sources</h2>",
        '<p class="caption">Every number behind the figures. Values that differ from the '
        'published defaults are marked <span class="changed">changed</span>. "Estimate": no '
        "published figure; the note says what it rests on.</p>",
        '<table class="assumptions"><thead><tr><th>Assumption</th><th class="n">Value</th>'
        "<th>Plausible range</th><th>Source</th><th>Note</th></tr></thead><tbody>",
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
                f"{e(ct.value_text(r['default'], r['unit']))})</span>"
            )
            if changed
            else ""
        )
        rng = ct.range_text(r["low"], r["high"], r["unit"])
        out.append(
            f"<tr><td>{e(r['label'])}</td>"
            f'<td class="n">{e(ct.value_text(r["value"], r["unit"]))}{mark}</td>'
            f"<td>{e(rng)}</td><td>{e(ct.source_text(r, who, card_keys))}</td>"
            f"<td>{e(ct.customer_note(r))}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _internal_section(who: ct.Presenter, rate_card) -> str:
    """The sales team's notes: only in a report made from the unlocked sales view."""
    e = html.escape
    items = []
    if who.internal_notes:
        items.append(f"<li>Brand: {e(who.internal_notes)}</li>")
    if rate_card is not None:
        labels = vm.load_assumptions().items
        for key, note in sorted(getattr(rate_card, "internal_notes", {}).items()):
            if note:
                label = labels[key].label if key in labels else key
                items.append(f"<li>{e(label)}: {e(note)}</li>")
    body = "".join(items) or "<li>No internal notes.</li>"
    return (
        '<section class="internal"><h2>Internal notes (sales team only: do not send)</h2>'
        f"<ul>{body}</ul></section>"
    )
