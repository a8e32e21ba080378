"""Who is asking over HTTP: the facilitator key from the header, the URL or the cookie."""

from __future__ import annotations

from flask import current_app, g, request

from ..services.errors import Refused
from ..services.sessions import FACILITATOR, open_as_staff
from ..storage import SessionRecord


def store():
    return current_app.extensions["workshop.store"]


def key_cookie(code: str, role: str) -> str:
    return f"{role[0]}k_{code}"


def given_key(code: str, role: str) -> str | None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[len("Bearer ") :].strip()
    return request.args.get("key") or request.cookies.get(key_cookie(code, role))


def guarded(check):
    """Run a lookup by code or key, counting refusals that look like guessing per address."""
    failed_joins = current_app.extensions["workshop.failed_joins"]
    address = request.remote_addr or ""
    if failed_joins.blocked(address):
        raise Refused("too_many_attempts")
    try:
        return check()
    except Refused as refusal:
        if refusal.code in ("bad_code", "unknown_session", "bad_key"):
            failed_joins.failed(address)
        raise


def staff_session(code: str, role: str = FACILITATOR) -> SessionRecord:
    """The session if the request holds its key for ``role``; Refused otherwise."""
    session = guarded(lambda: open_as_staff(store(), code, role, given_key(code, role)))
    g.session_language = session.language
    return session
