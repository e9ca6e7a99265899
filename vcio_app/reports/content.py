"""What every report says, whatever its format: who presents it, the inputs, the figures, how sure
the verdict is, what could change it, and the assumptions with their sources as a reader reads them.

No Streamlit, no plotly (the HTML module draws the charts). User text stays plain text here; each
format escapes it its own way.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

import vcio_model as vm
from vcio_app.brand import Brand, safe_accent

PRODUCT_NAME = "IT leadership cost explorer"
PRODUCT_WORDS = "the open-source, vendor-neutral IT leadership cost model"

# The brand that ships in data/ and the Brand() defaults are placeholders: with one of them the
# reports carry the product's own name and no contact line, never "Your MSP" or a fake address.
PLACEHOLDER_NAMES = {"", "your msp", "your msp name", "msp name"}
_FAKE_CONTACT = re.compile(
    r"@?[\w.-]*\.example\b|\bexample\.(com|org|net)\b|\b555[ .-]?01\d\d\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Presenter:
    """Who the report says prepared it: a configured brand, or the product itself."""

    name: str
    contact: str = ""
    logo: str = ""
    accent: str = "#1f5fa8"
    branded: bool = False
    internal_notes: str = ""


def presenter(brand: Brand | None) -> Presenter:
    """The brand as a report shows it; the product's neutral name when no brand is configured."""
    brand = brand or Brand()
    name = " ".join(str(brand.msp_name or "").split())
    contact = str(brand.contact or "").strip()
    if _FAKE_CONTACT.search(contact):
        contact = ""
    branded = name.lower() not in PLACEHOLDER_NAMES
    return Presenter(
        name=name if branded else PRODUCT_NAME,
        contact=contact if branded else "",
        logo=brand.logo if branded else "",
        accent=safe_accent(brand.accent_color),
        branded=branded,
        internal_notes=str(brand.internal_notes or "").strip(),
    )


# ---------------------------------------------------------------------------------- sources
# The notes column of data/assumptions.csv is written for whoever maintains the data: some notes
# name data files or say how strong a source is in the maintainers' words. Below, the customer's
# version of each such note, keyed by the assumption and the note it replaces: once the data's
# note changes, its old version no longer applies, and the new note is shown as it is if it reads
# as written for a reader, else left out (MAINTAINER_TALK). tests/unit/test_reports.py checks
# every note a report prints.
CUSTOMER_NOTES: dict[str, tuple[str, str]] = {
    "manager_salary": (
        "An operations or finance manager in an SMB; the weak IT-director figure in our sources "
        "(Glassdoor via businessresearchguide) is $120k.",
        "An operations or finance manager in a small or mid-sized firm, who runs IT on the side.",
    ),
    "cio_salary_scale": (
        "Table in size_tables.csv; low/high match the spread of state medians and staffing-guide "
        "percentiles.",
        "Grows with company size; the low and high values follow the spread of state medians and "
        "staffing-guide percentiles.",
    ),
    "overrun_base_unled": (
        "Mean overrun of the projects that are not black swans; PMI gives success rates not "
        "overrun sizes.",
        "Average overrun of ordinary projects (not the rare ones that blow up). PMI publishes "
        "success rates, not overrun sizes, so the size is an estimate.",
    ),
    "breakfix_hourly_rate": (
        "No survey-based average found.",
        "From published provider rate cards; there is no survey-based average.",
    ),
    "breakfix_incidents_per_user": (
        "No technician-hours benchmark found; only a small share of user issues become billable "
        "calls.",
        "Only a small share of user issues become billable calls; no published benchmark of "
        "technician hours exists, so this is an estimate.",
    ),
    "msp_price_scale": (
        "Table in size_tables.csv falls with size (volume pricing).",
        "Falls as the company grows (volume pricing).",
    ),
    "msp_onboarding_months": (
        "Single example; weak.",
        "Based on one published pricing example.",
    ),
    "helpdesk_ratio_scale": (
        "Table in size_tables.csv: 1:40 at 10 staff to 1:100 above 1,500.",
        "Changes with company size: one technician per 40 staff at 10 staff, one per 100 above "
        "1,500.",
    ),
}
MAINTAINER_TALK = re.compile(
    r"\.csv\b|\bour sources\b|\bweak\b|not verified|\bnot found\b|\bfound\b|\bTODO\b|\bFIXME\b",
    re.IGNORECASE,
)
_FILE_SOURCE = re.compile(r"^\s*[\w .()-]*\.(csv|json|xlsx)\s*(:\s*)?", re.IGNORECASE)


_KEY_REF = re.compile(r"\(?\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(_\*)?\b\)?")


