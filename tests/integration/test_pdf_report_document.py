"""The PDF report as a document: what the meeting produced with numbered pages, bookmarks
that open their headings, the title and language a PDF reader shows, the meeting's own
date in every page header, and every font embedded, emoji included."""

from __future__ import annotations

from workshop.export.pdf import build_pdf

from .pdf_material import (
    OPEN_TEXTS,
    full_answers,
    make_report,
    page_numbers_are_right,
    qpdf_check,
    read,
    rich_report,
)


def test_report_holds_answers_results_and_page_numbers(babel_app, tmp_path):
    data = build_pdf(make_report(full_answers()))
    assert data.startswith(b"%PDF-")
    qpdf_check(data, tmp_path)
    reader, text = read(data)

    for expected in ("Kredsmøde i Østjylland", "Almene Mål: fra plan til handling", "482913"):
        assert expected in text
    assert "4 March 2025" in text and "18:30" in text  # day before month, as in the header
    assert "March 4, 2025" not in text
    assert "Ended" in text
    assert "Step 1 – Velkommen til mødet" in text
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
    assert "Step 9 – Et spørgsmål uden svar" in text
    assert "No answers" in text

    page_numbers_are_right(reader)
    meta = reader.metadata
    assert meta.title == "Kredsmøde i Østjylland"
    assert meta.subject == "Almene Mål: fra plan til handling"
    assert meta.author == "Dialogue tool"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    outline = [entry.title for entry in reader.outline]
    # The plan right after the summary, where the secretary looks first.
    assert outline[:3] == ["Summary", "Action plan", "1. Velkommen til mødet"]
    assert outline[-1] == "Appendix: method"
    # Each bookmark opens the page its heading is on.
    for entry in reader.outline:
        page = reader.get_destination_page_number(entry)
        heading = entry.title.split(". ", 1)[-1][:20]
        assert heading in " ".join(reader.pages[page].extract_text().split()), entry.title
    pages = [reader.get_destination_page_number(entry) for entry in reader.outline]
    assert pages == sorted(pages) and pages[-1] > pages[0]


def test_danish_report_says_side_x_af_y(danish_app, tmp_path):
    data = build_pdf(rich_report(language="da"))
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    page_numbers_are_right(reader, "Side {} af {}")
    assert "4. marts 2025" in text
    assert "Trin 3 – Hvad tager du med dig?" in text
    assert reader.trailer["/Root"]["/Lang"] == "da"


def test_the_page_header_says_when_the_meeting_met_not_when_it_was_set_up(danish_app):
    from dataclasses import replace
    from datetime import timedelta

    from .pdf_material import CREATED

    report = replace(make_report(full_answers()), created_at=CREATED - timedelta(days=6))
    reader, _text = read(build_pdf(report))
    header = " ".join(reader.pages[1].extract_text().split())
    assert "04.03.2025 18:30" in header
    assert "26.02.2025" not in header


def test_every_font_is_embedded_and_the_title_bar_shows_the_title(babel_app, tmp_path):
    import subprocess

    path = tmp_path / "report.pdf"
    path.write_bytes(build_pdf(rich_report()))
    listed = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listed, "no fonts listed"
    for line in listed:  # name, type, encoding, emb, ...: "yes" under emb for every font
        assert " yes " in line and "Helvetica" not in line, line
    reader, _text = read(path.read_bytes())
    assert bool(reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.dc_title["x-default"] == "Kredsmøde i Østjylland"
    assert xmp.dc_language == ["en"] and xmp.pdf_producer


def test_emoji_print_in_the_symbol_font_and_copy_out_as_themselves(babel_app, tmp_path):
    import subprocess

    answers = full_answers(["Vi planter 🌱 og smiler 😊", "Grøn ♻ fremtid", "Tommel 👍🏽 op"])
    path = tmp_path / "report.pdf"
    path.write_bytes(build_pdf(make_report(answers)))
    _reader, text = read(path.read_bytes())
    # Beyond the basic plane too (🌱, 😊): the text copied out is the text that was given.
    assert "Vi planter 🌱 og smiler 😊" in text
    assert "Tommel 👍 op" in text and "Grøn ♻ fremtid" in text
    copied = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Vi planter 🌱 og smiler 😊" in copied
    fonts_listed = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Symbola" in fonts_listed
