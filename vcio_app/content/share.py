"""The sections of the Share and export page (Streamlit); the logic lives in share, reports, brand.

Session keys used: ``saved_scenarios`` (name -> scenario JSON), ``brand`` (a Brand), ``rate_card``
(a RateCard), ``overrides`` (assumption overrides, shared with the Assumptions page),
``default_overrides`` (the rate card's overrides a fresh session starts with, set by the lead's
``init_state``), ``presentation`` (bool), ``report_appendix`` (the appendix checkbox) and
``upload_results`` (each upload's outcome). Finished PDFs are shared between sessions by
``reports.shared_pdf`` (made in process, one at a time, a cool-down per session).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

import vcio_model as vm
from vcio_app import brand as br
from vcio_app import model_calls as mc
from vcio_app import reports
from vcio_app.brand import sales
from vcio_app.brand.session import session_brand, session_rate_card
from vcio_app.content import tables
from vcio_app.frame import page as ui
from vcio_app.reports import brief
from vcio_app.safe_text import md_escape
from vcio_app.scenario import files as scenario_files
from vcio_app.scenario import links as share
from vcio_app.scenario import saved as sv
from vcio_app.scenario.state import apply_scenario
from vcio_model.format import money_compared

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_rows(sc: vm.Scenario) -> list[dict]:
    """Assumption rows for reports: the values this scenario uses; the rate card named as their
    source only where it is the provider's own (under its brand: ``reports.cited_card``)."""
    rows = vm.load_assumptions().with_overrides(sc.assumptions).to_rows()
    return br.sources_with_rate_card(rows, reports.cited_card(session_rate_card(), session_brand()))


def _session_id() -> str:
    """This browser session's id (for the PDF cool-down)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else ""


def uploader(label: str, kind: str, key: str, use: Callable[[bytes, str], object], **kw) -> None:
    """A file uploader whose file is used in an ``on_change`` callback: callbacks run before the
    script, so ``use`` may set widget values (``apply_scenario``). A bad file is listed line by
    line and changes nothing; a good one is confirmed."""

    def on_change() -> None:
        results = st.session_state.setdefault("upload_results", {})
        up = st.session_state.get(key)
        results.pop(key, None)
        if up is None:
            return
        try:
            used = use(up.getvalue(), up.name)
        except (vm.ScenarioError, br.BrandError) as e:
            results[key] = (False, e.problems)
        else:
            left_out = getattr(used, "problems", None) or []  # a rate card's bad lines, alone
            results[key] = (True, [f"Using {up.name}" + (", without:" if left_out else "."),
                                   *left_out])  # fmt: skip

    st.file_uploader(label, type=[kind], key=key, max_upload_size=1, on_change=on_change, **kw)
    ok, lines = st.session_state.get("upload_results", {}).get(key, (True, []))
    if not ok:
        # The lines quote the file (its name, keys, values): escaped, so no links or formatting.
        st.error("The file was not used:\n\n" + "\n".join(f"- {md_escape(p)}" for p in lines))
    elif len(lines) > 1:
        st.warning(md_escape(lines[0]) + "\n\n" + "\n".join(f"- {md_escape(p)}" for p in lines[1:]))
    elif lines:
        st.caption(md_escape(lines[0]))


def link_text(url: str) -> str:
    """Markdown for a link as code text, which the reader selects to copy. Not ``st.code``, whose
    first use on a page makes the browser fetch and run Streamlit's syntax highlighter (a 1.56 MB
    script: the Share page took 2.0x a bare page's first visit with it); not ``st.html``, which
    Streamlit draws only after the rest of the page (about 250 ms later on a first visit here).
    The link is the app's own address and scenario, URL-encoded: no backticks or line breaks."""
    return "`" + url.replace("`", "%60") + "`"  # a backtick would end the code span


def link_section(sc: vm.Scenario) -> str:
    base = share.app_base_url(st.context.url)
    url = share.scenario_url(base, sc, st.session_state.get("default_overrides"))
    note = (
        " This link is long: some mail tools cut long links, so send the scenario file too."
        if len(url) > share.LONG_LINK_CHARS
        else ""
    )
    ui.section(
        "Link to this scenario",
        "Opening it in any browser shows the same figures: the main inputs are readable in the "
        "address, the rest (named projects, changed assumptions) is packed into `s`. Select it "
        "and copy it, or copy the address bar: it holds the same link." + note,
    )
    st.markdown(link_text(url))
    st.markdown(
        ":small[:gray[The same scenario, opening straight in presentation mode (large type, page "
        "buttons along the top, no editing controls), for a meeting room:]]"
    )
    present_url = share.scenario_url(
        base, sc, st.session_state.get("default_overrides"), present=True
    )
    st.markdown(link_text(present_url))
    return url


