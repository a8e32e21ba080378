"""What one change costs with many answers stored: `python bench/summaries.py [--sizes ...]`.

An open step (a brainstorm) is filled to 0, 1,000, 10,000 and 50,000 stored answers on a real
SQLite store in this process. At each size, one phone's answer is written (validated,
committed) and the facilitator's results are made, as the server makes them for the console
and the projector after every change: the summary carried on from the one made before
(``services.kept_summaries``). The same-run baseline is the summary made again of every
stored answer, as the server made it for every change before; it shows what the carrying on
saves. The results' JSON (what goes on the wire four times a second at most) is timed apart:
it is the one part that still grows with the cards on the wall.

Medians of many changes at each size, in milliseconds: of this process's CPU time, which
neither the disk's flushes nor the other programs on a busy machine move, and of wall time.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402

from workshop.domain.kinds import kind_of  # noqa: E402
from workshop.realtime.collector import NEVER  # noqa: E402
from workshop.services import facilitation, participation  # noqa: E402
from workshop.services.context import context_for  # noqa: E402
from workshop.services.dialogues import import_dialogue  # noqa: E402
from workshop.services.sessions import create_session, find_session, tool_of  # noqa: E402
from workshop.services.snapshots import _summary_of, results_of  # noqa: E402
from workshop.storage import Store  # noqa: E402

STEP = "ideer"
EACH = 20  # answers one phone may give on the step
TOOL = {
    "id": "summaries",
    "title": "Summaries",
    "language": "da",
    "steps": [{"id": STEP, "kind": "open", "prompt": "Idéer?", "max_answers": EACH}],
}
SIZES = (0, 1_000, 10_000, 50_000)
CHANGES = 40  # measured changes at each size
REBUILDS = 5  # full rebuilds at each size (the baseline; slow at 50,000)


class Room:
    """A session on a fresh store, its open step filled up answer by answer."""

    def __init__(self, directory: str) -> None:
        self.store = Store(f"sqlite:///{directory}/summaries.sqlite3", group_commit=False)
        self.store.create_schema()
        import_dialogue(self.store, json.dumps(TOOL).encode())
        self.code = create_session(self.store, TOOL["id"]).code
        facilitation.command(self.store, self.code, {"action": "start"})
        self.session = find_session(self.store, self.code)
        self.people: list[int] = []
        self.given = 0

    def fill_to(self, stored: int) -> None:
        """Stored answers up to ``stored``, a thousand to a transaction (not measured)."""
        while self.given < stored:
            batch = []
            for _ in range(min(1000, stored - self.given)):
                batch.append(self._answer(self._phone(), f"Idé nummer {self.given}"))
                self.given += 1
            outcomes = self.store.save_answers(batch)
            assert not any(outcomes), outcomes

    def _phone(self) -> int:
        """The participant who gives the next answer (each gives ``EACH``)."""
        if self.given // EACH >= len(self.people):
            joined = participation.join(self.store, self.session, name=f"P{len(self.people)}")
            self.people.append(joined.participant.id)
        return self.people[self.given // EACH]

    def _answer(self, person: int, text: str) -> dict:
        return {
            "session_id": self.session.id,
            "participant_id": person,
            "step_id": STEP,
            "answer_id": f"svar-{self.given:06d}",
            "value": text,
            "max_answers": EACH,
            "anonymous": True,
            "pending": False,
        }

    def write_one(self) -> tuple[float, float]:
        """One phone's answer through the service, committed; CPU and wall seconds."""
        person = self._phone()
        answer_id, text = f"svar-{self.given:06d}", f"Ny idé {self.given}"
        payload = {"step_id": STEP, "answer_id": answer_id, "value": text}
        cpu, wall = time.process_time(), time.perf_counter()
        participation.submit_answer(self.store, self.code, person, payload)
        self.given += 1
        return time.process_time() - cpu, time.perf_counter() - wall

    def results(self) -> tuple[dict, float, float]:
        """The facilitator's results as the server makes them after a change; CPU and wall
        seconds."""
        cpu, wall = time.process_time(), time.perf_counter()
        made = results_of(self.store, self.session, STEP, moderation=True)
        return made, time.process_time() - cpu, time.perf_counter() - wall

    def rebuilt(self) -> tuple[float, float]:
        """The same results made again of every stored answer, as before they were carried
        on (no tally kept beside them): the baseline; CPU and wall seconds."""
        step = tool_of(self.session).step(STEP)
        kind = kind_of(step.kind)
        kind.tally = lambda *_args: None  # type: ignore[method-assign]
        try:
            cpu, wall = time.process_time(), time.perf_counter()
            answers = self.store.answers_for_step(self.session.id, STEP)
            context = context_for(self.store, self.session, step)
            _summary_of(self.store, self.session, step, True, answers, context)
            return time.process_time() - cpu, time.perf_counter() - wall
        finally:
            del kind.tally


