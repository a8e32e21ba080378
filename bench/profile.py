"""The top of a py-spy profile: `python bench/profile.py FILE [N] [UNDER]` on a file of
collapsed stacks.

Prints the functions where the samples were (self) and the functions they were under (total),
as shares of all samples, so before and after can be put side by side. With ``UNDER`` (a
function's name, ``on_answer`` say) only the samples taken inside that function count: the
answer burst without the joins around it. Idle worker threads (gevent's thread pool waiting
for work) are left out: py-spy cannot tell that they sleep.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

FRAME = re.compile(r"^(?P<name>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")


def label(frame: str) -> str:
    """``function (file.py)``: one line per function, whichever line the sample was on."""
    match = FRAME.match(frame)
    if not match:
        return frame
    return f"{match['name']} ({match['file'].rsplit('/', 1)[-1]})"


IDLE = ("_WorkerGreenlet.run (threadpool.py)",)


def read(path: str, within: str | None = None) -> tuple[Counter, Counter, int]:
    own, under, total = Counter(), Counter(), 0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            stack, _space, count = line.rstrip("\n").rpartition(" ")
            if not stack or not count.isdigit():
                continue
            samples = int(count)
            frames = [label(frame) for frame in stack.split(";")]
            if any(frame in IDLE for frame in frames):
                continue
            if within and not any(frame.split(" (")[0].endswith(within) for frame in frames):
                continue
            total += samples
            own[frames[-1]] += samples
            for frame in set(frames):
                under[frame] += samples
    return own, under, total


def main() -> None:
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    within = sys.argv[3] if len(sys.argv) > 3 else None
    own, under, total = read(path, within)
    print(f"{total} samples")
    print("self:")
    for frame, samples in own.most_common(top):
        print(f"  {samples / total:6.1%}  {frame}")
    print("total (under):")
    for frame, samples in under.most_common(top + 10):
        print(f"  {samples / total:6.1%}  {frame}")


if __name__ == "__main__":
    main()
