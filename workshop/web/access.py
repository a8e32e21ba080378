"""Who is asking over HTTP: the facilitator key from the header, the URL or the cookie."""

from __future__ import annotations

from flask import current_app, g, request

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


def staff_session(code: str, role: str = FACILITATOR) -> SessionRecord:
    """The session if the request holds its key for ``role``; Refused otherwise."""
    session = open_as_staff(store(), code, role, given_key(code, role))
    g.session_language = session.language
    return session
