"""The ``sensitivity`` command: every assumption at its low and high, and what flips."""

from __future__ import annotations

import argparse

from ..analyses.sensitivity import sensitivity
from ..assumptions import load_assumptions
from ..format import money
from .output import assumption_number, rate_words, records, render_table, to_csv, to_json
from .parsing import whole_number
from .registry import Inputs, command


def _configure_sensitivity(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--top",
        default="15",
        metavar="N",
        help="rows in the table format (default 15; json and csv give every row)",
    )


@command(
    "sensitivity",
    "every assumption at its low and high: the swing in the gap between the best two options",
    configure=_configure_sensitivity,
)
def run_sensitivity(inputs: Inputs) -> str:
    sc = inputs.scenario
    top = whole_number(inputs.args.top, "--top", 1, 1000)
    df = sensitivity(sc, inputs.assumptions)
    if inputs.format == "csv":
        return to_csv(df)
    if inputs.format == "json":
        return to_json(
            {
                "discount_rate": sc.discount_rate,
                "years": sc.years,
                **df.attrs,
                "rows": records(df),
            }
        )
    a = inputs.assumptions or load_assumptions()
    short = {o.id: o.short_name for o in a.options}
    best, second = df.attrs["recommended"], df.attrs["runner_up"]
    flips = df[df["flips"]]
    out = [
        f"{short[best]} beats {short[second]} by {money(df.attrs['base_gap'])} ({rate_words(sc)}).",
        f"{len(flips)} of {len(df)} assumptions change the winner at their low or high value"
        + (": " + ", ".join(flips["key"]) + "." if len(flips) else "."),
        "",
    ]
    rows = []
    for _, r in df.head(top).iterrows():
        label = r["label"] if len(r["label"]) <= 44 else r["label"][:43] + "…"
        rows.append(
            [
                label,
                assumption_number(r["low"]),
                assumption_number(r["value"]),
                assumption_number(r["high"]),
                money(r["gap_low"]),
                money(r["gap_high"]),
                short[r["winner_low"]],
                short[r["winner_high"]],
                "yes" if r["flips"] else "",
            ]  # fmt: skip
        )
    headers = ["Assumption", "Low", "Value", "High", "Gap at low", "Gap at high", "Winner at low",
               "Winner at high", "Flips"]  # fmt: skip
    out.append(render_table(headers, rows, "lrrrrrllr"))
    more = len(df) - min(top, len(df))
    out.append(
        f"Gap = {short[second]} minus {short[best]}; negative = {short[second]} is cheaper. "
        f"Sorted by swing" + (f"; {more} more rows with --top or --format csv." if more else ".")
    )
    return "\n".join(out) + "\n"
