"""Two sets of shots of scripts/kind_styles_shots.py compared: pixel by pixel, and element by
element in what the cascade decided (each shot's computed styles, kept beside it as JSON).

    python scripts/kind_styles_compare.py AFTER BEFORE...

The same as `python scripts/kind_styles_shots.py compare AFTER BEFORE...`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# What the cascade decided for every element, beside each shot: `compare` names the elements
# and properties behind a changed pixel.
PROPERTIES = (
    "display position top bottom left right float clear width height min-width max-width "
    "min-height margin-top margin-right margin-bottom margin-left padding-top padding-right "
    "padding-bottom padding-left border-top-width border-bottom-width border-left-width "
    "border-right-width border-top-color border-top-style border-radius color background-color "
    "background-image box-shadow font-size font-weight font-style line-height letter-spacing "
    "text-align text-transform white-space overflow-wrap word-break hyphens unicode-bidi "
    "flex-grow flex-shrink flex-basis flex-wrap align-items align-content justify-content gap "
    "grid-template-columns grid-column grid-auto-flow order z-index opacity overflow "
    "-webkit-line-clamp list-style-type vertical-align visibility animation-name content "
    "scroll-padding-bottom table-layout"
).split()


def compare(after: Path, *befores: Path) -> int:
    """The shots of `after` against those of one or more runs before a change. A page that
    draws a little differently from run to run (a list scrolled a pixel further, a corner's
    antialiasing) shows it between two runs before: a shot equal to any of them is the same."""
    from PIL import Image, ImageChops

    def pixels(path: Path):
        return Image.open(path).convert("RGB")

    names = sorted(p.name for p in befores[0].glob("*.png") if not p.stem.endswith("-diff"))
    differ = unsteady = restyled = 0
    for name in names:
        if not (after / name).exists():
            print(f"{name}: missing in {after}")
            differ += 1
            continue
        styled = style_changes(after / name, befores)
        if styled:
            print(f"{name}: computed styles differ")
            print(*styled, sep="\n")
            restyled += 1
        shot = pixels(after / name)
        runs = [pixels(before / name) for before in befores if (before / name).exists()]
        if any(
            run.size == shot.size and not ImageChops.difference(run, shot).getbbox() for run in runs
        ):
            if any(
                run.size != runs[0].size or ImageChops.difference(run, runs[0]).getbbox()
                for run in runs
            ):
                unsteady += 1
            continue
        first = runs[0]
        if first.size != shot.size:
            print(f"{name}: size {first.size} -> {shot.size}")
        else:
            difference = ImageChops.difference(first, shot)
            print(f"{name}: pixels differ in {difference.getbbox()}")
            difference.save(after / name.replace(".png", "-diff.png"))
        differ += 1
    print(
        f"{len(names)} shots compared, {differ} differ ({unsteady} differ between the runs"
        f" before); the computed styles of {restyled} differ"
    )
    return 1 if differ or restyled else 0


def style_changes(shot: Path, befores: tuple[Path, ...], most: int = 12) -> list[str]:
    """The elements whose computed style differs from every run before, property by property
    (at most `most` lines), as compared with the first."""
    styles = shot.with_suffix(".json")
    earlier = befores[0] / styles.name
    if not styles.exists() or not earlier.exists():
        return []
    now = json.loads(styles.read_text())
    for before in befores:
        if (before / styles.name).exists() and json.loads(
            (before / styles.name).read_text()
        ) == now:
            return []
    then = json.loads(earlier.read_text())
    if [name for name, _ in now] != [name for name, _ in then]:
        return ["  other elements on the page"]
    lines = []
    for (name, values), (_, old) in zip(now, then, strict=True):
        for prop, value, was in zip(PROPERTIES, values, old, strict=True):
            if value != was:
                lines.append(f"  {name} {prop}: {was} -> {value}")
    return lines[:most] + ([f"  ... {len(lines) - most} more"] if len(lines) > most else [])


if __name__ == "__main__":
    sys.exit(compare(*(Path(arg) for arg in sys.argv[1:])) if len(sys.argv) > 2 else 2)
