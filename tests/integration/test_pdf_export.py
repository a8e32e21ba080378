"""The PDF report: real steps and summaries in, a valid PDF with every answer out."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel
from pypdf import PdfReader

from workshop.domain.answers import Answer, Context
from workshop.domain.dialogue import parse_dialogue
from workshop.domain.kinds import summarise, summarise_by_table
from workshop.export import bidi, fonts
from workshop.export.pdf import build_pdf
from workshop.services.reports import Report, StepReport

TRANSLATIONS = Path(__file__).resolve().parents[2] / "workshop" / "translations"
DIALOGUE = {
    "id": "pdf-test",
    "title": "Almene Mål: fra plan til handling",
    "language": "da",
    "steps": [
        {
            "id": "velkommen",
            "kind": "info",
            "prompt": "Velkommen til mødet",
            "body": "Første afsnit om byer i balance.\n\nAndet afsnit om en grønnere sektor.",
        },
        {
            "id": "ord",
            "kind": "wordcloud",
            "prompt": "Tre ord om planen",
            "settings": {"time_box": 2},
        },
        {
            "id": "tanker",
            "kind": "open",
            "prompt": "Hvad tager du med dig?",
            "max_answers": 5,
            "settings": {"time_box": 5, "anonymous": False},
        },
        {
            "id": "maal",
            "kind": "choice",
            "prompt": "Hvilket mål betyder mest?",
            "options": [
                {"id": "byer", "label": "Byer i balance"},
                {"id": "groen", "label": "En grønnere almen sektor"},
                {"id": "lige", "label": "De vejer lige tungt"},
            ],
        },
        {
            "id": "status",
            "kind": "scale",
            "prompt": "Hvor står vi i dag?",
            "scale": {"min": 1, "max": 5, "min_label": "Slet ikke", "max_label": "I høj grad"},
            "statements": [{"id": "byer", "text": "Vi arbejder målrettet for byer i balance"}],
        },
        {
            "id": "fokus",
            "kind": "points",
            "prompt": "Hvor skal kræfterne bruges?",
            "budget": 100,
            "options": [
                {"id": "folk", "label": "Inddragelse"},
                {"id": "hurtigt", "label": "Hurtige resultater"},
            ],
        },
        {"id": "stem", "kind": "vote", "prompt": "Hvad skal vi gøre først?", "source": "tanker"},
        {"id": "handling", "kind": "actions", "prompt": "Hvem gør hvad hvornår?", "max_answers": 5},
        {"id": "tom", "kind": "open", "prompt": "Et spørgsmål uden svar"},
    ],
}
TOOL = parse_dialogue(DIALOGUE)
CREATED = datetime(2025, 3, 4, 17, 30, tzinfo=UTC)  # 18:30 in Copenhagen
START = CREATED.timestamp()
TABLES = (("t1", "Bord Nord"), ("t2", "Bord Syd"))


@pytest.fixture
def babel_app():
    """A bare Flask app with Flask-Babel and no catalogue: every string stays English."""
    app = Flask(__name__)
    Babel(app)
    with app.app_context():
        yield app


@pytest.fixture
def danish_app():
    """A Flask app with the project's Danish catalogue."""
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    Babel(app)
    with app.app_context():
        yield app


def answers_for(step_id: str, values: list, **flags) -> list[Answer]:
    return [
        Answer(f"{step_id}-{i}", i, step_id, value, **flags) for i, value in enumerate(values, 1)
    ]


def make_report(
    answers: dict[str, list[Answer]],
    language: str = "en",
    *,
    tables: tuple = (),
    reached: int | None = None,
    participants: int = 7,
    **fields,
) -> Report:
    """A report over TOOL; steps from ``reached`` on were never visited."""
    steps = []
    table_ids = [table_id for table_id, _name in tables]
    for index, step in enumerate(TOOL.steps):
        given = answers.get(step.id, [])
        cards = {a.answer_id: a for a in answers.get(step.source, [])} if step.source else {}
        context = Context(cards=cards)
        summary = summarise(step, given, context) if step.answerable else None
        if summary is not None and table_ids:
            summary["by_table"] = summarise_by_table(step, given, table_ids, context)
        visited = reached is None or index < reached
        visits = ((START + 300 * index, START + 300 * index + 240 + 30 * index),) if visited else ()
        steps.append(
            StepReport(
                index=index, step=step, summary=summary, answer_count=len(given), visits=visits
            )
        )
    return Report(
        code="482913",
        title=fields.pop("title", "Kredsmøde i Østjylland"),
        dialogue_id=TOOL.id,
        dialogue_title=TOOL.title,
        language=language,
        status=fields.pop("status", "ended"),
        created_at=CREATED,
        exported_at=CREATED,
        participants=participants,
        steps=tuple(steps),
        details=fields.pop("details", {}),
        tables=tables,
        **fields,
    )


