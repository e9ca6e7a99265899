"""Scenario files: the scenario as a JSON file to download and upload again. Pure: no Streamlit.

A file follows the command line's ``--scenario`` schema, with the model version that made it first
(``"model_version": "0.2.0"``); a file without it was made with 0.1.0. Uploads are size-capped and
validated through ``Scenario``; any problem raises ``ScenarioError`` with one line.
"""

from __future__ import annotations

import json

import vcio_model as vm
from vcio_model import Scenario, ScenarioError

FILE_VERSION_KEY = "model_version"
MAX_UPLOAD_BYTES = vm.scenario.MAX_SCENARIO_BYTES


def scenario_file_name(scenario: Scenario, ext: str = "json") -> str:
    """A safe download name such as ``acme-accounting-scenario.json``."""
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in scenario.company.lower())
    slug = "-".join(part for part in slug.split("-") if part)[:40]
    return f"{slug + '-' if slug else ''}scenario.{ext}"


def scenario_file_text(scenario: Scenario) -> str:
    """The scenario file to download: the command line's ``--scenario`` schema, with the model
    version that made it first (``"model_version": "0.2.0"``)."""
    data = {FILE_VERSION_KEY: vm.__version__, **scenario.model_dump(mode="json")}
    return json.dumps(data, indent=2, ensure_ascii=False)


def split_file_version(obj: dict) -> tuple[dict, str]:
    """A scenario file's object without its ``model_version``, and that version (a file without
    one is read as made now)."""
    rest = {k: v for k, v in obj.items() if k != FILE_VERSION_KEY}
    raw = obj.get(FILE_VERSION_KEY)
    ok = isinstance(raw, str) and 0 < len(raw) <= 20 and all(c.isdigit() or c == "." for c in raw)
    return rest, raw if ok else vm.__version__


def read_uploaded_versioned(
    data: bytes | None, name: str = "uploaded file"
) -> tuple[Scenario, str]:
    """An uploaded scenario JSON (the command line's ``--scenario`` schema), size-capped, and the
    model version it was saved with."""
    if data is None:
        raise ScenarioError([f"{name}: nothing was uploaded"])
    if len(data) > MAX_UPLOAD_BYTES:
        raise ScenarioError([f"{name}: file is larger than {MAX_UPLOAD_BYTES // 1000} kB"])
    obj, version = split_file_version(vm.scenario.scenario_object(data, origin=name))
    return Scenario.parse_input(obj), version


def read_uploaded_scenario(data: bytes | None, name: str = "uploaded file") -> Scenario:
    """``read_uploaded_versioned`` without the version."""
    return read_uploaded_versioned(data, name)[0]
