"""Who is asking over HTTP: the facilitator or screen key from the header or the cookie, and
whether the request comes from the computer that runs the tool."""

from __future__ import annotations

import ipaddress

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


# Headers a reverse proxy adds to say whom it forwards for. From a loopback peer they mean the
# request came through a proxy on this computer, from anywhere.
FORWARDING_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-IP")


def from_this_computer() -> bool:
    """True for a request made on the computer that runs the tool.

    A proxy on this computer (nginx in front of the app) connects from a loopback address
    for every phone in the room. Unless the proxy is trusted (``WORKSHOP_TRUSTED_PROXIES``,
    which puts the client's own address in ``remote_addr``), a request that carries a
    forwarding header is therefore someone else's, whatever its peer address.
    """
    try:
        loopback = ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False
    if not loopback:
        return False
    if current_app.config.get("WORKSHOP_TRUSTED_PROXIES", 0):
        return True
    return not any(header in request.headers for header in FORWARDING_HEADERS)
