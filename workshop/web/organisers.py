"""The organiser passcode: asked once per browser, and slow to guess."""

from __future__ import annotations

from flask import current_app, request, session

from .access import guesses

ORGANISER = "organiser"


def needs_passcode() -> bool:
    return bool(current_app.config.get("WORKSHOP_ORGANISER_PASSCODE")) and not session.get(
        ORGANISER
    )


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
    proven = browser and bool(session.get(ORGANISER))
    guesses().check_passcode(given, expected, request.remote_addr, proven=proven)
    if browser and expected and not proven:
        # The signed session cookie remembers the organiser: no passcode next time, and
        # nobody else's wrong guesses from this address can keep this browser out.
        session[ORGANISER] = True
        session.permanent = True
