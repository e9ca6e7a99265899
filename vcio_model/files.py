"""Reading the small files people give the tool: scenarios, assumptions, brand, rate card.

Every read is capped (a huge upload or a device such as /dev/zero is not read to its end) and every
problem is one line that names the file, raised as ``FileProblem``; each caller turns it into its
own error type (``ScenarioError``, ``DataFileError``, ``BrandError``).
"""

from __future__ import annotations

import json
from pathlib import Path


class FileProblem(ValueError):
    """A file that cannot be used, in one line that names it."""


def read_capped(path: Path, limit: int) -> bytes:
    """A file's bytes, at most ``limit + 1`` of them: a caller can tell the file is too large
    without reading a huge file, or a device such as /dev/zero, to its end."""
    with path.open("rb") as f:
        return f.read(limit + 1)


def check_size(data: bytes | str, limit: int, name: str) -> None:
    if len(data) > limit:
        raise FileProblem(f"{name}: file is larger than {limit // 1000} kB")


def read_small_file(path: str | Path, limit: int, what: str, name: str | None = None) -> bytes:
    """The bytes of a file of at most ``limit`` bytes; ``what`` says what it should be
    ("scenario file"), ``name`` how messages call it (default: the path)."""
    p = Path(path)
    name = name or str(p)
    try:
        data = read_capped(p, limit)
    except OSError as e:
        raise FileProblem(f"{name}: cannot read the {what} ({e.strerror})") from None
    except ValueError:  # e.g. a NUL character in the path
        raise FileProblem(f"{what} {str(path)!r}: not a usable file name") from None
    check_size(data, limit, name)
    return data


def json_object(data: bytes | str, limit: int, name: str, shape: str) -> dict:
    """A JSON object (``{...}``) from a file's text; ``shape`` says what it should hold, for the
    message when it is something else ("a scenario must be a JSON object {...}")."""
    check_size(data, limit, name)
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError) as e:
        raise FileProblem(f"{name}: not valid JSON ({str(e)[:80]})") from None
    if not isinstance(obj, dict):
        raise FileProblem(f"{name}: {shape}, got {type(obj).__name__}")
    return obj
