"""Three realistic reports as PDF and as PNG pages, to look at every page before a change lands.

    python scripts/report_pages.py [OUT]      # default: report-pages/ (not kept in git)

1. A Danish board meeting: 25 people at four tables, long answers, emoji, an Arabic name,
   merges across tables, an action plan.
2. An English session ended after two steps.
3. A representatives' meeting of 300 people at twelve tables.

Prints each report's page count and build time (best of three). The pages are rendered with
poppler's ``pdftoppm`` at 60 dpi.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop import create_app  # noqa: E402
from workshop.dialogues import builtin_dialogue  # noqa: E402
from workshop.domain.answers import Answer, Context  # noqa: E402
from workshop.domain.kinds import summarise, summarise_by_table  # noqa: E402
from workshop.export.pdf import build_pdf  # noqa: E402
from workshop.services.reports import Report, StepReport  # noqa: E402

START = datetime(2025, 3, 4, 17, 0, tzinfo=UTC)
LONG = (
    "Vi skal have de unge med fra starten, ikke bare invitere dem til et møde om aftenen, "
    "men spørge dem i klubben, hvad de selv vil bruge gården til, og lade dem bestemme noget."
)
IDEAS = [
    "Fælles gårdmøder hver måned 🌱",
    "Et byttehjørne i vaskeriet",
    "Grønne tage på cykelskurene",
    "Spørg de unge i klubben",
    LONG,
    "Delebil til hele afdelingen 😊",
    "Sommerfest, hvor hver opgang har en bod",
]
NAMES = ["Mette", "Ole", "Aisha", "Jens", "Birgit", "Karim", "سارة", "Søren", "Lone", "Ali"]


def answer_for(step, person: int, rng: random.Random, cards: list[str]):
    """A plausible answer of ``person`` to ``step``."""
    kind = step.kind
    if kind == "vote":
        return rng.sample(cards, min(step.votes, len(cards)))
    if kind == "scale":
        return {s.id: rng.randint(1, 5) for s in step.statements}
    if kind == "points":
        first = rng.randint(0, step.budget)
        return {step.options[0].id: first, step.options[1].id: step.budget - first}
    if kind == "choice":
        return [rng.choice(step.options).id]
    if kind == "wordcloud":
        return rng.sample(["tryghed", "fællesskab", "grønt", "mod", "ro", "håb", "natur"], 2)
    if kind == "actions":
        when = (date.today() + timedelta(days=rng.randint(7, 120))).isoformat()
        return {"what": rng.choice(IDEAS)[:80], "who": rng.choice(NAMES), "when": when}
    return rng.choice(IDEAS) if person % 3 else f"{rng.choice(IDEAS)} — {LONG}"


def make_report(people: int, tables: int, language: str, title: str, reached: int | None = None):
    tool = builtin_dialogue("almene-maal" if language == "da" else "plan-to-action")
    rng = random.Random(people)
    table_ids = [f"t{n}" for n in range(1, tables + 1)]
    by_step: dict[str, list[Answer]] = {}
    steps, answers_all = [], []
    for index, step in enumerate(tool.steps):
        visited = reached is None or index < reached
        given: list[Answer] = []
        cards = [a.answer_id for a in by_step.get(step.source, []) if not a.merged_into]
        for person in range(1, people + 1) if step.answerable and visited else ():
            if person % 9 == 0:
                continue  # not everyone answers everything
            merged = f"{step.id}-{person - 5}" if step.kind == "open" and person % 8 == 0 else None
            given.append(
                Answer(
                    f"{step.id}-{person}",
                    person,
                    step.id,
                    answer_for(step, person, rng, cards),
                    name=NAMES[person % len(NAMES)],
                    table=table_ids[person % tables] if tables else None,
                    highlighted=person == 4,
                    confirmed=step.kind == "actions" and person % 3 == 0,
                    merged_into=merged if person > 5 else None,
                    created_at=START + timedelta(minutes=6 * index, seconds=person),
                )
            )
        by_step[step.id] = given
        answers_all += given
        context = Context(cards={a.answer_id: a for a in by_step.get(step.source, [])})
        summary = summarise(step, given, context) if step.answerable else None
        if summary is not None and table_ids:
            summary["by_table"] = summarise_by_table(step, given, table_ids, context)
        begin = START.timestamp() + 360 * index
        visits = ((begin, begin + 330),) if visited else ()
        steps.append(StepReport(index, step, summary, len(given), visits))
    return Report(
        code="482913",
        title=title,
        dialogue_id=tool.id,
        dialogue_title=tool.title,
        language=language,
        status="ended",
        created_at=START - timedelta(days=2),
        exported_at=START + timedelta(hours=2),
        participants=people,
        steps=tuple(steps),
        details={"organisation": "Boligforeningen Åbo", "place": "Fælleshuset"},
        tables=tuple((t, f"Bord {t[1:]}") for t in table_ids),
        answers=tuple(answers_all),
    )


SESSIONS = (
    ("board-25", {"people": 25, "tables": 4, "language": "da", "title": "Bestyrelsesmøde"}),
    ("ended-early-en", {"people": 12, "tables": 0, "language": "en", "reached": 2, "title": "Day"}),
    ("meeting-300", {"people": 300, "tables": 12, "language": "da", "title": "Repræsentantskab"}),
)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "report-pages")
    out.mkdir(parents=True, exist_ok=True)
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "pages"})
    for name, settings in SESSIONS:
        with app.test_request_context():
            report = make_report(**settings)
            times, data = [], b""
            for _ in range(3):
                began = time.perf_counter()
                data = build_pdf(report)
                times.append(time.perf_counter() - began)
        path = out / f"{name}.pdf"
        path.write_bytes(data)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages"))
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(out / name)], check=True)
        print(f"{name:<16} {pages:>3} pages  {min(times):6.2f} s  {len(data) / 1024:7.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