OPEN_TEXTS = ["Håb og gåpåmod", "Ærlig talt: for lidt tid", "Øvelse gør mester"]


def full_answers(open_texts: list[str] | None = None) -> dict[str, list[Answer]]:
    return {
        "tanker": answers_for("tanker", open_texts or OPEN_TEXTS),
        "maal": answers_for("maal", [["byer"], ["byer"], ["groen"], ["byer"], ["lige"], ["byer"]]),
        "status": answers_for("status", [{"byer": r} for r in (1, 4, 4, 5)]),
    }


def rich_answers() -> dict[str, list[Answer]]:
    """Every kind answered, with moderation: hidden, highlighted and merged answers, tables."""
    table = ["t1", "t2", "t1", "t2", None, "t1"]
    ideas = [
        Answer(
            "i1",
            1,
            "tanker",
            "Fælles gårdmøder hver måned",
            name="Anna",
            table="t1",
            highlighted=True,
        ),
        Answer(
            "i2",
            2,
            "tanker",
            "Gårdmøde en gang om måneden",
            name="Bo",
            table="t2",
            merged_into="i1",
        ),
        Answer(
            "i3",
            3,
            "tanker",
            "Gårdmøder, gerne månedligt",
            name="Cem",
            table="t1",
            merged_into="i1",
        ),
        Answer("i4", 4, "tanker", "Grønne tage på cykelskurene", name="Dina", table="t2"),
        Answer("i5", 5, "tanker", "Et byttehjørne i vaskeriet", name="Eva"),
        Answer("i6", 6, "tanker", "Skjult grimt svar", name="Finn", table="t1", hidden=True),
    ]
    votes = [["i1", "i4"], ["i1"], ["i4", "i5"], ["i1"], ["i5"], ["i1", "i4"]]
    plan = [
        ("Invitere til første gårdmøde", "Anna", "2025-04-01", True),
        ("Tegne grønne tage", "Driften", "2025-03-20", True),
        ("Bytte-hylde i vaskeriet", "Eva og Bo", "2025-05-15", True),
        ("Et forslag der ikke blev valgt", "Ingen", "2025-03-10", False),
    ]
    return {
        "ord": [
            Answer(f"w{i}", i, "ord", words, table=table[i - 1])
            for i, words in enumerate(
                [
                    ["tryghed", "fællesskab"],
                    ["fællesskab"],
                    ["grønt", "fællesskab"],
                    ["tryghed"],
                    ["mod"],
                    ["ro"],
                ],
                1,
            )
        ],
        "tanker": ideas,
        "maal": [
            Answer(f"m{i}", i, "maal", value, table=table[i - 1])
            for i, value in enumerate(
                [["byer"], ["byer"], ["groen"], ["byer"], ["lige"], ["byer"]], 1
            )
        ],
        "status": [
            Answer(f"s{i}", i, "status", {"byer": r}, table=table[i - 1])
            for i, r in enumerate((1, 4, 4, 5), 1)
        ],
        "fokus": [
            Answer(f"f{i}", i, "fokus", value, table=table[i - 1])
            for i, value in enumerate([{"folk": 70, "hurtigt": 30}, {"folk": 40, "hurtigt": 60}], 1)
        ],
        "stem": [
            Answer(f"v{i}", i, "stem", value, table=table[i - 1])
            for i, value in enumerate(votes, 1)
        ],
        "handling": [
            Answer(f"a{i}", i, "handling", {"what": what, "who": who, "when": when}, confirmed=ok)
            for i, (what, who, when, ok) in enumerate(plan, 1)
        ],
    }


DETAILS = {
    "organisation": "Boligforeningen Åbo",
    "place": "Fælleshuset, Aarhus",
    "facilitator": "Mette Sørensen",
}


def rich_report(language: str = "en", **fields) -> Report:
    return make_report(
        rich_answers(), language, tables=TABLES, details=DETAILS, participants=6, **fields
    )


