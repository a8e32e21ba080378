"""The pages people open: home, facilitator console, projector screen and the phone view."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale

from ..dialogues import builtin_dialogue, follows_up
from ..domain.dialogue import ID_PATTERN
from ..domain.errors import DomainError, InvalidDialogue
from ..domain.kinds import KINDS
from ..domain.languages import LANGUAGES
from ..domain.run_of_show import about_minutes, step_time
from ..export.kinds import report_part
from ..messages import error_body, problems_body
from ..services import dialogues as dialogue_service
from ..services import sessions as session_service
from ..services.errors import Refused
from ..services.sessions import FACILITATOR, SCREEN, is_code, key_cookie
from ..services.tool_files import MAX_UPLOAD
from . import links
from .access import guesses, staff_session, store
from .bundles import chosen_encoding
from .drawn_pages import drawn_pages
from .follow_ups import follow_up_form
from .organisers import check_organiser, is_organiser, may_replace_tools, needs_passcode
from .qr import qr_svg
from .removal import sweep_rehearsals
from .security import CONTENT_SECURITY_POLICY

pages = Blueprint("pages", __name__)

KEY_COOKIE_AGE = 60 * 60 * 24 * 30
# The simulated phones of a rehearsal, as the console frames them (?practice=1 to 3).
PRACTICE_PHONES = ("1", "2", "3")


def session_kinds(session) -> list[str]:
    """The kinds of a session's steps: a page of the session loads their code and styles only."""
    return [step["kind"] for step in session.dialogue.get("steps", [])]


def home_page(
    error: dict | None = None,
    status: int = 200,
    code: str = "",
    problems: list[dict] | None = None,
    imported: str | None = None,
    more_problems: str | None = None,
    rehearsed: bool = False,
    source: str | None = None,
    deleted: str | None = None,
):
    dialogues = dialogue_service.all_dialogues(store())
    body = render_template(
        "home.html",
        rehearsed=rehearsed,
        deleted=deleted,
        source=source,
        dialogues=dialogues,
        # Tools that go through an earlier meeting's action points.
        follow_up_tools={tool.id for tool in dialogues if follows_up(tool)},
        # Tools kept on this server (uploaded or written in the browser), edited in place.
        editable={tool.id for tool in dialogues if builtin_dialogue(tool.id) is None},
        needs_passcode=needs_passcode(),
        error=error,
        code=code,
        problems=problems or [],
        more_problems=more_problems,
        imported=imported,
    )
    return body, status


@pages.get("/")
def home():
    deleted = request.args.get("deleted", "")
    return home_page(
        rehearsed=request.args.get("rehearsed") == "1",
        deleted=deleted if is_code(deleted) else None,
    )


def _passcode_refused(refusal: Refused):
    status = 429 if refusal.code == "too_many_attempts" else 401
    return home_page(error_body(refusal), status)


@pages.post("/sessions")
def start_session():
    try:
        check_organiser(request.form.get("passcode"), browser=True)
    except Refused as refusal:
        return _passcode_refused(refusal)
    sweep_rehearsals()
    try:
        session = session_service.create_session(
            store(),
            request.form.get("dialogue"),
            request.form.get("title") or None,
            practice=request.form.get("practice") == "1",
        )
    except DomainError as error:
        return home_page(error_body(error), 400)
    guesses().remember_code(request.remote_addr, session.code)
    response = redirect(url_for("pages.console", code=session.code), code=303)
    _remember_key(response, session.code, FACILITATOR, session.facilitator_key)
    return response


@pages.post("/dialogues")
def upload_dialogue():
    """The home page's upload form: import a YAML or JSON dialogue tool, or list its problems.

    The file's text comes back in the form with its problems, so the author can correct it
    on the page and check it again without choosing the file anew.
    """
    try:
        check_organiser(request.form.get("passcode"), browser=True)
    except Refused as refusal:
        return _passcode_refused(refusal)
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        data = upload.read()
    else:
        data = request.form.get("text", "").replace("\r\n", "\n").encode("utf-8")
    try:
        tool = dialogue_service.import_dialogue(store(), data, replace=may_replace_tools())
    except InvalidDialogue as invalid:
        body = problems_body(invalid)
        return home_page(
            error_body("invalid_dialogue"),
            400,
            problems=body["problems"],
            more_problems=body.get("more_message"),
            source=_editable(data),
        )
    return home_page(imported=tool.title)


def _editable(data: bytes) -> str | None:
    """The uploaded file as text to correct in the form, if it is text of a sensible size."""
    if len(data) > MAX_UPLOAD:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


@pages.get("/join")
def join_by_code():
    code = "".join(request.args.get("code", "").split())
    if not is_code(code):
        return home_page(error_body("bad_code"), 400, code=code[:12])
    return redirect(url_for("pages.phone", code=code))


@pages.get("/j")
@pages.get("/j/")
def join_without_code():
    return redirect(url_for("pages.home"))


@pages.get("/favicon.ico")
def favicon():
    return redirect(url_for("static", filename="favicon.svg"), code=301)


