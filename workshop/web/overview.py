"""The organiser's overview of every session: find, open, export and delete.

It hands out every session's keys, so it is for the organiser only: behind the organiser
passcode when one is set, and otherwise only on the computer that runs the tool (a phone on
the venue's Wi-Fi never sees it).
"""

from __future__ import annotations

import functools

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date

from ..domain.local_time import local_day
from ..messages import error_body
from ..services import dialogues as dialogue_service
from ..services.errors import Refused
from ..services.overview import OverviewEntry, sessions_overview
from . import links
from .access import from_this_computer, guesses, store
from .exports import MIME_TYPES, send_export
from .follow_ups import follow_up_form
from .organisers import check_organiser, passcode_header
from .removal import remove_session

overview = Blueprint("overview", __name__)


def check_overview(given: str | None, *, browser: bool) -> None:
    """The organiser, or Refused: the passcode when one is set, else this computer only."""
    if current_app.config.get("WORKSHOP_ORGANISER_PASSCODE"):
        check_organiser(given, browser=browser)
    elif not from_this_computer():
        raise Refused("overview_here_only")


def organiser_page(view):
    """A page of the overview: only for the organiser's browser, else the refusal page."""

    @functools.wraps(view)
    def guarded(*args, **kwargs):
        try:
            check_overview(None, browser=True)
        except Refused as refusal:
            return _refused_page(refusal)
        return view(*args, **kwargs)

    return guarded


def _overview(search: str | None = None, code: str | None = None) -> list[OverviewEntry]:
    days = current_app.config["WORKSHOP_RETENTION_DAYS"]
    return sessions_overview(store(), search, days=days, code=code)


def _listing(entry: OverviewEntry) -> dict:
    session = entry.session
    return {
        **entry.as_dict(),
        "facilitator_url": links.facilitator_url(session.code, session.facilitator_key),
        "screen_url": links.screen_url(session.code, session.screen_key),
        "exports": {
            fmt: url_for("overview.export", code=session.code, fmt=fmt) for fmt in MIME_TYPES
        },
    }


def entries(search: str | None = None, code: str | None = None) -> list[dict]:
    """The overview's entries as the page and the API show them, with their links."""
    return [_listing(entry) for entry in _overview(search, code)]


def page_entries(search: str) -> list[dict]:
    """The entries as the page shows them: also the meeting each follows up (its own copy,
    kept when that meeting is deleted), the meetings that follow it up, and for an ended
    meeting the form that starts its follow-up."""
    found = _overview(search)
    followed_by: dict[str, list[dict]] = {}
    for entry in found:
        earlier = (entry.session.follow_up or {}).get("of")
        if earlier:
            later = {"code": entry.session.code, "title": entry.session.title}
            followed_by.setdefault(earlier["code"], []).append(later)
    listed_codes = {entry.session.code for entry in found}
    tools = dialogue_service.all_dialogues(store())
    page = []
    for entry in found:
        session = entry.session
        earlier = (session.follow_up or {}).get("of")
        page.append(
            {
                **_listing(entry),
                "day": _day(entry),
                "follows_up": (
                    {**earlier, "listed": earlier["code"] in listed_codes} if earlier else None
                ),
                "followed_by": followed_by.get(session.code, [])[::-1],  # oldest first
                # The overview has counted each meeting's plan already, in one query.
                "follow_up": follow_up_form(
                    session, session.facilitator_key, tools, entry.action_points
                ),
            }
        )
    return page


def _day(entry: OverviewEntry) -> str:
    """The day the meeting was held (or, never held, created) as the page's reader writes a
    date, where the meeting met: "2. dec. 2026"."""
    session = entry.session
    moment = session.state.visits[0].entered_at if session.state.visits else None
    day = local_day(moment if moment is not None else session.created_at.timestamp())
    return format_date(day, format="medium")


def _refused_page(refusal: Refused):
    status = {"too_many_attempts": 429, "overview_here_only": 403}.get(refusal.code, 401)
    return render_template("sessions.html", entries=None, error=error_body(refusal)), status


def _session(code: str):
    try:
        return guesses().find_session(store(), code, request.remote_addr)
    except Refused:
        abort(404)


def _one(code: str) -> dict:
    found = entries(code=code)
    if not found:
        abort(404)
    return found[0]


@overview.get("/sessions")
@organiser_page
def sessions_page():
    search = request.args.get("q", "")[:200]
    return render_template(
        "sessions.html",
        entries=page_entries(search),
        search=search,
        error=None,
        # The tools being written in the browser, with or without problems left.
        drafts=[
            {**vars(draft), "day": format_date(draft.updated_at, format="medium")}
            for draft in store().tool_drafts()
        ],
    )


@overview.post("/sessions/unlock")
def unlock():
    try:
        check_overview(request.form.get("passcode"), browser=True)
    except Refused as refusal:
        return _refused_page(refusal)
    return redirect(url_for("overview.sessions_page"), code=303)


@overview.get("/sessions/<code>/export.<fmt>")
@organiser_page
def export(code: str, fmt: str):
    return send_export(_session(code), fmt)


@overview.post("/sessions/<code>/keep")
@organiser_page
def keep(code: str):
    """Keep a meeting past the retention period, or let it go again."""
    store().set_keep(_session(code), request.form.get("keep") == "1")
    return redirect(url_for("overview.sessions_page"), code=303)


@overview.get("/sessions/<code>/delete")
@organiser_page
def confirm_delete(code: str):
    """The first confirmation: what will go, and the code to type."""
    return render_template("delete_session.html", entry=_one(code), error=None)


@overview.post("/sessions/<code>/delete")
@organiser_page
def delete(code: str):
    """The second confirmation: the code typed again; then every row and export goes."""
    session = _session(code)
    typed = "".join(str(request.form.get("typed_code", "")).split())
    if typed != session.code:
        page = render_template(
            "delete_session.html", entry=_one(code), error=error_body("confirm_with_code")
        )
        return page, 400
    remove_session(session)
    return redirect(url_for("overview.sessions_page", deleted=session.code), code=303)


def api_listing():
    """``GET /api/sessions``: the overview for a script (see docs/protocol.md)."""
    check_overview(passcode_header(), browser=False)
    return jsonify(entries(request.args.get("q")))
