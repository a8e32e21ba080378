"""The workbook's sheets of the plan: the action plan as the report prints it, and in a
follow-up "Since last time" with what the meeting agreed on each earlier point."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _

from ..domain.follow_up import STATUSES
from .follow_up import room_views
from .plan import plan_items
from .sheets import TallRows, print_setup
from .statuses import status_name

if TYPE_CHECKING:
    from ..services.reports import Report


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _write_day(sheet: Any, row: int, column: int, value: Any, day_format: Any) -> None:
    found = _day(value)
    if found is not None:
        sheet.write_datetime(row, column, found, day_format)


def plan_sheet(book: Any, name: str, report: Report, formats: dict[str, Any]) -> None:
    """What, who and when of every confirmed point (and every point carried over), by date."""
    items = plan_items(report)
    if not items:
        return
    head, wrap, day = formats["head"], formats["wrap"], formats["day"]
    sheet = book.add_worksheet(name)
    rows = TallRows(sheet, wrap)
    columns = [_("What"), _("Who"), _("When"), _("Carried over")]
    for column, width in enumerate((60, 24, 14, 14)):
        rows.width(column, column, width)
        rows.text(0, column, columns[column], head)
    for row, item in enumerate(items, start=1):
        rows.text(row, 0, str(item.get("what") or ""))
        rows.text(row, 1, str(item.get("who") or ""))
        _write_day(sheet, row, 2, item.get("when"), day)
        sheet.write_string(row, 3, _("yes") if item.get("carried") else _("no"), formats["top"])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(items), len(columns) - 1)
    rows.finish()
    print_setup(sheet, report)


def since_sheet(book: Any, name: str, report: Report, formats: dict[str, Any]) -> None:
    """Every earlier point of a follow-up: the room's view, the agreed status, the new date."""
    follow_up = report.follow_up
    if not follow_up or not follow_up.get("plan"):
        return
    views = room_views(report)
    agreed = follow_up.get("agreed", {})
    head, wrap, day, top = formats["head"], formats["wrap"], formats["day"], formats["top"]
    sheet = book.add_worksheet(name)
    rows = TallRows(sheet, wrap)
    columns = [_("Action point"), _("Who"), _("Deadline"), _("Agreed status")]
    columns += [_("New deadline"), _("Comment")]
    columns += [status_name(status) for status in STATUSES]
    for column, width in enumerate((50, 20, 14, 14, 14, 40, 11, 11, 11, 11)):
        rows.width(column, column, width)
        rows.text(0, column, columns[column], head)
    for row, point in enumerate(follow_up["plan"], start=1):
        agreement = agreed.get(point["id"]) or {}
        rows.text(row, 0, point["what"])
        rows.text(row, 1, point["who"])
        _write_day(sheet, row, 2, point["when"], day)
        status = agreement.get("status")
        rows.text(row, 3, status_name(status) if status else _("Not agreed"))
        _write_day(sheet, row, 4, agreement.get("carry_to"), day)
        rows.text(row, 5, agreement.get("comment") or "")
        counts = (views.get(point["id"]) or {}).get("statuses", {})
        for offset, status_key in enumerate(STATUSES):
            sheet.write_number(row, 6 + offset, counts.get(status_key, 0), top)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(follow_up["plan"]), len(columns) - 1)
    rows.finish()
    print_setup(sheet, report)
