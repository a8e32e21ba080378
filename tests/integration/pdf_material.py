"""Shared material for the PDF report tests: a dialogue, answers, reports, and checks."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from workshop.domain.answers import Answer, Context
from workshop.domain.kinds import summarise, summarise_by_table
from workshop.domain.tools import parse_dialogue
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


def stranded_headings(data: bytes) -> list[str]:
    """Headings a page ends with, or that are all a page holds: each as "page N: text".

    Text is read back with its size and height on the page. A heading (13.5 pt or more) is
    stranded when nothing of the body follows it on its page, wherever it sits (stricter than
    "not in the last 15% of the page": a heading left alone in the middle of a page, its
    content moved on, is caught too).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    top, bottom = A4[1] - 22 * mm, 20 * mm
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        pieces: list[tuple[float, float, str]] = []

        def visit(text, _cm, tm, _font, size, pieces=pieces):
            if text.strip():
                pieces.append((tm[5] * _cm[3] + _cm[5], size * abs(tm[3]), text.strip()))

        page.extract_text(visitor_text=visit)
        body = [p for p in pieces if bottom < p[0] < top]
        if not body:
            continue
        lowest = min(body, key=lambda p: p[0])
        if lowest[1] >= 13:  # the page ends with a heading (or holds nothing else)
            found.append(f"page {number}: {lowest[2]}")
    return found


def empty_pages(data: bytes) -> list[int]:
    """The pages (numbered from 1) with nothing between their running header and footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    top, bottom = A4[1] - 18 * mm, 16 * mm
    empty = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        body: list[str] = []

        def visit(text, cm, tm, _font, _size, body=body):
            if text.strip() and bottom < tm[5] * cm[3] + cm[5] < top:
                body.append(text)

        page.extract_text(visitor_text=visit)
        if not body:
            empty.append(number)
    return empty
