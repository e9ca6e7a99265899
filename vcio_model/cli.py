"""Command line: ``python -m vcio_model compare|frontier|simulate|sensitivity [options]``.

Every subcommand reads one scenario from the same options (``--employees``, ``--projects``, ...,
or ``--scenario FILE.json`` with the options overriding the file's values), validated by the one
``Scenario`` schema, and prints ``--format table`` (for people), ``json`` (strict JSON) or ``csv``.

Exit status: 0 on success; 2 on bad input of any kind, with one line on stderr that names the
option, field or file and what is allowed (never a traceback).

Adding a subcommand: write a function that takes the parsed ``Inputs`` and returns the text to
print, and register it (in this module, or in a module imported before ``main`` runs, as
``vcio_app/cli.py`` registers ``report``)::

    @command("report", "Write a one-page report", formats=("html",),
             configure=lambda p: p.add_argument("--out", default="report.html"))
    def report(inputs: Inputs) -> str:
        ...
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import __version__
from .analyses import compare, frontier, sensitivity, simulate
from .assumptions import Assumptions, DataFileError, load_assumptions
from .engine import CATEGORIES, CATEGORY_LABELS
from .format import money, name_in_message, percent, plural
from .scenario import Scenario, ScenarioError, read_scenario_object

PROG = "python -m vcio_model"
EXIT_OK, EXIT_BAD_INPUT = 0, 2
FORMATS = ("table", "json", "csv")

# Command-line option -> Scenario field. The help text and the allowed ranges come from the schema.
SCENARIO_OPTIONS: dict[str, str] = {
    "--employees": "employees",
    "--projects": "projects_per_year",
    "--project-size": "project_size",
    "--years": "years",
    "--discount-rate": "discount_rate",
    "--company": "company",
    "--sites": "sites",
    "--devices-per-employee": "devices_per_employee",
    "--downtime-cost-per-hour": "downtime_cost_per_hour",
    "--annual-revenue": "annual_revenue",
    "--wage-growth": "wage_growth",
    "--msp-price-escalation": "msp_price_escalation",
}
TRIALS_RANGE = (1, 200_000)
SEED_RANGE = (0, 2**32 - 1)
GRID_EMPLOYEES_RANGE = (1, 5000)
GRID_PROJECTS_RANGE = (0, 50)
# A frontier costs memory per cell (about 3 kB; 500 x 100 cells took 170 MB): two lists of 3,000
# values ran out of memory. Past these the command stops with exit 2, naming the limit.
MAX_GRID_VALUES = 1_000
MAX_GRID_CELLS = 40_000


class InputError(ValueError):
    """Bad command-line input; ``str(err)`` is the one line to print."""


@dataclass
class Inputs:
    """What a subcommand gets: the validated scenario, the assumptions and the parsed options."""

    scenario: Scenario
    assumptions: Assumptions | None  # None = the defaults in data/
    format: str
    args: argparse.Namespace


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[Inputs], str]
    formats: tuple[str, ...] = FORMATS
    configure: Callable[[argparse.ArgumentParser], None] | None = None


COMMANDS: dict[str, Command] = {}


def command(
    name: str,
    help: str,
    *,
    formats: Sequence[str] = FORMATS,
    configure: Callable[[argparse.ArgumentParser], None] | None = None,
):
    """Register ``run(inputs) -> str`` as the subcommand ``name`` (a decorator)."""

    def register(run: Callable[[Inputs], str]) -> Callable[[Inputs], str]:
        COMMANDS[name] = Command(name, help, run, tuple(formats), configure)
        return run

    return register


# ---------------------------------------------------------------------------------- parsing
class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (raised, turned into exit status 2 by ``main``)."""

    def error(self, message: str):  # type: ignore[override]
        message = re.sub(r"^argument ([^:]+): ", r"\1: ", message)
        raise InputError(f"{message} (see {self.prog} --help)")


