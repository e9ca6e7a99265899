"""Reading the small files people give the tool: scenarios, assumptions, brand, rate card.

Every read is capped (a huge upload or a device such as /dev/zero is not read to its end) and every
problem is one line that names the file, raised as ``FileProblem``; each caller turns it into its
own error type (``ScenarioError``, ``DataFileError``, ``BrandError``).
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path


class FileProblem(ValueError):
    """A file that cannot be used, in one line that names it."""


class NotRegularFile(OSError):
    """A path that names a FIFO, a device, a socket or a folder instead of a regular file."""

    def __init__(self, kind: str):
        super().__init__(f"not a regular file (a {kind})")
        self.strerror = f"not a regular file but a {kind}"


def file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISCHR, "device"),
                       (stat.S_ISBLK, "device"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISDIR, "folder")):  # fmt: skip
        if test(mode):
            return kind
    return "special file"


def read_capped(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most ``limit + 1`` of them: a caller can tell the file is too
    large without reading a huge file to its end. A FIFO, a device (/dev/zero) or a socket is
    refused (``NotRegularFile``) without blocking: it is opened non-blocking and checked first."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(file_kind(mode))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as f:
            fd = -1  # closed by the file object
            return f.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)


def check_output_path(path: str | Path, inputs: dict[str, str | None]) -> None:
    """Refuse an output path that is not a regular file (a FIFO would block the writer) or that
    names one of the ``inputs`` (option -> path), which writing would destroy. Raises
    ``FileProblem`` naming the option."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        return
    except OSError as e:
        raise FileProblem(f"--out: cannot use {str(path)[:200]} ({e.strerror})") from None
    except ValueError:  # e.g. a NUL character in the path
        raise FileProblem(f"--out: {str(path)[:200]!r} is not a usable file name") from None
    if not stat.S_ISREG(st.st_mode):
        raise FileProblem(
            f"--out: {str(path)[:200]} is {file_kind(st.st_mode)}, not a regular file"
        )
    for option, other in inputs.items():
        if not other:
            continue
        try:
            same = os.path.samefile(p, other)
        except (OSError, ValueError):
            continue
        if same:
            raise FileProblem(
                f"--out: {str(path)[:200]} is the {option} file; writing the report there would "
                "destroy it (choose another file name)"
            )


def write_file(path: str | Path, data: bytes) -> None:
    """Write ``data`` whole or not at all: to a temporary file beside ``path``, then renamed over
    it, so a failure never leaves a half-written (corrupt) file. Raises ``OSError``/``ValueError``."""
    p = Path(path)
    tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "xb") as f:
            f.write(data)
        os.replace(tmp, p)
    finally:
        tmp.unlink(missing_ok=True)


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
