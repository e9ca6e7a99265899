"""The Projects page's figures: leading the projects alone, per year, with the retainer or salary
apart, and who leads each named project under each option. No Streamlit here.

What leading the projects costs is what the projects add to each option's leadership cost: the
same scenario with no projects at all (no typical load, no named project) gives the retainer, the
salary or nothing; the difference, year by year, is the projects' share. Hours are the model's own
(``OptionResult.leadership_hours``: they come from the projects alone).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

import vcio_model as vm


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
