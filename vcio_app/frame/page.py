"""Shared page pieces: header, verdict, option cards, notes, footer. Pages stay short."""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path

import pandas as pd
import streamlit as st

import vcio_model as vm
from vcio_app import model_calls as calls
from vcio_app.charts.style import RECOMMENDED, singled_out, standing
from vcio_app.frame import startup as boot
from vcio_app.frame.guard import guard
from vcio_app.safe_text import md_escape  # noqa: F401 - pages call ui.md_escape
from vcio_app.scenario.state import current_scenario
from vcio_model.format import money_compared, plural

DOCS = Path(__file__).resolve().parents[2] / "docs"


def page_start(title: str, intro: str = ""):
    """Heading, intro line, any input problems; returns (scenario, comparison) for the page."""
    boot.ensure_entry_point()
    # On a projector the deck's first screen holds the headline and the main chart: no intro
    section(title, "" if st.session_state.get("presentation") else intro, level=1)
    sc = current_scenario()
    for p in st.session_state.get("url_problems", []) + st.session_state.get(
        "scenario_problems", []
    ):
        st.warning(md_escape(p), icon="⚠️")  # they quote the link's text: no links or formatting
    note = st.session_state.get("version_note")  # a link or file from an older model version
    if note and not st.session_state.get("presentation"):  # one short grey line, not on a deck
        st.caption(f":material/update: {note}")
    return sc, calls.compare(sc.model_dump_json())


def verdict(
    c: vm.Comparison, sc: vm.Scenario | None = None, reasons: bool | list[str] = False
) -> None:
    """The one-sentence verdict, big, before any detail; with ``sc``, how sure it is (the chance
    the winner is cheapest over the Risk page's simulated futures); with ``reasons`` True, why the
    winner wins, one bullet per cost category (the model's words, escaped); ``reasons`` may also
    be the page's own Markdown lines (what decides a close call, ``content.decide``). One
    element."""
    text = f"### {md_escape(c.verdict)}"  # no "$...$" maths, no links from a company name
    for warning in c.warnings:  # inputs far outside published bands (the model's own words)
        text += f"\n\n:material/warning: **Check the inputs:** {md_escape(warning)}"
    if sc is not None:
        text += "\n\n" + how_sure_text(calls.certainty(sc.model_dump_json()))
    if reasons:
        text += "\n\n" + _reasons_text(c, reasons)
    st.markdown(text)


def _reasons_text(c: vm.Comparison, reasons: bool | list[str]) -> str:
    if reasons is True:
        return "\n".join(f"- {md_escape(r)}" for r in c.reasons)
    return "\n".join(f"- {r}" for r in reasons)


def verdict_reasons(c: vm.Comparison, reasons: bool | list[str] = True) -> None:
    """The verdict's reasons alone (as :func:`verdict` gives them), for a page that shows them
    apart from the verdict (presentation mode puts the chart between)."""
    st.markdown(_reasons_text(c, reasons))


def how_sure_text(cert: vm.Certainty) -> str:
    """**How sure?** and the model's one sentence (Markdown; the sentence names options only)."""
    return f":material/casino: **How sure?** {md_escape(cert.sentence)}"


def how_sure(sc: vm.Scenario) -> None:
    """The "How sure?" line alone, under a page's own takeaway."""
    st.markdown(how_sure_text(calls.certainty(sc.model_dump_json())))


# The option cards as one HTML element, not 25 (a bordered column, a title, a metric and a caption
# for each of five options): every element costs the browser work on every rerun, and the cards
# alone made the overview's verdict appear 96 ms after a key press instead of 59 ms (same run).
CARDS_CSS = (
    # A grid, not a wrapping flex row: with six options the sixth card took a whole row.
    # auto-fit, not auto-fill: the cards fill their row (auto-fill kept empty tracks at 1920 px)
    ".vcio-cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));"
    "gap:.75rem;margin:.25rem 0 1rem}"
    ".vcio-card{border:1px solid rgba(11,15,21,.2);border-radius:.5rem;"
    "padding:.75rem 1rem}"
    ".vcio-card.win{border:2px solid #0b0f15}"
    ".vcio-card .name{font-weight:700;line-height:1.3}"
    ".vcio-card .badge,.vcio-card .note{font-size:.875rem;color:#4f5660;line-height:1.45}"
    ".vcio-card .label{font-size:.875rem;margin-top:.5rem}"
    ".vcio-card .value{font-size:2.1rem;line-height:1.2;margin:.1rem 0 .3rem}"
    ".vcio-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
)


