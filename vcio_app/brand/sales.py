"""Two audiences, one deployment: the visitor's view, and the sales team's behind a passphrase.

A visitor (an owner trying the tool, a prospect with a shared link) never receives the internal
notes (the brand's, the rate card's) or the sales controls (brand and rate card uploads): they are
not drawn, so they are not in the page, its websocket messages or any download. The sales team
unlocks its view with a passphrase kept as a deployment secret (``st.secrets``)::

    # .streamlit/secrets.toml, or the app's Secrets box on Streamlit Community Cloud
    [sales]
    passphrase = "a long phrase nobody guesses"

With no passphrase configured the sales view cannot be unlocked and the unlock is not offered.
The unlocked flag lives in this session's state only, never in the URL, so a copied link never
carries it; presentation mode hides the sales view while it is on. See docs/deploy.md.
"""

from __future__ import annotations

import hmac

import streamlit as st

UNLOCKED = "sales_unlocked"
ATTEMPTS = "sales_attempts"
MAX_ATTEMPTS = 5  # wrong passphrases a session may try before the unlock is withdrawn
MIN_LENGTH = 12  # a shorter configured passphrase is refused (and the unlock not offered)


def configured_passphrase() -> str:
    """The deployment's passphrase (``[sales] passphrase``), or "" when none is configured."""
    try:
        if not st.secrets.load_if_toml_exists():
            return ""
        section = st.secrets.get("sales")
        value = section.get("passphrase", "") if hasattr(section, "get") else ""
    except Exception:  # noqa: BLE001 - an unreadable secrets file means: no sales view
        return ""
    return value if isinstance(value, str) and len(value) >= MIN_LENGTH else ""


def matches(given: str, secret: str) -> bool:
    """Constant-time comparison; an empty secret never matches."""
    return bool(secret) and hmac.compare_digest(given.encode("utf-8"), secret.encode("utf-8"))


def sales_view() -> bool:
    """Whether this session may see internal notes and sales controls now: unlocked with the
    configured passphrase, and not presenting."""
    ss = st.session_state
    return bool(ss.get(UNLOCKED)) and not ss.get("presentation") and bool(configured_passphrase())


def _try_unlock() -> None:
    ss = st.session_state
    given = ss.get("edit_sales_passphrase") or ""
    ss["edit_sales_passphrase"] = ""  # not kept in the session
    if ss.get(ATTEMPTS, 0) >= MAX_ATTEMPTS:
        return
    if matches(given, configured_passphrase()):
        ss[UNLOCKED], ss[ATTEMPTS] = True, 0
    else:
        ss[ATTEMPTS] = ss.get(ATTEMPTS, 0) + 1


def _lock() -> None:
    st.session_state[UNLOCKED] = False


def unlock_box() -> None:
    """The sales team's unlock (or lock) at the foot of the Share page; nothing when no
    passphrase is configured or while presenting."""
    ss = st.session_state
    if ss.get("presentation") or not configured_passphrase():
        return
    if ss.get(UNLOCKED):
        st.button("Lock the sales view", key="edit_sales_lock", on_click=_lock,
                  icon=":material/lock:")  # fmt: skip
        return
    tries = ss.get(ATTEMPTS, 0)
    if tries >= MAX_ATTEMPTS:
        st.caption("Sales view: too many wrong passphrases; open the app in a new tab to retry.")
        return
    with st.form("edit_sales_form", border=False, enter_to_submit=True):
        row = st.container(horizontal=True, vertical_alignment="bottom")
        row.text_input(
            "Sales team passphrase",
            type="password",
            key="edit_sales_passphrase",
            max_chars=200,
            help="For the MSP's sales team: shows the brand and rate card settings and their "
            "internal notes in this browser tab only.",
        )
        row.form_submit_button("Unlock", on_click=_try_unlock, icon=":material/lock_open:")
    if tries:
        st.caption(
            f"That passphrase is not the one configured ({MAX_ATTEMPTS - tries} tries left)."
        )
