"""A follow-up of the earlier action points: the room's view of each, its comments, and what
the meeting agreed (the report's "Since last time" section sums the agreements up)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.platypus import Spacer

from ...domain.follow_up import STATUSES
from ...domain.kinds.review import answer_in_words
from ..layout import WIDTH, shorten
from ..plan import deadline
from ..statuses import agreed_line, room_view, status_name
from .base import ReportPart

if TYPE_CHECKING:
    from ...domain.answers import Context
    from ...domain.dialogue import Step
    from ...domain.kinds import Summary
    from ..layout import Kit


def outcome_parts(counts: dict[str, int]) -> str:
    """What became of the earlier points, each counted once: "1 done, 2 carried over, 2
    dropped, 2 not agreed" (the last only when some are not agreed yet)."""
    parts = [
        ngettext("%(num)d done", "%(num)d done", counts.get("done", 0)),
        ngettext("%(num)d carried over", "%(num)d carried over", counts.get("carried", 0)),
        ngettext("%(num)d dropped", "%(num)d dropped", counts.get("dropped", 0)),
    ]
    if counts.get("undecided"):
        parts.append(ngettext("%(num)d not agreed", "%(num)d not agreed", counts["undecided"]))
    return ", ".join(parts)


class ReviewPart(ReportPart):
    kind = "review"
    per_table = False

    def section(self, kit: Kit, step: Step, summary: Summary) -> list[Any]:
        points = list(summary.get("points", []))
        if not points:
            return [kit.box(_("This meeting did not follow up an earlier one."))]
        story: list[Any] = []
        for point in points:
            who = kit.text(point["who"])
            meta = _("%(who)s, deadline %(date)s", who=who, date=deadline(point["when"]))
            story += [
                kit.para(shorten(point["what"]), "statement", WIDTH, breaks=True),
                kit.p(kit.muted(meta), "small"),
            ]
            answered = point.get("answered") or 0
            if answered:
                view = _("The room: %(view)s", view=room_view(point["statuses"]))
            else:
                view = _("Nobody gave this point a status.")
            story.append(kit.p(view, "cell"))
            story.append(
                kit.p(_("Agreed: %(status)s", status=agreed_line(kit, point.get("agreed"))), "cell")
            )
            if point.get("comments"):
                story.append(kit.p(kit.muted(_("Comments from the room:")), "small"))
            for comment in point.get("comments", []):
                name = comment.get("name")
                suffix = kit.muted(f" \u2013 {kit.text(name)}") if name else ""
                story.append(
                    kit.para(shorten(comment["text"]), "answer", WIDTH, suffix=suffix, breaks=True)
                )
            story.append(Spacer(1, 6))
        return story

    def point_views(self, summary: Summary) -> dict[str, Any]:
        return {point["id"]: point for point in summary.get("points", [])}

    def table_line(self, kit: Kit, summary: Summary) -> str:
        totals = {status: 0 for status in STATUSES}
        for point in summary.get("points", []):
            for status, count in point.get("statuses", {}).items():
                totals[status] = totals.get(status, 0) + count
        return room_view(totals)

    def key_result(self, kit: Kit, summary: Summary, voted_on: bool = False) -> str:
        """Every earlier point in exactly one of the outcomes: they add up to the points."""
        counts = summary.get("outcomes") or {}
        points = len(summary.get("points", []))
        head = ngettext("%(num)d earlier point", "%(num)d earlier points", points)
        return f"{head}: {outcome_parts(counts)}"

    def readable(self, step: Step, value: Any, context: Context) -> str:
        """One answer in words, in the reader's language: "What: Under way (comment); ..."."""
        return answer_in_words(value, context, status_name)
