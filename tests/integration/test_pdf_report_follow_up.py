"""The PDF report of a follow-up meeting: its summary counts every earlier point once and
the whole plan, and the series of meetings dates this one and labels the comments."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.export.pdf import build_pdf

from .pdf_material import read


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fates=st.lists(st.sampled_from(["done", "carry", "drop", None]), min_size=1, max_size=9),
    new=st.integers(0, 4),
)
def test_a_follow_ups_summary_counts_every_earlier_point_once_and_the_whole_plan(
    babel_app, fates, new
):
    """ "7 earlier points: 1 done, 2 carried over, 2 dropped, 2 not agreed": the outcomes add up
    to the points; the plan's line says how many were carried into it, and adds up to it."""
    import re
    from datetime import date

    from scripts.report_pages import Meeting
    from workshop.domain import follow_up as follow_ups

    plan = [{"what": f"Punkt {n}", "who": "Bo", "when": "2025-04-01"} for n in range(len(fates))]
    follow_up = follow_ups.start({"code": "1", "title": "Før", "held": "2025-03-04"}, None, plan)
    args = {"done": {"status": "done"}, "drop": {"status": "dropped"}}
    args["carry"] = {"status": "under_way", "carry_to": "2025-09-01"}
    for point, fate in zip(follow_up["plan"], fates, strict=True):
        if fate:
            follow_up = follow_ups.agree(
                follow_up, {"point": point["id"], **args[fate]}, date(2025, 3, 1)
            )
    meeting = Meeting("follow-up", 4, 0, seed=1)
    meeting.follow_up = follow_up
    meeting.give("status", 1, {"p1": {"status": "done"}})
    for n in range(new):
        answer = meeting.give(
            "action-points", n + 1, {"what": f"Nyt {n}", "who": "Al", "when": "2025-06-01"}, n
        )
        meeting.moderate("action-points", answer.answer_id, confirmed=True)
    _reader, text = read(build_pdf(meeting.report("Opfølgning", "en", {}, "1")))
    summary = text[text.index("Key results") :]
    found = re.search(
        r"(\d+) earlier points?: (\d+) done, (\d+) carried over, (\d+) dropped", summary
    )
    assert found, summary[:400]
    total, *buckets = (int(group) for group in found.groups())
    undecided = fates.count(None)
    tail = summary[found.end() : found.end() + 20]
    assert (f", {undecided} not agreed" in tail) == bool(undecided)
    assert total == len(fates) == sum(buckets) + undecided
    carried = fates.count("carry")
    if new and carried:
        assert (
            f"with {carried} carried over from last time, {new + carried} in the action plan"
            in summary
        )
    elif new:
        assert f"{new} in the action plan" in summary


def test_a_follow_up_dates_its_own_line_and_labels_the_comments(danish_app):
    from scripts.report_pages import board_meeting, follow_up_meeting

    board, report = board_meeting()
    _reader, text = read(build_pdf(follow_up_meeting(board, report)))
    series = text[text.index("Serien indtil nu") : text.index("Handlepunkter: dem")]
    assert "Bestyrelsesmøde 4. mar. 2025 7 1 2 2 2" in series
    assert "(dette møde)" in series and "13. maj 2025" in series
    assert "Mødets note: Hylden er sat op og bliver brugt" in text
    assert "Kommentarer fra salen: Det gik over al forventning" in text
    assert "Dette møde fulgte op på „Bestyrelsesmøde“ den 4. mar. 2025" in text
