"""The Excel workbook: a summary sheet, then a sheet per step with a row per answer.

Numbers are numbers and dates are dates, so a secretary can sort, filter and add up without
retyping. Every sheet has its header frozen and filters on. Cells are written as what they
are (text as text), so nothing a participant typed is ever run as a formula.
"""

from __future__ import annotations

import html
import io
import re
from typing import Any
from xml.sax.saxutils import escape

import xlsxwriter
from flask_babel import force_locale
from flask_babel import gettext as _

from ..domain.kinds import kind_of
from ..domain.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..services.reports import Report
from .clock import LOCAL_TIME
from .course import reached
from .kinds import report_part
from .plan_sheets import plan_sheet, since_sheet
from .values import readable_value, votes_received

SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(number: int, prompt: str, taken: set[str]) -> str:
    """At most 31 characters, none that Excel refuses, unique in the workbook."""
    base = SHEET_NAME.sub(" ", f"{number}. {prompt}").strip()[:31].strip() or str(number)
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _plain(markup: str) -> str:
    """A key result line without its markup: tags dropped, escaped characters back."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


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


def _build(report: Report) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    book.set_properties(
        {"title": report.title or report.dialogue_title, "subject": report.dialogue_title}
    )
    head = book.add_format({"bold": True, "bg_color": "#E6EEFB", "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    share = book.add_format({"num_format": "0.0%"})
    taken: set[str] = set()
    came = reached(report)

    summary_name = SHEET_NAME.sub(" ", _("Summary"))[:31]
    taken.add(summary_name.lower())
    summary = book.add_worksheet(summary_name)
    columns = [_("Step"), _("Kind"), _("Prompt"), _("Respondents"), _("Share"), _("Result")]
    summary.write_row(0, 0, columns, head)
    kit = _Kit()
    kit.tables = dict(report.tables)
    total = report.participants
    row = 1
    for step_report in report.steps:
        step, result = step_report.step, step_report.summary or {}
        if not step.answerable:
            continue
        count = result.get("count") or 0
        summary.write_number(row, 0, step_report.index + 1)
        summary.write_string(row, 1, report_part(step.kind).title(step))
        summary.write_string(row, 2, step.prompt, wrap)
        if came[step_report.index]:
            summary.write_number(row, 3, count)
            summary.write_number(row, 4, count / total if total else 0, share)
            line = report_part(step.kind).key_result(kit, result) if count else ""
            summary.write_string(row, 5, _plain(line), wrap)
        else:
            summary.write_string(row, 5, _("Not reached"))
        row += 1
    summary.set_column(0, 0, 6)
    summary.set_column(1, 1, 16)
    summary.set_column(2, 2, 48)
    summary.set_column(3, 4, 12)
    summary.set_column(5, 5, 70)
    summary.freeze_panes(1, 0)
    summary.autofilter(0, 0, max(row - 1, 1), len(columns) - 1)

    people = {person.id: person for person in report.people}
    tables = dict(report.tables)
    answers = list(report.answers)
    by_id = {answer.answer_id: answer for answer in answers}
    votes = votes_received(answers, [item.step for item in report.steps])
    yes, no, anonymous = _("yes"), _("no"), _("anonymous")
    named_cells = {"what": _("What"), "who": _("Who"), "when": _("When")}
    for step_report in report.steps:
        step = step_report.step
        if not step.answerable:
            continue
        kind = kind_of(step.kind)
        sheet = book.add_worksheet(_sheet_name(step_report.index + 1, step.prompt, taken))
        own = kind.cell_names(step)
        columns = [_("Participant"), _("Table"), _("Answer")]
        columns += [named_cells.get(name, name) for name in own]
        columns += [_("Votes"), _("Hidden"), _("Highlighted"), _("Confirmed")]
        columns += [_("Merged into"), _("Time")]
        sheet.write_row(0, 0, columns, head)
        cards = (
            {a.answer_id: a for a in answers if a.step_id == step.source} if step.source else by_id
        )
        row = 1
        mine = [a for a in answers if a.step_id == step.id]
        for answer in sorted(mine, key=lambda a: a.created_at or 0):
            person = people.get(answer.participant_id)
            named = not step.settings.anonymous and not answer.anonymous and person and person.name
            sheet.write_string(row, 0, person.name if named else anonymous)
            # The answer's table: none for an anonymous answer at a table of one.
            table = tables.get(answer.table, "") if answer.table else ""
            sheet.write_string(row, 1, table)
            sheet.write_string(
                row, 2, readable_value(step, answer.value, cards, report.follow_up), wrap
            )
            values = kind.cells(step, answer.value)
            for offset, name in enumerate(own):
                value = values.get(name)
                column = 3 + offset
                if isinstance(value, bool) or value is None:
                    continue
                if isinstance(value, int | float):
                    sheet.write_number(row, column, value)
                elif hasattr(value, "isoformat") and not isinstance(value, str):
                    sheet.write_datetime(row, column, value, day)
                else:
                    sheet.write_string(row, column, str(value))
            column = 3 + len(own)
            if answer.answer_id in votes:
                sheet.write_number(row, column, votes[answer.answer_id])
            sheet.write_string(row, column + 1, yes if answer.hidden else no)
            sheet.write_string(row, column + 2, yes if answer.highlighted else no)
            sheet.write_string(row, column + 3, yes if answer.confirmed else no)
            merged = by_id.get(answer.merged_into) if answer.merged_into else None
            if merged is not None:
                sheet.write_string(row, column + 4, readable_value(step, merged.value, cards))
            if answer.created_at:
                local = answer.created_at.astimezone(LOCAL_TIME).replace(tzinfo=None)
                sheet.write_datetime(row, column + 5, local, moment)
            row += 1
        sheet.set_column(0, 1, 16)
        sheet.set_column(2, 2, 50)
        sheet.set_column(3, 3 + len(own) - 1 if own else 3, 16)
        sheet.set_column(len(columns) - 1, len(columns) - 1, 20)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(row - 1, 1), len(columns) - 1)
    since_sheet(book, report, head, wrap, day)
    plan_sheet(book, report, head, wrap, day)
    book.close()
    return buffer.getvalue()