def read(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def qpdf_check(data: bytes, tmp_path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["/usr/bin/qpdf", "--check", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def page_numbers_are_right(reader: PdfReader, label: str = "Page {} of {}") -> None:
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert label.format(number, pages) in page.extract_text()


def dark_share(data: bytes, tmp_path, page: int) -> float:
    """The share of dark pixels on ``page`` rendered by pdftoppm."""
    path = tmp_path / "render.pdf"
    path.write_bytes(data)
    prefix = tmp_path / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", "50", "-f", str(page), "-l", str(page), str(path), str(prefix)],
        check=True,
        capture_output=True,
    )
    (image,) = tmp_path.glob(f"page{page}*.ppm")
    raw = image.read_bytes()
    # Binary PPM: "P6", width, height, maxval, each followed by one whitespace, then RGB bytes.
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", raw)
    assert header, raw[:20]
    width, height = int(header[1]), int(header[2])
    pixels = raw[header.end() :]
    assert len(pixels) == width * height * 3
    return sum(1 for byte in pixels[::3] if byte < 128) / (width * height)


def test_report_holds_answers_results_and_page_numbers(babel_app, tmp_path):
    data = build_pdf(make_report(full_answers()))
    assert data.startswith(b"%PDF-")
    qpdf_check(data, tmp_path)
    reader, text = read(data)

    for expected in ("Kredsmøde i Østjylland", "Almene Mål: fra plan til handling", "482913"):
        assert expected in text
    assert "March 4, 2025" in text and "18:30" in text
    assert "Ended" in text
    assert "Step 1: Velkommen til mødet" in text
    assert "Andet afsnit om en grønnere sektor." in text
    for answer in OPEN_TEXTS:
        assert answer in text
    # Choice: 4 of 6 picked "Byer i balance", 1 each the others.
    assert "Byer i balance 4 66.7%" in text
    assert "En grønnere almen sektor 1 16.7%" in text
    assert "6 respondents" in text
    # Scale: ratings 1, 4, 4, 5 give a mean of 3.5 and 50% on 4.
    assert "Mean 3.5" in text
    assert "1 (Slet ikke)" in text and "5 (I høj grad)" in text
    assert "25.0% 0.0% 0.0% 50.0% 25.0%" in text
    # The step nobody answered says so.
    assert "Step 9: Et spørgsmål uden svar" in text
    assert "No answers" in text

    page_numbers_are_right(reader)
    meta = reader.metadata
    assert meta.title == "Kredsmøde i Østjylland"
    assert meta.subject == "Almene Mål: fra plan til handling"
    assert meta.author == "Dialogue tool"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    outline = [entry.title for entry in reader.outline]
    assert outline[0] == "Summary"
    assert outline[1] == "1. Velkommen til mødet"
    assert outline[-2:] == ["Action plan", "Appendix: method"]


def test_every_kind_with_moderation_and_tables(babel_app, tmp_path):
    data = build_pdf(rich_report())
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    first = " ".join(reader.pages[0].extract_text().split())

    # The cover: organisation, place, facilitator, participants, tool, date and time.
    for expected in ("Boligforeningen Åbo", "Fælleshuset, Aarhus", "Mette Sørensen"):
        assert expected in first
    assert "Participants 6" in first
    assert "March 4, 2025" in first and "18:30" in first
    # The first-page summary: participation, the top-voted ideas and the action plan.
    assert "Participation per step" in first
    assert "3. Hvad tager du med dig? 5 83.3%" in first
    assert "Top-voted ideas" in first
    assert "1 ★ Fælles gårdmøder hver måned ×3 4 votes" in first
    assert "Tegne grønne tage Driften Mar 20, 2025" in first

    # Word cloud: every word with its count.
    for word, count in (("fællesskab", 3), ("tryghed", 2), ("grønt", 1), ("mod", 1), ("ro", 1)):
        assert f"{word} ({count})" in text
    # Open answers: verbatim, merged with their count, highlighted marked, names, per table.
    assert "★ Fælles gårdmøder hver måned ×2 – Anna" in text  # two of its three at this table
    assert "Grønne tage på cykelskurene – Dina" in text
    assert "Bord Nord · 1 answer" in text and "Without a table · 1 answer" in text
    assert "★ highlighted by the facilitator" in text
    # Moderation: the hidden answer is counted, never shown.
    assert "Skjult grimt svar" not in text
    assert "1 answer was hidden by the moderator and is not shown." in text
    # Points and per-table results.
    assert "Inddragelse 110 55.0% 55.0" in text
    assert "Results per table · Step 4" in text
    assert "Bord Nord 3 Byer i balance 66.7%" in text
    # The vote's ranking.
    assert "1. ★ Fælles gårdmøder hver måned ×3 4 4" in text
    assert "2. Grønne tage på cykelskurene 3 3" in text
    # Every proposed action point; the plan holds the confirmed ones, by deadline.
    assert "Et forslag der ikke blev valgt" in text
    plan = text[text.rindex("Action plan") :]
    assert "Et forslag der ikke blev valgt" not in plan
    order = [plan.index(w) for w in ("Tegne grønne", "Invitere til", "Bytte-hylde")]
    assert order == sorted(order)
    # The appendix: time boxes and the time used.
    method = text[text.rindex("Appendix: method") :]
    assert "2. Tre ord om planen Word cloud 2 min 4 min" in method
    assert "3. Hvad tager du med dig? Open question 5 min 5 min" in method

    page_numbers_are_right(reader)
    meta = reader.metadata
    assert (meta.title, meta.author) == ("Kredsmøde i Østjylland", "Mette Sørensen")
    assert meta.subject == "Almene Mål: fra plan til handling"


def test_danish_report_says_side_x_af_y(danish_app, tmp_path):
    data = build_pdf(rich_report(language="da"))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    page_numbers_are_right(reader, "Side {} af {}")
    assert "4. marts 2025" in text
    assert "Trin 3: Hvad tager du med dig?" in text
    assert reader.trailer["/Root"]["/Lang"] == "da"


def test_session_ended_after_two_steps(babel_app, tmp_path):
    answers = {"ord": answers_for("ord", [["ro"], ["mod", "ro"]])}
    data = build_pdf(make_report(answers, reached=2, status="ended"))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    method = text[text.rindex("Appendix: method") :]
    assert method.count("Not reached") == len(TOOL.steps) - 2
    assert text.count("The session never reached this step.") == len(TOOL.steps) - 2
    assert "ro (2)" in text and "mod (1)" in text
    assert "No action points have been confirmed." in text
    page_numbers_are_right(reader)


def test_emoji_markup_and_control_characters_survive(babel_app, tmp_path):
    controls = "".join(chr(c) for c in (*range(32), *range(127, 160)))
    texts = [
        "Før 🥳 efter",
        "Tommel 👍🏽 op",
        "<b>ikke fed</b> & <script>",
        "Linje et\nLinje to\x07\x00 slut",
        f"Alle{controls}styretegn",
    ]
    report = make_report(
        full_answers(texts),
        title=f"Møde{controls} 🥳",
        details={"organisation": f"Org{controls}", "place": "<&>", "facilitator": "🥳"},
    )
    data = build_pdf(report)
    qpdf_check(data, tmp_path)
    _, text = read(data)
    stand_in = fonts.get_fonts().cleaner.replacement
    assert f"Før {stand_in} efter" in text
    assert f"Tommel {stand_in} op" in text
    assert "<b>ikke fed</b> & <script>" in text
    assert "Linje et Linje to slut" in text
    assert "Allestyretegn" in text.replace(" ", "")


def test_cleaner_replaces_what_the_font_lacks():
    cleaner = fonts.get_fonts().cleaner
    stand_in = cleaner.replacement
    assert cleaner.clean("æøå ÆØÅ") == "æøå ÆØÅ"
    assert cleaner.clean("a🥳b") == f"a{stand_in}b"
    assert cleaner.clean("❤\ufe0f") in ("❤", stand_in)
    assert cleaner.clean("x\x07y\r\nz\tq\u200d") == "xy\nz\tq"
    assert cleaner.markup("a < b\nc & d") == "a &lt; b<br/>c &amp; d"


def test_right_to_left_text_is_put_in_drawing_order():
    assert bidi.visual("שלום עולם") == "םלוע םולש"
    assert bidi.visual("שלום 2025 abc") == "abc 2025 םולש"
    assert bidi.visual("Hello שלום world") == "Hello םולש world"
    assert bidi.visual("(שלום)") == "(םולש)"
    assert bidi.visual("plain text") == "plain text"
    lines = bidi.visual_lines("אחת שתיים שלוש", lambda s: 10.0 * len(s), 90)
    assert lines == ["םייתש תחא", "שולש"]


def test_right_to_left_answers_make_a_valid_readable_pdf(babel_app, tmp_path):
    hebrew = "שלום לכולם, זו תשובה ארוכה בעברית " * 30
    arabic = "مرحبا بالجميع"
    data = build_pdf(make_report(full_answers([hebrew, arabic, "Dansk svar"]), title="פגישה"))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    assert "Dansk svar" in text
    # pypdf reads right-to-left text back in reading order, and Arabic forms back to letters.
    assert "שלום לכולם, זו תשובה" in text
    assert arabic in unicodedata.normalize("NFKC", text)
    assert dark_share(data, tmp_path, 2) > 0.01


def test_long_and_many_answers_make_a_valid_pdf(babel_app, tmp_path):
    words = "Et langt svar om grønne tage og fælleshuse. "
    long_answer = (words * 200)[:4990] + "SLUTORD"
    many = [f"Svar nummer {i} fra Århus" for i in range(1, 301)]
    unbroken = "ø" * 5000
    data = build_pdf(make_report(full_answers([long_answer, *many, unbroken])))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    assert len(reader.pages) > 5
    assert "SLUTORD" in text
    assert "Svar nummer 1 fra Århus" in text
    assert "Svar nummer 300 fra Århus" in text
    assert "302 respondents" in text
    page_numbers_are_right(reader)


def test_long_action_plan_repeats_its_header_on_every_page(babel_app, tmp_path):
    items = [
        Answer(
            f"a{i}",
            i,
            "handling",
            {
                "what": f"Punkt {i:03d} " + "tekst " * (i % 20),
                "who": f"Person {i}",
                "when": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            },
            confirmed=True,
        )
        for i in range(1, 151)
    ]
    data = build_pdf(make_report({"handling": items}, participants=150))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    for i in range(1, 151):
        assert f"Punkt {i:03d}" in text
        assert f"Person {i}" in text
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    plan_pages = [page for page in pages if "Punkt" in page]
    assert len(plan_pages) > 4
    assert all("What Who When" in page for page in plan_pages)


def test_thousand_participants(babel_app, tmp_path):
    people = range(1, 1001)
    answers = {
        "ord": [Answer(f"w{i}", i, "ord", [f"ord{i % 40}", "fælles"]) for i in people],
        "tanker": [Answer(f"t{i}", i, "tanker", f"Idé nummer {i}") for i in people],
        "maal": [Answer(f"m{i}", i, "maal", ["byer" if i % 3 else "lige"]) for i in people],
        "stem": [Answer(f"v{i}", i, "stem", [f"t{1 + i % 50}"]) for i in people],
    }
    data = build_pdf(make_report(answers, participants=1000))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    assert "Participants 1,000" in text
    assert "fælles (1,000)" in text
    assert all(f"Idé nummer {i} " in text + " " for i in people)
    assert "Byer i balance 667 66.7%" in text
    page_numbers_are_right(reader)


def test_empty_report_in_danish_builds(danish_app, tmp_path):
    data = build_pdf(make_report({}, language="da", participants=0, reached=0))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    assert text.count("Ingen svar") == 8
    assert reader.trailer["/Root"]["/Lang"] == "da"


def test_pages_render_visibly(babel_app, tmp_path):
    data = build_pdf(rich_report())
    # Text and bars, not a blank or near-blank page: the cover and the word cloud's page.
    assert dark_share(data, tmp_path, 1) > 0.01
    assert dark_share(data, tmp_path, 2) > 0.01


def test_falls_back_to_reportlab_vera_fonts(babel_app, tmp_path, monkeypatch):
    missing = tmp_path / "missing.ttf"
    vera = fonts.CANDIDATES[-1]
    monkeypatch.setattr(fonts, "CANDIDATES", (("Nope", missing, "Nope-Bold", missing), vera))
    monkeypatch.setattr(fonts, "_fonts", None)
    assert fonts.get_fonts().regular == "Vera"
    data = build_pdf(rich_report())
    qpdf_check(data, tmp_path)
    _, text = read(data)
    stand_in = fonts.get_fonts().cleaner.replacement
    data = build_pdf(make_report(full_answers(["Blåbærgrød 🥳 med fløde"])))
    qpdf_check(data, tmp_path)
    _, text = read(data)
    assert f"Blåbærgrød {stand_in} med fløde" in text
