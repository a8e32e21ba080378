"""The PDF report: real steps and summaries in, a valid PDF with every answer out."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask_babel import Babel
from pypdf import PdfReader

from workshop.domain.answers import Answer
from workshop.domain.dialogue import parse_dialogue
from workshop.domain.steps import summarise
from workshop.export import fonts
from workshop.export.pdf import build_pdf
from workshop.services.reports import Report, StepReport

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
        {"id": "tanker", "kind": "open", "prompt": "Hvad tager du med dig?"},
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
        {"id": "tom", "kind": "open", "prompt": "Et spørgsmål uden svar"},
    ],
}
TOOL = parse_dialogue(DIALOGUE)
CREATED = datetime(2025, 3, 4, 17, 30, tzinfo=UTC)  # 18:30 in Copenhagen


@pytest.fixture
def babel_app():
    """A bare Flask app with Flask-Babel and no catalogue: every string stays English."""
    app = Flask(__name__)
    Babel(app)
    with app.app_context():
        yield app


def answers_for(step_id: str, values: list) -> list[Answer]:
    return [Answer(f"{step_id}-{i}", i, step_id, value) for i, value in enumerate(values, 1)]


def make_report(answers: dict[str, list[Answer]], language: str = "en") -> Report:
    steps = []
    for index, step in enumerate(TOOL.steps):
        given = answers.get(step.id, [])
        summary = summarise(step, given) if step.answerable else None
        steps.append(StepReport(index=index, step=step, summary=summary, answer_count=len(given)))
    return Report(
        code="482913",
        title="Kredsmøde i Østjylland",
        dialogue_id=TOOL.id,
        dialogue_title=TOOL.title,
        language=language,
        status="ended",
        created_at=CREATED,
        exported_at=CREATED,
        participants=7,
        steps=tuple(steps),
    )


def full_answers(open_texts: list[str] | None = None) -> dict[str, list[Answer]]:
    texts = open_texts or ["Håb og gåpåmod", "Ærlig talt: for lidt tid", "Øvelse gør mester"]
    return {
        "tanker": answers_for("tanker", texts),
        "maal": answers_for("maal", [["byer"], ["byer"], ["groen"], ["byer"], ["lige"], ["byer"]]),
        "status": answers_for("status", [{"byer": r} for r in (1, 4, 4, 5)]),
    }


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


def test_report_holds_answers_results_and_page_numbers(babel_app, tmp_path):
    data = build_pdf(make_report(full_answers()))
    assert data.startswith(b"%PDF-")
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    pages = len(reader.pages)

    for expected in ("Kredsmøde i Østjylland", "Almene Mål: fra plan til handling", "482913"):
        assert expected in text
    assert "04.03.2025 18:30" in text
    assert "Ended" in text
    assert "Step 1: Velkommen til mødet" in text
    assert "Andet afsnit om en grønnere sektor." in text
    for answer in ("Håb og gåpåmod", "Ærlig talt: for lidt tid", "Øvelse gør mester"):
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
    assert "Step 5: Et spørgsmål uden svar" in text
    assert "No answers" in text

    assert f"Page 1 of {pages}" in reader.pages[0].extract_text()
    assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text()
    meta = reader.metadata
    assert meta.title == "Kredsmøde i Østjylland"
    assert meta.subject == "Almene Mål: fra plan til handling"
    assert meta.author == "Dialogue tool"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    outline = [entry.title for entry in reader.outline]
    assert outline[0] == "1. Velkommen til mødet" and len(outline) == len(TOOL.steps)


def test_emoji_markup_and_control_characters_survive(babel_app, tmp_path):
    texts = [
        "Før 🥳 efter",
        "Tommel 👍🏽 op",
        "<b>ikke fed</b> & <script>",
        "Linje et\nLinje to\x07\x00 slut",
    ]
    data = build_pdf(make_report(full_answers(texts)))
    qpdf_check(data, tmp_path)
    _, text = read(data)
    stand_in = fonts.get_fonts().cleaner.replacement
    assert f"Før {stand_in} efter" in text
    assert f"Tommel {stand_in} op" in text
    assert "<b>ikke fed</b> & <script>" in text
    assert "Linje et Linje to slut" in text


def test_cleaner_replaces_what_the_font_lacks():
    cleaner = fonts.get_fonts().cleaner
    stand_in = cleaner.replacement
    assert cleaner.clean("æøå ÆØÅ") == "æøå ÆØÅ"
    assert cleaner.clean("a🥳b") == f"a{stand_in}b"
    assert cleaner.clean("❤\ufe0f") in ("❤", stand_in)
    assert cleaner.clean("x\x07y\r\nz\tq\u200d") == "xy\nz\tq"
    assert cleaner.markup("a < b\nc & d") == "a &lt; b<br/>c &amp; d"


def test_long_and_many_answers_make_a_valid_pdf(babel_app, tmp_path):
    words = "Et langt svar om grønne tage og fælleshuse. "
    long_answer = (words * 200)[:4990] + "SLUTORD"
    many = [f"Svar nummer {i} fra Århus" for i in range(1, 301)]
    unbroken = "ø" * 3000
    data = build_pdf(make_report(full_answers([long_answer, *many, unbroken])))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    assert len(reader.pages) > 5
    assert "SLUTORD" in text
    assert "Svar nummer 1 fra Århus" in text
    assert "Svar nummer 300 fra Århus" in text
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in text
    assert "302 answers" in text


def test_empty_report_in_danish_builds(babel_app, tmp_path):
    data = build_pdf(make_report({}, language="da"))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    assert text.count("No answers") == 4
    assert reader.trailer["/Root"]["/Lang"] == "da"


def test_first_page_renders_visibly(babel_app, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(build_pdf(make_report(full_answers())))
    subprocess.run(
        ["pdftoppm", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    (image,) = tmp_path.glob("page*.ppm")
    raw = image.read_bytes()
    # Binary PPM: "P6", width, height, maxval, each followed by one whitespace, then RGB bytes.
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", raw)
    assert header, raw[:20]
    width, height = int(header[1]), int(header[2])
    pixels = raw[header.end() :]
    assert len(pixels) == width * height * 3
    assert any(byte != 255 for byte in pixels)
    dark = sum(1 for byte in pixels[::3] if byte < 128)
    assert dark > 0.01 * width * height  # text and bars, not a blank or near-blank page


def test_falls_back_to_reportlab_vera_fonts(babel_app, tmp_path, monkeypatch):
    missing = tmp_path / "missing.ttf"
    vera = fonts.CANDIDATES[-1]
    monkeypatch.setattr(fonts, "CANDIDATES", (("Nope", missing, "Nope-Bold", missing), vera))
    monkeypatch.setattr(fonts, "_fonts", None)
    assert fonts.get_fonts().regular == "Vera"
    data = build_pdf(make_report(full_answers(["Blåbærgrød 🥳 med fløde"])))
    qpdf_check(data, tmp_path)
    _, text = read(data)
    assert f"Blåbærgrød {fonts.get_fonts().cleaner.replacement} med fløde" in text
