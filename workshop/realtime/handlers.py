"""The Socket.IO events of the default namespace: connect, answer, command, disconnect."""

from __future__ import annotations

import functools
import logging
from typing import Any

from flask import current_app, g, request
from flask_socketio import ConnectionRefusedError, emit, join_room

from ..domain.errors import DomainError
from ..domain.languages import LANGUAGES, participant_language
from ..extensions import socketio
from ..messages import error_body
from ..services import facilitation, participation
from ..services.errors import Refused
from ..services.events import ParticipantsChanged
from ..services.guesses import Guesses
from ..services.sessions import FACILITATOR, PARTICIPANT, SCREEN, check_key, holds_key, key_cookie
from ..services.snapshots import state_of
from ..storage import StoreUnavailable
from .connections import Connection, Connections
from .guard import close_socket
from .rooms import personal_room, room

log = logging.getLogger(__name__)
# Events refused as too fast in a row before the socket is closed: no person and no page of
# the app (the console waits 0.4 s and more between its retries) comes near it.
TOO_FAST_IN_A_ROW = 50
# Seconds a participant whose socket was cut off waits before a new one is let in.
COOLING = 5.0


def _connections() -> Connections:
    return current_app.extensions["workshop.connections"]


def _store():
    return current_app.extensions["workshop.store"]


def _publisher():
    return current_app.extensions["workshop.publisher"]


def _guesses() -> Guesses:
    return current_app.extensions["workshop.guesses"]


def _budget(connection: Connection) -> tuple[str, float, float]:
    """Whose events budget an event spends, with its burst and rate.

    A participant's is shared by all its sockets; the facilitator's consoles share one budget
    per session, sized for a person tidying the wall as fast as they can click.
    """
    config = current_app.config
    burst, rate = config["WORKSHOP_EVENT_BURST"], config["WORKSHOP_EVENT_RATE"]
    if connection.participant_id is not None:
        return f"events:{connection.code}:p{connection.participant_id}", burst, rate
    if connection.role == FACILITATOR:
        key = f"commands:{connection.code}:facilitator"
        return key, config["WORKSHOP_COMMAND_BURST"], config["WORKSHOP_COMMAND_RATE"]
    return f"events:{connection.code}:{connection.role}:{request.sid}", burst, rate


def _refuse(error: DomainError | str) -> ConnectionRefusedError:
    body = error_body(error)
    return ConnectionRefusedError(body["message"], body)


def _already_connected() -> bool:
    """True when "connect" or "disconnect" arrives as an ordinary event on a live socket."""
    return socketio.server.manager.is_connected(request.sid, "/")


def _admit_newcomer(code: str) -> bool:
    """Newcomers take seats at the pace a room arrives (a burst, then so many a minute per
    session, across every process): a script cannot fill the session in seconds."""
    config = current_app.config
    return current_app.extensions["workshop.budgets"].take(
        f"joins:{code}", config["WORKSHOP_JOIN_BURST"], config["WORKSHOP_JOIN_PER_MINUTE"] / 60.0
    )