def card_badge(c: vm.Comparison, option_id: str, best: float) -> str:
    """The line under an option's name on its card, in the verdict's one vocabulary
    (``charts.style.standing``): a named winner is "Recommended"; the two options of a close call
    are each "About the same as" the other, never "cheapest"; any other option costs "+$X more"."""
    o = c.option(option_id)
    tag = standing(c, option_id)
    if tag == RECOMMENDED:
        return "🏆 Recommended"
    more = f"+{vm.money(o.npv - best)} more" if o.npv - best >= 0.5 else ""
    if tag:
        other = c.option(c.runner_up if option_id == c.recommended else c.recommended)
        return f"About the same as {other.short_name}" + (f" ({more})" if more else "")
    return more or "Same as the lowest"


def npv_per_employee_year(c: vm.Comparison, o) -> float:
    """An option's cost per employee a year in today's money: its NPV (the total the cards and
    the verdict compare) over the head count and the years, in the convention of that total."""
    return o.npv / c.scenario.employees / c.years


def cards_html(c: vm.Comparison) -> str:
    """A card per option, lowest first: NPV (exact figure in its tooltip and for screen readers),
    its standing or what it costs more than the lowest, cost per employee a year (in today's
    money, as the total above it) and its biggest cost."""
    ranked = sorted(c.options, key=lambda o: o.npv)
    shown = dict(zip((o.id for o in ranked), money_compared([o.npv for o in ranked]), strict=True))
    marked = singled_out(c)
    cards = []
    for o in ranked:
        exact = vm.money(o.npv, exact=True)
        cards.append(
            f'<div class="vcio-card{" win" if o.id in marked else ""}" role="listitem">'
            f'<div class="name">{html.escape(o.short_name)}</div>'
            f'<div class="badge">{html.escape(card_badge(c, o.id, ranked[0].npv))}</div>'
            f'<div class="label">Cost over {plural(c.years, "year")}, in today\'s money</div>'
            f'<div class="value" title="Exactly {exact}">{shown[o.id]}'
            f'<span class="vcio-sr">, exactly {exact}</span></div>'
            f'<div class="note">{vm.money(npv_per_employee_year(c, o))} per employee a year, '
            "in today's money<br>"
            f"Biggest cost: {html.escape(vm.in_sentence(vm.CATEGORY_LABELS[o.biggest_driver]))}</div>"
            "</div>"
        )
    return (
        f'<style>{CARDS_CSS}</style><div class="vcio-cards" role="list" '
        f'aria-label="The options, lowest cost first">{"".join(cards)}</div>'
    )


def option_cards(c: vm.Comparison) -> None:
    """A card per option: NPV, cost per employee per year, biggest cost driver."""
    st.html(cards_html(c))


PLOT_CONFIG = {"displaylogo": False, "displayModeBar": False}


DECK_CHART_ROOM = 590  # px of a 1920x1080 deck's first screen left under a page's headline


def plot(fig, key: str | None = None) -> None:
    """Draw a figure across the page (larger type in presentation mode).

    ``fig`` may be a cached figure shared with other sessions (``compute``): it is only read, and
    copied before presentation mode restyles it. It may also be a function that returns the
    figure, so that a failure while building it is isolated too. A chart that fails is left out
    and named in the page's one message (``guard``); the rest of the page still draws.
    """
    with guard(f"the chart “{_chart_name(fig, key)}”"):
        if callable(fig):
            fig = fig()
        if st.session_state.get("presentation"):
            from vcio_app.charts.present import PRESENTATION_SCALE, presentation  # noqa: PLC0415

            # a copy, every size scaled with the page's type, as far as the first screen of a
            # 1920x1080 projector has room under the headline (eight options' bars at 1.4x did not)
            base = fig.layout.height or 450
            scale = min(PRESENTATION_SCALE, max(1.0, DECK_CHART_ROOM / base))
            fig = presentation(fig, scale)
        # theme=None: the charts' own type and colours (charts/style.py), not Streamlit's smaller
        # grey ones; no toolbar, which covered the legends on hover
        st.plotly_chart(fig, width="stretch", key=key, theme=None, config=PLOT_CONFIG)