def reports_section(sc: vm.Scenario, c: vm.Comparison) -> None:
    ui.section(
        "Reports to leave behind",
        "The verdict, how sure, each option's cost, what decides and the next step: at most 4 "
        "pages, every page numbered.",
    )
    brand, rows = session_brand(), report_rows(sc)
    # internal notes go into a report only from the unlocked sales view (reports.html_report)
    extra = dict(internal=sales.sales_view(), rate_card=session_rate_card())
    sc_json = sc.model_dump_json()
    # the Risk and Sensitivity pages' cached results (the same figures), fetched when a file is made
    cached = lambda: dict(simulation=mc.simulate(sc_json), sensitivity=mc.sensitivity(sc_json))  # noqa: E731
    appendix = st.checkbox(
        "Add the full appendix (inputs and every assumption with its source)",
        key="report_appendix",
        help="About 7 more pages. Without it the report is the executive summary.",
    )
    extra["appendix"] = bool(appendix)
    # One row (a horizontal container, not three columns: fewer elements to redraw per rerun).
    # Every file is made when its button is clicked, so a click downloads it at once.
    row = st.container(horizontal=True, vertical_alignment="center")
    ok, why = reports.pdf_available()
    if ok:
        reports.warm_up_pdf()  # once per process, in the background: the first click is quick
        key = reports.pdf_key(c, brand, **extra)
        session = _session_id()

        def make_pdf() -> bytes:
            return reports.shared_pdf(
                key, lambda: reports.pdf_report(c, brand, rows, **extra, **cached()), session
            )

        row.download_button(
            "PDF report",
            make_pdf,
            reports.report_file_name(c, "pdf"),
            "application/pdf",
            on_click="ignore",
            type="primary",
            icon=":material/picture_as_pdf:",
            help="The leave-behind to print or send: at most 4 pages (more with the appendix).",
        )
    row.download_button(
        "HTML report",
        lambda: reports.html_report(c, brand, rows, **extra, **cached()),
        reports.report_file_name(c, "html"),
        "text/html",
        on_click="ignore",
        icon=":material/public:",
        help="The same report as one web page; opens in any browser, also offline.",
    )
    row.download_button(
        "Excel workbook",
        lambda: reports.excel_report(
            c, brand, rows, internal=extra["internal"], rate_card=extra["rate_card"], **cached()
        ),
        reports.report_file_name(c, "xlsx"),
        XLSX,
        on_click="ignore",
        icon=":material/table:",
        help="Every figure: inputs, results by year and option, cost breakdown, assumptions "
        "with sources.",
    )
    if not ok:
        st.info(why, icon=":material/info:")


def scenario_file_section(sc: vm.Scenario, presenting: bool) -> None:
    ui.section("Scenario file")
    st.download_button(
        "Download this scenario (JSON)",
        # Made on click: a file sent with the page is replaced at every rerun, and a browser that
        # asks for it after the next rerun gets a 404 (seen in the load test).
        lambda: scenario_files.scenario_file_text(sc),
        scenario_files.scenario_file_name(sc),
        "application/json",
        on_click="ignore",
        icon=":material/download:",
    )
    if presenting:
        return
    uploader(
        "Open a scenario file",
        "json",
        "edit_scenario_file",
        _open_file,
        help="The same format as the command line's --scenario. If the file has problems, they "
        "are listed and the current scenario stays.",
    )


def _open_file(data: bytes, name: str) -> None:
    sc, version = scenario_files.read_uploaded_versioned(data, name)
    apply_scenario(sc)
    st.session_state["version_note"] = share.version_note(version)


