"""The layers: ``vcio_model`` imports nothing above it (no app, no Streamlit, no plotly), and its
command line points to where the report command moved."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ABOVE = ("vcio_app", "streamlit", "plotly", "openpyxl")


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_the_model_and_its_command_line_import_nothing_above_them():
    """Import the package and run every model subcommand in one process (so the modules each one
    loads lazily are loaded too), then list what got imported from the layers above."""
    code = (
        "import contextlib, io, json, sys\n"
        "import vcio_model, vcio_model.cli as cli\n"
        "runs = [['compare'], ['simulate', '--trials', '50'], ['sensitivity'],\n"
        "        ['frontier', '--grid-employees', '10,100', '--grid-projects', '0,4']]\n"
        "codes = []\n"
        "for argv in runs:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        codes.append(cli.main(argv + ['--employees', '40', '--format', 'json']))\n"
        f"above = sorted(m for m in sys.modules if m.split('.')[0] in {ABOVE!r})\n"
        "print(json.dumps({'codes': codes, 'above': above}))\n"
    )
    proc = _python(code)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["codes"] == [0, 0, 0, 0]
    assert got["above"] == []


def test_model_report_says_where_it_moved():
    proc = subprocess.run(
        [sys.executable, "-m", "vcio_model", "report", "--employees", "40", "-o", "x.html"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "python -m vcio_app report" in proc.stderr
    assert not (ROOT / "x.html").exists()


def test_the_app_command_line_runs_the_model_commands_too():
    proc = subprocess.run(
        [sys.executable, "-m", "vcio_app", "compare", "--employees", "40", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    import vcio_model as vm

    want = vm.compare(vm.Scenario(employees=40))
    assert json.loads(proc.stdout)["recommended"] == want.recommended


# ------------------------------------------------------------------------------------ the house
# Lower layers never import higher ones; within the app a module may import its own layer or
# any below it. Checked on every import statement, module-level or inside a function.
LAYERS = (
    ("the model", ("vcio_model",)),
    (
        "cached calls, brand, scenario, safe text",
        ("vcio_app.model_calls", "vcio_app.brand", "vcio_app.scenario", "vcio_app.safe_text"),
    ),
    ("charts and reports", ("vcio_app.charts", "vcio_app.reports")),
    (
        "page content and frame",
        ("vcio_app.content", "vcio_app.frame", "vcio_app.cli", "vcio_app.__main__"),
    ),
    ("pages and app.py", ("pages", "app")),
)


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]
    for pkg in ("vcio_app", "vcio_model"):
        files += (ROOT / pkg).rglob("*.py")
    return {_module_name(p): p for p in files}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``name`` imports (``from pkg import mod`` counts as ``pkg.mod``)."""
    import ast

    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for a in node.names:
                found.add(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base)
    return {m for m in found if m in known and m != name}


def _layer(name: str) -> int:
    for i, (_, prefixes) in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(f"{name} is in no layer: add it to LAYERS in tests/unit/test_layers.py")


def _upward_imports(sources: dict[str, Path]) -> list[str]:
    known = set(sources)
    upward = []
    for name, path in sources.items():
        if name == "vcio_app":
            continue
        for target in _imports(name, path, known):
            if target != "vcio_app" and _layer(target) > _layer(name):
                upward.append(f"{name} ({LAYERS[_layer(name)][0]}) imports {target}")
    return upward


def test_every_import_points_to_the_same_layer_or_one_below():
    assert _upward_imports(_sources()) == []


def test_no_import_circle_between_the_apps_folders():
    """Folders (brand, scenario, charts, reports, content, frame) and single modules as nodes: no
    cycle, so each folder can be read knowing only what it imports."""
    sources = _sources()
    known = set(sources)

    def group(m: str) -> str:
        parts = m.split(".")
        return ".".join(parts[:2]) if parts[0] == "vcio_app" else parts[0]

    edges: dict[str, set[str]] = {}
    for name, path in sources.items():
        for target in _imports(name, path, known):
            if group(target) != group(name) and target != "vcio_app":
                edges.setdefault(group(name), set()).add(group(target))
    seen, stack, cycles = set(), [], []

    def visit(node: str) -> None:
        if node in stack:
            cycles.append(stack[stack.index(node) :] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            visit(nxt)
        stack.pop()

    for node in sorted(edges):
        visit(node)
    assert cycles == []


def test_the_layers_test_sees_an_upward_import(tmp_path):
    """The check can fail: a model module that imports a page piece, even inside a function."""
    fake = tmp_path / "engine.py"
    fake.write_text("def f():\n    from vcio_app.frame import page\n    return page\n")
    sources = {**_sources(), "vcio_model.engine": fake}
    assert _upward_imports(sources) == ["vcio_model.engine (the model) imports vcio_app.frame.page"]


MAX_MODULE_LINES = 420  # "no module past about 400 lines" (docs/architecture.md), a little slack


def _long_modules(sources: dict[str, Path], limit: int = MAX_MODULE_LINES) -> list[str]:
    """Modules past ``limit`` lines, each with its count, longest first."""
    counts = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in sources.items()
    }
    return [
        f"{name}: {n} lines"
        for name, n in sorted(counts.items(), key=lambda kv: -kv[1])
        if n > limit
    ]


def test_no_module_is_past_420_lines():
    """A newcomer reads a module in one sitting: app.py, pages, vcio_app and vcio_model alike, no
    exceptions. A module that grows past this is split by concern, not allowed here."""
    assert _long_modules(_sources()) == []


def test_the_length_test_sees_a_long_module(tmp_path):
    long = tmp_path / "long.py"
    long.write_text("x = 1\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    sources = {**_sources(), "vcio_app.long": long}
    assert f"vcio_app.long: {MAX_MODULE_LINES + 1} lines" in _long_modules(sources)
