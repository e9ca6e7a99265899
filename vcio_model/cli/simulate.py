"""The ``simulate`` command: Monte Carlo of every option's NPV."""

from __future__ import annotations

import argparse

from ..analyses.simulate import simulate
from ..format import money, percent
from .output import rate_words, records, render_table, to_csv, to_json
from .parsing import SEED_RANGE, TRIALS_RANGE, whole_number
from .registry import Inputs, command


def _configure_simulate(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--trials",
        default="5000",
        metavar="N",
        help=f"Monte Carlo trials ({TRIALS_RANGE[0]:,} to {TRIALS_RANGE[1]:,}; default 5,000)",
    )
    p.add_argument(
        "--seed",
        default="1",
        metavar="N",
        help="random seed: the same seed gives the same result (default 1)",
    )


@command(
    "simulate",
    "Monte Carlo of every option's NPV: P10, P50, P90 and the chance each is cheapest",
    configure=_configure_simulate,
)
def run_simulate(inputs: Inputs) -> str:
    sc, args = inputs.scenario, inputs.args
    trials = whole_number(args.trials, "--trials", *TRIALS_RANGE)
    seed = whole_number(args.seed, "--seed", *SEED_RANGE)
    s = simulate(sc, trials=trials, seed=seed, assumptions=inputs.assumptions)
    summary = s.summary()
    if inputs.format == "csv":
        return to_csv(summary)
    if inputs.format == "json":
        return to_json(
            {
                "discount_rate": sc.discount_rate,
                "years": sc.years,
                "trials": trials,
                "seed": seed,
                "summary": records(summary),
            }
        )
    summary = summary.sort_values("p50", ignore_index=True)
    top = summary.loc[summary["p_cheapest"].idxmax()]
    out = [
        f"{top['name']} is the cheapest in {percent(top['p_cheapest'])} of {trials:,} trials "
        f"(seed {seed}; {rate_words(sc)}).",
        "",
    ]
    rows = [
        [
            r["name"],
            money(r["p10"]),
            money(r["p50"]),
            money(r["p90"]),
            money(r["mean"]),
            percent(r["p_cheapest"]),
        ]  # fmt: skip
        for _, r in summary.iterrows()
    ]
    out.append(render_table(["Option", "P10", "P50", "P90", "Mean", "Cheapest in"], rows))
    out.append("P10/P50/P90: 1 in 10 trials cost less / half cost less / 9 in 10 cost less.")
    return "\n".join(out) + "\n"
