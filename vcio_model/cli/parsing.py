"""Reading the command line: the parser built from the schema, the scenario and the checked values."""

from __future__ import annotations

import argparse
import math
import re
import sys

import numpy as np

from .. import __version__
from ..assumptions import load_assumptions
from ..format import name_in_message
from ..scenario import Scenario, ScenarioError, read_scenario_object
from .output import printable
from .registry import COMMANDS, MOVED, PROG, InputError, Inputs

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
    made_with = data.pop("model_version", __version__)  # a file without one is read as current
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


def whole_number(text: str, option: str, lo: int, hi: int) -> int:
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


def number_list(text: str, option: str, lo: float, hi: float) -> np.ndarray:
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