def html_chart(make, name: str) -> None:
    """Draw a chart made as HTML (``charts.bars``; ``make`` returns it); one that fails is left
    out and named in the page's one message, as with :func:`plot`."""
    with guard(f"the chart “{name}”"):
        st.html(make(), width="stretch")


def _chart_name(fig, key: str | None) -> str:
    title = getattr(getattr(getattr(fig, "layout", None), "title", None), "text", None)
    return title or (key or "chart").replace("_", " ")


OPEN_EXPANDERS = "open_expanders"  # the keys of the lazy expanders the user opened


def _keep_open_state(key: str) -> None:
    """Expanders open as the user left them, after a visit to another page too (Streamlit forgets
    the state of a widget that a run does not draw, so it is kept under OPEN_EXPANDERS as well)."""
    ss = st.session_state
    opened = set(ss.get(OPEN_EXPANDERS, ()))
    if key in ss:
        (opened.add if ss[key] else opened.discard)(key)
        ss[OPEN_EXPANDERS] = opened
    else:
        ss[key] = key in opened


def lazy_expander(label: str, key: str):
    """An expander whose content is sent only while it is open: returns it when open, else None.

    Opening or closing it reruns the page. A closed one costs the browser one element instead of
    all of its content on every rerun (the Assumptions page's 59 rows of 4 columns made it 3.7x
    slower than a bare page). ``label`` must not change while the user works: it is part of the
    expander's identity, and a new label would close it under the user's hands."""
    _keep_open_state(key)
    box = st.expander(label, key=key, on_change="rerun")
    return box if box.open else None


@cache
def doc_section(name: str, heading: str) -> str:
    """The body of the '### heading' section of a Markdown file in docs/."""
    text = (DOCS / name).read_text(encoding="utf-8")
    return text.partition(f"### {heading}\n")[2].split("\n### ", 1)[0].strip()


GLOSSARY = ("about.md", "How to read it")  # one text for the glossary and the About page


def glossary() -> None:
    """'What the terms mean' under every page but About, which shows the same text itself."""
    if box := lazy_expander("What the terms mean", "glossary_open"):
        box.markdown(doc_section(*GLOSSARY))


def presenting() -> bool:
    """Whether presentation mode is on (the deck: no editing controls, the chart first)."""
    return bool(st.session_state.get("presentation"))


def footer() -> None:
    st.caption(  # the rule and the line in one element
        f"---\n\nModel version {vm.__version__} · costs in US dollars · every assumption, with "
        "its source, is on the Assumptions page · open source, vendor-neutral."
    )


def section(title: str, note: str = "", level: int = 3, deck: bool = True) -> None:
    """A heading with its note (what the chart or table under it shows) in small grey type: one
    element where st.subheader and st.caption make two. Every element costs the browser a redraw
    on every rerun, and that is most of a page's key-press time (benchmarks/results/pages.md).
    ``title`` and ``note`` are the app's own text, never the user's (Markdown, not escaped).
    In presentation mode the note is left out, and with ``deck=False`` the whole heading (the
    main chart's, whose axes say what it shows): the deck's first screen holds the chart."""
    if st.session_state.get("presentation"):
        if not deck:
            return
        note = ""
    st.markdown(f"{'#' * level} {title}" + (f"\n\n:small[:gray[{note}]]" if note else ""))


def non_cost_frame(c: vm.Comparison):
    """Coverage, single point of failure and strategic capacity per option (from data/options.csv)."""
    a = vm.load_assumptions()
    return pd.DataFrame(
        [
            {
                "Option": o.name,
                "Hours of cover a week": a.option(o.id).coverage_hours_week,
                "Single point of failure": a.option(o.id).single_point_of_failure,
                "Strategic capacity": a.option(o.id).strategic_capacity,
            }
            for o in c.options
        ]
    )
