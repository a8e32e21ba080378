"""The workbook's sheets of the plan: the action plan as the report prints it, and in a
follow-up "Since last time" with what the meeting agreed on each earlier point."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _

from ..domain.follow_up import STATUSES
from .follow_up import room_views
from .plan import plan_items
from .statuses import status_name

if TYPE_CHECKING:
    from ..services.reports import Report

SHEET_LIMIT = 31  # characters in a sheet's name


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _write_day(sheet: Any, row: int, column: int, value: Any, day_format: Any) -> None:
    found = _day(value)
    if found is not None:
        sheet.write_datetime(row, column, found, day_format)


def plan_sheet(book: Any, report: Report, head: Any, wrap: Any, day: Any) -> None:
    """What, who and when of every confirmed point (and every point carried over), by date."""
    items = plan_items(report)
    if not items:
        return
    sheet = book.add_worksheet(_("Action plan")[:SHEET_LIMIT])
    columns = [_("What"), _("Who"), _("When"), _("Carried over")]
    sheet.write_row(0, 0, columns, head)
    for row, item in enumerate(items, start=1):
        sheet.write_string(row, 0, str(item.get("what") or ""), wrap)
        sheet.write_string(row, 1, str(item.get("who") or ""), wrap)
        _write_day(sheet, row, 2, item.get("when"), day)
        sheet.write_string(row, 3, _("yes") if item.get("carried") else _("no"))
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 1, 24)
    sheet.set_column(2, 3, 14)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(items), len(columns) - 1)


def since_sheet(book: Any, report: Report, head: Any, wrap: Any, day: Any) -> None:
    """Every earlier point of a follow-up: the room's view, the agreed status, the new date."""
    follow_up = report.follow_up
    if not follow_up or not follow_up.get("plan"):
        return
    views = room_views(report)
    agreed = follow_up.get("agreed", {})
    sheet = book.add_worksheet(_("Since last time")[:SHEET_LIMIT])
    columns = [_("Action point"), _("Who"), _("Deadline"), _("Agreed status")]
    columns += [_("New deadline"), _("Comment")]
    columns += [status_name(status) for status in STATUSES]
    sheet.write_row(0, 0, columns, head)
    for row, point in enumerate(follow_up["plan"], start=1):
        agreement = agreed.get(point["id"]) or {}
        sheet.write_string(row, 0, point["what"], wrap)
        sheet.write_string(row, 1, point["who"], wrap)
        _write_day(sheet, row, 2, point["when"], day)
        status = agreement.get("status")
        sheet.write_string(row, 3, status_name(status) if status else _("Not agreed"))
        _write_day(sheet, row, 4, agreement.get("carry_to"), day)
        sheet.write_string(row, 5, agreement.get("comment") or "", wrap)
        counts = (views.get(point["id"]) or {}).get("statuses", {})
        for offset, status_key in enumerate(STATUSES):
            sheet.write_number(row, 6 + offset, counts.get(status_key, 0))
    sheet.set_column(0, 0, 50)
    sheet.set_column(1, 1, 20)
    sheet.set_column(2, 4, 14)
    sheet.set_column(5, 5, 40)
    sheet.set_column(6, 9, 11)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(follow_up["plan"]), len(columns) - 1)
