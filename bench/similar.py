"""How good and how fast the merge suggestions are: `make bench-similar`.

    .venv/bin/python bench/similar.py [--seed 23] [--size 1500]

Quality: the labelled answers of bench/similar_answers.yaml are split by their groups into two
halves (by the seed): a tuning half, the one looked at while the rule was written, and a
held-out half. For each half the suggestions are compared pair by pair with the labelled
groups: precision is the share of pairs put together that belong together, recall the share
of pairs that belong together that were put together. Identical answers count as together
(they are one card before any suggestion). Beside the rule, in the same run: identical
answers only, and naive all-pairs rapidfuzz (token set ratio of the folded texts, joined as
connected groups). Below the table, the rule on the halves of ten other splits (the seeds
after ``--seed``): a rule tuned to the examples it was written on falls there.

Speed: suggestions for ``--size`` ideas (the labelled answers and variants made from them by
the seed: slips of the keys, words added, emoji), from cold (no cached words) and warm, and
one incremental update for one new answer in a room of that size.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workshop.domain import answer_words  # noqa: E402
from workshop.domain.similar import Suggester, same_answer, suggest  # noqa: E402

LABELLED = ROOT / "bench" / "similar_answers.yaml"
TARGET_PRECISION, TARGET_RECALL = 0.9, 0.7
TARGET_BATCH_MS, TARGET_UPDATE_MS = 200, 10
NAIVE_RATIO = 80  # rapidfuzz token set ratio at which the naive baseline joins two answers

Labelled = list[tuple[str, str, str]]  # (card id, text, group)


def labelled_answers(path: Path = LABELLED) -> Labelled:
    groups = yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]
    return [
        (f"{group['id']}/{n}", text, group["id"])
        for group in groups
        for n, text in enumerate(group["answers"])
    ]


def halves(answers: Labelled, seed: int) -> tuple[Labelled, Labelled]:
    """The answers split by whole groups: the tuning half and the held-out half."""
    groups = sorted({group for _, _, group in answers})
    random.Random(seed).shuffle(groups)
    tuning = set(groups[: len(groups) // 2])
    return (
        [a for a in answers if a[2] in tuning],
        [a for a in answers if a[2] not in tuning],
    )


def pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for group in groups for p in itertools.combinations(sorted(group), 2)}


def true_pairs(answers: Labelled) -> set[frozenset[str]]:
    by_group: dict[str, list[str]] = {}
    for card_id, _, group in answers:
        by_group.setdefault(group, []).append(card_id)
    return pairs(by_group.values())


def identical(answers: Labelled) -> list[list[str]]:
    by_key: dict[str, list[str]] = {}
    for card_id, text, _ in answers:
        by_key.setdefault(same_answer(text), []).append(card_id)
    return list(by_key.values())


def by_rule(answers: Labelled) -> list[list[str]]:
    return [list(s.cards) for s in suggest([(c, t) for c, t, _ in answers])] + identical(answers)


def by_naive_rapidfuzz(answers: Labelled) -> list[list[str]]:
    """All pairs compared (rapidfuzz, in its own loop), joined as connected groups."""
    keys = [same_answer(text) for _, text, _ in answers]
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, key in enumerate(keys):
        near = process.extract(
            key, keys, scorer=fuzz.token_set_ratio, score_cutoff=NAIVE_RATIO, limit=None
        )
        for _, _, j in near:
            parent[root(i)] = root(j)
    groups: dict[int, list[str]] = {}
    for i, (card_id, _, _) in enumerate(answers):
        groups.setdefault(root(i), []).append(card_id)
    return list(groups.values())


def quality(answers: Labelled, grouping: Callable[[Labelled], list[list[str]]]) -> tuple:
    truth = true_pairs(answers)
    found = pairs(grouping(answers))
    right = len(found & truth)
    precision = right / len(found) if found else 1.0
    recall = right / len(truth) if truth else 1.0
    return precision, recall, found - truth, truth - found


OTHER_SPLITS = 10


def other_splits(answers: Labelled, seeds: Iterable[int]) -> str:
    """The rule on halves split by other seeds: does it hold on groups it was not tuned on?"""
    results = [quality(part, by_rule)[:2] for seed in seeds for part in halves(answers, seed)]
    precision, recall = sorted(p for p, _ in results), sorted(r for _, r in results)
    return (
        f"On {len(results)} halves of {len(results) // 2} other splits: precision lowest "
        f"{precision[0]:.3f}, median {statistics.median(precision):.3f}; recall lowest "
        f"{recall[0]:.3f}, median {statistics.median(recall):.3f}."
    )


def variants(answers: Labelled, size: int, seed: int) -> Labelled:
    """The labelled answers and, up to ``size``, variants of them as phones type them."""
    rng = random.Random(seed)
    openers = ["", "", "Forslag: ", "Vi kunne få ", "Hvad med ", "Jeg synes ", "Gerne "]
    endings = ["", "", "!", " 🙂", " i afd.", " for alle", " tak", "!!", " 👍", " hurtigst muligt"]
    result = list(answers)
    while len(result) < size:
        card_id, text, group = rng.choice(answers)
        words = text.split()
        if rng.random() < 0.6:  # a slip of the keys in one longer word
            at = rng.randrange(len(words))
            word = words[at]
            if len(word) > 4:
                i = rng.randrange(1, len(word) - 1)
                words[at] = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        text = rng.choice(openers) + " ".join(words) + rng.choice(endings)
        if rng.random() < 0.3:
            text = text.lower()
        result.append((f"{card_id}~{len(result)}", text, group))
    return result


def clear_caches() -> None:
    for cached in (
        answer_words.stem_of,
        answer_words.content_words,
        answer_words.word_match,
        answer_words.meeting_points,
    ):
        cached.cache_clear()


def timed(action: Callable[[], object], repeat: int) -> list[tuple[float, float]]:
    """Wall and processor milliseconds of each run: on a machine busy with other work the
    processor time is the one that says what the rule costs."""
    times = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        times.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--size", type=int, default=1500)
    parser.add_argument("--show", action="store_true", help="list the wrong and missed pairs")
    args = parser.parse_args()
    answers = labelled_answers()
    tuning, held_out = halves(answers, args.seed)
    groups = len({g for _, _, g in answers})
    print(f"{len(answers)} labelled answers in {groups} groups (seed {args.seed}).\n")
    print(f"{'pairwise':<28} {'half':<9} {'answers':>7} {'precision':>9} {'recall':>7}")
    rules = (
        ("identical answers only", identical),
        (f"naive rapidfuzz ≥ {NAIVE_RATIO}", by_naive_rapidfuzz),
        ("suggestions (this rule)", by_rule),
    )
    wrong: list[str] = []
    for name, grouping in rules:
        for half, part in (("tuning", tuning), ("held-out", held_out), ("all", answers)):
            precision, recall, false, missed = quality(part, grouping)
            print(f"{name:<28} {half:<9} {len(part):>7} {precision:>9.3f} {recall:>7.3f}")
            if grouping is by_rule and half == "all":
                text = {c: t for c, t, _ in part}
                wrong += [" ≠ ".join(text[c] for c in sorted(p)) for p in false]
                wrong += [" … ".join(text[c] for c in sorted(p)) for p in missed]
                bad = (len(false), len(missed))
    print(f"\nTargets: precision ≥ {TARGET_PRECISION}, recall ≥ {TARGET_RECALL}.")
    print(f"Wrongly put together: {bad[0]} pairs; missed: {bad[1]} pairs.")
    print(other_splits(answers, range(args.seed + 1, args.seed + 1 + OTHER_SPLITS)))
    if args.show:
        print("\n".join(wrong))

    room = variants(answers, args.size, args.seed)
    cards = [(c, t) for c, t, _ in room]
    keys = len({same_answer(t) for _, t in cards})
    print(f"\nSpeed: {len(room)} ideas ({keys} different wordings).")

    def cold() -> None:
        clear_caches()
        suggest(cards)

    batch_cold = timed(cold, 5)
    batch_warm = timed(lambda: suggest(cards), 5)
    exact = timed(lambda: identical(room), 5)
    clear_caches()
    naive = timed(lambda: by_naive_rapidfuzz(room), 3)
    suggester = Suggester(cards)
    rng = random.Random(args.seed)
    newcomers = variants(answers, len(answers) + 200, args.seed + 1)[len(answers) :]
    updates = []
    for n, (_, text, _) in enumerate(newcomers):
        card_id = f"new-{n}"
        updates += timed(lambda text=text, card_id=card_id: suggester.add((card_id, text)), 1)
        if rng.random() < 0.9:  # most leave again, so the room stays about its size
            suggester.remove(card_id)
    precision, recall, _, _ = quality(room, by_rule)
    print(
        f"{'':<36} {'wall ms: median':>15} {'p95':>6} {'max':>6} "
        f"{'processor ms: median':>21} {'p95':>6} {'max':>6}"
    )
    for name, times in (
        ("suggestions, cold", batch_cold),
        ("suggestions, warm", batch_warm),
        ("baseline: identical answers only", exact),
        ("baseline: naive all-pairs rapidfuzz", naive),
        ("one new answer (incremental)", updates),
    ):
        wall, cpu = sorted(t[0] for t in times), sorted(t[1] for t in times)
        p95 = (len(times) * 95) // 100
        print(
            f"{name:<36} {statistics.median(wall):>15.1f} {wall[p95]:>6.1f} {wall[-1]:>6.1f} "
            f"{statistics.median(cpu):>21.1f} {cpu[p95]:>6.1f} {cpu[-1]:>6.1f}"
        )
    print(
        f"\nTargets: {TARGET_BATCH_MS} ms for {args.size} ideas, "
        f"{TARGET_UPDATE_MS} ms for one new answer."
    )
    print(f"On the {len(room)} ideas: precision {precision:.3f}, recall {recall:.3f}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
