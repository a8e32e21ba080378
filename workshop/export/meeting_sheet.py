"""The workbook's first sheet: the meeting's facts as the report's cover gives them, and the
decisions and notes the facilitator wrote in the console."""

from __future__ import annotations

import textwrap
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _

from ..domain.session import ENDED, LOBBY, RUNNING
from .clock import held
from .course import reached, stopped_at
from .layout import clock
from .plan import plan_items, plan_points
from .sheets import TallRows, local, print_setup

if TYPE_CHECKING:
    from ..services.reports import Report

DASH = "\u2013"
# A cell holds one paragraph of the notes, in pieces short enough for a printed row.
PIECE = 900


def meeting_status(report: Report) -> str:
    """Not started, running, ended, or ended early at step N of M, in the reader's words."""
    early = stopped_at(report)
    if early is not None:
        return _("Ended at step %(step)s of %(steps)s", step=early, steps=len(report.steps))
    return {
        LOBBY: _("Not started"),
        RUNNING: _("Running – results may still change"),
        ENDED: _("Ended"),
    }.get(report.status, report.status)


def _pieces(notes: str) -> list[str]:
    """The notes by paragraph, a long paragraph in pieces cut between words."""
    pieces: list[str] = []
    for line in notes.splitlines():
        line = line.rstrip()
        pieces += textwrap.wrap(line, PIECE, break_long_words=True) if line.strip() else [""]
    while pieces and not pieces[-1]:
        pieces.pop()
    return pieces


def _plan_size(report: Report) -> int | None:
    """How many points the action plan holds; nothing to say when the meeting never came to
    a step that makes one (and no point was carried over into it)."""
    came = reached(report)
    planned = any(plan_points(item) is not None and came[item.index] for item in report.steps)
    size = len(plan_items(report))
    return size if size or planned else None


def meeting_sheet(book: Any, name: str, report: Report, formats: dict[str, Any]) -> None:
    """Title, when and where, who led it, with which tool, how many took part, how it
    ended, and what it decided."""
    details = report.details or {}
    start, end = held(report)
    follow_up = (report.follow_up or {}).get("of") or {}
    facts: list[tuple[str, Any]] = [
        (_("Title"), report.title or report.dialogue_title),
        (_("Date"), local(start).date()),
        (_("Time"), clock(start) + (f"{DASH}{clock(end)}" if end is not None else "")),
        (_("Place"), details.get("place")),
        (_("Organisation"), details.get("organisation")),
        (_("Facilitator"), details.get("facilitator")),
        (_("Dialogue tool"), report.dialogue_title),
        (_("Session code"), report.code),
        (_("Participants"), report.participants),
        (_("Status"), meeting_status(report)),
        (_("Follow-up of"), follow_up.get("title")),
        (_("Points in the action plan"), _plan_size(report)),
        (_("Report created"), local(report.exported_at).replace(tzinfo=None)),
    ]
    sheet = book.add_worksheet(name)
    rows = TallRows(sheet, formats["wrap"])
    rows.width(0, 0, 26)
    rows.width(1, 1, 100)
    label = formats["label"]
    row = 0
    for caption, value in facts:
        if value is None or value == "":
            continue
        rows.text(row, 0, caption, label)
        if isinstance(value, int):
            sheet.write_number(row, 1, value, formats["left"])
        elif isinstance(value, datetime):
            sheet.write_datetime(row, 1, value, formats["moment"])
        elif isinstance(value, date):
            sheet.write_datetime(row, 1, value, formats["day"])
        else:
            rows.text(row, 1, str(value))
        row += 1
    notes = (details.get("notes") or "").strip()
    if notes:
        row += 1
        rows.text(row, 0, _("Decisions and notes"), label)
        for piece in _pieces(notes):
            if piece:  # a blank line between paragraphs stays an empty row
                rows.text(row, 1, piece)
            row += 1
    rows.finish()
    print_setup(sheet, report, header_rows=0)
