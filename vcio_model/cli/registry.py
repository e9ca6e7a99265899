"""The subcommands' registry: what a subcommand gets (``Inputs``), and ``command`` to add one."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..assumptions import Assumptions
from ..scenario import Scenario

PROG = "python -m vcio_model"
EXIT_OK, EXIT_BAD_INPUT = 0, 2
FORMATS = ("table", "json", "csv")


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


# Subcommands that live above this package: the app registers them (vcio_app/cli.py) and runs
# this same main. Here they only say where they went, so vcio_model imports nothing above it.
MOVED = {"report": "python -m vcio_app report"}
