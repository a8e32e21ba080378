"""The CSV export: one row per answer, UTF-8 with a byte order mark so Excel shows æøå.

The separator is the reader's, not the meeting's: a Danish Excel splits columns on ";", an
English one on ",", so the file opens in columns for whoever asked for it. Steps and kinds
are named as the workbook names them, so a row and its sheet are found under the same words.
"""

from __future__ import annotations

import csv
import io
import re

from flask_babel import force_locale
from flask_babel import gettext as _

from ..domain.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..domain.tidy import entry_of
from ..services.reports import Report
from .clock import LOCAL_TIME
from .kinds import report_part
from .sheets import sheet_names
from .values import card_of, hidden_from_the_room, readable_value, votes_received

# The separator of a spreadsheet set to each language: Danish writes decimals with a comma.
SEPARATORS = {"da": ";", "en": ","}


def separator_for(language: str | None) -> str:
    """The separator a spreadsheet in ``language`` splits columns on (Danish first)."""
    return SEPARATORS.get(language or "", SEPARATORS[DEFAULT_LANGUAGE])


def build_csv(report: Report, delimiter: str | None = None) -> bytes:
    """The CSV with ``delimiter`` between cells; by default the one of the meeting's language
    (for a reader nothing else is known of)."""
    steps = {item.step.id: item for item in report.steps}
    people = {person.id: person for person in report.people}
    tables = dict(report.tables)
    answers = list(report.answers)
    by_id = {answer.answer_id: answer for answer in answers}
    every_step = [item.step for item in report.steps]
    on_card = card_of(answers, every_step)
    votes = votes_received(answers, every_step, on_card)
    hidden = hidden_from_the_room(answers)
    language = report.language if report.language in LANGUAGES else DEFAULT_LANGUAGE
    buffer = io.StringIO()
    writer = SafeWriter(buffer, delimiter=delimiter or separator_for(language))
    with force_locale(language):
        _fixed, step_labels = sheet_names(report)
        writer.writerow(
            [
                _("Step"),
                _("Kind"),
                _("Prompt"),
                _("Participant"),
                _("Table"),
                _("Answer"),
                _("What"),
                _("Who"),
                _("When"),
                _("Votes"),
                _("Hidden"),
                _("Highlighted"),
                _("Confirmed"),
                _("Merged into"),
                _("Time"),
            ]
        )
        anonymous = _("anonymous")
        yes, no = _("yes"), _("no")
        for answer in sorted(answers, key=lambda a: (steps[a.step_id].index, a.created_at or 0)):
            item = steps.get(answer.step_id)
            if item is None:
                continue
            step = item.step
            person = people.get(answer.participant_id)
            named = (
                not step.settings.anonymous
                and not answer.anonymous
                and person is not None
                and person.name
            )
            cards = (
                {a.answer_id: a for a in answers if a.step_id == step.source}
                if step.source
                else by_id
            )
            moment = answer.created_at.astimezone(LOCAL_TIME) if answer.created_at else None
            # An action point also in columns of its own, to sort and filter on.
            point = answer.value if isinstance(answer.value, dict) else {}
            # On a card of another answer: merged into it, or folded in as the same words.
            home = on_card[answer.answer_id]
            merged = by_id.get(home) if home != answer.answer_id else None
            writer.writerow(
                [
                    step_labels.get(item.index, str(item.index + 1)),
                    report_part(step.kind).title(step),
                    step.prompt,
                    person.name if named else anonymous,
                    # The answer's table: none for an anonymous answer at a table of one.
                    tables.get(answer.table, "") if answer.table else "",
                    # A word cloud's answer as the room counted it (hidden words left out).
                    readable_value(
                        step, answer.value, cards, report.follow_up, entry_of(report.tidy, step.id)
                    ),
                    point.get("what", ""),
                    point.get("who", ""),
                    point.get("when", ""),
                    votes.get(answer.answer_id, ""),  # only ideas voted on have a count
                    yes if answer.answer_id in hidden else no,
                    yes if answer.highlighted else no,
                    yes if answer.confirmed else no,
                    readable_value(step, merged.value, cards) if merged else "",
                    moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "",
                ]
            )
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


# A cell starting with one of these is run as a formula by spreadsheets.
FORMULA_STARTS = ("=", "@", "\t", "\r")
# A leading + or - starts a formula too, unless only words follow ("-Mere gennemsigtighed"):
# a digit (a number, a cell like A1), a bracket, a colon or an operator after it is guarded.
PLAIN_WORDS = re.compile(r"[+-] ?[^\W\d_](?:[^\W\d_]|[ .,;?'\"’–-])*")


def spreadsheet_safe(value: object) -> str:
    """Any cell as text that a spreadsheet shows and never runs: names, table names, option
    labels and prompts from an uploaded tool can all be written by someone else."""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    if text.startswith(("+", "-")) and not PLAIN_WORDS.fullmatch(text):
        return "'" + text
    return text


class SafeWriter:
    """A CSV writer whose every cell, in every column, is made formula-safe."""

    def __init__(self, buffer: io.StringIO, delimiter: str) -> None:
        self._writer = csv.writer(buffer, delimiter=delimiter)

    def writerow(self, row: list[object]) -> None:
        self._writer.writerow([spreadsheet_safe(cell) for cell in row])
