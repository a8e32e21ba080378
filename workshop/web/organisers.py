"""The organiser passcode: asked once per browser, and slow to guess."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

from flask import current_app, request, session

from .access import from_this_computer, guesses

ORGANISER = "organiser"


def _fingerprint(passcode: str) -> str:
    """What the browser's signed cookie keeps of the passcode it gave: a keyed hash, so that
    a changed passcode is asked for again and the cookie never holds the passcode itself."""
    secret = str(current_app.secret_key or "").encode("utf-8")
    message = unicodedata.normalize("NFC", passcode).encode("utf-8", "surrogatepass")
    return hmac.new(secret, b"organiser:" + message, hashlib.sha256).hexdigest()


def _remembered(expected: str) -> bool:
    given = session.get(ORGANISER)
    return isinstance(given, str) and hmac.compare_digest(given, _fingerprint(expected))


def needs_passcode() -> bool:
    expected = current_app.config.get("WORKSHOP_ORGANISER_PASSCODE")
    return bool(expected) and not _remembered(expected)


def passcode_header() -> str | None:
    """The ``X-Organiser-Passcode`` header; a passcode such as "blåbær" arrives as UTF-8."""
    value = request.headers.get("X-Organiser-Passcode")
    if value is None:
        return None
    try:
        # WSGI hands header bytes over as Latin-1; undo that to read the UTF-8 the client sent.
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def check_organiser(given: str | None, *, browser: bool) -> None:
    """Refused unless the passcode is right or not set; a ``browser`` that gave it once is
    remembered (the API asks a script for it every time)."""
    expected = current_app.config.get("WORKSHOP_ORGANISER_PASSCODE")
    proven = browser and bool(expected) and _remembered(expected)
    guesses().check_passcode(
        given, expected, request.remote_addr, proven=proven, limited=not from_this_computer()
    )
    if browser and expected and not proven:
        # The signed session cookie remembers the organiser: no passcode next time, and
        # nobody else's wrong guesses from this address can keep this browser out.
        session[ORGANISER] = _fingerprint(expected)
        session.permanent = True


def may_replace_tools() -> bool:
    """An uploaded tool may be replaced under its id only behind an organiser passcode (which
    the request has passed by now); without one, anyone on the network could."""
    return bool(current_app.config.get("WORKSHOP_ORGANISER_PASSCODE"))


def is_organiser() -> bool:
    """True for the organiser, as the overview knows them: a browser that gave the passcode
    when one is set, else anyone at the computer that runs the tool. Asks nothing, counts
    nothing."""
    expected = current_app.config.get("WORKSHOP_ORGANISER_PASSCODE")
    if expected:
        return _remembered(expected)
    return from_this_computer()