def _labels_for_keys(note: str) -> str:
    """Assumption keys named in a note ("(contract_pm_rate)", "overrun_tail_alpha_*") as the
    reader knows them: the assumption's label, in quotes."""
    items = vm.load_assumptions().items

    def label(m: re.Match) -> str:
        key, wild = m.group(1), m.group(2)
        found = key if key in items else None
        if found is None and wild:
            found = next((k for k in items if k.startswith(key + "_")), None)
        if found is None:
            return m.group(0)
        text = f"“{items[found].label}”"
        paren = m.group(0).startswith("(") and m.group(0).endswith(")")
        return f"(see {text})" if paren else text

    # size tables are named like keys too ("the size table vcio_rate_scale", "(x_scale table)")
    note = re.sub(r"\s*\(([a-z][a-z0-9_]*_scale) table\)", "", note)
    note = re.sub(r"\b(size table) [a-z][a-z0-9_]*_scale\b", r"\1", note)
    return _KEY_REF.sub(label, note)


def customer_note(row: dict) -> str:
    """The note a customer reads for an assumption row: the customer's version where there is one,
    the data's own note when it reads as written for a reader (assumption keys in it replaced by
    their labels), else nothing."""
    note = " ".join(str(row.get("notes") or "").split())
    replaces, customer = CUSTOMER_NOTES.get(str(row.get("key") or ""), ("", ""))
    if replaces and note == replaces:
        return customer
    return "" if MAINTAINER_TALK.search(note) else _labels_for_keys(note)


def priced_keys(rows: list[dict], rate_card) -> frozenset[str]:
    """The assumptions whose value in ``rows`` is the rate card's (not one the user changed)."""
    card = rate_card or {}
    return frozenset(
        r["key"] for r in rows if r["key"] in card and math.isclose(r["value"], card[r["key"]])
    )


def source_text(row: dict, who: Presenter, card_keys: frozenset[str] = frozenset()) -> str:
    """Where a number comes from, as a reader reads it: publisher, title, year; "Estimate" for an
    unsourced estimate; the presenter's own prices for a rate-card value (never a file name)."""
    src = " ".join(str(row.get("source") or "").split())
    year = str(row.get("year") or "").strip()
    prices = f"{who.name}'s prices" if who.branded else "The provider's own prices"
    if row.get("key") in card_keys or _FILE_SOURCE.match(src):
        note = _FILE_SOURCE.sub("", src).strip()
        return f"{prices} ({note})" if note else prices
    if not src:
        return "Estimate" if row.get("estimate") else ""
    if year and year not in src and year.lower() != "undated":
        return f"{src} ({year})"
    return src


# ---------------------------------------------------------------------------------- inputs
def when(created: date | None) -> date:
    return created or date.today()