def _plain(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def _option_help(name: str) -> str:
    """The schema's description of a field, with its allowed range."""
    info = Scenario.model_fields[name]
    text = info.description or name
    lo = next((m.ge for m in info.metadata if getattr(m, "ge", None) is not None), None)
    hi = next((m.le for m in info.metadata if getattr(m, "le", None) is not None), None)
    if lo is not None and hi is not None and not re.search(r"\d to \d", text):
        text += f"; {_plain(lo)} to {_plain(hi)}"
    if name == "project_size":
        text += ": small, medium or large"
    return text + f" [{name}]"


def build_parser(prog: str = PROG) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=prog,
        description="Compare what IT leadership and support cost: a full-time CIO, a virtual CIO with "
        "managed services, managed services alone, or break-fix support.",
        epilog="Bad input exits with status 2 and one line naming the option or file.\n"
        f"Example: {prog} compare --employees 45 --projects 3 --format json"
        + "".join(
            f"\nThe {c} command moved: {m} ..." for c, m in MOVED.items() if c not in COMMANDS
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"vcio_model {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for cmd in COMMANDS.values():
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help, allow_abbrev=False)
        g = p.add_argument_group("scenario (each option overrides the --scenario file's value)")
        for option, name in SCENARIO_OPTIONS.items():
            metavar = {"company": "NAME", "project_size": "SIZE"}.get(name, "N")
            g.add_argument(
                option,
                dest=name,
                metavar=metavar,
                default=argparse.SUPPRESS,
                help=_option_help(name),
            )
        g.add_argument(
            "--scenario", metavar="FILE.json", help="a scenario JSON file (the app's export)"
        )
        g.add_argument(
            "--assumptions",
            metavar="FILE.csv",
            help="an assumptions file in the format of data/assumptions.csv",
        )
        p.add_argument(
            "--format",
            choices=cmd.formats,
            default=cmd.formats[0],
            help=f"output format (default {cmd.formats[0]})",
        )
        if cmd.configure:
            cmd.configure(p)
    return parser


def _blame(problem: str, from_cli: set[str], scenario_file: str | None) -> str:
    """Name the option or the file a validation problem came from."""
    m = re.match(r"[A-Za-z_]+", problem)
    name = m.group(0) if m else ""
    if name in from_cli:
        option = next(o for o, f in SCENARIO_OPTIONS.items() if f == name)
        return option + problem[len(name) :]
    if scenario_file:
        return f"{scenario_file}: {problem}"
    return problem


def read_inputs(args: argparse.Namespace) -> Inputs:
    """Validate the scenario (file values, then command-line values) and load the assumptions."""
    cli = {f: getattr(args, f) for f in SCENARIO_OPTIONS.values() if hasattr(args, f)}
    data = read_scenario_object(args.scenario) if args.scenario else {}
    made_with = data.pop("model_version", "0.1.0")  # the app writes it; older files have none
    try:
        scenario = Scenario.parse_input({**data, **cli})
    except ScenarioError as e:
        raise ScenarioError([_blame(p, set(cli), args.scenario) for p in e.problems]) from None
    if args.scenario and made_with != __version__:  # only once the file is known to be good
        print(printable(f"note: {args.scenario} was saved with model version "
                        f"{name_in_message(made_with, 20)}; these figures come from version "
                        f"{__version__}, updated since."), file=sys.stderr)  # fmt: skip
    assumptions = load_assumptions(args.assumptions) if args.assumptions else None
    return Inputs(scenario=scenario, assumptions=assumptions, format=args.format, args=args)


def _echo(text: str) -> str:
    """A bad value as typed, shortened for a one-line message."""
    text = text.strip()
    return repr(text) if len(text) <= 40 else repr(text[:39] + "…")


def _whole(text: str, option: str, lo: int, hi: int) -> int:
    allowed = f"allowed {lo:,} to {hi:,}"
    try:
        value = int(text)
    except ValueError:
        raise InputError(
            f"{option}: must be a whole number; {allowed} (got {_echo(text)})"
        ) from None
    if not lo <= value <= hi:
        got = f"{value:,}" if abs(value) < 10**15 else _echo(text)
        raise InputError(f"{option}: must be {lo:,} to {hi:,} (got {got})")
    return value


def _number_list(text: str, option: str, lo: float, hi: float) -> np.ndarray:
    """A comma-separated list of numbers within [lo, hi], sorted and without repeats."""
    allowed = f"a comma-separated list of numbers from {lo:,} to {hi:,}"
    parts = text.split(",")
    if len(parts) > MAX_GRID_VALUES:
        raise InputError(
            f"{option}: at most {MAX_GRID_VALUES:,} values are allowed (got {len(parts):,})"
        )
    values = []
    for part in parts:
        try:
            x = float(part)
        except ValueError:
            raise InputError(f"{option}: must be {allowed} (got {_echo(part)})") from None
        if not (math.isfinite(x) and lo <= x <= hi):
            raise InputError(f"{option}: must be {allowed} (got {_echo(part)})")
        values.append(x)
    return np.unique(values)


# ---------------------------------------------------------------------------------- output helpers
def to_json(obj) -> str:
    """Strict JSON (no NaN or Infinity), numpy and pandas values converted."""

    def default(o):
        if isinstance(o, np.ndarray):
            return o.tolist()
        if isinstance(o, np.generic):
            return o.item()
        raise TypeError(f"cannot write {type(o).__name__} as JSON")

    return json.dumps(obj, allow_nan=False, indent=2, default=default) + "\n"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def formula_safe(value):
    """A text cell that a spreadsheet can never run as a formula (OWASP CSV injection): text
    starting with = + - @ tab CR or LF gets a leading apostrophe. Numbers are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(df: pd.DataFrame) -> str:
    """CSV text; text cells and headers made formula-safe (labels can come from --assumptions)."""
    df = df.rename(columns=formula_safe)
    for col in df.columns:
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            df[col] = df[col].map(formula_safe)
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: (v.item() if isinstance(v, np.generic) else v) for k, v in r.items()}
            for r in df.to_dict(orient="records")]  # fmt: skip


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None
) -> str:
    """Columns padded to their widest cell. ``align`` has one letter per column, ``l`` or ``r``
    (default: the first column left, the others right, as for numbers)."""
    cells = [list(map(str, headers)), *[list(map(str, r)) for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    align = align or "l" + "r" * (len(headers) - 1)

    def line(r):
        out = [
            c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(r, widths, align, strict=True)
        ]
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *map(line, cells[1:])]) + "\n"


def _num(x: float) -> str:
    """An assumption value for reading: 0.085, 1.5, 20,000."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


def _rate_words(sc: Scenario) -> str:
    return f"NPV at {sc.discount_rate * 100:g}% a year over {plural(sc.years, 'year')}"


# ---------------------------------------------------------------------------------- compare
@command("compare", "cost of every option over the horizon, and the recommendation")
def run_compare(inputs: Inputs) -> str:
    sc = inputs.scenario
    c = compare(sc, inputs.assumptions)
    if inputs.format == "json":
        return to_json({**c.to_dict(), "scenario": sc.model_dump(mode="json")})
    if inputs.format == "csv":
        return to_csv(c.summary_frame())
    out = [c.verdict, ""]
    out += [f"Check the inputs: {w}" for w in c.warnings] + ([""] if c.warnings else [])
    if c.reasons:
        out += ["Why:"] + [f"  - {r}" for r in c.reasons] + [""]
    years = [f"Year {i + 1}" for i in range(sc.years)]
    rows = []
    for o in sorted(c.options, key=lambda o: o.npv):
        mark = "* " if o.id == c.recommended else "  "
        rows.append(
            [
                mark + o.name,
                money(o.upfront),
                *map(money, o.yearly_cost),
                money(o.total),
                money(o.npv),
                money(o.cost_per_employee_year),
            ]  # fmt: skip
        )
    out.append(render_table(["  Option", "Upfront", *years, "Total", "NPV", "Per head/yr"], rows))
    out.append(
        f"Cost by category over {plural(sc.years, 'year')} (upfront included, not discounted)"
    )
    rows = []
    for o in sorted(c.options, key=lambda o: o.npv):
        totals = o.category_totals()
        rows.append(["  " + o.name, *(money(totals[k]) for k in CATEGORIES)])
    out.append(render_table(["  Option", *(CATEGORY_LABELS[k] for k in CATEGORIES)], rows))
    out.append(f"* recommended: lowest {_rate_words(sc)}. Nominal US dollars; costs are positive.")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------- frontier
def _configure_frontier(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--grid-employees",
        metavar="LIST",
        help="company sizes, comma-separated (default: 40 sizes from 5 to 5,000)",
    )
    p.add_argument(
        "--grid-projects",
        metavar="LIST",
        help="projects a year, comma-separated (default: 0, 1, ..., 20)",
    )


def frontier_frame(f) -> pd.DataFrame:
    """Long format: one row per grid cell (projects outer, employees inner)."""
    n_proj, n_emp = f.cheapest.shape
    df = pd.DataFrame(
        {
            "employees": np.tile(f.employees, n_proj),
            "projects_per_year": np.repeat(f.projects, n_emp),
            "cheapest": f.cheapest.ravel(),
            "margin": f.margin.ravel(),
        }
    )
    for k, oid in enumerate(f.option_ids):
        df[f"npv_{oid}"] = f.npv[k].ravel()
    return df


@command(
    "frontier",
    "the cheapest option over a grid of company size x projects a year",
    configure=_configure_frontier,
)
def run_frontier(inputs: Inputs) -> str:
    sc, args = inputs.scenario, inputs.args
    emp = (
        _number_list(args.grid_employees, "--grid-employees", *GRID_EMPLOYEES_RANGE)
        if args.grid_employees
        else np.unique(np.round(np.geomspace(5, 5000, 40)))
    )
    proj = (
        _number_list(args.grid_projects, "--grid-projects", *GRID_PROJECTS_RANGE)
        if args.grid_projects
        else np.arange(0.0, 21.0)
    )
    cells = len(emp) * len(proj)
    if cells > MAX_GRID_CELLS:
        raise InputError(
            f"--grid-employees x --grid-projects: the grid would have {cells:,} cells "
            f"({len(emp):,} x {len(proj):,}); at most {MAX_GRID_CELLS:,} are allowed "
            "(e.g. 400 sizes x 100 project loads)"
        )
    f = frontier(sc, employees=emp, projects=proj, assumptions=inputs.assumptions)
    if inputs.format == "csv":
        return to_csv(frontier_frame(f))
    if inputs.format == "json":
        return to_json(
            {
                "discount_rate": sc.discount_rate,
                "years": sc.years,
                "option_ids": f.option_ids,
                "cells": _records(frontier_frame(f)),
                "crossovers": _records(f.crossovers()),
            }
        )
    a = inputs.assumptions or load_assumptions()
    short = {o.id: o.short_name for o in a.options}
    out = [
        f"Cheapest option ({_rate_words(sc)}) for {len(emp)} company sizes "
        f"({emp[0]:,.0f} to {emp[-1]:,.0f} employees) x {len(proj)} project loads "
        f"({proj[0]:g} to {proj[-1]:g} {sc.project_size} projects a year).",
        "",
    ]
    rows = []
    for i, n in enumerate(proj):
        row = f.cheapest[i]
        starts = [0, *(np.nonzero(row[1:] != row[:-1])[0] + 1)]
        ends = [*(s - 1 for s in starts[1:]), len(row) - 1]
        runs = [
            f"{short[row[s]]} {emp[s]:,.0f}" + (f"-{emp[e]:,.0f}" if e > s else "")
            for s, e in zip(starts, ends, strict=True)
        ]
        rows.append([f"{n:g}", "; ".join(runs)])
    out.append(render_table(["Projects/yr", "Cheapest option by number of employees"], rows, "rl"))
    share = pd.Series(f.cheapest.ravel()).value_counts(normalize=True)
    out.append(
        "Share of the grid: "
        + ", ".join(f"{short[k]} {percent(v)}" for k, v in share.items())
        + f". Smallest margin over the runner-up: {money(float(f.margin.min()))}."
    )
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------- simulate
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
    trials = _whole(args.trials, "--trials", *TRIALS_RANGE)
    seed = _whole(args.seed, "--seed", *SEED_RANGE)
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
                "summary": _records(summary),
            }
        )
    summary = summary.sort_values("p50", ignore_index=True)
    top = summary.loc[summary["p_cheapest"].idxmax()]
    out = [
        f"{top['name']} is the cheapest in {percent(top['p_cheapest'])} of {trials:,} trials "
        f"(seed {seed}; {_rate_words(sc)}).",
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


# ---------------------------------------------------------------------------------- sensitivity
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
    top = _whole(inputs.args.top, "--top", 1, 1000)
    df = sensitivity(sc, inputs.assumptions)
    if inputs.format == "csv":
        return to_csv(df)
    if inputs.format == "json":
        return to_json(
            {
                "discount_rate": sc.discount_rate,
                "years": sc.years,
                **df.attrs,
                "rows": _records(df),
            }
        )
    a = inputs.assumptions or load_assumptions()
    short = {o.id: o.short_name for o in a.options}
    best, second = df.attrs["recommended"], df.attrs["runner_up"]
    flips = df[df["flips"]]
    out = [
        f"{short[best]} beats {short[second]} by {money(df.attrs['base_gap'])} ({_rate_words(sc)}).",
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
                _num(r["low"]),
                _num(r["value"]),
                _num(r["high"]),
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


# ---------------------------------------------------------------------------------- moved
# Subcommands that live above this package: the app registers them (vcio_app/cli.py) and runs
# this same main. Here they only say where they went, so vcio_model imports nothing above it.
MOVED = {"report": "python -m vcio_app report"}


# ---------------------------------------------------------------------------------- main
# C0 and C1 control characters (tab and line feed kept) and text-direction overrides: text from
# a file or an option (a company name with an escape sequence) must not drive the terminal.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` without control characters, for the terminal (stdout and stderr)."""
    return _UNPRINTABLE.sub("", text)


def main(argv: Sequence[str] | None = None, prog: str = PROG) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input). ``prog`` names the
    command in messages (``vcio_app.cli`` runs this main with its own name and commands)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] and argv[0] in MOVED and argv[0] not in COMMANDS:
            raise InputError(f"{argv[0]}: moved to the app's command line: {MOVED[argv[0]]} ...")
        parser = build_parser(prog)
        args = parser.parse_args(argv)
        if args.command is None:
            raise InputError(f"choose a command: {', '.join(COMMANDS)} (see {prog} --help)")
        inputs = read_inputs(args)
        text = COMMANDS[args.command].run(inputs)
    except (InputError, ScenarioError, DataFileError) as e:
        print(printable(f"error: {' '.join(str(e).split())}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        sys.stdout.write(printable(text))
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK
