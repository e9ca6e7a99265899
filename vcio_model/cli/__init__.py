"""Command line: ``python -m vcio_model compare|frontier|simulate|sensitivity|validate [options]``.

Every subcommand reads one scenario from the same options (``--employees``, ``--projects``, ...,
or ``--scenario FILE.json`` with the options overriding the file's values), validated by the one
``Scenario`` schema, and prints ``--format table`` (for people), ``json`` (strict JSON) or ``csv``.

Exit status: 0 on success; 2 on bad input of any kind, with one line on stderr that names the
option, field or file and what is allowed (never a traceback).

Adding a subcommand: write a function that takes the parsed ``Inputs`` and returns the text to
print, and register it (in a module of this package imported below, or in a module imported before ``main`` runs, as
``vcio_app/cli.py`` registers ``report``)::

    @command("report", "Write a one-page report", formats=("html",),
             configure=lambda p: p.add_argument("--out", default="report.html"))
    def report(inputs: Inputs) -> str:
        ...
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..assumptions import DataFileError
from ..scenario import ScenarioError

# The commands register themselves when imported, in this order (the order of --help).
from . import compare, frontier, simulate, sensitivity, validate  # noqa: F401  isort: skip
from .compare import run_compare
from .frontier import frontier_frame, run_frontier
from .output import FORMULA_START, formula_safe, printable, render_table, to_csv, to_json
from .parsing import (
    GRID_EMPLOYEES_RANGE,
    GRID_PROJECTS_RANGE,
    MAX_GRID_CELLS,
    MAX_GRID_VALUES,
    SCENARIO_OPTIONS,
    SEED_RANGE,
    TRIALS_RANGE,
    build_parser,
    read_inputs,
)
from .registry import (
    COMMANDS,
    EXIT_BAD_INPUT,
    EXIT_OK,
    FORMATS,
    MOVED,
    PROG,
    Command,
    InputError,
    Inputs,
    command,
)
from .sensitivity import run_sensitivity
from .simulate import run_simulate

__all__ = [
    "COMMANDS",
    "EXIT_BAD_INPUT",
    "EXIT_OK",
    "FORMATS",
    "FORMULA_START",
    "GRID_EMPLOYEES_RANGE",
    "GRID_PROJECTS_RANGE",
    "MAX_GRID_CELLS",
    "MAX_GRID_VALUES",
    "MOVED",
    "PROG",
    "SCENARIO_OPTIONS",
    "SEED_RANGE",
    "TRIALS_RANGE",
    "Command",
    "InputError",
    "Inputs",
    "build_parser",
    "command",
    "formula_safe",
    "frontier_frame",
    "main",
    "printable",
    "read_inputs",
    "render_table",
    "run_compare",
    "run_frontier",
    "run_sensitivity",
    "run_simulate",
    "to_csv",
    "to_json",
]


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
