"""A follow-up meeting in the report: "Since last time" opens it, with every earlier action
point, what the meeting agreed on it, and the series of meetings so far."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.platypus import Spacer, Table

from ..domain.follow_up import carried_plan, tally
from .clock import held
from .fonts import ACCENT, INK, PANEL, RULE
from .kinds import report_part
from .kinds.review import outcome_parts
from .layout import WIDTH, Kit, continued, local, number, padding, shorten
from .paging import RowTable, keep_with_start
from .plan import deadline, plan_points
from .statuses import agreed_line, room_view

if TYPE_CHECKING:
    from ..services.reports import Report

DASH = "\u2013"


def room_views(report: Report) -> dict[str, dict[str, Any]]:
    """The room's view of each earlier point, by id, from the first answered step that
    reviewed them."""
    for step_report in report.steps:
        summary = step_report.summary or {}
        views = report_part(step_report.step.kind).point_views(summary) if summary else {}
        if views and summary.get("count"):
            return views
    return {}


def since_last_time(kit: Kit, report: Report) -> list[Any]:
    """The section that opens a follow-up's report; nothing for a meeting of its own."""
    follow_up = report.follow_up
    if not follow_up:
        return []
    earlier = follow_up.get("of") or {}
    points = follow_up.get("plan", [])
    agreed = follow_up.get("agreed", {})
    heading = kit.p(_("Since last time"), "section")
    heading.outline_entry = ("since-last-time", _("Since last time"))
    when = deadline(earlier.get("held")) if earlier.get("held") else ""
    intro = ngettext(
        "This meeting followed up “%(title)s”%(when)s, which made %(num)d action point.",
        "This meeting followed up “%(title)s”%(when)s, which made %(num)d action points.",
        len(points),
        title=kit.text(earlier.get("title")),
        when=_(" of %(date)s", date=when) if when else "",
    )
    story: list[Any] = [heading, kit.p(intro, "body")]
    if points:
        table = _points_table(kit, points, agreed, room_views(report))
        story = [keep_with_start([*story, table])]
        counts = tally(points, agreed)
        story += [Spacer(1, 4), kit.p(_outcome_line(counts), "note")]
    story += _series(kit, report, follow_up)
    story.append(Spacer(1, 10))
    return story


def _outcome_line(counts: dict[str, int]) -> str:
    return outcome_parts(counts) + "."


def _points_table(
    kit: Kit, points: list[dict[str, Any]], agreed: dict[str, Any], views: dict[str, Any]
) -> Table:
    who_w, when_w, status_w = 86, 80, 130
    what_w = WIDTH - who_w - when_w - status_w
    rows: list[list[Any]] = [
        [
            kit.p(_("Action point"), "head"),
            kit.p(_("Who"), "head"),
            kit.p(_("Deadline"), "head"),
            kit.p(_("Agreed status"), "head"),
        ]
    ]
    for point in points:
        agreement = agreed.get(point["id"])
        what = kit.para(shorten(point["what"]), "cell", what_w - 10, breaks=True)
        lines = [what]
        view = views.get(point["id"])
        if view and view.get("answered"):
            room = _("The room: %(view)s", view=room_view(view["statuses"]))
            lines.append(kit.p(kit.muted(room), "small"))
        if agreement and agreement.get("comment"):
            label = kit.muted(_("The meeting's note:"))
            comment = shorten(agreement["comment"])
            lines.append(kit.para(comment, "small", what_w - 10, prefix=f"{label} ", breaks=True))
        rows.append(
            [
                lines,
                kit.para(shorten(point["who"], 200), "cell", who_w - 10),
                kit.plain(deadline(point["when"])),
                kit.p(agreed_line(kit, agreement), "cell"),
            ]
        )
    caption = continued(kit, _("Action points from last time"))
    table = RowTable(
        rows, colWidths=[what_w, who_w, when_w, status_w], repeatRows=1, caption=caption
    )
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONT", (2, 1), (2, -1), kit.fonts.regular, 9.5, 12),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, PANEL]),
            *padding(5, 5, 4, 5),
        ]
    )
    return table


def _series(kit: Kit, report: Report, follow_up: dict[str, Any]) -> list[Any]:
    """Points made and what became of them, one line per meeting of the series."""
    earlier = follow_up.get("of") or {}
    lines = list(follow_up.get("series", []))
    points = follow_up.get("plan", [])
    agreed = follow_up.get("agreed", {})
    lines.append(
        {
            **earlier,
            "made": len(points),
            **tally(points, agreed),
        }
    )
    made_tonight = _plan_count(report)
    heads = [
        _("Meeting"),
        _("Date"),
        _("Action points"),
        _("Done"),
        _("Carried over"),
        _("Dropped"),
        _("Not agreed"),
    ]
    number_w, made_w, date_w = 52, 72, 80
    title_w = WIDTH - date_w - made_w - 4 * number_w
    rows: list[list[Any]] = [
        [kit.p(head, "head" if i < 2 else "head_right") for i, head in enumerate(heads)]
    ]
    for line in lines:
        rows.append(
            [
                kit.para(shorten(str(line.get("title") or ""), 200), "cell", title_w - 10),
                kit.plain(deadline(line["held"]) if line.get("held") else DASH),
                number(line["made"]),
                number(line["done"]),
                number(line["carried"]),
                number(line["dropped"]),
                number(line["undecided"]),
            ]
        )
    this_meeting = _("%(title)s (this meeting)", title=kit.text(report.title))
    today = local(held(report)[0]).date().isoformat()
    rows.append(
        [
            kit.p(f"<b>{this_meeting}</b>", "cell"),
            kit.plain(deadline(today)),
            number(made_tonight),
            DASH,
            DASH,
            DASH,
            DASH,
        ]
    )
    table = RowTable(rows, colWidths=[title_w, date_w, made_w, *[number_w] * 4], repeatRows=1)
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONT", (1, 1), (-1, -1), kit.fonts.regular, 9.5, 12),
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
            *padding(5, 5, 4, 5),
        ]
    )
    note = _(
        "Action points: those each meeting put in its plan. What became of them was agreed "
        "at the meeting after it; this meeting's points are followed up next time."
    )
    return [*kit.subheading(_("The series so far"), 100), table, Spacer(1, 3), kit.p(note, "note")]


def _plan_count(report: Report) -> int:
    confirmed = {
        item["answer_id"] for step_report in report.steps for item in plan_points(step_report) or []
    }
    return len(confirmed) + len(carried_plan(report.follow_up))