@pages.get("/j/<code>")
def phone(code: str):
    try:
        # A wrong code here is a guess like any other.
        session = guesses().find_session(store(), code, request.remote_addr)
    except Refused as error:
        status = 429 if error.code == "too_many_attempts" else 404
        return home_page(error_body(error), status, code=code[:12])
    g.session_language = session.language
    g.follow_browser = True  # a participant's phone speaks its owner's language
    slot = request.args.get("practice", "")
    practice = int(slot) if session.practice and slot in PRACTICE_PHONES else None
    kinds = session_kinds(session)
    retention_days = current_app.config["WORKSHOP_RETENTION_DAYS"]
    # Everything phone.html reads: a room scanning the code together shares one drawing.
    shows = (
        "phone",
        request.path,
        str(get_locale()),
        session.code,
        session.title,
        session.details.get("organisation"),
        tuple(kinds),
        practice,
        retention_days,
    )
    drawn = drawn_pages().page(
        shows,
        lambda: render_template(
            "phone.html",
            session=session,
            page_kinds=kinds,
            practice=practice,
            retention_days=retention_days,
        ),
    )
    encoding = chosen_encoding(request.accept_encodings)
    response = make_response(drawn.encoded(encoding))
    if encoding:
        response.headers["Content-Encoding"] = encoding  # compressed once, not per phone
    if practice is not None:
        # A rehearsal's simulated phones live in frames on the console: this site only.
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
            "frame-ancestors 'none'", "frame-ancestors 'self'"
        )
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


def _remember_key(response: Response, code: str, role: str, key: str) -> None:
    response.set_cookie(
        key_cookie(code, role),
        key,
        max_age=KEY_COOKIE_AGE,
        httponly=True,
        # Lax: a console link opened from a mail or a chat must find its cookie after the
        # redirect; other sites' posts and frames still go without it.
        samesite="Lax",
        secure=request.is_secure,
        path="/",
    )


def _staff_page(code: str, role: str, template: str):
    """The console or screen; a key in the address moves into a cookie, then out of sight."""
    key_in_address = request.args.get("key")
    try:
        session = staff_session(code, role, key=key_in_address)
    except Refused as error:
        status = {"unknown_session": 404, "bad_code": 404, "too_many_attempts": 429}.get(
            error.code, 403
        )
        return render_template("error.html", error=error_body(error)), status
    key = session.facilitator_key if role == FACILITATOR else session.screen_key
    if key_in_address is not None:
        # Keep the key out of the address bar, the history and any shared screenshot.
        response = redirect(url_for(request.endpoint, code=session.code), code=303)
    else:
        join_url = links.join_url(session.code)
        response = make_response(
            render_template(
                template,
                session=session,
                page_kinds=session_kinds(session),
                join_url=join_url,
                join_reachable=links.reachable_by_phones(join_url),
                screen_url=links.screen_url(session.code, session.screen_key),
                practice_phones=range(1, len(PRACTICE_PHONES) + 1),
                follow_up=follow_up_form(session) if role == FACILITATOR else None,
            )
        )
    _remember_key(response, session.code, role, key)
    return response


@pages.get("/c/<code>")
def console(code: str):
    return _staff_page(code, FACILITATOR, "console.html")


@pages.get("/s/<code>")
def screen(code: str):
    return _staff_page(code, SCREEN, "screen.html")


@pages.get("/qr/<code>.svg")
def qr(code: str):
    # Any six digits are drawn without looking them up: the picture tells nobody whether
    # a session with that code exists.
    if not is_code(code):
        abort(404)
    response = make_response(qr_svg(links.join_url(code)))
    response.mimetype = "image/svg+xml"
    return response


@pages.get("/tools/<tool_id>/run-of-show")
def run_of_show(tool_id: str):
    """Every step of a dialogue tool with its kind, time and notes, and about how long the
    meeting takes: to read and print."""
    tool = dialogue_service.find_dialogue(store(), tool_id)
    if tool is None:
        abort(404)
    g.session_language = tool.language
    # A facilitator's notes may say what the room should not read: only the organiser gets
    # them (as the overview decides); anyone else sees the steps without them.
    show_notes = is_organiser()
    return render_template(
        "run_of_show.html",
        tool=tool,
        show_notes=show_notes,
        notes_left_out=not show_notes and any(step.settings.notes for step in tool.steps),
        kind_titles={step.id: report_part(step.kind).title(step) for step in tool.steps},
        times={step.id: step_time(step) for step in tool.steps},
        total_minutes=about_minutes(tool.steps),
    )


@pages.get("/tools/new")
def new_tool():
    """The tool editor on a blank tool, kept as a draft from its first save, on a copy of a
    tool (``?from=<tool id>``), or on an uploaded tool itself (``?edit=<tool id>``, copied
    when a meeting not ended runs it), which the editor asks the API for as it opens."""
    source = request.args.get("from", "")
    in_place = request.args.get("edit", "")
    wanted = in_place or source
    if wanted and dialogue_service.find_dialogue(store(), wanted) is None:
        return render_template("error.html", error=error_body("unknown_dialogue")), 404
    if in_place and builtin_dialogue(in_place) is not None:
        return render_template("error.html", error=error_body("built_in_tool")), 409
    return _tool_editor(draft_id=None, source=source or None, edit=in_place or None)


@pages.get("/tools/<draft_id>/edit")
def edit_tool(draft_id: str):
    """The tool editor on a draft kept on the server; the editor loads it through the API,
    which asks for the organiser passcode as uploads do."""
    if not ID_PATTERN.match(draft_id):
        return render_template("error.html", error=error_body("unknown_draft")), 404
    return _tool_editor(draft_id=draft_id)


def _tool_editor(draft_id: str | None, source: str | None = None, edit: str | None = None):
    return render_template(
        "tool_editor.html",
        # The editor previews a step of any kind.
        page_kinds=list(KINDS),
        draft_id=draft_id,
        source=source,
        edit=edit,
        needs_passcode=needs_passcode(),
    )


@pages.get("/lang/<language>")
def choose_language(language: str):
    target = request.args.get("next", "/")
    # Only a path on this site, and nothing that could break out of the Location header.
    if not target.startswith("/") or target.startswith("//") or not target.isprintable():
        target = "/"
    response = redirect(target)
    if language in LANGUAGES:
        response.set_cookie("lang", language, max_age=KEY_COOKIE_AGE, samesite="Lax", httponly=True)
    return response
