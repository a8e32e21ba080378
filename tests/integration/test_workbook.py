"""The workbook as a secretary opens and prints it: the meeting's facts first, tidy sheet names,
only the columns that apply, no sheet for a step never reached, and every sheet printing as
wide as a landscape page with its header row on every page."""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.domain.tools import parse_dialogue
from workshop.export.workbook import build_xlsx

from .pdf_material import DETAILS, TABLES, TOOL, rich_answers
from .pdf_material import make_report as report_of_answers

FORBIDDEN = set("[]:*?/\\")


def make_report(answers: dict, language: str, **fields):
    """A report of ``answers`` that also holds them as the spreadsheets read them."""
    every = tuple(answer for given in answers.values() for answer in given)
    return replace(report_of_answers(answers, language, **fields), answers=every)


def book_of(report) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(build_xlsx(report)))


def rows_of(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]


def test_the_first_sheet_holds_the_meetings_facts_and_decisions(danish_app):
    notes = "Vi holder gårdmøde hver måned.\n\nBestyrelsen svarer kommunen inden 1. april."
    report = make_report(
        rich_answers(),
        "da",
        tables=TABLES,
        participants=6,
        reached=4,
        details={**DETAILS, "notes": notes},
    )
    book = book_of(report)
    assert book.sheetnames[0] == "Møde"
    facts = {row[0]: row[1] for row in book["Møde"].iter_rows(values_only=True) if row[0]}
    assert facts["Titel"] == "Kredsmøde i Østjylland"
    assert facts["Dato"].date().isoformat() == "2025-03-04"  # a date, not text
    assert facts["Tidspunkt"] == "18:30–18:50"  # Copenhagen time, first step to last
    assert (facts["Sted"], facts["Organisation"], facts["Mødeleder"]) == (
        "Fælleshuset, Aarhus",
        "Boligforeningen Åbo",
        "Mette Sørensen",
    )
    assert facts["Dialogredskab"] == TOOL.title and facts["Mødekode"] == "482913"
    assert facts["Deltagere"] == 6
    assert facts["Status"] == f"Afsluttet ved trin 4 af {len(TOOL.steps)}"
    assert facts["Punkter i handleplanen"] == 3
    # The decisions, a paragraph to a row, all of them.
    values = [row[1] for row in book["Møde"].iter_rows(values_only=True)]
    start = values.index("Vi holder gårdmøde hver måned.")
    assert values[start : start + 3] == [
        "Vi holder gårdmøde hver måned.",
        None,
        "Bestyrelsen svarer kommunen inden 1. april.",
    ]


def test_the_status_says_whether_the_meeting_ran_to_the_end(danish_app):
    def status(**fields) -> str:
        facts = book_of(make_report(rich_answers(), "da", **fields))["Møde"]
        return next(row[1] for row in facts.iter_rows(values_only=True) if row[0] == "Status")

    assert status() == "Afsluttet"
    assert status(status="running") == "I gang – resultaterne kan stadig ændre sig"
    assert status(reached=2) == f"Afsluttet ved trin 2 af {len(TOOL.steps)}"
    # An action step never reached says nothing of a plan, rather than "0 points".
    early = {step: given for step, given in rich_answers().items() if step == "ord"}
    facts = book_of(make_report(early, "da", reached=2))["Møde"]
    assert "Punkter i handleplanen" not in [row[0] for row in facts.iter_rows(values_only=True)]


def test_key_results_keep_each_statement_and_idea_on_a_line_of_its_own(danish_app):
    answers = rich_answers()
    # Two answers to a question no vote is held on: answers, not ideas, as the report says.
    answers["tom"] = [
        replace(a, step_id="tom", answer_id=f"t{a.answer_id}", merged_into=None)
        for a in answers["tanker"][:2]
    ]
    report = make_report(answers, "da", tables=TABLES)
    summary = rows_of(book_of(report)["Sammenfatning"])
    unvoted = next(row for row in summary if row["Trin"] == 9)["Resultat"]
    assert unvoted == "2 svar: ★ Fælles gårdmøder hver måned"
    voted = next(row for row in summary if row["Trin"] == 3)["Resultat"]
    assert voted.startswith("3 ") and not voted.startswith("5 svar")  # 3 ideas of 5 answers
    scale = next(row for row in summary if row["Trin"] == 5)["Resultat"]
    # "Vi arbejder …: 3,5", never run into the text before or after it.
    assert scale == "Vi arbejder målrettet for byer i balance: 3,5"
    vote = next(row for row in summary if row["Trin"] == 7)["Resultat"]
    lines = vote.split("\n")
    assert len(lines) == 3 and [line[:3] for line in lines] == ["1. ", "2. ", "3. "]


