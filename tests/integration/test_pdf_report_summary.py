"""The PDF report's summary page: the top-voted ideas with ties kept together, the
decisions and notes, key results that count answers as answers and ideas as ideas, and a
meeting that ended early saying so."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.export.pdf import build_pdf

from .pdf_material import full_answers, make_report, read


def test_the_summary_ranks_tied_ideas_together_and_keeps_ties_at_the_cut(babel_app):
    from workshop.domain.answers import Answer

    ideas = [Answer(f"i{n}", n, "tanker", f"Idé nummer {n}", name="X") for n in range(1, 8)]
    # Votes: idea 1 three, ideas 2 to 6 two each, idea 7 one.
    ballots = [["i1"], ["i1"], ["i1", "i2", "i3"], ["i2", "i3", "i4"], ["i4", "i5", "i6"]]
    ballots += [["i5", "i6", "i7"]]
    votes = [Answer(f"v{n}", n, "stem", ids) for n, ids in enumerate(ballots, 1)]
    reader, _text = read(build_pdf(make_report({"tanker": ideas, "stem": votes})))
    summary = " ".join(reader.pages[1].extract_text().split()) + " ".join(
        reader.pages[0].extract_text().split()
    )
    start = summary.index("Top-voted ideas")
    top = summary[start : start + 400]
    assert "1 Idé nummer 1 3 votes" in top
    # Five ideas share second place: all of them, each "2", none cut off at five lines.
    for n in range(2, 7):
        assert f"2 Idé nummer {n} 2 votes" in top
    assert "Idé nummer 7" not in top


def test_the_decisions_and_notes_are_printed_on_the_summary_page(danish_app):
    details = {"notes": "Vi vælger gårdmøder.\nNæste møde: 12. maj."}
    reader, _text = read(build_pdf(make_report(full_answers(), "da", details=details)))
    first = reader.pages[0].extract_text()
    assert "Beslutninger og noter" in first
    assert "Vi vælger gårdmøder." in first and "Næste møde: 12. maj." in first


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(asked=st.integers(1, 8), ideas=st.integers(1, 8), merged=st.integers(0, 7))
def test_answers_to_a_question_are_answers_and_only_ideas_put_to_a_vote_are_ideas(
    babel_app, asked, ideas, merged
):
    """The key results count answers, as the sections do: a question nobody votes on gave
    answers; the ideas a vote ranked are counted as ideas, with the answers merged into them."""
    from workshop.domain.answers import Answer

    merged = min(merged, ideas - 1)
    given = [
        Answer(f"i{n}", n, "tanker", f"Idé {n}", merged_into="i1" if 1 < n <= merged + 1 else None)
        for n in range(1, ideas + 1)
    ]
    answers = {
        "tanker": given,
        "tom": [Answer(f"t{n}", n, "tom", f"Svar {n}") for n in range(asked)],
    }
    _reader, text = read(build_pdf(make_report(answers)))
    summary = text[text.index("Key results") : text.index("Step 1 –")]
    line = f"9. Et spørgsmål uden svar {asked} answer"
    assert line in summary and "idea" not in summary.split(line)[1][:12]
    if merged:
        assert (
            f"{ideas - merged} idea{'s' if ideas - merged > 1 else ''} from {ideas} answers"
            in summary
        )
    else:
        assert f"{ideas} idea{'s' if ideas > 1 else ''}" in summary


def test_an_ended_early_meeting_says_so_and_that_its_action_step_was_never_reached(babel_app):
    from scripts.report_pages import ended_early

    reader, text = read(build_pdf(ended_early()))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Ended early, at step 4 of 8" in first
    assert "The meeting ended before its action step: no action points were made." in text
    assert "No action points have been confirmed." not in text
