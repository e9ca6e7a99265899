"""The executive leave-behind, as plain data: what the HTML page and the PDF both say.

For whom (the company and its head count), prepared by whom and when, the verdict in the verdict
vocabulary (a close call is never "recommended" or "cheapest"), how sure, every option's cost in
one convention (today's money, rounded so that what differs reads differently), what decides, what
would change the verdict with a takeaway, and the next step. Sentences speak of the client's own
size: the data's labels written for a reference firm ("at a 100-person firm") and its code-like
units ("x table", "exponent") never reach the reader. No Streamlit, plotly or reportlab here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import vcio_model as vm
from vcio_app.charts.style import standing as screen_standing
from vcio_model.format import clean_text, in_sentence, money_compared, money_distinct, plural

from . import content as ct

MAX_CHANGES = 4  # assumptions listed under "what would change the verdict"

# A label written for a reference firm ("... for a 50-person firm", "... at a 100-person firm")
_REFERENCE_SIZE = re.compile(r",?\s+(?:for|at|of)\s+an?\s+[\d,]+-person\s+(?:firm|company)\b")
# "..., against what a firm of your size typically needs": a multiplier's reference, said by "%"
_AGAINST = re.compile(r",?\s+against\s+(?:the\s+)?(?:what|typical)\b.*$", re.I)
# Labels whose words are jargon for an owner, in the owner's words; {rest} keeps the label's end
_JARGON = (
    (
        re.compile(r"^Fat-tail exponent of blown-up projects\s*", re.I),
        "How bad the worst project blow-ups get ",
    ),  # fmt: skip
)


def clean(text: object, limit: int = 200) -> str:
    """User text as a report prints it: cleaned as on screen (``vcio_model.format.clean_text``:
    no control or invisible format characters, so a direction override cannot print "M9.1$" for
    "$1.9M"), at most ``limit`` characters."""
    return clean_text(text or "")[:limit]


def plain_label(label: str) -> str:
    """An assumption's label in the reader's words: no reference firm size, no jargon.

    >>> plain_label("Budget of a medium project at a 100-person firm")
    'Budget of a medium project'
    >>> plain_label("vCIO hourly rate for a 50-person firm")
    'vCIO hourly rate'
    >>> plain_label("IT leadership hours a month, against what a firm of your size typically needs")
    'IT leadership hours a month'
    """
    text = _AGAINST.sub("", _REFERENCE_SIZE.sub("", label))
    for pattern, words in _JARGON:
        text = pattern.sub(words, text)
    return text.strip()


def _relative(unit: str, label: str) -> bool:
    """True where a value is best said as a change in percent (a multiplier, or a figure stated for
    a reference firm whose size is not the client's)."""
    return unit.startswith("x") or bool(_REFERENCE_SIZE.search(label))


def lower_first(text: str) -> str:
    """The text as it reads inside a sentence: "Budget ..." -> "budget ...", "IT ..." stays.

    >>> lower_first("Budget of a project"), lower_first("IT hours"), lower_first("vCIO rate")
    ('budget of a project', 'IT hours', 'vCIO rate')
    """
    first = text.split()[0] if text.split() else ""
    keep = first.isupper() or any(ch.isupper() for ch in first[1:])
    return text if keep else text[:1].lower() + text[1:]


def change_words(label: str, unit: str, value: float, other: float) -> str:
    """What moving an assumption from ``value`` to ``other`` means, as an "if" clause.

    >>> change_words("vCIO hourly rate for a 50-person firm", "USD/hour", 200, 150)
    'the vCIO hourly rate were 25% lower'
    >>> change_words("Typical overrun without experienced leadership", "fraction of budget", .2, .1)
    'the typical overrun without experienced leadership were 10% instead of 20%'
    """
    name = lower_first(plain_label(label))
    lower = other < value
    if unit == "exponent":  # a fat tail's exponent: a lower one means larger blow-ups
        lead = "without" if "without" in label else "with"
        return f"the worst project blow-ups {lead} experienced leadership were " + (
            "larger" if lower else "smaller"
        )
    if _relative(unit, label) and value:
        pct = abs(other / value - 1)
        how = "twice as high" if abs(other / value - 2) < 0.005 else (
            f"{pct:.0%} {'lower' if lower else 'higher'}")  # fmt: skip
        return f"the {name} were {how}"
    return f"the {name} were {ct.value_text(other, unit)} instead of {ct.value_text(value, unit)}"


def money3(x: float) -> str:
    """Dollars to three significant figures, as every screen compares totals, so that a stated
    gap stays true of the figures (``vcio_model.format.money_compared``).

    >>> money3(2_064_309), money3(164_000), money3(45_300), money3(950)
    ('$2.06M', '$164k', '$45.3k', '$950')
    """
    return money_compared([x])[0]


distinct3 = money_compared  # several amounts side by side, kept apart where they differ


# ---------------------------------------------------------------------------------- vocabulary
def lowest_label(c: vm.Comparison) -> str:
    """The verdict in a few words, as a table or a saved scenario names it, in the words every
    screen uses (``charts.style.standing``): "Recommended: ..." for a named winner (the simulation's
    pick, not always the lowest average cost), "About the same: ... and ..." for a close call."""
    best = c.option(c.recommended)
    if c.close_call:
        return f"About the same: {best.name} and {in_sentence(c.option(c.runner_up).name)}"
    return f"Recommended: {best.name}"


def standing(c: vm.Comparison, option_id: str) -> str:
    """One option's place in the verdict: "recommended" or "about the same" as on every screen
    (``charts.style.standing``), else how much more it costs than the recommended option."""
    if said := screen_standing(c, option_id):
        return said
    return f"{money3(c.option(option_id).npv - c.option(c.recommended).npv)} more"


def head_count(sc: vm.Scenario) -> str:
    return f"{sc.employees:,} {'employee' if sc.employees == 1 else 'employees'}"


def for_whom(sc: vm.Scenario) -> str:
    """ "Acme Accounting, 60 employees" or "a 60-person firm": the head count always in it."""
    company = clean(sc.company, 120)
    if company:
        return f"{company}, {head_count(sc)}"
    return vm.format.with_article(f"{sc.employees:,}-person firm")


# ---------------------------------------------------------------------------------- the brief
@dataclass
class OptionLine:
    option_id: str
    name: str
    npv: float
    npv_text: str  # rounded so that different amounts read differently
    per_employee_text: str  # today's money per employee a year (the NPV's convention)
    standing: str
    singled_out: bool  # the lowest, or one of a close pair


@dataclass
class Brief:
    """Everything the leave-behind says, in reading order."""

    title: str
    situation: str  # what was compared: head count, sites, projects, years, discount rate
    prepared_for: str
    prepared_by: str
    contact: str
    made: date
    branded: bool
    verdict_label: str
    verdict: str
    sure: str
    warnings: list[str]
    cost_note: str
    options: list[OptionLine]
    decides_heading: str
    decides: list[str]
    change_takeaway: str
    changes: list[str]
    ranges: list[tuple[str, str, str, str, str]]  # name, P10, P50, P90, chance lowest
    range_note: str
    next_step: str
    accent: str = "#1f5fa8"
    close_call: bool = False
    extra: dict = field(default_factory=dict)


def _differs(reason: str) -> bool:
    """False for a side-by-side reason whose two sides say the same ("A: x; B: x.")."""
    m = re.match(r"^[^:]+:\s*[^:]+:\s*(.*);\s*[^:;]+:\s*(.*?)\.?$", reason)
    return not m or m.group(1).strip(" .") != m.group(2).strip(" .")


def _decides(c: vm.Comparison) -> tuple[str, list[str]]:
    best, second = c.option(c.recommended), c.option(c.runner_up)
    if c.close_call:
        items = [r for r in c.reasons if _differs(r)]
        return (
            f"What decides between {in_sentence(best.name)} and {in_sentence(second.name)}",
            items
            or [
                "They differ in nothing the model measures: choose on the people and the contract."
            ],
        )
    return f"Why {in_sentence(best.name)} costs least", list(c.reasons)


def changes(c: vm.Comparison, look: ct.Outlook, sens=None) -> tuple[str, list[str]]:
    """What would change the verdict: a takeaway sentence and up to ``MAX_CHANGES`` "if" lines."""
    if sens is None:
        sens = vm.sensitivity(c.scenario)
    names = {o.id: o.name for o in c.options}
    best, runner = c.option(c.recommended), c.option(c.runner_up)
    items = []
    flips = sens[sens["flips"]] if sens is not None and len(sens) else []
    for r in (flips.to_dict("records") if len(flips) else [])[:MAX_CHANGES]:
        side = "low" if r["winner_low"] != c.recommended else "high"
        who = names.get(r[f"winner_{side}"], r[f"winner_{side}"])
        what = change_words(r["label"], str(r["unit"] or ""), r["value"], r[side])
        items.append(f"If {what}, {in_sentence(who)} would cost least.")
    n = len(flips)
    if c.close_call:
        first = lower_first(plain_label(flips.iloc[0]["label"])) if n else ""
        take = (
            "The two are so close that a small change in one assumption swaps them"
            + (f" (the largest: the {first})" if first else "")
            + f": decide between {in_sentence(best.name)} and "
            f"{in_sentence(runner.name)} on what the price does not show."
        )
    elif n:
        first = lower_first(plain_label(flips.iloc[0]["label"]))
        take = (
            f"The verdict holds unless your own figures differ from the ones used; check the "
            f"{'one' if n == 1 else 'few'} below first, starting with the {first}, against your own "
            "quotes and contracts."
        )
    else:
        take = (
            f"No single assumption, moved across its plausible range, makes another option cost "
            f"less than {in_sentence(best.name)}: the verdict is sturdy."
        )
    return take, items


def situation(c: vm.Comparison) -> str:
    """What was compared, in one sentence: the firm, its projects (named ones by name), the years.

    >>> situation(vm.compare(vm.Scenario(employees=8, projects_per_year=0)))
    'Compared for 8 employees with no regular IT projects, over 5 years.'
    """
    sc = c.scenario
    n = sc.projects_per_year
    load = (f"{n:g} {sc.project_size} IT project{'s' if n != 1 else ''} a year" if n
            else "no regular IT projects")  # fmt: skip
    if sc.projects:
        names = [f"“{clean(p.name, 60)}”" for p in sc.projects[:6]]
        more = f" and {len(sc.projects) - 6} more" if len(sc.projects) > 6 else ""
        load += f", plus the named project{'s' if len(sc.projects) > 1 else ''} " + (
            ", ".join(names) + more
        )
    sites = f" at {plural(sc.sites, 'site')}" if sc.sites else ""
    return f"Compared for {head_count(sc)}{sites} with {load}, over {plural(c.years, 'year')}."


def next_step(who: ct.Presenter, c: vm.Comparison) -> str:
    best = c.option(c.recommended)
    if c.close_call:
        task = (
            f"compare what {in_sentence(best.name)} and "
            f"{in_sentence(c.option(c.runner_up).name)} would each deliver for you"
        )
    else:
        task = f"check the figures above against quotes for {in_sentence(best.name)}"
    if who.branded:
        contact = f" ({clean(who.contact, 120)})" if who.contact else ""
        return f"Next step: a 30-minute call with {clean(who.name, 80)}{contact} to {task}."
    return f"Next step: {task}, then ask two or three providers for written proposals."


def build(
    comparison: vm.Comparison,
    brand=None,
    created: date | None = None,
    simulation=None,
    sensitivity=None,
) -> Brief:
    """The leave-behind's content for ``comparison`` (reuse the app's cached ``simulation`` and
    ``sensitivity`` where there are; the same figures as the Risk and Sensitivity pages)."""
    c, sc = comparison, comparison.scenario
    who = ct.presenter(brand)
    sens = sensitivity if sensitivity is not None else vm.sensitivity(sc)
    look = ct.outlook(c, simulation, sens)
    ranked = sorted(c.options, key=lambda o: o.npv)
    years = max(sc.years, 1)
    totals = distinct3([o.npv for o in ranked])
    per = money_distinct([o.npv / max(sc.employees, 1) / years for o in ranked])
    lines = [
        OptionLine(
            o.id,
            o.name,
            o.npv,
            totals[i],
            per[i],
            standing(c, o.id),
            o.id == c.recommended or (c.close_call and o.id == c.runner_up),
        )
        for i, o in enumerate(ranked)
    ]
    rate = f"{round(c.discount_rate * 100, 2):g}%"
    heading, decides = _decides(c)
    take, change_lines = changes(c, look, sens)
    risk = look.risk
    ranges_text = [
        (r.name, *distinct3([r.p10, r.p50, r.p90]), vm.chance(r.p_cheapest))
        for r in risk.itertuples()
    ]
    return Brief(
        title=f"IT leadership options for {for_whom(sc)}",
        situation=situation(c),
        prepared_for=clean(sc.company, 120) or for_whom(sc),
        prepared_by=clean(who.name, 80),
        contact=clean(who.contact, 120),
        made=ct.when(created),
        branded=who.branded,
        verdict_label=lowest_label(c),
        verdict=clean(c.verdict, 600),
        sure=look.certainty.sentence,
        warnings=list(c.warnings),
        cost_note=(
            f"Each option's cost over {plural(c.years, 'year')} in today's money: every year's "
            f"cost and one-off fees added up, a dollar paid later counted for less (at "
            f"{vm.format.with_article(rate)} discount rate). Per employee: the same total shared by "
            f"{head_count(sc)} and {plural(c.years, 'year')}."
        ),
        options=lines,
        decides_heading=heading,
        decides=decides,
        change_takeaway=take,
        changes=change_lines,
        ranges=ranges_text,
        range_note=(
            f"Every assumption drawn at random within its plausible range, "
            f"{look.certainty.trials:,} times. Low: 1 future in 10 costs less; high: 1 in 10 "
            "costs more. In today's money."
        ),
        next_step=next_step(who, c),
        accent=who.accent,
        close_call=c.close_call,
        extra={"outlook": look, "presenter": who, "sensitivity": sens},
    )