def date_words(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def who(sc: vm.Scenario) -> str:
    return sc.company or vm.format.with_article(f"{sc.employees:,}-person firm")


def title(sc: vm.Scenario) -> str:
    return f"IT leadership options for {who(sc)}"


def assumption_rows(comparison: vm.Comparison, rows: list[dict] | None) -> list[dict]:
    """The assumption rows with the values this scenario used (its overrides applied)."""
    overrides = comparison.scenario.assumptions
    if rows is None:
        rows = vm.load_assumptions().to_rows()
    return [{**r, "value": overrides.get(r["key"], r["value"])} for r in rows]


def is_pct(unit: str) -> bool:
    return unit.startswith(("fraction", "probability"))


def _unit_for(v: float, unit: str) -> str:
    """The unit as it reads after ``v``: "1 hour", "2 hours", "1 incident/user/yr".

    >>> _unit_for(1, "hours"), _unit_for(2, "hours"), _unit_for(1, "incidents/user/yr")
    ('hour', 'hours', 'incident/user/yr')
    """
    word, sep, rest = unit.partition("/")
    head, _, tail = word.partition(" ")
    if v == 1 and head.endswith("s"):
        return head[:-1] + (f" {tail}" if tail else "") + sep + rest
    return unit


def value_text(v: float, unit: str) -> str:
    if is_pct(unit):
        return f"{v:.1%}" if round(v * 100, 1) != round(v * 100) else f"{v:.0%}"
    if unit.startswith("USD"):
        rest = unit[3:].lstrip("/")
        amount = f"${v:,.0f}" if float(v).is_integer() or v >= 100 else f"${v:,.2f}"
        return f"{amount}/{rest}" if rest else amount
    return f"{v:,.6g} {_unit_for(v, unit)}".strip()


def range_text(low: float, high: float, unit: str) -> str:
    if is_pct(unit):
        return f"{value_text(low, unit)} to {value_text(high, unit)}"
    if unit.startswith("USD"):
        rest = unit[3:].lstrip("/")
        lo, hi = (value_text(x, "USD") for x in (low, high))
        return f"{lo} to {hi}" + (f" /{rest}" if rest else "")
    return f"{low:,.6g} to {high:,.6g} {unit}".strip()


def inputs(sc: vm.Scenario) -> list[tuple[str, object, str]]:
    """(label, value, kind) for the Inputs table; kind is money, pct, int, num or text."""
    a = vm.load_assumptions()
    default = "from the assumptions"
    return [
        ("Company", sc.company or "(not given)", "text"),
        ("Employees", sc.employees, "int"),
        (
            "Devices per employee",
            sc.devices_per_employee
            if sc.devices_per_employee is not None
            else f"{a['devices_per_employee']:g} ({default})",
            "num",
        ),
        ("Sites", sc.sites if sc.sites is not None else "derived from size", "int"),
        (
            "Annual revenue",
            sc.annual_revenue if sc.annual_revenue is not None else "(not given)",
            "money",
        ),
        (
            "Downtime cost per hour",
            sc.downtime_cost_per_hour
            if sc.downtime_cost_per_hour is not None
            else "estimated from size and revenue",
            "money",
        ),
        ("Typical IT projects a year", sc.projects_per_year, "num"),
        ("Typical project size", sc.project_size, "text"),
        ("Named projects", len(sc.projects), "int"),
        ("Years compared", sc.years, "int"),
        ("Discount rate", sc.discount_rate, "pct"),
        (
            "Wage growth a year",
            sc.wage_growth if sc.wage_growth is not None else a["wage_growth"],
            "pct",
        ),
        (
            "MSP price rise a year",
            sc.msp_price_escalation
            if sc.msp_price_escalation is not None
            else a["msp_price_escalation"],
            "pct",
        ),
        ("Assumptions changed from the defaults", len(sc.assumptions), "int"),
    ]


def input_text(value: object, kind: str) -> str:
    if isinstance(value, str):
        return value
    if kind == "money":
        return vm.money(float(value), exact=True)
    if kind == "pct":
        return f"{float(value):.1%}"
    return f"{value:,}" if kind == "int" else f"{float(value):g}"


# ---------------------------------------------------------------------------------- how sure
RISK_WORDS = (
    "Every assumption was drawn at random within its plausible range, {trials} times (simulated "
    "futures). Low (P10): 1 future in 10 costs less. Middle (P50): half cost less. High (P90): 1 "
    "in 10 costs more. All in today's money."
)


@dataclass
class Outlook:
    """How sure the verdict is and what could change it: the risk and sensitivity sections."""

    certainty: vm.Certainty
    risk: pd.DataFrame  # option, name, p10, p50, p90, p_cheapest; cheapest middle outcome first
    flips: list[dict] = field(default_factory=list)  # assumptions that change the cheapest option
    movers: list[dict] = field(default_factory=list)  # the largest effects, when none flips
    checked: int = 0  # assumptions moved
    simulation: object = None  # the Simulation, for the range chart

    @property
    def words(self) -> str:
        return RISK_WORDS.format(trials=f"{self.certainty.trials:,}")


def outlook(
    comparison: vm.Comparison, simulation=None, sensitivity: pd.DataFrame | None = None
) -> Outlook:
    """The risk and the sensitivity of ``comparison``'s verdict. Pass the app's cached
    ``simulation`` (5,000 trials, seed 1) and ``sensitivity`` frame to reuse them; the same
    figures as the Risk and Sensitivity pages either way."""
    sc = comparison.scenario
    sim = simulation if simulation is not None else vm.simulate(sc, trials=5000, seed=1)
    sens = sensitivity if sensitivity is not None else vm.sensitivity(sc)
    cert = vm.certainty(sc, comparison=comparison, simulation=sim)
    risk = sim.summary().sort_values("p50", kind="stable", ignore_index=True)
    names = {o.id: o.name for o in comparison.options}
    rec = comparison.recommended
    flips, movers = [], []
    for r in sens.to_dict("records"):
        unit = str(r.get("unit") or "")
        row = {"label": r["label"], "value": value_text(r["value"], unit)}
        ends = []
        for side in ("low", "high"):
            if r[f"winner_{side}"] != rec:
                ends.append(
                    f"at its {side} value, {value_text(r[side], unit)}, "
                    f"{vm.in_sentence(names.get(r[f'winner_{side}'], r[f'winner_{side}']))} "
                    "becomes the cheapest"
                )
        if ends:
            flips.append({**row, "change": "; ".join(ends)})
        elif len(movers) < 5:
            lo, hi = sorted((r["gap_low"], r["gap_high"]))
            movers.append(
                {
                    **row,
                    "range": range_text(r["low"], r["high"], unit),
                    "change": f"the lead stays between {vm.money(lo)} and {vm.money(hi)}",
                }
            )
    return Outlook(cert, risk, flips, movers, len(sens), sim)


def flips_sentence(o: Outlook, comparison: vm.Comparison) -> str:
    rec = vm.in_sentence(comparison.option(comparison.recommended).name)
    if o.flips:
        n = len(o.flips)
        return (
            f"{vm.plural(n, 'assumption')} of the {o.checked} checked, moved alone from its low "
            f"to its high value, {'makes' if n == 1 else 'make'} another option the cheapest. "
            f"If {'it is' if n == 1 else 'they are'} likely to be at that value for you, the "
            f"verdict for {rec} is weaker than its lead suggests."
        )
    return (
        f"None of the {o.checked} assumptions checked, moved alone from its low to its high value, "
        f"makes another option cheaper than {rec}. The largest effects on its lead:"
    )
