"""The Projects page's figures: leading the projects alone, per year, with the retainer or salary
apart, and who leads each named project under each option; and the project editor itself
(Streamlit: :func:`project_editor`).

What leading the projects costs is what the projects add to each option's leadership cost: the
same scenario with no projects at all (no typical load, no named project) gives the retainer, the
salary or nothing; the difference, year by year, is the projects' share. Hours are the model's own
(``OptionResult.leadership_hours``: they come from the projects alone).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

import vcio_model as vm
from vcio_app.safe_text import md_escape
from vcio_model.scenario import MAX_PROJECTS, checked_number


def without_projects(sc: vm.Scenario) -> vm.Scenario:
    """The same company with no IT projects: what leadership costs before any project."""
    return sc.updated(projects_per_year=0, projects=[])


def leadership_frame(c: vm.Comparison, base: vm.Comparison) -> pd.DataFrame:
    """One row per option: each year's project leadership hours and cost, and the retainer or
    salary apart (a year, on average; upfront fees such as a CIO search included).

    ``base`` is ``compare(without_projects(scenario))``.
    """
    rows = []
    for o in c.options:
        b = base.option(o.id)
        row = {"Option": o.short_name}
        for y in range(c.years):
            hours = float(o.leadership_hours[y])
            cost = o.breakdown["leadership"][y] - b.breakdown["leadership"][y]
            if hours < 0.5:
                row[f"Year {y + 1}"] = "none"
            elif cost < 0.5:  # the leader's own hours, paid in the salary already
                row[f"Year {y + 1}"] = f"{hours:,.0f} h · in the salary"
            else:
                row[f"Year {y + 1}"] = f"{hours:,.0f} h · {vm.money(cost)}"
        fixed = (
            sum(b.breakdown["leadership"]) + b.upfront_breakdown.get("leadership", 0.0)
        ) / c.years
        row["Retainer or salary a year (apart)"] = vm.money(fixed) if fixed >= 0.5 else "none"
        row[f"Expected overruns, {vm.plural(c.years, 'year')}"] = vm.money(sum(o.expected_overrun))
        rows.append(row)
    return pd.DataFrame(rows)


def who_leads(kind: str, a: vm.Assumptions) -> str:
    """Who leads a project under an option whose leadership is ``kind`` (data/options.csv)."""
    if kind == "vcio":
        share = a["vcio_project_share"]
        return f"the vCIO, {share:.0%} of the hours; your manager the rest (decisions, contacts)"
    if kind == "vcio_project":
        share = a["vcio_project_share"]
        return (
            f"a vCIO rented for each project: {share:.0%} of its hours (at least a "
            f"{a['vcio_engagement_min_hours']:,.0f} h block, plus "
            f"{a['vcio_engagement_onboarding_hours']:,.0f} h to learn the firm); your manager the "
            "rest; between projects nobody leads IT"
        )
    if kind == "cio":
        return (
            f"the CIO, up to {a['cio_project_capacity_hours']:,.0f} project hours a year "
            "(a contract project manager beyond that); your manager while the seat is empty"
        )
    if kind == "none":
        return (
            "your office or operations manager, on the side and without IT experience "
            f"({a['inexperience_multiplier']:g} times the hours)"
        )
    if kind == "it_manager":
        return "your IT manager (on staff, with IT experience); the co-managed MSP does the technical work"
    return "whoever the option names as its leader"


def project_cell(kind: str, hours: float, a: vm.Assumptions) -> str:
    """Who leads one project under one option, with the hours each puts in (``hours``: the
    model's leadership hours for that project under that option)."""
    if kind == "vcio":
        share = a["vcio_project_share"]
        return f"vCIO {hours * share:,.0f} h + your manager {hours * (1 - share):,.0f} h"
    if kind == "vcio_project":
        share = a["vcio_project_share"]
        return f"rented vCIO {hours * share:,.0f} h + your manager {hours * (1 - share):,.0f} h"
    if kind == "cio":
        return f"CIO {hours:,.0f} h"
    if kind == "none":
        return f"your manager {hours:,.0f} h"
    if kind == "it_manager":
        return f"your IT manager {hours:,.0f} h"
    return f"{hours:,.0f} h"


def named_projects_frame(
    c: vm.Comparison,
    a: vm.Assumptions,
    compare: Callable[[vm.Scenario], vm.Comparison] = vm.compare,
) -> pd.DataFrame:
    """One row per named project: who leads it under each option, and their hours, from the
    model: the hours of the same company with that project alone (``compare`` may be a cached
    one)."""
    none = compare(without_projects(c.scenario))
    rows = []
    for p in c.scenario.projects:
        alone = compare(without_projects(c.scenario).updated(projects=[p]))
        y = p.start_year - 1
        row = {"Project": p.name, "Year": p.start_year}
        for o in alone.options:
            hours = o.leadership_hours[y] - none.option(o.id).leadership_hours[y]
            row[o.short_name] = project_cell(o.leadership, float(hours), a)
        rows.append(row)
    return pd.DataFrame(rows)


def leaders_frame(c: vm.Comparison, a: vm.Assumptions) -> pd.DataFrame:
    """One row per kind of leadership: who leads the projects (each option's, once)."""
    seen: dict[str, list[str]] = {}
    for o in c.options:
        seen.setdefault(o.leadership, []).append(o.short_name)
    return pd.DataFrame(
        [
            {"Options": ", ".join(names), "Who leads the projects": who_leads(kind, a)}
            for kind, names in seen.items()
        ]
    )


def projects_hours_note(c: vm.Comparison, a: vm.Assumptions) -> str:
    """Why a CIO can need more hours than a vCIO for the same projects, when it does."""
    hours = {o.leadership: sum(o.leadership_hours) for o in c.options}
    if hours.get("cio", 0) <= hours.get("vcio", 0) + 0.5:
        return ""
    return (
        "A CIO option can show more hours than the vCIO for the same projects: while the CIO's seat "
        "is empty (the months it takes to hire one, and again after one leaves), a manager without "
        f"IT experience leads them and needs {a['inexperience_multiplier']:g} times the hours."
    )


def project_load_sentence(sc: vm.Scenario) -> str:
    """One sentence on the projects the figures count, for presentation mode (no editor there).

    >>> project_load_sentence(vm.Scenario(employees=60, projects_per_year=2))
    'The figures count a typical load of 2 medium projects a year; no named projects.'
    """
    named = len(sc.projects)
    load = vm.plural(sc.projects_per_year, f"{sc.project_size} project")
    below = "the named project below" if named == 1 else f"the {named} named projects below"
    if sc.projects_per_year <= 0 and not named:
        return "The figures count no IT projects: running IT only."
    if sc.projects_per_year <= 0:
        return f"The figures count {below} and no typical yearly load."
    if not named:
        return f"The figures count a typical load of {load} a year; no named projects."
    return f"The figures count a typical load of {load} a year, and {below}."


ADD = "add_project"  # session key: "Add a project" was pressed
EDITOR_NOTE = "editor_note"  # session key: one message about the last edit, shown once
EXAMPLE = {"name": "Move email to Microsoft 365", "size": "medium", "budget": None, "start_year": 1}
NUMBERS = {"budget": ("Budget", 0, 50_000_000, False), "start_year": ("Year", 1, 10, True)}


def editor_rows(df, notes: list[str] | None = None) -> list[dict]:
    """Rows of the project editor as plain dicts. Rows left wholly empty are dropped; a row without
    a name (added with "+", or by a key press on the grid's empty last row) is named "Project N"
    so that it counts and shows no "None"; a missing size or year gets the editor's default. A
    number the row cannot take (``Infinity``, a 400-digit year) is emptied. Each change of the
    kind is named in ``notes``."""
    rows = []
    for i, rec in enumerate(df.to_dict("records")):
        clean = {k: (None if _is_missing(v) else v) for k, v in rec.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in clean.values()):
            if notes is not None:
                notes.append("An empty row was removed: double-click a cell to type in it.")
            continue
        for field, (label, low, high, whole) in NUMBERS.items():
            if clean.get(field) is None:
                continue
            try:
                clean[field] = checked_number(clean[field], label, low, high, whole)
            except ValueError as e:
                clean[field] = None
                if notes is not None:
                    notes.append(f"Row {i + 1}: {e}; the cell was emptied.")
        clean["size"] = clean.get("size") or "medium"
        clean["start_year"] = clean.get("start_year") or 1
        if not str(clean.get("name") or "").strip():  # a row added with "+" or a stray key press
            clean["name"] = f"Project {len(rows) + 1}"
            if notes is not None:
                notes.append(
                    f"A row without a name is called “{clean['name']}” until you type one: "
                    "double-click the cell to type in it."
                )
        rows.append(clean)
    return rows


def _is_missing(v) -> bool:
    try:
        return v is None or v != v
    except (TypeError, ValueError):
        return False


PROJECT_COLUMNS = ["name", "size", "budget", "start_year"]


def edits_problem(edits: object, base_rows: int) -> str | None:
    """Why the editor's pending edits (its widget message) are refused before Streamlit applies
    them, or None. Streamlit adds pasted rows one at a time: 10,000 rows took over two minutes of
    the server and slowed every visitor; an edit to a row that does not exist raised IndexError."""
    if edits is None:
        return None
    if not isinstance(edits, dict):
        return "The table's last change could not be read and was not used."
    added = edits.get("added_rows") or []
    deleted = edits.get("deleted_rows") or []
    edited = edits.get("edited_rows") or {}
    if not isinstance(added, list) or not isinstance(deleted, list) or not isinstance(edited, dict):
        return "The table's last change could not be read and was not used."
    total = base_rows + len(added) - len(set(deleted))
    if len(added) > MAX_PROJECTS or total > MAX_PROJECTS:
        return (
            f"At most {MAX_PROJECTS} named projects: the {len(added):,} rows pasted or added "
            f"would make {total:,}, so that change was not used. Paste up to "
            f"{max(0, MAX_PROJECTS - base_rows)} rows."
        )
    for index in (*edited, *deleted):
        try:
            ok = 0 <= int(index) < base_rows + len(added)
        except (TypeError, ValueError, OverflowError):
            ok = False
        if not ok:
            return "The table's last change named a row that does not exist and was not used."
    return None


def project_editor() -> list[dict]:
    """The editable project list; returns its rows (incomplete rows kept for the user to finish).

    The editor edits against a base that only changes when a scenario is loaded (preset, file,
    link) or a change is refused, so the edits Streamlit keeps are never applied twice. A change
    that would pass the project limit (a large paste) or names a row that does not exist is
    refused before Streamlit applies it (:func:`edits_problem`): the editor starts again from the
    saved list, with one message.
    """
    ss = st.session_state
    version = ss.get("projects_version", 0)
    saved = [p for p in ss.get("projects", []) if isinstance(p, dict)][:MAX_PROJECTS]
    try:
        pending = ss.get(f"edit_projects_{version}")  # the edits, not applied yet
    except Exception:  # noqa: BLE001 - Streamlit could not read the message (a row "abc")
        pending = "unreadable"
    problem = edits_problem(pending, len(_base(version, saved)))
    if problem:
        ss.pop(f"projects_base_{version}", None)
        version = ss["projects_version"] = version + 1  # a new editor; the old edits are dropped
        ss.setdefault(EDITOR_NOTE, []).append(problem)
    for note in dict.fromkeys(ss.pop(EDITOR_NOTE, [])):  # from the run that made the change
        st.warning(md_escape(note), icon=":material/info:")  # may quote the pasted text
    notes: list[str] = []
    edited = st.data_editor(
        _base(version, saved),
        key=f"edit_projects_{version}",
        num_rows="dynamic",
        width="stretch",
        placeholder="–",  # not "None": an empty budget means the typical one
        column_config={
            "name": st.column_config.TextColumn("Project", max_chars=80, required=True),
            "size": st.column_config.SelectboxColumn(
                "Size", options=list(vm.PROJECT_SIZES), required=True, default="medium"
            ),
            "budget": st.column_config.NumberColumn(
                "Budget ($, empty = typical)",
                min_value=0,
                max_value=50_000_000,
                step=1000,
                format="dollar",  # $60,000 (the step sets no decimals)
            ),
            "start_year": st.column_config.NumberColumn(
                "Year", min_value=1, max_value=10, step=1, default=1, required=True
            ),
        },
    )
    rows = editor_rows(edited, notes)
    if ss.pop(ADD, False) and len(rows) < MAX_PROJECTS:  # the button below, pressed last run
        rows.append(dict(EXAMPLE) if not rows else {**EXAMPLE, "name": f"Project {len(rows) + 1}"})
        notes.append("")  # start the editor again from the saved list, which has the new row
    if len(rows) < MAX_PROJECTS:
        st.button(
            "Add a project",
            icon=":material/add:",
            key="edit_projects_add",
            on_click=ss.__setitem__,  # a flag, not the button's value: that is lost on a rerun
            args=(ADD, True),
            help="Adds a row to the table; double-click a cell to change it.",
        )
    if rows != ss.get("projects", []) or notes:
        ss["projects"] = rows
        if notes:  # a change was cleaned up: the editor starts again from the clean rows
            ss.pop(f"projects_base_{version}", None)
            ss["projects_version"] = version + 1
            ss[EDITOR_NOTE] = [n for n in notes if n]
        st.rerun()
    if not rows:
        st.caption(
            "No named projects yet. For example: “Move email to Microsoft 365”, medium, "
            "the typical budget, year 1. Press Add a project, then double-click a cell to change "
            "it; paste rows from a spreadsheet into the table too."
        )
    return rows


def _base(version: int, saved: list[dict]) -> pd.DataFrame:
    key = f"projects_base_{version}"
    if key not in st.session_state:
        st.session_state[key] = pd.DataFrame(saved, columns=PROJECT_COLUMNS)
    return st.session_state[key]


def projects_frame(sc: vm.Scenario) -> pd.DataFrame:
    """The scenario's named projects for reading (budgets in money, typical ones marked)."""
    a = vm.load_assumptions()
    return pd.DataFrame(
        [
            {
                "Project": p.name,
                "Size": p.size.capitalize(),
                "Budget": vm.money(
                    p.budget if p.budget is not None else a[f"project_budget_{p.size}"]
                )
                + ("" if p.budget is not None else " (typical)"),
                "Year": p.start_year,
            }
            for p in sc.projects
        ],
        columns=["Project", "Size", "Budget", "Year"],
    )