def test_a_step_never_reached_has_no_sheet_and_each_reached_step_a_row_per_answer(danish_app):
    for reached in (3, 7, None):
        # The room answers only the steps it came to.
        answers = {
            step_id: given
            for step_id, given in rich_answers().items()
            if reached is None or TOOL.steps.index(TOOL.step(step_id)) < reached
        }
        report = make_report(answers, "da", tables=TABLES, reached=reached)
        book = book_of(report)
        for item in report.steps:
            if not item.step.answerable:
                continue
            sheets = [name for name in book.sheetnames if name.startswith(f"{item.index + 1}. ")]
            if reached is not None and item.index >= reached:
                assert sheets == [], item.step.id
                continue
            assert len(sheets) == 1, item.step.id
            assert len(rows_of(book[sheets[0]])) == len(answers.get(item.step.id, []))


def test_a_step_sheet_has_only_the_columns_that_apply(danish_app):
    answers = rich_answers()
    vote_index = next(i for i, step in enumerate(TOOL.steps) if step.id == "stem")

    def headers(report, step_id: str) -> list[str]:
        index = next(i for i, step in enumerate(TOOL.steps) if step.id == step_id)
        book = book_of(report)
        name = next(name for name in book.sheetnames if name.startswith(f"{index + 1}. "))
        return [cell.value for cell in book[name][1]]

    full = make_report(answers, "da", tables=TABLES)
    ideas = headers(full, "tanker")
    assert ideas == [
        "Deltager",
        "Bord",
        "Svar",
        "Stemmer",
        "Skjult",
        "Fremhævet",
        "Lagt sammen med",
        "Tidspunkt",
    ]
    # The vote never held: no votes column; the room at no tables: no table column.
    assert "Stemmer" not in headers(make_report(answers, "da", reached=vote_index), "tanker")
    assert "Bord" not in headers(make_report(answers, "da"), "tanker")
    # Nothing merged: no merge column; only cards are highlighted, only action points confirmed.
    unmerged = {**answers, "tanker": [replace(a, merged_into=None) for a in answers["tanker"]]}
    assert "Lagt sammen med" not in headers(make_report(unmerged, "da"), "tanker")
    assert headers(full, "maal") == [
        "Deltager",
        "Bord",
        "Svar",
        "Byer i balance",
        "En grønnere almen sektor",
        "De vejer lige tungt",
        "Skjult",
        "Tidspunkt",
    ]
    assert headers(full, "handling") == [
        "Deltager",
        "Svar",  # no answer at a table: no table column
        "Hvad",
        "Hvem",
        "Hvornår",
        "Skjult",
        "Fremhævet",
        "Redigeret",
        "Bekræftet",
        "Tidspunkt",
    ]
    # Every card's votes as a number, the ones merged away counted on their card.
    book = book_of(full)
    rows = rows_of(book[next(n for n in book.sheetnames if n.startswith("3. "))])
    votes = {row["Svar"]: row["Stemmer"] for row in rows}
    assert votes["Fælles gårdmøder hver måned"] == 4
    assert votes["Gårdmøde en gang om måneden"] is None  # merged into the one above
    assert votes["Skjult grimt svar"] == 0


