"""What an owner asks next: what the IT leadership costs a month under each option, and, when two
options cost about the same, what decides between them for this firm.

Pure functions over the model's results (no streamlit), each unit-tested against the model. Words
are chosen by the kind of leadership and support an option has (data/options.csv), so an option
the data adds later is described by its kinds, or by its own name where a kind is new.
"""

from __future__ import annotations

import math

import vcio_model as vm
from vcio_app.safe_text import md_escape
from vcio_model import in_sentence, money, plural

# Who leads the IT projects, by the option's kind of leadership: the leader, and how they lead.
LEADER = {
    "none": "your own manager",
    "vcio": "a vCIO",
    "vcio_project": "a vCIO rented for each project",
    "it_manager": "an IT manager",
    "cio": "a CIO",
}
PROJECT_LEAD = {
    "none": "your own manager leads them beside the day job",
    "vcio": "a vCIO leads them, part time",
    "vcio_project": "a vCIO rented for each project leads it, and nobody between projects",
    "it_manager": "your IT manager leads them",
    "cio": "your CIO leads them, full time",
}
# Who comes on site when something breaks, by the option's kind of support.
ON_SITE = {
    "break_fix": "a technician comes when you call and one is free",
    "managed": "the MSP sends a technician when needed (most work is done remotely)",
    "comanaged": "your own IT staff are there, with the MSP working remotely",
    "inhouse": "your own technicians are there every working day",
}
# When an owner would pick each kind of support.
SUPPORT_WANT = {
    "break_fix": "you would rather pay only when something breaks",
    "managed": "you want your systems watched day and night for a fixed monthly fee",
    "comanaged": "you want someone of your own on site, with an MSP behind them",
    "inhouse": "you want your own technicians on site every working day",
}
# How much leading an option's leadership does: more plans and leads more of the projects.
LEAD_RANK = {"none": 0, "vcio_project": 0.5, "vcio": 1, "it_manager": 2, "cio": 3}
# What the leadership line of the monthly bill is, by kind.
BILL_WORDS = {
    "none": "no IT leader: your own manager's time on IT projects",
    "vcio": "the vCIO's retainer",
    "vcio_project": "vCIO hours bought only while a project runs",
    "it_manager": "the IT manager's pay",
    "cio": "the CIO's pay",
}
_QUALITIES = (
    ("Hours of cover a week", "coverage_hours_week"),
    ("Single point of failure", "single_point_of_failure"),
    ("Capacity for strategy and projects", "strategic_capacity"),
)


def _month(x: float) -> str:
    return money(x / 12)


def leadership_bill(c: vm.Comparison) -> list[tuple[str, str]]:
    """(options, what their IT leadership costs a month in year 1, in words), one line per
    distinct bill, the lowest first. From the model's leadership cost of year 1: the retainer or
    the pay, and apart from it what leading the projects adds (``project_leadership_cost``).

    Options with the same bill (two options with the same CIO) share a line.
    """
    lines: dict[str, list[str]] = {}
    for o in sorted(c.options, key=lambda o: o.breakdown["leadership"][0]):
        year1 = o.breakdown["leadership"][0]
        projects = o.project_leadership_cost[0] if o.project_leadership_cost else 0.0
        base = max(0.0, year1 - projects)
        what = BILL_WORDS.get(o.leadership, f"the leadership of {in_sentence(o.name)}")
        if o.leadership == "none":
            text = f"{what}, about {_month(year1)}" if year1 >= 0.5 else "no IT leader"
        elif projects >= 0.5 and base >= 0.5:
            text = f"{what}, about {_month(base)}, plus {_month(projects)} for leading projects"
        else:
            text = f"{what}, about {_month(year1)}"
        lines.setdefault(text, []).append(o.short_name)
    return [(" and ".join(names), text) for text, names in lines.items()]


def bill_markdown(c: vm.Comparison) -> str:
    """:func:`leadership_bill` as a short Markdown block for the Overview."""
    rows = "\n".join(
        f"- **{md_escape(who)}**: {md_escape(text)}" for who, text in leadership_bill(c)
    )
    return f"**What the IT leadership costs you a month** (year 1):\n\n{rows}"


