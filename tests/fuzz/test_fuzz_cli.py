"""Fuzz the command line: ``vcio_app.cli.main(argv)`` (the model's commands and ``report``) in
this process, with any arguments.

Whatever the arguments, the exit status is 0 (success) or 2 (bad input), and on 2 stderr is one
line ``error: ...`` that names the option, the command or the file at fault; never a traceback,
never another exception. Files given to ``--scenario``, ``--assumptions``, ``--brand`` and
``--rate-card`` are written with fuzzed content, or are paths that cannot be read (a directory,
a missing file, a NUL in the name, /dev/zero, which must not be read to its end).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import os
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from vcio_app import cli

from .common import (
    any_text,
    assumption_csvs,
    brand_documents,
    fuzz,
    json_documents,
    nasty,
    rate_card_csvs,
)

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ["compare", "frontier", "simulate", "sensitivity", "report"]
SCENARIO_FLAGS = list(cli.SCENARIO_OPTIONS)
FILE_FLAGS = ["--scenario", "--assumptions", "--brand", "--rate-card"]
FLAGS = {*SCENARIO_FLAGS, *FILE_FLAGS, "--trials", "--seed", "--top", "--grid-employees",
         "--grid-projects", "--format", "--out", "-o"}  # fmt: skip
# Phrases of argparse's own one-line messages (no option to name: the command line as a whole).
GENERAL = (
    "choose a command",
    "invalid choice",
    "unrecognized arguments",
    "the following arguments are required",
    "expected one argument",
)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    """A folder for the fuzzed input files and report outputs; PDF off (no browser per example)."""
    old = os.environ.get("VCIO_CHROMIUM")
    os.environ["VCIO_CHROMIUM"] = "none"
    yield tmp_path_factory.mktemp("cli_fuzz")
    if old is None:
        os.environ.pop("VCIO_CHROMIUM", None)
    else:
        os.environ["VCIO_CHROMIUM"] = old


def run(argv: list[str]) -> tuple[int, str, str]:
    """``main(argv)`` with stdout and stderr captured; ``--help``/``--version`` exit with 0."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as e:  # argparse's --help and --version
            code = e.code
    return code, out.getvalue(), err.getvalue()


def write(folder: Path, data: bytes, suffix: str) -> str:
    path = folder / f"{hashlib.sha1(data).hexdigest()}{suffix}"
    if not path.exists():
        path.write_bytes(data)
    return str(path)


# ---------------------------------------------------------------------------------- strategies
small_whole = st.one_of(st.integers(-3, 300).map(str), nasty, st.just("200001"))
number_list = st.lists(
    st.one_of(st.integers(-5, 6000).map(str), st.floats(allow_nan=True).map(repr), nasty),
    min_size=1,
    max_size=6,
).map(",".join)
FLAG_VALUES = {
    "--trials": small_whole,
    "--seed": st.one_of(small_whole, st.just(str(2**32)), st.just("-1")),
    "--top": small_whole,
    "--grid-employees": number_list,
    "--grid-projects": number_list,
    "--format": st.one_of(st.sampled_from(["table", "json", "csv", "html", "xlsx", "pdf"]), nasty),
    "--project-size": st.one_of(st.sampled_from(["small", "medium", "large"]), any_text),
}
UNREADABLE = ["/dev/zero", "/", "/no/such/file.json", "a\x00b", "", "x" * 5000, "../../etc/passwd"]


@st.composite
def file_value(draw, flag: str) -> bytes | str:
    """Fuzzed content for a file option (written to a file by the test), or a bad path."""
    if draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(UNREADABLE))
    if flag == "--scenario":
        return draw(json_documents())
    if flag == "--assumptions":
        return draw(assumption_csvs())
    if flag == "--rate-card":
        return draw(rate_card_csvs())
    return draw(brand_documents())


@st.composite
def argvs(draw) -> list:
    """A command (or none, or junk), then options with good, bad or missing values, in any
    order; sometimes a stray word or a repeated option."""
    argv: list = []
    first = draw(st.sampled_from([*COMMANDS, *COMMANDS, "", "--help", "--version", "-h", "x"]))
    if first:
        argv.append(first)
    flags = SCENARIO_FLAGS + FILE_FLAGS + list(FLAG_VALUES)
    for _ in range(draw(st.integers(0, 5))):
        flag = draw(st.sampled_from(flags))
        if draw(st.integers(0, 15)) == 0:
            argv.append(flag)  # no value
            continue
        if flag in FILE_FLAGS:
            value = draw(file_value(flag))
        elif flag in FLAG_VALUES:
            value = draw(FLAG_VALUES[flag])
        else:
            value = draw(any_text)
        argv += [flag, value]
    if draw(st.integers(0, 10)) == 0:
        argv.insert(draw(st.integers(0, len(argv))), draw(any_text))
    return argv