def _connected(code: str, participant_id: int) -> bool:
    """True if the participant has a live socket here, or on another process."""
    if next(
        socketio.server.manager.get_participants("/", personal_room(code, participant_id)), None
    ):
        return True
    shared = _connections().shared
    return shared is not None and shared.is_connected(code, participant_id)


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    if _already_connected():
        return None  # an event that only borrows the name: it must not re-join anyone
    if not isinstance(auth, dict) or auth.get("role") not in (PARTICIPANT, FACILITATOR, SCREEN):
        raise _refuse("bad_auth")
    role, code = auth["role"], auth.get("code")
    store = _store()
    try:
        if role == PARTICIPANT:
            token = auth.get("token")
            session = _guesses().find_session(
                store,
                code,
                request.remote_addr,
                proof=lambda found: participation.holds_token(store, found, token),
            )
            # Refusals about this session come in its language.
            g.session_language = session.language
            joined = participation.join(
                store,
                session,
                token,
                auth.get("name"),
                auth.get("table"),
                auth.get("as_table", False),
                current_app.config["WORKSHOP_MAX_PARTICIPANTS"],
                admit=lambda: _admit_newcomer(session.code),
                connected=lambda participant_id: _connected(session.code, participant_id),
            )
            session, participant, events = joined.session, joined.participant, joined.events
            # One token, however many tabs: its sockets are capped (each holds a file).
            cap = current_app.config["WORKSHOP_SOCKETS_PER_PARTICIPANT"]
            if _connections().sockets_of(session.code, participant.id) >= cap:
                raise Refused("too_many_sockets", limit=cap)
            if _connections().cooling(session.code, participant.id):
                raise Refused("too_fast")  # it was cut off for flooding a moment ago
        else:
            # A script may send the key; the console and screen pages send their cookie.
            key = auth.get("key") or request.cookies.get(key_cookie(str(code), role))
            session = _guesses().find_session(
                store, code, request.remote_addr, proof=lambda found: holds_key(found, role, key)
            )
            g.session_language = session.language
            session = check_key(session, role, key)
            participant, events = None, []
    except Refused as refusal:
        raise _refuse(refusal) from None
    except StoreUnavailable:
        raise _refuse("unavailable") from None
    except Exception:
        # The default error handler would turn this into an ack; a connect needs a refusal.
        log.exception("unexpected error while connecting")
        raise _refuse("internal_error") from None
    language = session.language
    if participant is not None:  # acks in the language the phone shows
        language = participant_language(
            request.cookies.get("lang"),
            request.accept_languages.best_match(LANGUAGES),
            session.language,
        )
    g.session_language = language
    _connections().add(
        request.sid,
        Connection(
            role=role,
            code=session.code,
            language=language,
            participant_id=participant.id if participant else None,
        ),
    )
    join_room(room(session.code, role))
    if participant is not None:
        join_room(personal_room(session.code, participant.id))
    limit = current_app.config["WORKSHOP_MAX_PARTICIPANTS"]
    newcomer = participant is not None and bool(events)
    emit(
        "state",
        state_of(store, session, role, participant, participant_limit=limit, newcomer=newcomer),
    )
    if participant is not None and not events:
        events = [ParticipantsChanged(session.code)]  # "connected now" changed
    _publisher().publish(events)


@socketio.on("disconnect")
def on_disconnect(*_args: Any) -> None:
    if _already_connected():
        return
    connection = _connections().remove(request.sid)
    if connection is not None and connection.role == PARTICIPANT:
        _publisher().publish([ParticipantsChanged(connection.code)])


def acked(handler):
    """Run an event handler for a known connection and turn refusals into error acks."""

    @functools.wraps(handler)
    def wrapper(payload: Any = None, *_extra: Any) -> dict[str, Any]:
        connection = _connections().get(request.sid)
        if connection is None:
            return {"ok": False, "error": error_body("bad_auth")}
        g.session_language = connection.language
        budgets = current_app.extensions["workshop.budgets"]
        if not budgets.take(*_budget(connection)):
            # A socket that keeps sending past its budget is cut off (rule 6 of a real room).
            if _connections().too_fast(request.sid) >= TOO_FAST_IN_A_ROW:
                _connections().cool(request.sid, COOLING)
                close_socket(socketio)(request.sid)
            return {"ok": False, "error": error_body("too_fast")}
        _connections().in_budget(request.sid)
        try:
            return handler(connection, payload)
        except Refused as refusal:
            _publisher().publish(refusal.events)
            return {"ok": False, "error": error_body(refusal)}
        except DomainError as error:
            return {"ok": False, "error": error_body(error)}
        except StoreUnavailable:
            log.warning("database unavailable while handling %s", handler.__name__)
            return {"ok": False, "error": error_body("unavailable")}

    return wrapper


def _participant_id(connection: Connection) -> int:
    if connection.role != PARTICIPANT or connection.participant_id is None:
        raise Refused("not_allowed")
    return connection.participant_id


@socketio.on("answer")
@acked
def on_answer(connection: Connection, payload: Any) -> dict[str, Any]:
    answer_id, events = participation.submit_answer(
        _store(), connection.code, _participant_id(connection), payload
    )
    _publisher().publish(events)
    return {"ok": True, "answer_id": answer_id}


@socketio.on("profile")
@acked
def on_profile(connection: Connection, payload: Any) -> dict[str, Any]:
    participant, events = participation.update_profile(
        _store(), connection.code, _participant_id(connection), payload
    )
    _publisher().publish(events)
    return {
        "ok": True,
        "name": participant.name,
        "table": participant.table,
        "is_table": participant.is_table,
    }


@socketio.on("command")
@acked
def on_command(connection: Connection, payload: Any) -> dict[str, Any]:
    if connection.role != FACILITATOR:
        raise Refused("not_allowed")
    session, events = facilitation.command(_store(), connection.code, payload)
    _publisher().publish(events)
    return {"ok": True, "revision": session.revision}


@socketio.on_error_default
def on_unexpected_error(error: Exception) -> dict[str, Any]:
    log.exception("unexpected error in a Socket.IO handler", exc_info=error)
    return {"ok": False, "error": error_body("internal_error")}