def _sites(sc: vm.Scenario) -> int:
    if sc.sites:
        return int(sc.sites)
    a = vm.load_assumptions()
    return max(1, math.floor(sc.employees / a["employees_per_site"]) or 1)


def _projects_words(sc: vm.Scenario) -> str:
    parts = []
    if sc.projects_per_year:
        parts.append(f"{plural(sc.projects_per_year, 'project')} a year")
    if sc.projects:
        parts.append(plural(len(sc.projects), "named project"))
    return " plus ".join(parts)


def tie_breakers(c: vm.Comparison) -> list[str]:
    """For a close call, what decides between the two options that cost about the same, as
    Markdown lines (the data's text escaped): only what differs between them, tied to this firm's
    inputs (its projects: who leads them; its sites: who comes on site), then one sentence on
    when to choose which. [] if not a close call."""
    if not c.close_call:
        return []
    sc = c.scenario
    a, b = c.option(c.recommended), c.option(c.runner_up)
    spec = vm.load_assumptions().option
    out = []
    load = _projects_words(sc)
    lead_a, lead_b = (PROJECT_LEAD.get(o.leadership) for o in (a, b))
    if load and lead_a and lead_b and lead_a != lead_b:
        out.append(
            f"**Your {load}**: with {md_escape(a.short_name)}, {lead_a}; with {md_escape(b.short_name)}, {lead_b}."
        )
    site_a, site_b = (ON_SITE.get(o.support) for o in (a, b))
    if site_a and site_b and site_a != site_b:
        n = _sites(sc)
        where = "" if n == 1 else f", at each of your {n} sites"
        out.append(
            f"**On site{where}**: with {md_escape(a.short_name)}, {site_a}; with {md_escape(b.short_name)}, {site_b}."
        )
    for label, attr in _QUALITIES:
        if line := _quality_line(label, a, getattr(spec(a.id), attr), b, getattr(spec(b.id), attr)):
            out.append(line)
    out.append(f"**When to choose which**: {when_to_choose(a, b, sc)}")
    return out


def _quality_line(label: str, a, va: str, b, vb: str) -> str:
    """One quality side by side; "" where both options have it alike; where one only adds to the
    other's ("168 monitoring" and "168 monitoring, vCIO on call"), what it adds."""
    va, vb = str(va).strip(), str(vb).strip()
    if va == vb:
        return ""
    for (_, tx), (y, ty) in (((a, va), (b, vb)), ((b, vb), (a, va))):
        if ty.startswith(tx) and ty[len(tx) :].startswith(","):
            extra = ty[len(tx) + 1 :].strip()
            return f"**{label}**: the same ({md_escape(tx)}), and {md_escape(y.short_name)} adds {md_escape(extra)}."
    return f"**{label}**: {md_escape(a.short_name)}: {md_escape(va)}; {md_escape(b.short_name)}: {md_escape(vb)}."


def when_to_choose(a, b, sc: vm.Scenario) -> str:
    """One sentence: when to choose each of two options that cost about the same."""
    ra, rb = LEAD_RANK.get(a.leadership), LEAD_RANK.get(b.leadership)
    if ra is not None and rb is not None and ra != rb:
        more, less = (a, b) if ra > rb else (b, a)
        load = _projects_words(sc)
        want = f"to plan and lead your {load}" if load else "to plan your IT"
        if less.leadership == "none":
            enough = "your own manager has the time to lead them" if load else "nobody needs to"
        elif less.leadership == "vcio_project":
            enough = "you need a senior leader only while a project runs"
        else:
            enough = f"{LEADER[less.leadership]} is enough for what you plan"
        return (
            f"choose {md_escape(more.short_name)} if you want {LEADER[more.leadership]} {want}; "
            f"choose {md_escape(less.short_name)} if {enough}."
        )
    sa, sb = SUPPORT_WANT.get(a.support), SUPPORT_WANT.get(b.support)
    if sa and sb and sa != sb:
        return (
            f"choose {md_escape(a.short_name)} if {sa}; choose {md_escape(b.short_name)} if {sb}."
        )
    return (
        f"the price does not decide: choose by the cover and the people you prefer, "
        f"{md_escape(a.short_name)} or {md_escape(b.short_name)}."
    )
