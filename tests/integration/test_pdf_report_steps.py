"""The PDF report's section of each step: every kind's answers and results, hidden answers
counted and never shown, identical answers once with their count, results per table,
means in the reader's own decimal mark, and the action plan's marks explained."""

from __future__ import annotations

from workshop.export.pdf import build_pdf

from .pdf_material import (
    full_answers,
    make_report,
    page_numbers_are_right,
    qpdf_check,
    read,
    rich_report,
)


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


def test_means_have_one_decimal_in_the_readers_own_mark(danish_app):
    from .pdf_material import answers_for

    answers = full_answers()
    answers["status"] = answers_for("status", [{"byer": r} for r in (2, 3, 3)])  # mean 2.666…
    _reader, text = read(build_pdf(make_report(answers, "da")))
    assert "Gennemsnit 2,7" in text
    assert "2,67" not in text and "2.67" not in text


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


def test_identical_answers_are_printed_once_with_their_count(babel_app):
    texts = ["Tak for i dag"] * 10 + ["tak for  i dag."] * 3 + ["Godt møde", "Mere kaffe"]
    _reader, text = read(build_pdf(make_report(full_answers(texts))))
    section = text[text.index("Step 3 –") : text.index("Step 4 –")]
    assert section.count("Tak for i dag") + section.count("tak for i dag") == 1
    assert "Tak for i dag ×13" in section
    assert "Godt møde" in section and "Mere kaffe" in section


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
