"""The form that starts a follow-up meeting from an ended one, on the console and the overview:
the tools it offers, the tool and title it suggests, and how many action points come along."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale, gettext

from ..dialogues import follows_up
from ..domain.dialogue import MAX_PROMPT, DialogueTool
from ..domain.follow_up import MAX_POINTS
from ..services import dialogues as dialogue_service
from ..services.follow_ups import action_plan
from ..storage import SessionRecord
from .access import store

# The built-in follow-up tool for a meeting held in each language.
FOLLOW_UP_TOOLS = {"da": "almene-maal-opfoelgning", "en": "follow-up"}
ELLIPSIS = "…"


@dataclass(frozen=True)
class FollowUpForm:
    """What the form shows for one ended meeting."""

    code: str
    # The earlier meeting's facilitator key, for a page that may hold it (the overview);
    # None on the console, whose key cookie goes with the request instead.
    key: str | None
    points: int
    follow_up_tools: list[DialogueTool]
    other_tools: list[DialogueTool]
    chosen: str
    title: str
    # The API asks for the organiser passcode on every new session, when there is one.
    needs_passcode: bool
    # A follow-up goes through at most this many points (MAX_POINTS): a longer plan is
    # refused, so the form says so before anyone presses the button.
    limit: int = MAX_POINTS

    @property
    def too_many(self) -> bool:
        return self.points > self.limit


def suggested_title(earlier_title: str, language: str) -> str:
    """ "Opfølgning: <title>" in the meeting's language, cut to fit the title's limit."""
    with force_locale(language):
        empty = gettext("Follow-up: %(title)s", title="")
    room = MAX_PROMPT - len(empty)
    if len(earlier_title) > room:
        earlier_title = earlier_title[: room - len(ELLIPSIS)].rstrip() + ELLIPSIS
    with force_locale(language):
        return gettext("Follow-up: %(title)s", title=earlier_title)


def follow_up_form(
    session: SessionRecord,
    key: str | None = None,
    tools: list[DialogueTool] | None = None,
    points: int | None = None,
) -> FollowUpForm | None:
    """The form for ``session``, or None when it cannot be followed up (yet): only an ended
    meeting that was not a rehearsal. A page with many forms reads ``tools`` once, and gives
    the ``points`` it has counted already (else the meeting's action plan is read)."""
    if session.practice or not session.state.ended:
        return None
    tools = tools if tools is not None else dialogue_service.all_dialogues(store())
    ids = {tool.id for tool in tools}
    chosen = FOLLOW_UP_TOOLS.get(session.language, FOLLOW_UP_TOOLS["da"])
    if chosen not in ids:
        chosen = next((tool.id for tool in tools if follows_up(tool)), tools[0].id)
    return FollowUpForm(
        code=session.code,
        key=key,
        points=len(action_plan(store(), session)) if points is None else points,
        follow_up_tools=[tool for tool in tools if follows_up(tool)],
        other_tools=[tool for tool in tools if not follows_up(tool)],
        chosen=chosen,
        title=suggested_title(session.title, session.language),
        needs_passcode=bool(current_app.config.get("WORKSHOP_ORGANISER_PASSCODE")),
    )
