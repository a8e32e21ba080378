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

from ..domain.errors import DomainError, InvalidDialogue
from ..messages import error_body, problem_body
from ..services import dialogues as dialogue_service
from ..services import sessions as session_service
from ..services.errors import Refused
from ..services.sessions import FACILITATOR, SCREEN, find_session, is_code, same_secret
from ..storage import StoreUnavailable
from . import links
from .access import guarded, key_cookie, staff_session, store
from .qr import qr_svg

pages = Blueprint("pages", __name__)

KEY_COOKIE_AGE = 60 * 60 * 24 * 30


def home_page(
    error: dict | None = None,
    status: int = 200,
    code: str = "",
    problems: list[dict] | None = None,
    imported: str | None = None,
):
    body = render_template(
        "home.html",
        dialogues=dialogue_service.all_dialogues(store()),
        needs_passcode=bool(current_app.config.get("WORKSHOP_ORGANISER_PASSCODE")),
        error=error,
        code=code,
        problems=problems or [],
        imported=imported,
    )
    return body, status


@pages.get("/")
def home():
    return home_page()


@pages.post("/sessions")
def start_session():
    expected = current_app.config.get("WORKSHOP_ORGANISER_PASSCODE")
    if expected and not same_secret(request.form.get("passcode", ""), expected):
        return home_page(error_body("passcode_required"), 401)
    try:
        session = session_service.create_session(
            store(), request.form.get("dialogue"), request.form.get("title") or None
        )
    except DomainError as error:
        return home_page(error_body(error), 400)
    response = redirect(links.facilitator_url(session.code, session.facilitator_key))
    _remember_key(response, session.code, FACILITATOR, session.facilitator_key)
    return response


@pages.post("/dialogues")
def upload_dialogue():
    """The home page's upload form: import a YAML or JSON dialogue tool, or list its problems."""
    expected = current_app.config.get("WORKSHOP_ORGANISER_PASSCODE")
    if expected and not same_secret(request.form.get("passcode", ""), expected):
        return home_page(error_body("passcode_required"), 401)
    upload = request.files.get("file")
    try:
        tool = dialogue_service.import_dialogue(store(), upload.read() if upload else b"")
    except InvalidDialogue as invalid:
        problems = [problem_body(problem) for problem in invalid.problems]
        return home_page(error_body("invalid_dialogue"), 400, problems=problems)
    return home_page(imported=tool.title)


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
        session = guarded(lambda: find_session(store(), code))
    except Refused as error:
        status = 429 if error.code == "too_many_attempts" else 404
        return home_page(error_body(error), status, code=code[:12])
    g.session_language = session.language
    return render_template("phone.html", session=session)


def _remember_key(response: Response, code: str, role: str, key: str) -> None:
    response.set_cookie(
        key_cookie(code, role),
        key,
        max_age=KEY_COOKIE_AGE,
        httponly=True,
        samesite="Strict",
        path="/",
    )


def _staff_page(code: str, role: str, template: str):
    try:
        session = staff_session(code, role)
    except Refused as error:
        status = {"unknown_session": 404, "bad_code": 404, "too_many_attempts": 429}.get(
            error.code, 403
        )
        return render_template("error.html", error=error_body(error)), status
    key = session.facilitator_key if role == FACILITATOR else session.screen_key
    response = make_response(
        render_template(
            template,
            session=session,
            key=key,
            join_url=links.join_url(session.code),
            screen_url=links.screen_url(session.code, session.screen_key),
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
    if not is_code(code):
        abort(404)
    try:
        find_session(store(), code)
    except (Refused, StoreUnavailable):
        abort(404)
    response = make_response(qr_svg(links.join_url(code)))
    response.mimetype = "image/svg+xml"
    return response


@pages.get("/lang/<language>")
def choose_language(language: str):
    target = request.args.get("next", "/")
    # Only a path on this site, and nothing that could break out of the Location header.
    if not target.startswith("/") or target.startswith("//") or not target.isprintable():
        target = "/"
    response = redirect(target)
    if language in ("da", "en"):
        response.set_cookie("lang", language, max_age=KEY_COOKIE_AGE, samesite="Lax", httponly=True)
    return response
