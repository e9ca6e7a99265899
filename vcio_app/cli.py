"""Command line with reports: ``python -m vcio_app report|compare|frontier|simulate|sensitivity``.

The model's command line (``vcio_model.cli``: the same options, formats and exit status) plus the
``report`` subcommand, which needs the app's report and brand modules (and plotly). It lives here,
above both packages, so that ``vcio_model`` imports nothing from the app; ``python -m vcio_model
report`` says where it moved.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from vcio_model import ScenarioError
from vcio_model import cli as model_cli
from vcio_model.cli import SCENARIO_OPTIONS, InputError, Inputs, command
from vcio_model.files import FileProblem, check_output_path, write_file

__all__ = ["PROG", "SCENARIO_OPTIONS", "main", "run_report"]

PROG = "python -m vcio_app"


def _configure_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--out", required=True, metavar="FILE", help="where to write the report")
    p.add_argument("--brand", metavar="FILE.json", help="brand file (default data/brand.json)")
    p.add_argument(
        "--rate-card",
        metavar="FILE.csv",
        help="your prices (columns key, value, note, internal_note); the scenario's own "
        "assumption values win",
    )
    p.add_argument(
        "--paper",
        choices=("letter", "a4"),
        default="letter",
        help="paper size of a PDF (default letter: US Letter)",
    )


@command(
    "report",
    "write a leave-behind report: self-contained HTML, an Excel workbook or a PDF",
    formats=("html", "xlsx", "pdf"),
    configure=_configure_report,
)
def run_report(inputs: Inputs) -> str:
    # plotly and openpyxl load only when a report is written, not for the other subcommands
    from vcio_app import brand as br
    from vcio_app import reports
    from vcio_model import compare, load_assumptions

    args, sc = inputs.args, inputs.scenario
    inputs_by_option = {
        "--scenario": args.scenario,
        "--assumptions": args.assumptions,
        "--brand": args.brand,
        "--rate-card": args.rate_card,
    }
    try:  # before any work: a FIFO as -o would block, an input as -o would be destroyed
        check_output_path(args.out, inputs_by_option)
    except FileProblem as e:
        raise InputError(str(e)) from None
    try:
        brand = br.load_brand(args.brand) if args.brand else br.load_brand()
        card = br.load_rate_card(args.rate_card) if args.rate_card else None
    except br.BrandError as e:
        raise InputError(str(e)) from None
    if card:
        try:
            sc = sc.updated(assumptions={**br.rate_card_overrides(card), **sc.assumptions})
        except ScenarioError as e:  # name the file the value came from
            raise InputError(f"{args.rate_card}: {e}") from None
    a = inputs.assumptions or load_assumptions()
    c = compare(sc, inputs.assumptions)
    rows = br.sources_with_rate_card(a.with_overrides(sc.assumptions).to_rows(), card)
    if inputs.format == "pdf":
        ok, why = reports.pdf_available()
        if not ok:
            raise InputError(f"--format pdf: {why} (use --format html)")
        try:
            data = reports.pdf_report(c, brand, rows, paper=args.paper)
        except reports.ReportError as e:
            raise InputError(f"--format pdf: {e} (use --format html)") from None
    elif inputs.format == "xlsx":
        data = reports.excel_report(c, brand, rows)
    else:
        data = reports.html_report(c, brand, rows).encode("utf-8")
    out = Path(args.out)
    try:
        write_file(out, data)  # whole or not at all
    except OSError as e:
        raise InputError(f"--out: cannot write {out} ({e.strerror})") from None
    except ValueError:  # e.g. a NUL character in the path
        raise InputError(f"--out: {args.out!r} is not a usable file name") from None
    size = f"{len(data) / 1e6:.1f} MB" if len(data) >= 1e6 else f"{len(data) / 1e3:.0f} kB"
    return f"wrote {out} ({inputs.format}, {size}): {c.verdict}\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line, reports included; return the exit status (0 ok, 2 bad input)."""
    return model_cli.main(argv, prog=PROG)