def as_the_server_collects() -> None:
    """What is stored so far is kept out of the full garbage collections, which the server
    makes only when the room is quiet (``realtime.collector``): not in the middle of a
    change."""
    gc.collect()
    gc.freeze()
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, NEVER)


def ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def rows(sizes: tuple[int, ...] = SIZES, changes: int = CHANGES) -> list[dict]:
    """One row per size: the cost of one change carried on, and made again of everything."""
    measured: list[dict] = []
    thresholds = gc.get_threshold()
    with tempfile.TemporaryDirectory() as directory:
        room = Room(directory)
        try:
            for size in sizes:
                room.fill_to(size)
                room.results()  # the summary of what is stored, to carry on from
                as_the_server_collects()
                writes, summaries, encodings, rebuilds = [], [], [], []
                for _ in range(changes):
                    writes.append(room.write_one())
                    made, *took = room.results()
                    summaries.append(tuple(took))
                    started = time.perf_counter()
                    orjson.dumps(made)
                    encodings.append(time.perf_counter() - started)
                for _ in range(REBUILDS):
                    rebuilds.append(room.rebuilt())
                measured.append(
                    {
                        "bench": "summaries",
                        "stored": size,
                        "cards": len(made["summary"]["answers"]),
                        "write_ms": ms([cpu for cpu, _wall in writes]),
                        "summary_ms": ms([cpu for cpu, _wall in summaries]),
                        "change_ms": ms(
                            [w[0] + s[0] for w, s in zip(writes, summaries, strict=True)]
                        ),
                        "rebuild_ms": ms([cpu for cpu, _wall in rebuilds]),
                        "change_wall_ms": ms(
                            [w[1] + s[1] for w, s in zip(writes, summaries, strict=True)]
                        ),
                        "rebuild_wall_ms": ms([wall for _cpu, wall in rebuilds]),
                        "json_ms": ms(encodings),
                    }
                )
        finally:
            room.store.dispose()
            gc.unfreeze()
            gc.set_threshold(*thresholds)
    for row in measured:
        # One change made again of everything: the same write, then the rebuilt results.
        row["rebuild_change_ms"] = row["write_ms"] + row["rebuild_ms"]
        row["change_x_empty"] = row["change_ms"] / measured[0]["change_ms"]
        row["rebuild_x_empty"] = row["rebuild_change_ms"] / measured[0]["rebuild_change_ms"]
    return measured


def print_rows(measured: list[dict]) -> None:
    heads = (
        f"{'stored':>7} {'write ms':>9} {'summary ms':>11} {'change ms':>10} {'× empty':>8} "
        f"{'rebuilt ms':>11} {'change ms':>10} {'× empty':>8} {'JSON ms':>8} {'wall ms':>8}"
    )
    print(f"{'':>7} {'carried on (CPU)':^40} {'made again (baseline, CPU)':^32}")
    print(heads)
    print("-" * len(heads))
    for row in measured:
        print(
            f"{row['stored']:>7,} {row['write_ms']:>9.2f} {row['summary_ms']:>11.3f} "
            f"{row['change_ms']:>10.2f} {row['change_x_empty']:>8.2f} "
            f"{row['rebuild_ms']:>11.2f} {row['rebuild_change_ms']:>10.2f} "
            f"{row['rebuild_x_empty']:>8.2f} {row['json_ms']:>8.2f} "
            f"{row['change_wall_ms']:>8.2f}",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES))
    parser.add_argument("--changes", type=int, default=CHANGES)
    args = parser.parse_args()
    sizes = tuple(int(size) for size in args.sizes.split(",") if size)
    print_rows(rows(sizes, args.changes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
