"""The Excel workbook: the meeting's facts, a summary, the action plan, then a sheet per
step the meeting reached with a row per answer.

Numbers are numbers and dates are dates, so a secretary can sort, filter and add up without
retyping. Every sheet has its header frozen and filters on, and prints in landscape as wide as
the page with its header row on every page. Cells are written as what they
are (text as text), so nothing a participant typed is ever run as a formula.
"""

from __future__ import annotations

import html
import io
import re
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

import xlsxwriter
from flask_babel import force_locale
from flask_babel import gettext as _

from ..domain.kinds import kind_of
from ..domain.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..domain.tidy import entry_of
from ..services.reports import Report, StepReport
from .clock import LOCAL_TIME
from .course import reached
from .kinds import report_part
from .meeting_sheet import meeting_sheet
from .plan_sheets import plan_sheet, since_sheet
from .sheets import TallRows, print_setup, sheet_names
from .values import card_of, hidden_from_the_room, readable_value, votes_received


def _plain(markup: str) -> str:
    """A key result line without its markup: a line break where the report breaks the line
    (so "Vi arbejder …: 2,9" and the next statement stay apart), tags dropped, escaped
    characters back."""
    text = re.sub(r"<br\s*/?>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


class _Kit:
    """What the key result lines need of the PDF kit: user text escaped like markup, so
    that dropping the tags afterwards never takes a participant's "<" with them."""

    tables: dict[str, str] = {}

    def text(self, value: Any, breaks: bool = False) -> str:
        return escape("" if value is None else str(value))

    def muted(self, value: str) -> str:
        return value


def build_xlsx(report: Report) -> bytes:
    language = report.language if report.language in LANGUAGES else DEFAULT_LANGUAGE
    with force_locale(language):
        return _build(report)


def _formats(book: Any) -> dict[str, Any]:
    top = {"valign": "top"}
    return {
        "head": book.add_format(
            {"bold": True, "bg_color": "#E6EEFB", "text_wrap": True, **top, "bottom": 1}
        ),
        "label": book.add_format({"bold": True, **top}),
        "wrap": book.add_format({"text_wrap": True, **top}),
        "top": book.add_format(top),
        "left": book.add_format({"align": "left", **top}),
        "day": book.add_format({"num_format": "yyyy-mm-dd", "align": "left", **top}),
        "moment": book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss", "align": "left", **top}),
        "share": book.add_format({"num_format": "0.0%", **top}),
    }


def _build(report: Report) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    book.set_properties(
        {"title": report.title or report.dialogue_title, "subject": report.dialogue_title}
    )
    formats = _formats(book)
    fixed, step_names = sheet_names(report)
    meeting_sheet(book, fixed["meeting"], report, formats)
    _summary_sheet(book, fixed["summary"], report, formats)
    plan_sheet(book, fixed["plan"], report, formats)
    since_sheet(book, fixed["since"], report, formats)
    came = reached(report)
    for step_report in report.steps:
        step = step_report.step
        if not step.answerable:
            continue
        if not came[step_report.index] and not step_report.answer_count:
            continue  # the meeting never came to it: no empty sheet
        _step_sheet(book, step_names[step_report.index], report, step_report, formats)
    book.close()
    return buffer.getvalue()


def _summary_sheet(book: Any, name: str, report: Report, formats: dict[str, Any]) -> None:
    """A line per answerable step: who answered, and its key result."""
    head, wrap, top = formats["head"], formats["wrap"], formats["top"]
    came = reached(report)
    sheet = book.add_worksheet(name)
    rows = TallRows(sheet, wrap)
    columns = [_("Step"), _("Kind"), _("Prompt"), _("Respondents"), _("Share"), _("Result")]
    for column, width in enumerate((6, 16, 48, 12, 12, 70)):
        rows.width(column, column, width)
        rows.text(0, column, columns[column], head)
    kit = _Kit()
    kit.tables = dict(report.tables)
    total = report.participants
    row = 1
    for step_report in report.steps:
        step, result = step_report.step, step_report.summary or {}
        if not step.answerable:
            continue
        count = result.get("count") or 0
        sheet.write_number(row, 0, step_report.index + 1, top)
        rows.text(row, 1, report_part(step.kind).title(step))
        rows.text(row, 2, step.prompt)
        if came[step_report.index]:
            sheet.write_number(row, 3, count, top)
            sheet.write_number(row, 4, count / total if total else 0, formats["share"])
            # Worded as the report's summary words it: ideas only where a vote was held on them.
            voted_on = any(
                kind_of(item.step.kind).ranked_source(item.step) == step.id for item in report.steps
            )
            part = report_part(step.kind)
            line = part.key_result(kit, result, voted_on=voted_on) if count else ""
            rows.text(row, 5, _plain(line))
        else:
            rows.text(row, 5, _("Not reached"))
        row += 1
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(row - 1, 1), len(columns) - 1)
    rows.finish()
    print_setup(sheet, report)


