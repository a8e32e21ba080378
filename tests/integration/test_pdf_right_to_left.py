"""Arabic and Hebrew in the PDF report copy out, and are found by a search, as the letters that
were typed: no joined presentation forms, names kept whole across line breaks."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from workshop.domain.answers import Answer
from workshop.export.bidi import glued
from workshop.export.fonts import get_fonts
from workshop.export.layout import BOX_TEXT_WIDTH
from workshop.export.pdf import build_pdf

from .pdf_material import make_report

PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
BIDI_MARKS = dict.fromkeys(range(0x202A, 0x202F))  # pdftotext wraps runs in these
# The letters of Arabic's own alphabet (no tatweel, no vowel marks: docs/report.md) and Hebrew's.
ARABIC = "".join(chr(c) for c in (*range(0x0621, 0x063B), *range(0x0641, 0x064B)))
HEBREW = "".join(chr(c) for c in range(0x05D0, 0x05EB))
# Words of two letters or more: pdftotext joins two one-letter words whose space it does not
# see (docs/report.md).
RTL_WORDS = st.one_of(
    st.lists(st.text(ARABIC, min_size=2, max_size=8), min_size=1, max_size=4),
    st.lists(st.text(HEBREW, min_size=2, max_size=8), min_size=1, max_size=4),
).map(" ".join)
# Names as they are given: one to three words.
RTL_NAMES = st.one_of(
    st.lists(st.text(ARABIC, min_size=2, max_size=7), min_size=1, max_size=3),
    st.lists(st.text(HEBREW, min_size=2, max_size=7), min_size=1, max_size=3),
).map(" ".join)


def fits_the_cover(name: str) -> bool:
    """Whether the name fits one line of the cover's facilitator box: a longer right-to-left
    name wraps there with its lines in the wrong order (docs/report.md, "Known limits")."""
    return stringWidth(name, get_fonts().bold, 10.5) <= BOX_TEXT_WIDTH


def extracted(data: bytes, tmp_path: Path) -> tuple[str, str]:
    """The report's text as pypdf and as poppler's pdftotext read it, spaces made single."""
    reader = PdfReader(io.BytesIO(data))
    by_pypdf = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    path = tmp_path / "text.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return by_pypdf, " ".join(text.translate(BIDI_MARKS).split())


def found_by_poppler(text: str, poppler: str) -> bool:
    """Poppler spreads the two letters of the lam-alef ligature (ﻻ) left to right before it
    reverses a right-to-left run, so it reads them swapped (ال for لا): docs/report.md."""
    return (
        text in poppler
        or re.sub("\u0644([\u0622\u0623\u0625\u0627])", "\\1\u0644", text) in poppler
    )


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(answers=st.lists(RTL_WORDS, min_size=1, max_size=4), name=RTL_NAMES)
@example(answers=["مرحبا بالجميع", "שלום לכולם", "كلام سلام"], name="سارة")
def test_arabic_and_hebrew_answers_and_names_copy_out_as_their_letters(
    babel_app, tmp_path, answers, name
):
    assume(fits_the_cover(name))
    given = [
        Answer(f"r{i}", i, "tanker", text, name=name if i == 1 else f"Navn {i}")
        for i, text in enumerate(answers, start=1)
    ]
    data = build_pdf(make_report({"tanker": given}, title="Møde", details={"facilitator": name}))
    by_pypdf, by_poppler = extracted(data, tmp_path)
    assert not PRESENTATION_FORMS.search(by_pypdf)
    assert not PRESENTATION_FORMS.search(by_poppler)
    for text in {*answers, name}:
        assert text in by_pypdf
        assert found_by_poppler(text, by_poppler)


def test_an_arabic_name_inside_a_danish_answer_copies_out_as_its_letters(babel_app, tmp_path):
    mixed = "Fælleshuset skal bruges mere, siger سلمى حسن og דוד כהן"
    given = [Answer("r1", 1, "tanker", mixed, name="سارة")]
    data = build_pdf(make_report({"tanker": given}, title="اجتماع سلمى"))
    by_pypdf, by_poppler = extracted(data, tmp_path)
    for text in ("Fælleshuset skal bruges mere, siger", "سلمى حسن", "דוד כהן", "سارة"):
        assert text in by_pypdf and text in by_poppler
    assert "اجتماع سلمى" in by_pypdf and "اجتماع سلمى" in by_poppler
    assert not PRESENTATION_FORMS.search(by_pypdf + by_poppler)


def test_a_right_to_left_name_is_never_broken_over_two_lines():
    fits = fits_the_cover
    assert glued("Tak til سلمى حسن for kaffen", fits) == "Tak til سلمى\u00a0حسن for kaffen"
    assert glued("שלום Mette וגם דוד כהן", fits) == "שלום Mette וגם\u00a0דוד\u00a0כהן"
    long = " ".join(["ششششش"] * 6)  # wider than the box: left to wrap
    assert glued(long, fits) == long
    assert glued("Ingen navne her", fits) == "Ingen navne her"


def test_a_name_in_the_notes_copies_out_whole_wherever_the_line_breaks(babel_app, tmp_path):
    # Lines one word longer each, so the end of a line falls everywhere in the names.
    names = ["محمد عبد الله", "דוד בן כהן"]
    notes = "\n".join(
        f"{'ord ' * n}{name} skriver referatet" for n in range(12, 24) for name in names
    )
    report = make_report({}, title="Møde", details={"notes": notes})
    by_pypdf, by_poppler = extracted(build_pdf(report), tmp_path)
    for name in names:
        assert by_pypdf.count(name) == 12
        assert sum(found_by_poppler(name, line) for line in by_poppler.split("ord")) == 12
