"""A follow-up meeting: the earlier meeting's action points, what the room agreed on each, and
the series of meetings that followed one another.

A follow-up keeps its own copy of everything it needs (the points, and a line per earlier
meeting), so it stays whole when an earlier meeting is deleted. As plain data it is::

    {"of": {"code", "title", "held"},       # the meeting it follows up
     "plan": [{"id", "what", "who", "when"}],    # its confirmed action plan
     "series": [{"code", "title", "held", "made", "done", "carried", "dropped", "undecided"}],
     "agreed": {"<point id>": {"status", "comment", "carry_to"}}}

``series`` lists the meetings before the one followed up, oldest first, with what became of
their points; the meeting followed up is counted from ``agreed``, at this meeting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TypedDict

from .errors import InvalidCommand
from .text import one_line, several_lines

# What the room says about a point, in the order a phone shows them.
STATUSES = ("done", "under_way", "not_started", "dropped")
# Statuses of a point that is not finished and may go on, with a new date, in tonight's plan.
CARRIABLE = ("under_way", "not_started")
# What became of a point once the meeting has agreed on it.
OUTCOMES = ("done", "carried", "dropped", "undecided")
# A follow-up reviews at most this many points: a plan that a board can go through.
MAX_POINTS = 50
MAX_COMMENT = 300
# Meetings a series remembers (the oldest are dropped from the overview after this many).
MAX_SERIES = 50


class Point(TypedDict):
    """An earlier action point, as the follow-up reviews it."""

    id: str
    what: str
    who: str
    when: str  # YYYY-MM-DD


class Agreement(TypedDict):
    """What the meeting agreed on a point: its status, a note, and its new date if it goes on."""

    status: str
    comment: str
    carry_to: str | None


class Meeting(TypedDict):
    """One earlier meeting of a series, with what became of the points it made."""

    code: str
    title: str
    held: str | None  # YYYY-MM-DD
    made: int
    done: int
    carried: int
    dropped: int
    undecided: int


def points_of(plan: Iterable[Mapping[str, Any]]) -> list[Point]:
    """An action plan's points as a follow-up reviews them, by deadline, numbered p1, p2, ..."""
    items = sorted(plan, key=lambda item: (str(item["when"]), str(item["what"]).casefold()))
    return [
        {
            "id": f"p{number}",
            "what": str(item["what"]),
            "who": str(item["who"]),
            "when": str(item["when"]),
        }
        for number, item in enumerate(items, start=1)
    ]


def outcome(agreement: Mapping[str, Any] | None) -> str:
    """``done``, ``carried`` (goes on in tonight's plan), ``dropped`` or ``undecided``."""
    if not agreement:
        return "undecided"
    if agreement["status"] == "done":
        return "done"
    return "carried" if agreement.get("carry_to") else "dropped"


