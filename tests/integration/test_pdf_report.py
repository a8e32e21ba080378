"""The PDF report holds what the meeting produced: every answer, count and action point."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def test_every_kind_with_moderation_and_tables(babel_app, tmp_path):
    data = build_pdf(rich_report())
    qpdf_check(data, tmp_path)
    reader, text = read(data)
    first = " ".join(reader.pages[0].extract_text().split())

    # The cover: organisation, place, facilitator, participants, tool, date and time.
    for expected in ("Boligforeningen Åbo", "Fælleshuset, Aarhus", "Mette Sørensen"):
        assert expected in first
    assert "Participants 6" in first
    assert "4 March 2025" in first and "18:30" in first
    # The first-page summary: participation, the top-voted ideas and the action plan.
    assert "Participation per step" in first
    assert "3. Hvad tager du med dig? 5 83.3%" in first
    assert "Top-voted ideas" in first
    assert "1 ★ Fælles gårdmøder hver måned ×3 4 votes" in first
    # The key result of every answered step, on the summary page.
    for line in (
        "Key results",
        "4. Hvilket mål betyder mest? Byer i balance 66.7%",
        "5. Hvor står vi i dag? Vi arbejder målrettet for byer i balance: 3.5",
        "6. Hvor skal kræfterne bruges? Inddragelse 55.0%",
        "3 ideas from 5 answers: ★ Fælles gårdmøder hver måned",
        "4 action points proposed, 3 in the action plan",
    ):
        assert line in first, line

    # Word cloud: every word with its count.
    for word, count in (("fællesskab", 3), ("tryghed", 2), ("grønt", 1), ("mod", 1), ("ro", 1)):
        assert f"{word} ({count})" in text
    # Open answers: verbatim, merged with their count, highlighted marked, names, per table.
    # Merged across tables: listed once, at its own table, with all three answers in it.
    assert "★ Fælles gårdmøder hver måned ×3 – Anna" in text
    assert "Gårdmøde en gang om måneden" not in text  # merged in at another table: not again
    assert "Grønne tage på cykelskurene – Dina" in text
    # A heading counts answers: the card ×3 is three of Bord Nord's answers.
    assert "Bord Nord · 3 answers" in text and "Without a table · 1 answer" in text
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
    plan = text[text.index("The action points the facilitator confirmed") : text.index("Step 1 –")]
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
    assert "Trin 3 – Hvad tager du med dig?" in text
    assert reader.trailer["/Root"]["/Lang"] == "da"


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


def test_the_page_header_says_when_the_meeting_met_not_when_it_was_set_up(danish_app):
    from dataclasses import replace
    from datetime import timedelta

    from .pdf_material import CREATED

    report = replace(make_report(full_answers()), created_at=CREATED - timedelta(days=6))
    reader, _text = read(build_pdf(report))
    header = " ".join(reader.pages[1].extract_text().split())
    assert "04.03.2025 18:30" in header
    assert "26.02.2025" not in header


def test_the_decisions_and_notes_are_printed_on_the_summary_page(danish_app):
    details = {"notes": "Vi vælger gårdmøder.\nNæste møde: 12. maj."}
    reader, _text = read(build_pdf(make_report(full_answers(), "da", details=details)))
    first = reader.pages[0].extract_text()
    assert "Beslutninger og noter" in first
    assert "Vi vælger gårdmøder." in first and "Næste møde: 12. maj." in first


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


def test_means_have_one_decimal_in_the_readers_own_mark(danish_app):
    from .pdf_material import answers_for

    answers = full_answers()
    answers["status"] = answers_for("status", [{"byer": r} for r in (2, 3, 3)])  # mean 2.666…
    _reader, text = read(build_pdf(make_report(answers, "da")))
    assert "Gennemsnit 2,7" in text
    assert "2,67" not in text and "2.67" not in text


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


def test_per_table_lines_keep_the_options_in_their_own_order_to_compare_down(babel_app):
    from workshop.domain.answers import Answer

    picks = [("t1", "groen"), ("t1", "groen"), ("t1", "byer"), ("t2", "byer"), ("t2", "lige")]
    maal = [Answer(f"m{n}", n, "maal", [p], table=t) for n, (t, p) in enumerate(picks, 1)]
    tables = (("t1", "Bord Nord"), ("t2", "Bord Syd"))
    _reader, text = read(build_pdf(make_report({"maal": maal}, tables=tables)))
    section = text[text.index("Results per table · Step 4") :]
    north = section[section.index("Bord Nord") : section.index("Bord Syd")]
    south = section[section.index("Bord Syd") :]
    for line in (north, south):  # Byer, then grønnere, then lige: the step's order each time
        assert line.index("Byer i balance") < line.index("En grønnere") < line.index("De vejer")


def test_column_headers_never_break_inside_a_word(danish_app):
    _reader, text = read(build_pdf(rich_report("da")))
    assert "Stemmegivere" in text
    assert "Stemmegiv " not in text and "Stemmegiv\n" not in text


def test_identical_answers_are_printed_once_with_their_count(babel_app):
    texts = ["Tak for i dag"] * 10 + ["tak for  i dag."] * 3 + ["Godt møde", "Mere kaffe"]
    _reader, text = read(build_pdf(make_report(full_answers(texts))))
    section = text[text.index("Step 3 –") : text.index("Step 4 –")]
    assert section.count("Tak for i dag") + section.count("tak for i dag") == 1
    assert "Tak for i dag ×13" in section
    assert "Godt møde" in section and "Mere kaffe" in section


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


def test_the_plan_marks_the_highlighted_and_the_rewritten_point_and_says_what_the_marks_mean(
    babel_app,
):
    from scripts.report_pages import board_meeting

    _meeting, report = board_meeting()
    _reader, text = read(build_pdf(report))
    plan = text[text.index("The action points the facilitator confirmed") : text.index("Step 1 –")]
    assert "★ Invitere de unge til et gårdmøde" in plan
    assert "Indhente tre tilbud på solceller ✎" in plan
    assert "★ highlighted by the facilitator" in plan and "✎ rewritten by the facilitator" in plan


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


def test_an_emoji_given_as_a_word_is_in_the_cloud_and_among_all_words(babel_app, tmp_path):
    import subprocess

    from workshop.domain.answers import Answer
    from workshop.domain.kinds import validate_answer

    from .pdf_material import TOOL

    step = TOOL.steps[1]
    values = [["🌱", "grønt"]] * 64 + [["grønt"]] * 206
    words = [
        Answer(f"w{n}", n, "ord", validate_answer(step, value)) for n, value in enumerate(values)
    ]
    path = tmp_path / "report.pdf"
    path.write_bytes(build_pdf(make_report({"ord": words}, participants=270)))
    _reader, text = read(path.read_bytes())
    section = text[text.index("Step 2 –") : text.index("Step 3 –")]
    assert "🌱 (64)" in section and "grønt (270)" in section
    assert "2 different words" in section
    # The cloud draws it too: twice in the section's text, once in the cloud, once listed.
    assert section.count("🌱") == 2
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Symbola" in fonts


def test_an_ended_early_meeting_says_so_and_that_its_action_step_was_never_reached(babel_app):
    from scripts.report_pages import ended_early

    reader, text = read(build_pdf(ended_early()))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Ended early, at step 4 of 8" in first
    assert "The meeting ended before its action step: no action points were made." in text
    assert "No action points have been confirmed." not in text


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


def test_a_tables_top_three_of_many_tied_ideas_lists_three_and_counts_the_rest(babel_app):
    from workshop.domain.answers import Answer

    ideas = [Answer(f"i{n}", n, "tanker", f"Idé {n}") for n in range(1, 13)]
    ballots = [
        Answer(f"v{n}", n, "stem", [f"i{n}"], table=("t1", "t2")[n % 2]) for n in range(1, 13)
    ]
    tables = (("t1", "Bord Nord"), ("t2", "Bord Syd"))
    _reader, text = read(build_pdf(make_report({"tanker": ideas, "stem": ballots}, tables=tables)))
    section = text[text.index("Results per table · Step 7") :]
    north = section[section.index("Bord Nord") : section.index("Bord Syd")]
    assert north.count("1 vote") == 3
    assert "+3 more with the same number of votes" in north


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
