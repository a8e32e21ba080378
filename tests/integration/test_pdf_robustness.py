"""The PDF report survives what real meetings produce: empty steps, long text, emoji, RTL."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader

from workshop.domain.answers import Answer
from workshop.export import bidi, fonts
from workshop.export.pdf import build_pdf

from .pdf_material import (
    TOOL,
    answers_for,
    dark_share,
    full_answers,
    make_report,
    page_numbers_are_right,
    qpdf_check,
    read,
    rich_report,
)


def test_session_ended_after_two_steps(babel_app, tmp_path):
    answers = {"ord": answers_for("ord", [["ro"], ["mod", "ro"]])}
    data = build_pdf(make_report(answers, reached=2, status="ended"))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    method = text[text.rindex("Appendix: method") :]
    assert method.count("Not reached") == len(TOOL.steps) - 2
    # It says how the meeting went: where it stopped, and the steps never reached in one
    # place, not a section with an empty box for each.
    assert f"Ended early, at step 2 of {len(TOOL.steps)}" in text
    assert f"The meeting ended early, at step 2 of {len(TOOL.steps)}" in text
    assert "never reached this step" not in text
    unreached = text[text.index("Steps not reached") : text.index("Appendix: method")]
    for number, step in enumerate(TOOL.steps[2:], start=3):
        assert f"{number}. {step.prompt}"[:30] in " ".join(unreached.split())
    assert "Step 3 –" not in text  # no section for a step never reached
    assert "Steps not reached" in [entry.title for entry in reader.outline]
    assert len(reader.pages) <= 3
    assert "ro (2)" in text and "mod (1)" in text
    assert "The meeting ended before its action step: no action points were made." in text
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
    reader, text = read(data)
    # An emoji the symbol font has prints and copies out as itself (without its skin tone,
    # which cannot be drawn joined); one no font has is left out, never a box.
    assert "Før  efter" in text or "Før efter" in text
    assert "Tommel 👍 op" in text
    assert "\u25a1" not in text and "🥳" not in text
    assert "<b>ikke fed</b> & <script>" in text
    assert "Linje et Linje to slut" in text
    assert "Allestyretegn" in text.replace(" ", "")


def test_cleaner_replaces_what_the_font_lacks():
    cleaner = fonts.get_fonts().cleaner
    stand_in = cleaner.replacement
    assert cleaner.clean("æøå ÆØÅ") == "æøå ÆØÅ"
    assert cleaner.clean("a🥳b") == "ab"  # an emoji no font has: left out, not a box
    assert cleaner.clean("a\U00010900b") == f"a{stand_in}b"  # a letter no font has
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


def test_hebrew_and_arabic_names_inside_danish_keep_the_danish_in_reading_order():
    # A Danish sentence stays left to right; the name inside it is drawn right to left.
    assert bidi.visual("Tak til רחל for kaffen") == "Tak til לחר for kaffen"
    assert bidi.visual("Mødet med سلمى gik godt") == "Mødet med ىملس gik godt"
    # A Hebrew sentence with a Danish name: the name is placed, unreversed, at the left.
    assert bidi.visual("שלום Mette") == "Mette םולש"
    # Arabic letters are joined into the forms that connect them (initial, medial, medial, final).
    assert bidi.shape("سلمى", set(range(0x10000))) == "\ufeb3\ufee0\ufee4\ufef0"
    # A font without those forms keeps the plain letters.
    assert bidi.shape("سلمى", set()) == "سلمى"


def test_right_to_left_answers_make_a_valid_readable_pdf(babel_app, tmp_path):
    hebrew = "שלום לכולם, זו תשובה ארוכה בעברית " * 30
    arabic = "مرحبا بالجميع"
    mixed = "Fælleshuset skal bruges mere, siger سلمى حسن og דוד כהן"
    answers = full_answers([hebrew, arabic, "Dansk svar", mixed])
    data = build_pdf(make_report(answers, title="פגישה"))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    assert "Dansk svar" in text
    # pypdf reads right-to-left text back in reading order, and Arabic forms back to letters.
    assert "שלום לכולם, זו תשובה" in text
    assert arabic in unicodedata.normalize("NFKC", text)
    assert "Fælleshuset skal bruges mere, siger" in text
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
    data = build_pdf(make_report(full_answers(["Blåbærgrød 🥳 med fløde"])))
    qpdf_check(data, tmp_path)
    _, text = read(data)
    assert "Blåbærgrød" in text and "med fløde" in text and "?" not in text.split("Blåbær")[1][:8]


def test_no_heading_ends_a_page_and_no_page_is_empty_in_the_four_meetings(danish_app):
    from scripts.report_pages import meetings

    from .pdf_material import empty_pages, stranded_headings

    for name, report in meetings():
        data = build_pdf(report)
        assert stranded_headings(data) == [], name
        assert empty_pages(data) == [], name


def test_a_table_that_runs_on_to_a_new_page_says_its_name_there(danish_app):
    from scripts.report_pages import large_meeting

    report = large_meeting()
    reader = PdfReader(io.BytesIO(build_pdf(report)))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    continued = [text for text in pages if "(fortsat)" in text]
    assert any("Handleplan (fortsat) Hvad Hvem Hvornår" in text for text in continued)
    assert any("Resultater pr. bord · Trin" in text for text in continued)