def tally(points: list[Point], agreed: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """How many of ``points`` were done, carried over, dropped, or are undecided yet."""
    counts = Counter(outcome(agreed.get(point["id"])) for point in points)
    return {name: counts[name] for name in OUTCOMES}


def meeting_line(
    code: str, title: str, held: str | None, points: list[Point], agreed: Mapping[str, Any]
) -> Meeting:
    """A meeting's line in a series: its points and what became of them."""
    return {
        "code": code,
        "title": title,
        "held": held,
        "made": len(points),
        **tally(points, agreed),  # type: ignore[typeddict-item]
    }


def start(
    earlier: Mapping[str, Any],
    earlier_follow_up: Mapping[str, Any] | None,
    plan: Iterable[Mapping[str, Any]],
) -> dict[str, Any]:
    """The follow-up of an ended meeting ``earlier`` (``{"code", "title", "held"}``) whose
    confirmed action plan is ``plan``. When that meeting followed up one before it, the series
    goes on: the one before is counted from what that meeting agreed."""
    points = points_of(plan)
    if len(points) > MAX_POINTS:
        raise InvalidCommand("too_many_points", limit=MAX_POINTS)
    series: list[Meeting] = []
    if earlier_follow_up:
        series = [dict(line) for line in earlier_follow_up.get("series", [])]  # type: ignore[misc]
        before = earlier_follow_up["of"]
        series.append(
            meeting_line(
                before["code"],
                before["title"],
                before.get("held"),
                earlier_follow_up.get("plan", []),
                earlier_follow_up.get("agreed", {}),
            )
        )
    return {
        "of": {"code": earlier["code"], "title": earlier["title"], "held": earlier.get("held")},
        "plan": points,
        "series": series[-MAX_SERIES:],
        "agreed": {},
    }


def agree(follow_up: Mapping[str, Any], args: Mapping[str, Any], today: date) -> dict[str, Any]:
    """The follow-up with the meeting's agreement on one point, from an ``agree`` command:
    ``{"point", "status", "comment"?, "carry_to"?}``; ``status: null`` takes it back.

    A point done or dropped goes no further; one under way or not started is carried into
    tonight's plan with a new date (``carry_to``, not in the past) or, without one, dropped.
    """
    point_id = args.get("point")
    if not isinstance(point_id, str) or point_id not in {p["id"] for p in follow_up["plan"]}:
        raise InvalidCommand("unknown_point")
    agreed = dict(follow_up.get("agreed", {}))
    if "status" not in args:  # taking an agreement back is said, not implied
        raise InvalidCommand("bad_status")
    status = args["status"]
    if status is None:
        agreed.pop(point_id, None)
        return {**follow_up, "agreed": agreed}
    if status not in STATUSES:
        raise InvalidCommand("bad_status")
    comment = args.get("comment", "")
    if not isinstance(comment, str):
        raise InvalidCommand("bad_payload")
    if len(comment.strip()) > MAX_COMMENT:
        raise InvalidCommand("bad_comment", limit=MAX_COMMENT)
    carry_to = args.get("carry_to")
    if carry_to is not None:
        if status not in CARRIABLE:
            raise InvalidCommand("cannot_carry")
        day = _day(carry_to)
        if day < today:
            raise InvalidCommand("date_in_past")
        carry_to = day.isoformat()
    agreed[point_id] = {"status": status, "comment": several_lines(comment), "carry_to": carry_to}
    return {**follow_up, "agreed": agreed}


def _day(value: Any) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise InvalidCommand("bad_date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidCommand("bad_date") from None


def carried_plan(follow_up: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The points carried into tonight's plan, with their new dates, as plan items."""
    if not follow_up:
        return []
    agreed = follow_up.get("agreed", {})
    plan = []
    for point in follow_up.get("plan", []):
        agreement = agreed.get(point["id"])
        if outcome(agreement) != "carried":
            continue
        plan.append(
            {
                "answer_id": f"carried-{point['id']}",
                "highlighted": False,
                "merged": [],
                "weight": 1,
                "what": point["what"],
                "who": point["who"],
                "when": agreement["carry_to"],
                "confirmed": True,
                "carried": True,
            }
        )
    return plan


class BadFollowUp(ValueError):
    """A follow-up read from elsewhere (an imported file) is not shaped like one: ``where``
    names the field (positions counted from 0), ``reason`` says what is wrong with it."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(where, reason)
        self.where = where
        self.reason = reason


def _day_text(value: Any, where: str, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise BadFollowUp(where, "is not a date (YYYY-MM-DD)")


def _words(value: Any, where: str, limit: int, lines: bool = False) -> str:
    """Text as the app itself keeps it: control and bidi override characters removed."""
    if not isinstance(value, str):
        raise BadFollowUp(where, "is not text")
    kept = several_lines(value) if lines else one_line(value)
    if len(kept) > limit:
        raise BadFollowUp(where, f"is longer than {limit} characters")
    return kept


def _code(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) != 6 or not (value.isascii() and value.isdigit()):
        raise BadFollowUp(where, "is not a meeting code of 6 digits")
    return value


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_POINTS:
        raise BadFollowUp(where, f"is not a whole number from 0 to {MAX_POINTS}")
    return value


def checked(value: Any) -> dict[str, Any]:
    """A follow-up from outside, checked field by field and rebuilt from what was checked;
    BadFollowUp names the first field that is wrong."""
    keys = {"of", "plan", "series", "agreed"}
    if not isinstance(value, dict) or set(value) != keys:
        raise BadFollowUp("follow_up", f"must have exactly the fields {', '.join(sorted(keys))}")
    of = value["of"]
    if not isinstance(of, dict):
        raise BadFollowUp("follow_up.of", "is not an object")
    meeting = {
        "code": _code(of.get("code"), "follow_up.of.code"),
        "title": _words(of.get("title"), "follow_up.of.title", 300),
        "held": _day_text(of.get("held"), "follow_up.of.held", optional=True),
    }
    plan = value["plan"]
    if not isinstance(plan, list) or len(plan) > MAX_POINTS:
        raise BadFollowUp("follow_up.plan", f"is not a list of at most {MAX_POINTS} points")
    points: list[Point] = []
    for index, item in enumerate(plan):
        where = f"follow_up.plan[{index}]"
        if not isinstance(item, dict) or item.get("id") != f"p{index + 1}":
            raise BadFollowUp(where, f"is not a point with the id p{index + 1}")
        points.append(
            {
                "id": item["id"],
                "what": _words(item.get("what"), f"{where}.what", 300),
                "who": _words(item.get("who"), f"{where}.who", 100),
                "when": _day_text(item.get("when"), f"{where}.when"),  # type: ignore[typeddict-item]
            }
        )
    series = value["series"]
    if not isinstance(series, list) or len(series) > MAX_SERIES:
        raise BadFollowUp("follow_up.series", f"is not a list of at most {MAX_SERIES} meetings")
    lines: list[Meeting] = []
    for index, line in enumerate(series):
        where = f"follow_up.series[{index}]"
        if not isinstance(line, dict):
            raise BadFollowUp(where, "is not an object")
        lines.append(
            {
                "code": _code(line.get("code"), f"{where}.code"),
                "title": _words(line.get("title"), f"{where}.title", 300),
                "held": _day_text(line.get("held"), f"{where}.held", optional=True),
                "made": _count(line.get("made"), f"{where}.made"),
                **{name: _count(line.get(name), f"{where}.{name}") for name in OUTCOMES},  # type: ignore[typeddict-item]
            }
        )
    agreed = value["agreed"]
    known = {point["id"] for point in points}
    if not isinstance(agreed, dict):
        raise BadFollowUp("follow_up.agreed", "is not an object")
    kept: dict[str, Agreement] = {}
    for point_id, agreement in agreed.items():
        where = f"follow_up.agreed.{point_id}"
        if point_id not in known:
            raise BadFollowUp(where, "is not one of the points")
        if not isinstance(agreement, dict) or agreement.get("status") not in STATUSES:
            raise BadFollowUp(f"{where}.status", f"is not one of {', '.join(STATUSES)}")
        carry_to = _day_text(agreement.get("carry_to"), f"{where}.carry_to", optional=True)
        if carry_to is not None and agreement["status"] not in CARRIABLE:
            raise BadFollowUp(f"{where}.carry_to", "is set on a point that cannot be carried")
        kept[point_id] = {
            "status": agreement["status"],
            "comment": _words(agreement.get("comment", ""), f"{where}.comment", MAX_COMMENT, True),
            "carry_to": carry_to,
        }
    return {"of": meeting, "plan": points, "series": lines, "agreed": kept}


def without_points(
    follow_up: Mapping[str, Any], gone: Iterable[tuple[str, str, str]]
) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """The follow-up without the copied points ``gone`` (what, who, when), and those points
    as they went on into tonight's plan (what, who, new date), to be taken out of the next
    follow-up too. The other points keep their ids and what was agreed on them."""
    gone = set(gone)
    agreed = dict(follow_up.get("agreed", {}))
    kept, carried = [], []
    for point in follow_up.get("plan", []):
        if (point["what"], point["who"], point["when"]) not in gone:
            kept.append(point)
            continue
        agreement = agreed.pop(point["id"], None)
        if outcome(agreement) == "carried":
            carried.append((point["what"], point["who"], agreement["carry_to"]))
    return {**follow_up, "plan": kept, "agreed": agreed}, carried
