"""The leave-behind's detail: what the money does not show, the inputs, every assumption as a
reader reads it (the appendix) and the sales team's internal notes. Plain data, as :mod:`.brief`.
"""

from __future__ import annotations

import vcio_model as vm
from vcio_model.format import money

from . import content as ct
from .brief import clean, plain_label


def non_cost_rows(c: vm.Comparison) -> list[tuple[str, str, str, str]]:
    """What money does not show, per option (cheapest first): cover, single point of failure,
    capacity for strategy."""
    a = vm.load_assumptions()
    out = []
    for o in sorted(c.options, key=lambda o: o.npv):
        s = a.option(o.id)
        out.append((o.name, s.coverage_hours_week, s.single_point_of_failure, s.strategic_capacity))
    return out


def input_rows(sc: vm.Scenario) -> list[tuple[str, str]]:
    """The inputs as (label, text), user text cleaned; the named projects after them."""
    out = [(label, clean(ct.input_text(v, kind), 200)) for label, v, kind in ct.inputs(sc)]
    for p in sc.projects:
        budget = money(p.budget) if p.budget is not None else "typical for its size"
        out.append((f"Project: {clean(p.name, 80)}", f"{p.size}, {budget}, year {p.start_year}"))
    return out


_PLAIN_UNITS = {
    "x table": "{v:g} times typical for your size",
    "exponent": "{v:g} (lower: larger blow-ups)",
    "x hours": "{v:g} times the hours",
    "x rate": "{v:g} times the rate",
    "x monthly fee": "{v:g} times the monthly fee",
}


def plain_value(v: float, unit: str) -> str:
    """A value with its unit in words ("1.2 times typical for your size", not "1.2 x table").

    >>> plain_value(1, "x table"), plain_value(1.5, "x table"), plain_value(200, "USD/hour")
    ('typical for your size', '1.5 times typical for your size', '$200/hour')
    """
    if unit in _PLAIN_UNITS:
        return _PLAIN_UNITS[unit].format(v=v).replace("1 times typical", "typical")
    return ct.value_text(v, unit)


def appendix_rows(rows: list[dict], who: ct.Presenter, card_keys: frozenset[str]) -> list[dict]:
    """Every assumption as a reader reads it: label, value, plausible range, source and note
    (``changed`` and the default where the value is not the published one)."""
    out = []
    for r in rows:
        changed = r["value"] != r.get("default", r["value"])
        out.append({
            "label": plain_label(r["label"]),
            "value": plain_value(r["value"], r["unit"]),
            "range": f"{plain_value(r['low'], r['unit'])} to {plain_value(r['high'], r['unit'])}"
            if r["unit"] in _PLAIN_UNITS else ct.range_text(r["low"], r["high"], r["unit"]),
            "source": clean(ct.source_text(r, who, card_keys), 400),
            "note": clean(ct.customer_note(r), 600),
            "changed": changed,
            "default": plain_value(r.get("default", r["value"]), r["unit"]),
        })  # fmt: skip
    return out


def internal_notes(who: ct.Presenter, rate_card) -> list[str]:
    """The sales team's notes (brand and rate card): only for a report from the sales view."""
    items = [f"Brand: {clean(who.internal_notes, 600)}"] if who.internal_notes else []
    if rate_card is not None:
        labels = vm.load_assumptions().items
        for key, note in sorted(getattr(rate_card, "internal_notes", {}).items()):
            if note:
                label = labels[key].label if key in labels else key
                items.append(f"{plain_label(label)}: {clean(note, 600)}")
    return items or ["No internal notes."]
