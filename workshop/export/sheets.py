"""What every sheet of the workbook shares: a tidy name, and a page setup that prints well.

The step's sheet name is also its label in the CSV, so a row of the CSV and its sheet in the
workbook are found under the same words.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _

from .clock import LOCAL_TIME, held

if TYPE_CHECKING:
    from ..services.reports import Report

SHEET_LIMIT = 31  # characters Excel allows in a sheet's name
# Characters Excel refuses in a sheet's name, and what stands in for them.
FORBIDDEN = str.maketrans(
    {":": " \u2013", "/": "-", "\\": "-", "?": "", "*": "", "[": "(", "]": ")"}
)
LINE = 15.0  # points: the height of a line of text in the workbook's font
TALLEST = 409.0  # points: the tallest row Excel keeps
CUT = "\u2026"
# Excel keeps this name for itself.
RESERVED = {"history"}
INCH = 1 / 2.54  # xlsxwriter takes margins in inches


def _key(name: str) -> str:
    """Excel tells sheet names apart without regard to case."""
    return name.casefold()


def _shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters: whole words and "…" when it is cut (a
    single word longer than that is cut inside, with "…")."""
    if len(text) <= limit:
        return text
    room = text[: limit - len(CUT)]
    if text[len(room)] not in " ,.;!\u2013\u2014":
        words = room.rsplit(" ", 1)[0]
        # Back to the last whole word, unless that leaves too little of a very long word.
        room = words if len(words) >= len(room) // 2 else room
    # End on the word, not on the comma or dash before the cut.
    return room.rstrip(" ,.;-\u2013\u2014") + CUT


def tidy_name(text: str, taken: set[str], fallback: str = "") -> str:
    """A sheet's name from ``text``: no character Excel refuses, single spaces, at most 31
    characters ending on a whole word, never a name already ``taken`` (which it joins)."""
    cleaned = " ".join(text.translate(FORBIDDEN).split()).strip("'").strip() or fallback
    base = _shorten(cleaned, SHEET_LIMIT) or "-"
    name, n = base, 2
    while _key(name) in taken or _key(name) in RESERVED:
        suffix = f" ({n})"
        name, n = _shorten(cleaned, SHEET_LIMIT - len(suffix)) + suffix, n + 1
    taken.add(_key(name))
    return name


def fixed_names() -> dict[str, str]:
    """The workbook's sheets that every meeting may have, in the reader's language."""
    return {
        "meeting": _("Meeting"),
        "summary": _("Summary"),
        "since": _("Since last time"),
        "plan": _("Action plan"),
    }


def sheet_names(report: Report) -> tuple[dict[str, str], dict[int, str]]:
    """The names of the fixed sheets, and of each answerable step's sheet by its index
    ("4. Hvor står vi i dag"): the same for the workbook and the CSV's step column."""
    taken: set[str] = set()
    fixed = {key: tidy_name(name, taken) for key, name in fixed_names().items()}
    steps = {
        item.index: tidy_name(f"{item.index + 1}. {item.step.prompt}", taken, str(item.index + 1))
        for item in report.steps
        if item.step.answerable
    }
    return fixed, steps


def local(moment: Any) -> Any:
    """A moment in the meeting's own time zone."""
    return moment.astimezone(LOCAL_TIME)


def lines(text: str, width: float) -> int:
    """About how many lines ``text`` takes wrapped in a column ``width`` characters wide."""
    per_line = max(1.0, width * 1.25 - 1)  # text is narrower than the digits widths count
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


class TallRows:
    """A sheet's text written wrapped, each row made tall enough for its longest text:
    spreadsheets do not all grow a row for wrapped text by themselves, and a printed cell
    cut off after one line loses the rest of the answer."""

    DEFAULT_WIDTH = 8.43  # Excel's column width when none is set

    def __init__(self, sheet: Any, wrap: Any) -> None:
        self.sheet, self.wrap = sheet, wrap
        self.widths: dict[int, float] = {}
        self.needed: dict[int, int] = {}

    def width(self, first: int, last: int, width: float) -> None:
        self.sheet.set_column(first, last, width)
        for column in range(first, last + 1):
            self.widths[column] = width

    def text(self, row: int, column: int, text: str, cell_format: Any = None) -> None:
        self.sheet.write_string(row, column, text, cell_format or self.wrap)
        width = self.widths.get(column, self.DEFAULT_WIDTH)
        self.needed[row] = max(self.needed.get(row, 1), lines(text, width))

    def finish(self) -> None:
        for row, needed in self.needed.items():
            if needed > 1:
                self.sheet.set_row(row, min(TALLEST, needed * LINE))


def _header_text(text: str, limit: int = 60) -> str:
    """User text in a page header: "&" doubled, as Excel's header codes start with it."""
    return _shorten(" ".join(str(text).split()), limit).replace("&", "&&")


def print_setup(sheet: Any, report: Report, header_rows: int = 1) -> None:
    """Landscape A4, as wide as the page and as long as it needs, the header row on every
    printed page, and the meeting and page number on every page."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=1.5 * INCH, right=1.5 * INCH, top=2 * INCH, bottom=2 * INCH)
    if header_rows:
        sheet.repeat_rows(0, header_rows - 1)
    title = _header_text(report.title or report.dialogue_title)
    sheet.set_header(f"&L&B{title}&B&R&A", {"margin": 0.8 * INCH})
    page = _("Page %(page)s of %(pages)s", page="&P", pages="&N")
    held_on = f"{local(held(report)[0]):%d.%m.%Y} \u00b7 {report.code}"
    sheet.set_footer(f"&L{_header_text(held_on)}&R{page}", {"margin": 0.8 * INCH})
