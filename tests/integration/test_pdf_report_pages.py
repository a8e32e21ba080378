"""How the PDF report's pages break: no page holds only its header and footer, no heading
ends a page, a table is kept whole while short and never leaves one row alone, column
headers never break inside a word, and right-to-left lines keep their reading order."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.export.pdf import build_pdf

from .pdf_material import full_answers, make_report, read, rich_report


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ideas=st.integers(20, 70),
    tables=st.integers(2, 45),
    points=st.integers(1, 45),
    before=st.integers(0, 40),
    long_text=st.booleans(),
)
def test_no_page_is_left_with_only_its_header_and_footer(
    babel_app, ideas, tables, points, before, long_text
):
    """Tables taller than a page (a vote, results per table, the action plan), starting
    anywhere on a page: every page holds some of the report, and no heading ends a page."""
    from workshop.domain.answers import Answer

    from .pdf_material import empty_pages, stranded_headings

    words = " ".join(["lang tekst om gården"] * (12 if long_text else 1))
    cards = [Answer(f"i{n}", n, "tanker", f"Idé {n}: {words}") for n in range(1, ideas + 1)]
    filler = [Answer(f"f{n}", 1000 + n, "ord", ["ord", f"ord{n}"]) for n in range(before)]
    ballots = [
        Answer(f"v{n}", n, "stem", [f"i{n}", f"i{(n % ideas) + 1}"]) for n in range(1, ideas + 1)
    ]
    names = tuple((f"t{n}", f"Bord {n}") for n in range(1, tables + 1))
    picks = [
        Answer(f"m{n}", n, "maal", [("byer", "groen", "lige")[n % 3]], table=f"t{n % tables + 1}")
        for n in range(1, 3 * tables + 1)
    ]
    plan = [
        Answer(
            f"a{n}",
            n,
            "handling",
            {"what": f"Punkt {n}: {words}", "who": "Driften", "when": "2025-05-01"},
            confirmed=True,
        )
        for n in range(1, points + 1)
    ]
    answers = {"ord": filler, "tanker": cards, "stem": ballots, "maal": picks, "handling": plan}
    data = build_pdf(make_report(answers, tables=names, participants=3 * tables))
    assert empty_pages(data) == []
    assert stranded_headings(data) == []


@settings(max_examples=40, deadline=None)
@given(rows=st.integers(1, 60), room=st.floats(20, 700), lines=st.lists(st.integers(1, 4)))
def test_a_table_is_kept_whole_while_short_and_never_leaves_one_row_alone(rows, room, lines):
    """Split at any height, a table of any length: a short table moves whole, and each part
    of a long one holds at least two of its rows besides the repeated header."""
    from reportlab.platypus import Paragraph

    from workshop.export.fonts import get_fonts, paragraph_styles
    from workshop.export.layout import WIDTH
    from workshop.export.paging import SHORT_TABLE, RowTable

    style = paragraph_styles(get_fonts())["cell"]
    heights = (lines or [1]) * rows
    data = [["Bord", "Resultat"]] + [
        [f"Bord {n}", Paragraph("<br/>".join(["linje"] * heights[n]), style)] for n in range(rows)
    ]
    table = RowTable(data, colWidths=[100, WIDTH - 100], repeatRows=1)
    _width, height = table.wrap(WIDTH, room)
    parts = table.split(WIDTH, room)
    if height <= SHORT_TABLE:
        assert parts in ([], [table])
        return
    tables = [part for part in parts if isinstance(part, RowTable)]
    for part in tables:
        assert len(part._cellvalues) - 1 >= 2
    assert sum(len(part._cellvalues) - 1 for part in tables) in (0, rows)


def test_column_headers_never_break_inside_a_word(danish_app):
    _reader, text = read(build_pdf(rich_report("da")))
    assert "Stemmegivere" in text
    assert "Stemmegiv " not in text and "Stemmegiv\n" not in text


def test_decisions_written_right_to_left_keep_their_lines_in_reading_order(danish_app):
    import re
    import subprocess
    import tempfile
    from pathlib import Path

    words = ["قررنا", "أن", "نلتقي", "في", "الفناء", "كل", "شهر", "مع", "الجيران"] * 6
    notes = " ".join(f"{word}{n}" for n, word in enumerate(words))
    data = build_pdf(make_report(full_answers(), "da", details={"notes": notes}))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(data)
        copied = subprocess.run(
            ["pdftotext", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    # Numbered words: each line's first number is higher than the last line's.
    lines = [
        [int(n) for n in re.findall(r"(\d+)", line)]
        for line in copied.splitlines()
        if "قررنا" in line
    ]
    assert len(lines) > 1
    assert [min(numbers) for numbers in lines] == sorted(min(numbers) for numbers in lines)