def _voted_on(report: Report, step_id: str) -> bool:
    """Whether a step the meeting reached voted on this step's cards."""
    came = reached(report)
    return any(
        kind_of(item.step.kind).ranked_source(item.step) == step_id and came[item.index]
        for item in report.steps
    )


def _step_sheet(
    book: Any, name: str, report: Report, step_report: StepReport, formats: dict[str, Any]
) -> None:
    """A row per answer, with only the columns that apply to the step: a table when the room
    sat at tables, votes when a vote was held on its cards, highlights and merges for cards,
    edits and confirmations for action points; no table or merge column left empty."""
    step = step_report.step
    kind = kind_of(step.kind)
    people = {person.id: person for person in report.people}
    tables = dict(report.tables)
    answers = list(report.answers)
    by_id = {answer.answer_id: answer for answer in answers}
    steps = [item.step for item in report.steps]
    on_card = card_of(answers, steps)
    votes = votes_received(answers, steps, on_card)
    hidden = hidden_from_the_room(answers)
    yes, no, anonymous = _("yes"), _("no"), _("anonymous")
    named_cells = {"what": _("What"), "who": _("Who"), "when": _("When")}
    own = kind.cell_names(step)
    cards = {a.answer_id: a for a in answers if a.step_id == step.source} if step.source else by_id

    # Each column that may apply: what it holds, its heading and its width.
    columns: list[tuple[str, str, float]] = [("participant", _("Participant"), 18)]
    if tables:
        columns.append(("table", _("Table"), 14))
    columns.append(("answer", _("Answer"), 60))
    columns += [(f"cell:{cell}", named_cells.get(cell, cell), 16) for cell in own]
    if _voted_on(report, step.id):
        columns.append(("votes", _("Votes"), 9))
    columns.append(("hidden", _("Hidden"), 9))
    if kind.cards:
        columns.append(("highlighted", _("Highlighted"), 11))
    if kind.confirmable:
        columns += [("edited", _("Edited"), 10), ("confirmed", _("Confirmed"), 11)]
    if kind.cards:
        columns.append(("merged", _("Merged into"), 30))
    columns.append(("time", _("Time"), 19))

    lines: list[dict[str, Any]] = []
    for answer in sorted(
        (a for a in answers if a.step_id == step.id), key=lambda a: a.created_at or 0
    ):
        person = people.get(answer.participant_id)
        named = not step.settings.anonymous and not answer.anonymous and person and person.name
        # On a card of another answer: merged into it, or folded in as the same words.
        home = on_card[answer.answer_id]
        merged = by_id.get(home) if home != answer.answer_id else None
        line: dict[str, Any] = {
            "participant": person.name if named else anonymous,
            # The answer's table: none for an anonymous answer at a table of one.
            "table": tables.get(answer.table, "") if answer.table else "",
            "answer": readable_value(
                step, answer.value, cards, report.follow_up, entry_of(report.tidy, step.id)
            ),
            # A card merged into another has its votes counted with that card.
            "votes": votes.get(answer.answer_id, 0) if merged is None else None,
            "hidden": yes if answer.answer_id in hidden else no,
            "highlighted": yes if answer.highlighted else no,
            "edited": yes if answer.edited else no,
            "confirmed": yes if answer.confirmed else no,
            "merged": readable_value(step, merged.value, cards) if merged is not None else "",
            "time": (
                answer.created_at.astimezone(LOCAL_TIME).replace(tzinfo=None)
                if answer.created_at
                else None
            ),
        }
        values = kind.cells(step, answer.value)
        for cell in own:
            value = values.get(cell)
            line[f"cell:{cell}"] = None if isinstance(value, bool) else value
        lines.append(line)
    # A table or a merge nobody's answer has is a column left empty: it goes. (An option no
    # one picked keeps its column: its empty sum says so.)
    columns = [
        (key, heading, width)
        for key, heading, width in columns
        if key not in ("table", "merged") or any(_given(line[key]) for line in lines)
    ]

    sheet = book.add_worksheet(name)
    rows = TallRows(sheet, formats["wrap"])
    for index, (_key, heading, width) in enumerate(columns):
        rows.width(index, index, width)
        rows.text(0, index, heading, formats["head"])
    for row, line in enumerate(lines, start=1):
        for column, (key, _heading, _width) in enumerate(columns):
            _write_cell(rows, row, column, line[key], formats)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(lines), 1), len(columns) - 1)
    rows.finish()
    print_setup(sheet, report)


def _given(value: Any) -> bool:
    return value is not None and value != ""


def _write_cell(rows: TallRows, row: int, column: int, value: Any, formats: dict[str, Any]) -> None:
    """A value as what it is: a number, a date and time, a date, or text."""
    if isinstance(value, bool) or not _given(value):
        return
    if isinstance(value, int | float):
        rows.sheet.write_number(row, column, value, formats["top"])
    elif isinstance(value, datetime):
        rows.sheet.write_datetime(row, column, value, formats["moment"])
    elif hasattr(value, "isoformat") and not isinstance(value, str):
        rows.sheet.write_datetime(row, column, value, formats["day"])
    else:
        rows.text(row, column, str(value))
