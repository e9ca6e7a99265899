"""The sections of the Share and export page (Streamlit); the logic lives in share, reports, brand.

Session keys used: ``saved_scenarios`` (name -> scenario JSON), ``brand`` (a Brand), ``rate_card``
(a RateCard), ``overrides`` (assumption overrides, shared with the Assumptions page),
``default_overrides`` (the rate card's overrides a fresh session starts with, set by the lead's
``init_state``), ``presentation`` (bool), ``pdf`` (the last PDF and the scenario it shows) and
``applied_*`` (the uploads already used).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

import vcio_model as vm

from . import brand as br
from . import reports, share
from .state import apply_scenario

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def session_brand() -> br.Brand:
    """The brand in force: uploaded for this session, else data/brand.json, else a neutral one."""
    if "brand" not in st.session_state:
        try:
            st.session_state["brand"] = br.load_brand()
        except br.BrandError as e:
            st.warning(f"Brand file not used: {e}", icon="⚠️")
            st.session_state["brand"] = br.Brand()
    return st.session_state["brand"]


def session_rate_card() -> br.RateCard:
    """The rate card in force: uploaded for this session, else data/rate_card.csv."""
    if "rate_card" not in st.session_state:
        try:
            st.session_state["rate_card"] = br.load_rate_card()
        except br.BrandError as e:
            st.warning(f"Rate card not used: {e}", icon="⚠️")
            st.session_state["rate_card"] = br.RateCard()
    return st.session_state["rate_card"]


def report_rows(sc: vm.Scenario) -> list[dict]:
    """Assumption rows for reports: the values this scenario uses, the rate card as their source."""
    rows = vm.load_assumptions().with_overrides(sc.assumptions).to_rows()
    return br.sources_with_rate_card(rows, session_rate_card())


def take_upload(upload, key: str, use: Callable[[bytes, str], object]) -> None:
    """Use a new upload once (a file stays in its widget across reruns), then rerun; a bad file
    is reported line by line and nothing changes."""
    if upload is None or st.session_state.get(key) == upload.file_id:
        return
    try:
        use(upload.getvalue(), upload.name)
    except (vm.ScenarioError, br.BrandError) as e:
        st.error("The file was not used:\n\n" + "\n".join(f"- {p}" for p in e.problems))
        return
    st.session_state[key] = upload.file_id
    st.rerun()


def link_section(sc: vm.Scenario) -> str:
    st.subheader("Link to this scenario")
    base = share.app_base_url(st.context.url)
    url = share.scenario_url(base, sc, st.session_state.get("default_overrides"))
    st.code(url, language=None, wrap_lines=True)
    note = (
        " This link is long: some mail tools cut long links, so send the scenario file too."
        if len(url) > share.LONG_LINK_CHARS
        else ""
    )
    st.caption(
        "Opening it in any browser shows the same figures: the main inputs are readable in the "
        "address, the rest (named projects, changed assumptions) is packed into `s`." + note
    )
    return url


def reports_section(sc: vm.Scenario, c: vm.Comparison) -> None:
    st.subheader("Reports to leave behind")
    brand, rows = session_brand(), report_rows(sc)
    html_col, xlsx_col, pdf_col = st.columns(3)
    html_col.download_button(
        "HTML report",
        lambda: reports.html_report(c, brand, rows),
        reports.report_file_name(c, "html"),
        "text/html",
        on_click="ignore",
        icon=":material/public:",
        help="One file with interactive charts; opens in any browser, also offline.",
    )
    xlsx_col.download_button(
        "Excel workbook",
        lambda: reports.excel_report(c, brand, rows),
        reports.report_file_name(c, "xlsx"),
        XLSX,
        on_click="ignore",
        icon=":material/table:",
        help="Inputs, results by year and option, cost breakdown, assumptions with sources.",
    )
    ok, why = reports.pdf_available()
    with pdf_col:
        if not ok:
            st.info(why, icon=":material/info:")
            return
        key = sc.model_dump_json() + repr(brand)
        if st.button("Prepare the PDF", icon=":material/picture_as_pdf:"):
            try:
                with st.spinner("Printing the report with Chromium…"):
                    st.session_state["pdf"] = (key, reports.pdf_report(c, brand, rows))
            except reports.ReportError as e:
                st.error(f"{e}. Download the HTML report and print it from your browser instead.")
        pdf = st.session_state.get("pdf")
        if pdf and pdf[0] == key:
            st.download_button(
                "Download the PDF",
                pdf[1],
                reports.report_file_name(c, "pdf"),
                "application/pdf",
                on_click="ignore",
                type="primary",
                icon=":material/download:",
            )


def scenario_file_section(sc: vm.Scenario, presenting: bool) -> None:
    st.subheader("Scenario file")
    st.download_button(
        "Download this scenario (JSON)",
        sc.to_json(),
        share.scenario_file_name(sc),
        "application/json",
        on_click="ignore",
        icon=":material/download:",
    )
    if presenting:
        return
    up = st.file_uploader(
        "Open a scenario file",
        type=["json"],
        key="edit_scenario_file",
        max_upload_size=1,
        help="The same format as the command line's --scenario. If the file has problems, they "
        "are listed and the current scenario stays.",
    )
    take_upload(
        up,
        "applied_scenario_file",
        lambda data, name: apply_scenario(share.read_uploaded_scenario(data, name)),
    )


def saved_section(sc: vm.Scenario, c: vm.Comparison, presenting: bool) -> None:
    st.subheader("Saved scenarios")
    saved = st.session_state.setdefault("saved_scenarios", {})
    if not presenting:
        with st.form("edit_save", border=False, enter_to_submit=True):
            name_col, btn_col = st.columns([3, 1], vertical_alignment="bottom")
            name = name_col.text_input("Name", placeholder="e.g. Acme, 3 projects", max_chars=60)
            if btn_col.form_submit_button("Save current scenario", width="stretch"):
                try:
                    st.toast(f"Saved as “{share.save_named(saved, name, sc)}”")
                except vm.ScenarioError as e:
                    st.error(str(e))
    if not saved:
        st.caption(
            "Save the scenario under a name, change the inputs, save again: the versions "
            "appear here side by side."
        )
        return
    money_cols = [o.short_name for o in c.options] + ["Saves vs runner-up"]
    st.dataframe(
        share.compare_saved(saved),
        hide_index=True,
        width="stretch",
        column_config={k: st.column_config.NumberColumn(format="dollar") for k in money_cols},
    )
    st.caption("Each option's cost over the scenario's horizon in today's money (NPV).")
    if presenting:
        return
    pick_col, open_col, del_col = st.columns([3, 1, 1], vertical_alignment="bottom")
    pick = pick_col.selectbox("Saved scenario", list(saved), key="edit_saved_pick")
    if open_col.button("Open", width="stretch", key="edit_saved_open"):
        apply_scenario(vm.Scenario.model_validate_json(saved[pick]))
        st.rerun()
    if del_col.button("Delete", width="stretch", key="edit_saved_delete"):
        del saved[pick]
        st.rerun()


def brand_section() -> None:
    """Brand and rate card uploads for this session (not shown in presentation mode)."""
    st.subheader("Brand and rate card for this session")
    brand, card = session_brand(), session_rate_card()
    if brand.internal_notes:
        st.info(brand.internal_notes, icon=":material/lock:")
    b_col, r_col = st.columns(2)
    b_up = b_col.file_uploader(
        "Brand (JSON: msp_name, logo, accent_color, contact)",
        type=["json"],
        key="edit_brand_file",
        max_upload_size=1,
    )
    r_up = r_col.file_uploader(
        "Rate card (CSV: key, value, note, internal_note)",
        type=["csv"],
        key="edit_rate_card",
        max_upload_size=1,
    )
    take_upload(
        b_up,
        "applied_brand_file",
        lambda data, name: st.session_state.update(brand=br.parse_brand(data, name)),
    )
    take_upload(
        r_up,
        "applied_rate_card",
        lambda data, name: share.use_rate_card(st.session_state, br.load_rate_card(data, name)),
    )
    st.dataframe(br.rate_card_rows(card), hide_index=True, width="stretch")
    st.caption(
        f"Your prices, from {card.origin}. Internal notes never appear in presentation mode or "
        "in reports."
    )
