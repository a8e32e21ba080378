"""Creating sessions, finding them by code, and checking who may do what in them."""

from __future__ import annotations

import hmac
import logging
import secrets
import unicodedata
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Any

from ..domain.dialogue import MAX_PROMPT, DialogueTool
from ..domain.languages import LANGUAGES
from ..domain.session import SessionState
from ..domain.text import one_line
from ..domain.tools import parse_dialogue, tool_definition
from ..storage import CodeTaken, SessionRecord, Store
from .dialogues import find_dialogue
from .errors import Refused
from .events import SessionDeleted

log = logging.getLogger(__name__)

FACILITATOR, SCREEN, PARTICIPANT = "facilitator", "screen", "participant"
CODE_DIGITS = 6
# A rehearsal left open (the browser closed before it ended) goes after this long.
REHEARSAL_LIFETIME = timedelta(hours=12)

# Parsed dialogue tools by session: a memo of a pure function of data that never changes,
# bounded so that a server running for months keeps only the sessions of the day.
_tools: OrderedDict[tuple[int, str], DialogueTool] = OrderedDict()
TOOL_CACHE_SIZE = 256


def new_secret() -> str:
    """An unguessable key or token: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def is_code(value: Any) -> bool:
    return (
        isinstance(value, str) and len(value) == CODE_DIGITS and value.isascii() and value.isdigit()
    )


def same_secret(given: Any, expected: str) -> bool:
    """Compare secrets in constant time; anything that is not a string never matches.

    Passcodes are chosen by people and may hold letters such as ø: both sides are compared
    as UTF-8 in the same Unicode normal form.
    """
    if not isinstance(given, str) or not isinstance(expected, str):
        return False
    return hmac.compare_digest(
        unicodedata.normalize("NFC", given).encode("utf-8", "surrogatepass"),
        unicodedata.normalize("NFC", expected).encode("utf-8", "surrogatepass"),
    )


def tool_of(session: SessionRecord) -> DialogueTool:
    """The dialogue tool a session runs, parsed once per process (it never changes)."""
    key = (session.id, session.code)
    tool = _tools.get(key)
    if tool is None:
        tool = _tools[key] = parse_dialogue(session.dialogue)
        if len(_tools) > TOOL_CACHE_SIZE:
            _tools.popitem(last=False)
    else:
        _tools.move_to_end(key)
    return tool


def create_session(
    store: Store,
    dialogue_id: Any,
    title: Any = None,
    language: Any = None,
    practice: Any = False,
    follow_up: dict[str, Any] | None = None,
) -> SessionRecord:
    """Start a session of a dialogue tool, in the lobby, with a fresh code and keys.

    With ``practice`` it is a rehearsal: the console shows simulated phones, and the session
    is deleted when the facilitator ends it. With ``follow_up`` (see ``follow_ups``) it
    follows up an earlier meeting's action points.
    """
    if not isinstance(practice, bool) or (practice and follow_up):
        raise Refused("bad_payload")
    tool = find_dialogue(store, dialogue_id)
    if tool is None:
        raise Refused("unknown_dialogue")
    if title is None or title == "":
        title = tool.title
    if isinstance(title, str):
        # Titles go on screens and into the report: no control characters, single spaces.
        title = one_line(title)
    if not isinstance(title, str) or len(title) > MAX_PROMPT or not title:
        raise Refused("bad_title", limit=MAX_PROMPT)
    if language is None or language == "":
        language = tool.language
    if language not in LANGUAGES:
        raise Refused("bad_language")
    for _attempt in range(20):
        code = new_code()
        if store.code_in_use(code):
            continue
        try:
            return store.add_session(
                code=code,
                title=title,
                dialogue=tool_definition(tool),
                language=language,
                facilitator_key=new_secret(),
                screen_key=new_secret(),
                state=SessionState(),
                practice=practice,
                follow_up=follow_up,
            )
        except CodeTaken:
            continue
    raise Refused("no_free_code")


def delete_session(store: Store, session: SessionRecord) -> list[SessionDeleted]:
    """Remove the session with every participant and answer; its open views are told."""
    store.delete_session(session)
    _tools.pop((session.id, session.code), None)
    log.info("session %s deleted", session.code)
    return [SessionDeleted(session.code)]


def old_rehearsals(store: Store, moment: datetime) -> list[SessionRecord]:
    """Rehearsals that were never ended and are past their lifetime at ``moment``."""
    return store.practice_sessions_before(moment - REHEARSAL_LIFETIME)


def find_session(store: Store, code: Any) -> SessionRecord:
    if not is_code(code):
        raise Refused("bad_code")
    session = store.session_by_code(code)
    if session is None:
        raise Refused("unknown_session")
    return session


def key_cookie(code: str, role: str) -> str:
    """The name of the cookie that keeps a console's or screen's key in the browser."""
    return f"{role[0]}k_{code}"


# Compared against when there is no session, so that a wrong code costs what a wrong key does.
_NO_SESSION_KEY = new_secret()


def holds_key(session: SessionRecord | None, role: str, key: Any) -> bool:
    """True if ``key`` is the session's facilitator key (or screen key, for the screen)."""
    if session is None:
        same_secret(key, _NO_SESSION_KEY)
        return False
    expected = session.facilitator_key if role == FACILITATOR else session.screen_key
    return same_secret(key, expected)


def check_key(session: SessionRecord, role: str, key: Any) -> SessionRecord:
    """The session, if ``key`` lets ``role`` in; a wrong key is refused (and logged)."""
    if not holds_key(session, role, key):
        log.warning("wrong %s key for session %s", role, session.code)
        raise Refused("bad_key")
    return session
