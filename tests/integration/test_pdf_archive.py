"""The PDF report is a PDF/A-2b file an archive accepts, whatever the meeting's title, names and
language (the checks are in ``pdf_archive``)."""

from __future__ import annotations

import io

import pikepdf
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workshop.domain.dialogue import MAX_PROMPT
from workshop.export.pdf import build_pdf
from workshop.services.facilitation import MAX_DETAIL

from .pdf_archive import VERSION, archive_problems
from .pdf_material import DETAILS, TABLES, make_report, rich_answers


def hostile(limit: int) -> st.SearchStrategy[str]:
    """Text a meeting's title (MAX_PROMPT) or details (MAX_DETAIL) may hold: markup, quotes,
    emoji, Arabic, Hebrew, direction marks, noncharacters, the longest allowed."""
    return st.one_of(
        st.sampled_from(
            [
                "Møde & <b>bestyrelse</b> \"citat\" 'enkelt' \\ ( ) %",
                "اجتماع مجلس الإدارة",
                "ישיבת ועד",
                "Fællesmøde 🌱😊👍🏽 🥳",
                "\u202eomvendt\u202c \u200d \ufeff \ufffe",
                "",
                "x" * limit,
                ("Lang titel med ord " * 20)[:limit],
            ]
        ),
        st.text(max_size=limit),
    )


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    title=hostile(MAX_PROMPT),
    facilitator=hostile(MAX_DETAIL),
    organisation=hostile(MAX_DETAIL),
    language=st.sampled_from(["da", "en", "ar", "he", "", "zz<&>"]),
)
@example(title="اجتماع", facilitator="דוד כהן", organisation="Åbo & Co", language="da")
def test_every_report_is_an_archive_file_whose_metadata_agree(
    danish_app, tmp_path, title, facilitator, organisation, language
):
    details = {"facilitator": facilitator, "organisation": organisation, "place": title}
    report = make_report({}, language, title=title, details=details, participants=0)
    data = build_pdf(report)
    assert archive_problems(data, tmp_path) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        shown = str(pdf.docinfo.get("/Title", ""))
        assert shown == " ".join(shown.split())  # one line, as a title bar shows it
        assert len(shown) <= 1000


def test_a_full_report_is_an_archive_file_with_its_colours_and_fonts_in_order(danish_app, tmp_path):
    report = make_report(
        rich_answers(), "da", tables=TABLES, details=DETAILS, participants=6, title="Kredsmøde"
    )
    data = build_pdf(report)
    assert archive_problems(data, tmp_path) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.docinfo
        assert str(info.Title) == "Kredsmøde"
        assert str(info.Author) == "Mette Sørensen"
        assert str(info.Creator) == f"Dialogredskab {VERSION}"
        assert str(info.Producer).startswith(f"Dialogredskab {VERSION} (ReportLab ")
        # Exported at 17:30 UTC on 4 March 2025: 18:30 in Copenhagen, in both places.
        assert str(info.CreationDate) == "D:20250304183000+01'00'"
        assert str(pdf.Root.Lang) == "da"
        assert [item.title for item in pdf.open_outline().root][0]


def test_a_plain_reportlab_file_fails_the_archive_checks(tmp_path):
    """The checks can fail: what ReportLab writes by itself breaks several clauses."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph("Hello", getSampleStyleSheet()["Normal"])])
    found = " | ".join(archive_problems(buffer.getvalue(), tmp_path))
    for expected in ("output intents", "not embedded", "no metadata", "after its Length"):
        assert expected in found, found
    assert "bookmarks panel is closed" in found
