"""Following up the earlier meeting's action points: a status for each, and a short comment.

The points are not in the dialogue tool but in the session (``Context.follow_up``): a tool
with a review step can be run as the follow-up of any meeting. Run on its own it has nothing
to review, and says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from types import MappingProxyType
from typing import Any, NotRequired, TypedDict

from ..answers import Answer, Context
from ..dialogue import Step
from ..errors import InvalidAnswer
from ..follow_up import MAX_COMMENT, STATUSES, Agreement, Meeting, outcome, tally
from ..text import several_lines
from .base import StepKind, Summary, respondents


class Comment(TypedDict):
    answer_id: str
    text: str
    name: NotRequired[str]  # on steps that are not anonymous


class ReviewedPoint(TypedDict):
    id: str
    what: str
    who: str
    when: str
    statuses: dict[str, int]  # how many in the room gave each status
    answered: int
    comments: list[Comment]
    agreed: Agreement | None  # what the meeting agreed, set by the facilitator
    outcome: str  # done, carried, dropped, undecided


class ReviewSummary(Summary):
    of: dict[str, Any] | None  # the meeting followed up: code, title, held; None: no such
    points: list[ReviewedPoint]
    outcomes: dict[str, int]
    series: list[Meeting]


def points_in(context: Context) -> list[dict[str, Any]]:
    return list(context.follow_up.get("plan", [])) if context.follow_up else []


def answer_in_words(value: Any, context: Context, status_name: Callable[[str], str] = str) -> str:
    """One answer in words, each point's status with the comment after it: "What: done
    (comment); ..." (the exports pass ``status_name`` for the reader's language)."""
    whats = {point["id"]: point["what"] for point in points_in(context)}
    parts = []
    for point_id, view in value.items():
        text = f"{whats.get(point_id, point_id)}: {status_name(view['status'])}"
        if view.get("comment"):
            text += f" ({view['comment']})"
        parts.append(text)
    return "; ".join(parts)


class ReviewKind(StepKind):
    """A status (done, under way, not started, dropped) per earlier point, with a comment."""

    name = "review"
    limits = MappingProxyType({"comment": MAX_COMMENT})
    premoderable = True
    reviews_plan = True

    def validate(self, step: Step, value: Any, context: Context) -> dict[str, dict[str, str]]:
        known = {point["id"] for point in points_in(context)}
        if not context.follow_up:
            raise InvalidAnswer("nothing_to_review")
        if not known:  # the earlier meeting confirmed no action points
            raise InvalidAnswer("empty_plan")
        if not isinstance(value, dict):
            raise InvalidAnswer("invalid_value")
        if not value:
            raise InvalidAnswer("no_status")
        if len(value) > len(known):
            raise InvalidAnswer("unknown_point")
        given: dict[str, dict[str, str]] = {}
        for point_id, view in value.items():
            if point_id not in known:
                raise InvalidAnswer("unknown_point")
            if not isinstance(view, dict) or view.get("status") not in STATUSES:
                raise InvalidAnswer("bad_status")
            entry = {"status": view["status"]}
            comment = view.get("comment", "")
            if not isinstance(comment, str):
                raise InvalidAnswer("not_text")
            comment = comment.strip()
            if comment:
                if len(comment) > MAX_COMMENT:
                    raise InvalidAnswer("too_long", limit=MAX_COMMENT)
                entry["comment"] = several_lines(comment)
            if set(view) - {"status", "comment"}:
                raise InvalidAnswer("invalid_value")
            given[point_id] = entry
        return given

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> ReviewSummary:
        follow_up = context.follow_up or {}
        agreed = follow_up.get("agreed", {})
        points: list[ReviewedPoint] = []
        for point in points_in(context):
            statuses: Counter[str] = Counter()
            comments: list[Comment] = []
            for answer in answers:
                view = answer.value.get(point["id"]) if isinstance(answer.value, dict) else None
                if not view:
                    continue
                statuses[view["status"]] += 1
                if view.get("comment"):
                    comment: Comment = {"answer_id": answer.answer_id, "text": view["comment"]}
                    if not step.settings.anonymous:
                        comment["name"] = "" if answer.anonymous else answer.name
                    comments.append(comment)
            points.append(
                {
                    **point,  # type: ignore[typeddict-item]
                    "statuses": {status: statuses[status] for status in STATUSES},
                    "answered": sum(statuses.values()),
                    "comments": comments,
                    "agreed": agreed.get(point["id"]),
                    "outcome": outcome(agreed.get(point["id"])),
                }
            )
        return {
            "kind": self.name,
            "count": respondents(answers),
            "of": follow_up.get("of"),
            "points": points,
            "outcomes": tally(points_in(context), agreed),  # type: ignore[arg-type]
            "series": list(follow_up.get("series", [])),
        }

    def readable(self, step: Step, value: Any, context: Context) -> str:
        return answer_in_words(value, context)

    def moderation_text(self, value: Any) -> str:
        """What the facilitator sees of a hidden answer: its comments."""
        if not isinstance(value, dict):
            return ""
        return " · ".join(view.get("comment", "") for view in value.values() if view.get("comment"))
