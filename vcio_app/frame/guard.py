"""Error isolation of page parts: a part that fails (the header, a brand, a chart, the page's own
content) is left out and logged, the rest of the run goes on (the other elements still draw, the
scenario is still written to the address bar), and the user sees one message naming what was left
out. Streamlit's own control flow (st.rerun, st.stop, st.switch_page) passes through: those are
BaseExceptions, not Exceptions."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

log = logging.getLogger("vcio.app")
FAILED = "failed_parts"  # session key: the parts of this run that failed, in order


def start_run() -> None:
    """Forget the failures of the previous run (call once, at the start of each run)."""
    st.session_state[FAILED] = []


@contextmanager
def guard(part: str) -> Iterator[None]:
    """Run a part of the page; if it raises, log it, note ``part`` (e.g. "the header") and go on."""
    try:
        yield
    except Exception:  # noqa: BLE001 - the point: one part must not stop the others
        log.exception("page part failed: %s", part)
        failed = st.session_state.setdefault(FAILED, [])
        if part not in failed:
            failed.append(part)


def failure_message(parts: list[str]) -> str:
    """One plain sentence naming what was left out."""
    names = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"Left out because it could not be shown: {names}. The rest of the page and your "
        "scenario are kept; reloading the page may bring it back."
    )


def show_failures() -> None:
    """The one message for this run's failed parts, if any (call at the end of the run)."""
    parts = st.session_state.get(FAILED) or []
    if parts:
        st.error(failure_message(parts), icon=":material/error:")