def saved_section(sc: vm.Scenario, c: vm.Comparison, presenting: bool) -> None:
    saved = st.session_state.setdefault("saved_scenarios", {})
    if presenting and not saved:
        return
    ui.section(
        "Saved scenarios",
        ""
        if saved
        else "Save the scenario under a name, change the inputs, save again: the versions "
        "appear here side by side.",
    )
    if not presenting:
        with st.form("edit_save", border=False, enter_to_submit=True):
            row = st.container(horizontal=True, vertical_alignment="bottom")
            name = row.text_input("Save as", placeholder="e.g. Acme, 3 projects", max_chars=60)
            if row.form_submit_button("Save current scenario"):
                try:
                    st.toast(f"Saved as “{md_escape(sv.save_named(saved, name, sc))}”")
                except vm.ScenarioError as e:
                    st.error(md_escape(e))
    if not saved:
        return
    table = saved_table(saved)
    tables.show(table.reset_index(names=""), label="Saved scenarios side by side")
    st.caption(
        "Each option's cost over that scenario's years in today's money (a dollar paid later "
        "counts for less), rounded; the verdict at the bottom: the recommended option and its lead, or "
        '"about the same" where two options are closer than the model can tell.'
    )
    if presenting:
        return
    row = st.container(horizontal=True, vertical_alignment="bottom")
    row.selectbox("Saved scenario", list(saved), key="edit_saved_pick")
    row.button("Open", key="edit_saved_open", on_click=_open_saved)
    row.button("Delete", key="edit_saved_delete", on_click=_delete_saved)


def saved_table(saved: dict[str, str]) -> pd.DataFrame:
    """The saved scenarios side by side in the verdict's vocabulary: each option's cost rounded as
    on every page, then the verdict ("Recommended: ..." or "About the same: ...") and the lead
    ("too close to call" for a close call), never exact dollars or "Cheapest"."""
    cols: dict[str, dict[str, str]] = {}
    for name, text in saved.items():
        sc = vm.Scenario.model_validate_json(text)
        c = mc.compare(sc.model_dump_json())  # cached: its verdict's simulation runs once
        col = {
            "Employees": f"{sc.employees:,}",
            "Projects a year": f"{sc.projects_per_year:g}",
            "Named projects": str(len(sc.projects)),
            "Years": str(sc.years),
        }
        col.update(zip((o.short_name for o in c.options), money_compared([o.npv for o in c.options]),
                       strict=True))  # fmt: skip
        col["Verdict"] = brief.lowest_label(c)
        col["Lead over the next"] = (
            "too close to call" if c.close_call else money_compared([c.margin])[0]
        )
        cols[name] = col
    return pd.DataFrame(cols)


def _open_saved() -> None:
    text = st.session_state["saved_scenarios"].get(st.session_state.get("edit_saved_pick"))
    if text:
        apply_scenario(vm.Scenario.model_validate_json(text))


def _delete_saved() -> None:
    st.session_state["saved_scenarios"].pop(st.session_state.get("edit_saved_pick"), None)


def brand_section() -> None:
    """Brand and rate card uploads for this session, with the internal notes: the sales view only
    (``sales.sales_view()``; never drawn for a visitor or in presentation mode)."""
    brand, card = session_brand(), session_rate_card()
    ui.section(
        "Brand and rate card for this session",
        f"Your prices, from {md_escape(card.origin)}. This section and its internal notes are shown "
        "only to the sales team (unlocked in this tab), never in presentation mode or in reports.",
    )
    if brand.internal_notes:
        st.info(
            f"Internal note (sales team only): {md_escape(brand.internal_notes)}",
            icon=":material/lock:",
        )
    with st.container(horizontal=True):
        uploader(
            "Brand (JSON: msp_name, logo, accent_color, contact)",
            "json",
            "edit_brand_file",
            lambda data, name: st.session_state.update(brand=br.parse_brand(data, name)),
        )
        uploader(
            "Rate card (CSV: key, value, note, internal_note)",
            "csv",
            "edit_rate_card",
            _use_rate_card,
        )
    rows = [{k: v for k, v in r.items() if k != "Key"} for r in br.rate_card_rows(card)]
    tables.show(pd.DataFrame(rows), label="Rate card")


def _use_rate_card(data: bytes, name: str) -> br.RateCard:
    """An uploaded rate card: each bad line left out alone (and listed), the others applied."""
    card = br.load_rate_card(data, name, strict=False)
    sv.use_rate_card(st.session_state, card)
    return card


# ---------------------------------------------------------------------------------- app chrome
# On a phone the first screen is the verdict's: a smaller page title, and no presentation switch
# (a phone is not a projector; a present=1 link still opens in presentation mode, switch shown).
