"""The JSON API: health, dialogue tools, sessions, results and exports."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from flask_babel import get_locale

from ..dialogues import follows_up
from ..domain.tool_schema import tool_schema
from ..services import dialogues as dialogue_service
from ..services import facilitation
from ..services import sessions as session_service
from ..services.follow_ups import follow_up_of
from ..services.sessions import FACILITATOR, holds_key, is_code, key_cookie, tool_of
from ..services.snapshots import results_of, state_of
from . import links
from .access import guesses, staff_session, store
from .api_answers import answer_refusals, json_object
from .exports import kept_exports, remove_exports, send_export, send_kept
from .organisers import check_organiser, may_replace_tools, passcode_header
from .overview import api_listing
from .removal import remove_session, sweep_rehearsals

api = Blueprint("api", __name__)

STATUS_OF = {
    "overview_here_only": 403,
    "unknown_session": 404,
    "bad_key": 403,
    "not_ended": 409,
    "practice_follow_up": 409,
    "unknown_participant": 404,
    "passcode_required": 401,
    "unavailable": 503,
    "too_many_attempts": 429,
}


answer_refusals(api, STATUS_OF)


@api.get("/healthz")
def healthz():
    return jsonify(ok=True)


def dialogue_listing(tool) -> dict:
    return {
        "id": tool.id,
        "title": tool.title,
        "language": tool.language,
        "description": tool.description,
        "steps": [{"id": step.id, "kind": step.kind, "prompt": step.prompt} for step in tool.steps],
        "follows_up": follows_up(tool),
    }


@api.get("/api/dialogues")
def dialogues():
    return jsonify([dialogue_listing(tool) for tool in dialogue_service.all_dialogues(store())])


@api.get("/api/dialogue-tool.schema.json")
def dialogue_tool_schema():
    """The JSON Schema of a tool file, for an editor; titles and help in ``?lang=`` (Danish
    unless asked)."""
    return jsonify(tool_schema(str(get_locale())))


@api.post("/api/dialogues")
def upload_dialogue():
    check_organiser(passcode_header(), browser=False)
    upload = request.files.get("file")
    data = upload.read() if upload is not None else request.get_data()
    tool = dialogue_service.import_dialogue(store(), data, replace=may_replace_tools())
    return jsonify(dialogue_listing(tool)), 201


@api.get("/api/sessions")
def list_sessions():
    return api_listing()


@api.post("/api/sessions")
def create_session():
    check_organiser(passcode_header(), browser=False)
    body = json_object()
    sweep_rehearsals()
    follow_up = None
    if body.get("follow_up_of") is not None:
        earlier, key = body["follow_up_of"], body.get("follow_up_key")
        if key is None and is_code(earlier):
            # The ended meeting's console never holds its key: its key cookie comes instead.
            key = request.cookies.get(key_cookie(earlier, FACILITATOR))
        # A wrong code and a live code with a wrong key get the same answer and count alike
        # as a guess: this route must not tell a script which codes are live.
        found = guesses().find_with_secret(
            store(),
            earlier,
            request.remote_addr,
            proof=lambda session: holds_key(session, FACILITATOR, key),
        )
        follow_up = follow_up_of(store(), found)
    session = session_service.create_session(
        store(),
        body.get("dialogue"),
        body.get("title"),
        body.get("language"),
        practice=body.get("practice", False),
        follow_up=follow_up,
    )
    guesses().remember_code(request.remote_addr, session.code)
    return (
        jsonify(
            code=session.code,
            facilitator_key=session.facilitator_key,
            screen_key=session.screen_key,
            join_url=links.join_url(session.code),
            facilitator_url=links.facilitator_url(session.code, session.facilitator_key),
            screen_url=links.screen_url(session.code, session.screen_key),
        ),
        201,
    )


@api.get("/api/sessions/<code>")
def session_detail(code: str):
    session = staff_session(code)
    tool = tool_of(session)
    return jsonify(
        state=state_of(
            store(),
            session,
            FACILITATOR,
            participant_limit=current_app.config["WORKSHOP_MAX_PARTICIPANTS"],
        ),
        results=[results_of(store(), session, step.id) for step in tool.steps if step.answerable],
    )


@api.delete("/api/sessions/<code>")
def delete_session(code: str):
    remove_session(staff_session(code))
    return "", 204


@api.post("/api/sessions/<code>/participants/<int:participant_id>/erase")
def erase_participant(code: str, participant_id: int):
    session = staff_session(code)
    events = facilitation.erase_participant(store(), session, participant_id)
    # The files kept of this meeting, and of follow-ups whose copy lost their points, still
    # hold the person: they go (a new download makes them again without them).
    for code in {session.code, *(event.code for event in events)}:
        remove_exports(code)
    current_app.extensions["workshop.publisher"].publish(events)
    return "", 204


@api.get("/api/sessions/<code>/export.<fmt>")
def export(code: str, fmt: str):
    return send_export(staff_session(code), fmt)


@api.get("/api/sessions/<code>/exports")
def exports(code: str):
    return jsonify(kept_exports(staff_session(code)))


@api.get("/api/sessions/<code>/exports/<name>")
def kept_export(code: str, name: str):
    return send_kept(staff_session(code), name)
