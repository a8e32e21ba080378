"""The Socket.IO events of the default namespace: connect, answer, command, disconnect."""

from __future__ import annotations

import functools
import logging
from typing import Any

from flask import current_app, g, request
from flask_socketio import ConnectionRefusedError, emit, join_room

from ..domain.errors import DomainError
from ..domain.languages import LANGUAGES
from ..extensions import socketio
from ..messages import error_body
from ..services import admission, facilitation, participation
from ..services.admission import Door
from ..services.errors import Refused
from ..services.events import ParticipantsChanged
from ..services.first_readings import first_reading
from ..services.guesses import Guesses
from ..services.sessions import FACILITATOR, PARTICIPANT
from ..services.snapshots import state_of
from ..storage import SessionRecord, StoreUnavailable
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
    if _connections().sockets_of(code, participant_id):  # known here before its rooms
        return True
    if next(
        socketio.server.manager.get_participants("/", personal_room(code, participant_id)), None
    ):
        return True
    shared = _connections().shared
    return shared is not None and shared.is_connected(code, participant_id)


def _door() -> Door:
    """The socket at the door as the admission service sees it."""
    config = current_app.config
    connections = _connections()
    return Door(
        address=request.remote_addr,
        cookie=request.cookies.get,
        phone_languages=(
            request.cookies.get("lang"),
            request.accept_languages.best_match(LANGUAGES),
        ),
        max_participants=config["WORKSHOP_MAX_PARTICIPANTS"],
        sockets_per_participant=config["WORKSHOP_SOCKETS_PER_PARTICIPANT"],
        admit_newcomer=_admit_newcomer,
        connected=_connected,
        sockets_of=connections.sockets_of,
        cooling=connections.cooling,
        found=_speak_its_language,
    )


def _speak_its_language(session: SessionRecord) -> None:
    g.session_language = session.language


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    if _already_connected():
        return None  # an event that only borrows the name: it must not re-join anyone
    try:
        admitted = admission.admit(_store(), _guesses(), auth, _door())
    except Refused as refusal:
        raise _refuse(refusal) from None
    except StoreUnavailable:
        raise _refuse("unavailable") from None
    except Exception:
        # The default error handler would turn this into an ack; a connect needs a refusal.
        log.exception("unexpected error while connecting")
        raise _refuse("internal_error") from None
    session, participant = admitted.session, admitted.participant
    g.session_language = admitted.language  # acks in the language the phone shows
    _connections().add(
        request.sid,
        Connection(
            role=admitted.role,
            code=session.code,
            language=admitted.language,
            participant_id=participant.id if participant else None,
        ),
    )
    join_room(room(session.code, admitted.role))
    if participant is not None:
        join_room(personal_room(session.code, participant.id))
    # While the seat was committed other events ran: a step change sent to the room before
    # this socket was in it is in the session as it reads now, so the first state shows it.
    session = _store().session_by_code(session.code) or session
    limit = current_app.config["WORKSHOP_MAX_PARTICIPANTS"]
    emit(
        "state",
        state_of(
            _store(),
            session,
            admitted.role,
            participant,
            participant_limit=limit,
            newcomer=admitted.newcomer,
            reading=first_reading(_store(), session),
        ),
    )
    _publisher().publish(admitted.events)


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