# ---------------------------------------------------------------------------------- checks
def check(argv: list[str], code: int, out: str, err: str) -> None:
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in err and "Traceback" not in out, err
    # A scenario file without the app's model_version (or an older one) gets one note line first.
    note, _, rest = err.partition("\n")
    if note.startswith("note: ") and "saved with model version" in note:
        err = rest
    if code == 0:
        assert err == "", (argv, err)  # no warnings either (inf/nan in a sum would warn)
        asked_help = {"-h", "--help", "--version"} & set(argv)
        formats = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--format"]
        if formats and formats[-1] == "json" and not asked_help:  # argparse: the last one counts
            json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in JSON: {argv}"))
        return
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), (argv, err)
    msg = lines[0]
    names = [a for a in argv if a in FLAGS and a in msg]
    paths = [v for f, v in zip(argv, argv[1:], strict=False) if f in (*FILE_FLAGS, "-o", "--out")]
    files = [a for a in paths if any(n and n in msg for n in (a, repr(a)[1:-1], Path(a).name))]
    assert names or files or any(g in msg for g in GENERAL), f"names nothing: {msg!r} for {argv}"


def materialise(argv: list, folder: Path) -> list[str]:
    """Write the fuzzed file contents to files; the argument becomes the path."""
    out = []
    for i, a in enumerate(argv):
        if isinstance(a, bytes):
            suffix = {"--scenario": ".json", "--brand": ".json"}.get(argv[i - 1], ".csv")
            a = write(folder, a, suffix)
        out.append(a)
    if out and out[0] == "report" and "-o" not in out:
        fmt = out[out.index("--format") + 1] if "--format" in out[:-1] else "html"
        out += ["-o", str(folder / f"report.{fmt if fmt.isalnum() else 'out'}")]
    return out


@fuzz()
@given(argv=argvs())
@example(argv=["compare", "--scenario", "a\x00b"])  # was ValueError: embedded null byte
@example(argv=["compare", "--assumptions", "a\x00b"])  # same
@example(argv=["report", "--brand", "a\x00b"])  # same
@example(argv=["report", "--rate-card", "a\x00b"])  # same
@example(argv=["compare", "--scenario", "/dev/zero"])  # must stop reading at the size cap
@example(argv=["compare", "--assumptions", "/dev/zero"])
@example(argv=["report", "--brand", "/dev/zero"])
@example(argv=["report", "--rate-card", "/dev/zero"])
@example(argv=["compare", "--employees", "9" * 5000])  # pydantic's int_parsing_size
@example(argv=["simulate", "--trials", "9" * 5000])
@example(argv=["frontier", "--grid-employees", "1e309,5"])
@example(argv=["compare", "--company", "\ud800"])
@example(argv=["compare", "--project-size", "\x00"])
def test_any_command_line_exits_0_or_2_with_one_line(argv, files):
    argv = materialise(argv, files)
    code, out, err = run(argv)
    check(argv, code, out, err)


@fuzz()
@given(
    command=st.sampled_from(COMMANDS[:4]),
    option=st.sampled_from(SCENARIO_FLAGS),
    value=any_text,
    fmt=st.sampled_from(["table", "json", "csv"]),
)
@example(command="compare", option="--employees", value="1e308", fmt="json")
@example(command="compare", option="--discount-rate", value="nan", fmt="json")
@example(command="compare", option="--company", value="x" * 10_000, fmt="json")
def test_a_bad_scenario_option_is_named(command, option, value, fmt):
    """One scenario option with any value, the rest valid: exit 0, or 2 naming that option."""
    argv = [command, option, value, "--format", fmt]
    if command == "simulate":
        argv += ["--trials", "20"]
    if command == "frontier":
        argv += ["--grid-employees", "10,100", "--grid-projects", "0,5"]
    code, out, err = run(argv)
    check(argv, code, out, err)
    if code == 2:
        assert option in err, err


@fuzz()
@given(doc=json_documents(), extra=st.lists(st.sampled_from(SCENARIO_FLAGS), max_size=2))
def test_a_scenario_file_is_read_or_named(doc, extra, files):
    """``--scenario`` with any content (plus valid options that override it): 0, or 2 naming
    the file or one of the options."""
    path = write(files, doc, ".json")
    good = {"--employees": "30", "--projects": "2", "--project-size": "small", "--years": "3",
            "--discount-rate": "0.05", "--company": "Acme", "--sites": "2",
            "--devices-per-employee": "1.5", "--downtime-cost-per-hour": "900",
            "--annual-revenue": "5000000", "--wage-growth": "0.03",
            "--msp-price-escalation": "0.02"}  # fmt: skip
    argv = ["compare", "--scenario", path, "--format", "json"]
    for flag in extra:
        argv += [flag, good[flag]]
    code, out, err = run(argv)
    check(argv, code, out, err)
    if code == 2:
        assert path in err or any(flag in err for flag in extra), err
    else:
        result = json.loads(out)
        assert all(math.isfinite(o["npv"]) for o in result["options"])
