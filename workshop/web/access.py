"""Who is asking over HTTP: the facilitator or screen key from the header or the cookie."""

from __future__ import annotations

from flask import current_app, g, request

from ..services.guesses import Guesses
from ..services.sessions import FACILITATOR, check_key, holds_key, key_cookie
from ..storage import SessionRecord, Store


def store() -> Store:
    return current_app.extensions["workshop.store"]


def guesses() -> Guesses:
    return current_app.extensions["workshop.guesses"]


def given_key(code: str, role: str) -> str | None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[len("Bearer ") :].strip()
    return request.cookies.get(key_cookie(code, role))


def staff_session(code: str, role: str = FACILITATOR, key: str | None = None) -> SessionRecord:
    """The session if the request holds its key for ``role``; Refused otherwise."""
    key = given_key(code, role) if key is None else key
    session = guesses().find_session(
        store(), code, request.remote_addr, proof=lambda found: holds_key(found, role, key)
    )
    g.session_language = session.language
    return check_key(session, role, key)