def test_every_sheet_prints_landscape_as_wide_as_a_page_with_its_header_row_on_each_page(
    danish_app,
):
    report = make_report(
        rich_answers(), "da", tables=TABLES, details={**DETAILS, "notes": "Beslutning"}
    )
    book = book_of(report)
    assert book.sheetnames[:3] == ["Møde", "Sammenfatning", "Handleplan"]
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert setup.paperSize == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        # One page wide (1 is the default, left out of the file), as many long as it needs.
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), sheet.title
        if sheet.title != "Møde":
            assert sheet.print_title_rows in ("1:1", "$1:$1"), sheet.title
        assert "Kredsmøde i Østjylland" in sheet.oddHeader.left.text
        assert sheet.oddFooter.right.text == "Side &P af &N"
        assert sheet.page_margins.left >= 0.5  # inches
    # A long answer wraps in a row tall enough to show it, not cut off after one line.
    long = "Et langt svar om gårdens fremtid, " * 8
    answers = {**rich_answers(), "tanker": rich_answers()["tanker"][:1]}
    answers["tanker"] = [replace(answers["tanker"][0], value=long)]
    sheet = book_of(make_report(answers, "da"))["3. Hvad tager du med dig"]
    assert sheet["B2"].alignment.wrap_text
    assert sheet.row_dimensions[2].height >= 4 * 15


PIECES = [*"abc æøå Ab:/?*[]\\'.,-", "lang" * 9, "  ", "\u2013", "Hvor står vi i dag"]
PROMPTS = (
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=12)
    .map("".join)
    .filter(lambda text: text.strip(" '"))
)


@settings(max_examples=25, deadline=None)
@given(st.lists(PROMPTS, min_size=1, max_size=6))
def test_sheet_names_are_tidy_short_and_unique_whatever_the_prompts(prompts):
    from flask import Flask
    from flask_babel import Babel

    tool = parse_dialogue(
        {
            "id": "names",
            "title": "Navne",
            "language": "en",
            "steps": [
                {"id": f"s{n}", "kind": "open", "prompt": prompt}
                for n, prompt in enumerate(prompts, 1)
            ],
        }
    )
    app = Flask(__name__)
    Babel(app)
    with app.app_context():
        report = make_report({}, "en")
        report = replace(
            report,
            steps=tuple(
                replace(report.steps[0], index=index, step=step)
                for index, step in enumerate(tool.steps)
            ),
        )
        names = book_of(report).sheetnames
    assert names[:2] == ["Meeting", "Summary"]
    assert len({name.casefold() for name in names}) == len(names)
    for number, name in enumerate(names[2:], 1):
        assert len(name) <= 31 and not FORBIDDEN & set(name), name
        assert "  " not in name and name == name.strip() and not name.startswith("'"), name
        assert name.startswith(f"{number}. ") or name.startswith(f"{number}"), name


def test_a_cut_sheet_name_ends_on_a_whole_word_with_an_ellipsis():
    from workshop.export.sheets import tidy_name

    taken: set[str] = set()
    name = tidy_name("4. Indcheckning: hvilke ord fylder hos dig?", taken)
    assert name == "4. Indcheckning – hvilke ord…"
    assert tidy_name("4. Indcheckning: hvilke ord fylder hos dig?", taken) == (
        "4. Indcheckning – hvilke… (2)"  # the same prompt twice: unique, still whole words
    )
    assert tidy_name("Afdelingsbestyrelsesmødeforberedelsesudvalg", set()) == (
        "Afdelingsbestyrelsesmødeforber…"  # one word longer than a name: cut inside it
    )


def test_answers_merged_into_a_card_hidden_afterwards_are_hidden_in_both_spreadsheets(danish_app):
    import csv

    from workshop.export.spreadsheet import build_csv

    answers = rich_answers()
    # i2 and i3 were merged into i1; then the facilitator hid i1.
    answers["tanker"] = [
        replace(a, hidden=a.answer_id == "i1" or a.hidden) for a in answers["tanker"]
    ]
    report = make_report(answers, "da", tables=TABLES)
    book = book_of(report)
    rows = rows_of(book[next(n for n in book.sheetnames if n.startswith("3. "))])
    hidden = {row["Svar"] for row in rows if row["Skjult"] == "ja"}
    assert hidden == {
        "Fælles gårdmøder hver måned",
        "Gårdmøde en gang om måneden",
        "Gårdmøder, gerne månedligt",
        "Skjult grimt svar",
    }
    text = build_csv(report).decode("utf-8-sig")
    lines = [row for row in csv.DictReader(io.StringIO(text), delimiter=";")]
    assert {
        row["Svar"] for row in lines if row["Trin"].startswith("3. ") and row["Skjult"] == "ja"
    } == hidden
