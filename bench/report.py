"""Benchmark: the PDF report of 1,000 participants over 10 steps (about 10,000 answers).

Run as ``.venv/bin/python bench/report.py``. Each measurement runs in a fresh child that
builds the report from domain objects (no database), times the build (best of 3) and reports
its own peak ``ru_maxrss`` (the parent's RUSAGE_CHILDREN is a maximum over all children). The
baseline, from the same run: bare ReportLab setting one plain paragraph per answer. Targets:
under 5 s and 300 MB (both figures include Python, Flask and the data).
"""

from __future__ import annotations

import io
import json
import random
import re
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PARTICIPANTS, TABLES = 1000, 10
WORDS = "tryghed fællesskab grønt mod ro håb natur tillid energi leg kultur plan lys vand".split()
DIALOGUE = {
    "id": "bench",
    "title": "Fra plan til handling",
    "language": "da",
    "steps": [
        {"id": "intro", "kind": "info", "prompt": "Velkommen", "body": "Om dagens program."},
        {"id": "ord", "kind": "wordcloud", "prompt": "Tre ord om planen"},
        {"id": "ideer", "kind": "open", "prompt": "Hvilke første skridt?", "max_answers": 5},
        {"id": "valg", "kind": "choice", "prompt": "Hvad betyder mest?", "options": [
            {"id": f"o{i}", "label": f"Mulighed {i}"} for i in range(1, 6)]},
        {"id": "skala", "kind": "scale", "prompt": "Hvor står vi?", "statements": [
            {"id": f"s{i}", "text": f"Udsagn nummer {i}"} for i in range(1, 4)]},
        {"id": "point", "kind": "points", "prompt": "Fordel 100 point", "options": [
            {"id": f"p{i}", "label": f"Indsats {i}"} for i in range(1, 5)]},
        {"id": "stem", "kind": "vote", "prompt": "Hvad først?", "source": "ideer"},
        {"id": "handling", "kind": "actions", "prompt": "Hvem gør hvad?", "max_answers": 5},
        {"id": "flere", "kind": "choice", "prompt": "Hvad mere?", "multiple": True, "options": [
            {"id": f"m{i}", "label": f"Tema {i}"} for i in range(1, 8)]},
        {"id": "ud", "kind": "open", "prompt": "Hvad tager du med?"},
    ],
}  # fmt: skip


def value_for(step, person: int, rng: random.Random, ideas: list[str]):
    if step.kind == "wordcloud":
        return rng.sample(WORDS, 3)
    if step.kind == "open":
        return f"Idé fra deltager {person}: " + " ".join(rng.choices(WORDS, k=rng.randint(4, 30)))
    if step.kind == "choice":
        return sorted(
            {o.id for o in rng.sample(step.fields["options"], 3 if step.fields["multiple"] else 1)}
        )
    if step.kind == "scale":
        return {s.id: rng.randint(1, 5) for s in step.fields["statements"]}
    if step.kind == "points":
        return {
            step.fields["options"][0].id: (first := rng.randint(0, 100)),
            step.fields["options"][1].id: 100 - first,
        }
    if step.kind == "vote":
        return rng.sample(ideas, 3)
    day = f"2025-{rng.randint(4, 12):02d}-{rng.randint(1, 28):02d}"
    return {"what": f"Handling {person}: {rng.choice(WORDS)}", "who": f"Hold {person}", "when": day}


def make_report():
    from workshop.domain.answers import Answer, Context
    from workshop.domain.kinds import summarise, summarise_by_table
    from workshop.domain.tools import parse_dialogue
    from workshop.services.reports import Report, StepReport

    tool, rng = parse_dialogue(DIALOGUE), random.Random(7)
    tables = [f"t{i}" for i in range(TABLES)]
    by_step: dict[str, list] = {}
    start, steps, texts = datetime(2025, 3, 4, 17, tzinfo=UTC).timestamp(), [], []
    for index, step in enumerate(tool.steps):
        ideas = [a.answer_id for a in by_step.get(step.source, []) if not a.merged_into]
        answers = []
        for person in range(1, PARTICIPANTS + 1) if step.answerable else ():
            for n in range(2 if step.kind == "open" and step.fields["max_answers"] > 1 else 1):
                answers.append(Answer(
                    f"{step.id}-{person}-{n}", person, step.id, value_for(step, person, rng, ideas),
                    table=tables[person % TABLES], hidden=person % 97 == 0,
                    highlighted=person % 50 == 0, confirmed=person % 7 == 0,
                    merged_into=f"{step.id}-{person - 1}-{n}" if person % 40 == 0 else None,
                ))  # fmt: skip
        by_step[step.id] = answers
        texts += [str(a.value) for a in answers]
        context = Context(cards={a.answer_id: a for a in by_step.get(step.source, [])})
        summary = summarise(step, answers, context) if step.answerable else None
        if summary is not None:
            summary["by_table"] = summarise_by_table(step, answers, tables, context)
        visits = ((start + 600 * index, start + 600 * index + 540),)
        steps.append(StepReport(index, step, summary, len(answers), visits))
    report = Report(
        "482913", "Bench: 1.000 deltagere", tool.id, tool.title, "da", "ended",
        datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(start + 6000, UTC),
        PARTICIPANTS, tuple(steps), {"organisation": "Bench", "facilitator": "Bench"},
        tuple((t, f"Bord {t}") for t in tables),
    )  # fmt: skip
    return report, texts


def baseline(texts: list[str]) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from workshop.export.fonts import get_fonts

    style = ParagraphStyle("plain", fontName=get_fonts().regular, fontSize=10, leading=13.5)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph(escape(text), style) for text in texts])
    return buffer.getvalue()


def child(which: str) -> None:
    from flask import Flask
    from flask_babel import Babel

    from workshop.export.pdf import build_pdf

    app = Flask(__name__)
    Babel(app)
    with app.app_context():
        report, texts = make_report()
        times, data = [], b""
        for _ in range(3):
            began = time.perf_counter()
            data = build_pdf(report) if which == "report" else baseline(texts)
            times.append(time.perf_counter() - began)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    pages = len(re.findall(rb"/Type /Page\b(?!s)", data))
    print(json.dumps({"best": min(times), "peak_mb": peak, "kb": len(data) / 1024,
                      "answers": len(texts), "pages": pages}))  # fmt: skip


def main() -> int:
    results = {}
    for which in ("baseline", "report"):
        done = subprocess.run(
            [sys.executable, __file__, "--child", which], capture_output=True, text=True
        )
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        results[which] = json.loads(done.stdout.strip().splitlines()[-1])
    ours, bare = results["report"], results["baseline"]
    print(f"PDF report: {PARTICIPANTS} participants, {TABLES} tables, {ours['answers']} answers")
    print(f"{'':<22}{'bare ReportLab':>16}{'our report':>14}{'ratio':>8}")
    for label, key, unit in (("time, best of 3", "best", "s"), ("peak memory", "peak_mb", "MB")):
        row = f"{bare[key]:>14.2f} {unit:<2}{ours[key]:>11.2f} {unit:<2}"
        print(f"{label:<22}{row}{ours[key] / bare[key]:>7.1f}x")
    print(f"{'size':<22}{bare['kb']:>14.0f} KB{ours['kb']:>11.0f} KB")
    print(f"{'pages':<22}{bare['pages']:>14d}   {ours['pages']:>11d}")
    met = {True: "met", False: "MISSED"}
    print(f"targets: under 5 s {met[ours['best'] < 5]}, under 300 MB {met[ours['peak_mb'] < 300]}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        sys.exit(main())
