"""The report's charts, drawn with ReportLab's graphics: bars, columns and a word cloud."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

from .fonts import ACCENT, BAR, TRACK

# Word cloud: words from the most to the least frequent take these colours in turn.
CLOUD_COLOURS = tuple(
    colors.HexColor(c) for c in ("#1f5a8c", "#2f7bbf", "#2a8a7a", "#5b6f86", "#3d6fa0")
)
CLOUD_WORDS = 70
CLOUD_SIZES = (10.0, 34.0)


def bar(width: float, height: float, share: float, colour: colors.Color = BAR) -> Drawing:
    """A horizontal bar on a light track; ``share`` runs from 0 to 1."""
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=TRACK, strokeColor=None))
    filled = width * max(0.0, min(share, 1.0))
    if filled > 0:
        drawing.add(Rect(0, 0, max(filled, 1.5), height, fillColor=colour, strokeColor=None))
    return drawing


def column(width: float, height: float, share: float) -> Drawing:
    """A vertical bar standing on the baseline; ``share`` runs from 0 to 1."""
    drawing = Drawing(width, height)
    filled = height * max(0.0, min(share, 1.0))
    if filled > 0:
        drawing.add(Rect(0, 0, width, max(filled, 1.5), fillColor=BAR, strokeColor=None))
    return drawing


def _size(count: int, high: int, scale: float) -> float:
    """Font size by frequency: the area of a word grows with its count."""
    small, large = CLOUD_SIZES
    return max(small, large * scale * math.sqrt(count / high))


class _Grid:
    """Placed boxes bucketed by area, so a new box is only checked against its neighbours."""

    CELL = 24.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, x0: float, y0: float, x1: float, y1: float):
        c = self.CELL
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(int(y0 // c), int(y1 // c) + 1):
                yield i, j

    def free(self, box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        for key in self._keys(*box):
            for a0, b0, a1, b1 in self.cells.get(key, ()):
                if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                    return False
        return True

    def add(self, box: tuple[float, float, float, float]) -> None:
        for key in self._keys(*box):
            self.cells.setdefault(key, []).append(box)


def word_cloud(
    words: Sequence[tuple[str, int] | tuple[str, int, str]],
    width: float,
    height: float,
    font: str,
) -> tuple[Drawing, int]:
    """A cloud of ``(word, count)``, most frequent first, sized by frequency; a word may
    bring its own font, ``(word, count, font)`` (an emoji, set in the symbol font).

    Words are placed from the centre outwards along a spiral, each where it overlaps nothing
    already placed; the drawing is trimmed to the words it holds. Returns the drawing and how
    many words it holds (the rest did not fit).
    """
    chosen = [
        (entry[0], max(entry[1], 1), entry[2] if len(entry) > 2 else font)
        for entry in words[:CLOUD_WORDS]
        if entry[0].strip()
    ]
    if not chosen:
        return Drawing(width, 1), 0
    scale = 1.0
    while True:  # smaller type until every word fits, within reason
        grid, placed = _place(chosen, width, height, scale)
        if len(placed) == len(chosen) or scale < 0.6:
            return _drawing(placed, grid, width), len(placed)
        scale *= 0.85


def _place(chosen, width: float, height: float, scale: float):
    high = max(c for _, c, _f in chosen)
    grid = _Grid()
    placed: list[tuple[str, float, float, float, int, str]] = []
    gap = 3.0
    for rank, (word, count, font) in enumerate(chosen):
        size = _size(count, high, scale)
        ascent, descent = getAscentDescent(font, size)
        w, h = stringWidth(word, font, size), ascent - descent
        if w > width - 2 * gap:
            size *= (width - 2 * gap) / w
            ascent, descent = getAscentDescent(font, size)
            w, h = stringWidth(word, font, size), ascent - descent
        spot = _spot(grid, w + gap, h + gap, width, height)
        if spot is None:
            continue
        x, y = spot
        grid.add((x, y, x + w + gap, y + h + gap))
        placed.append((word, x + gap / 2, y + gap / 2 - descent, size, rank, font))
    return grid, placed


def _spot(grid: _Grid, w: float, h: float, width: float, height: float):
    """The lower-left corner of the first free place for a ``w`` by ``h`` box, or None."""
    cx, cy = width / 2, height / 2
    stretch = width / height  # spiral in an ellipse of the drawing's proportions
    angle = 0.0
    while angle < 260:
        radius = 2.2 * angle
        x = cx + radius * stretch * math.cos(angle) / 1.6 - w / 2
        y = cy + radius * math.sin(angle) / 1.6 - h / 2
        if x >= 0 and y >= 0 and x + w <= width and y + h <= height:
            box = (x, y, x + w, y + h)
            if grid.free(box):
                return x, y
        elif radius > width:
            return None
        angle += 0.55 / (1 + angle * 0.04)
    return None


def _drawing(placed, grid: _Grid, width: float) -> Drawing:
    boxes = [box for cell in grid.cells.values() for box in cell]
    bottom = min(b[1] for b in boxes)
    top = max(b[3] for b in boxes)
    left = min(b[0] for b in boxes)
    right = max(b[2] for b in boxes)
    shift_x = (width - (right - left)) / 2 - left
    drawing = Drawing(width, top - bottom)
    for word, x, y, size, rank, font in placed:
        colour = ACCENT if rank == 0 else CLOUD_COLOURS[rank % len(CLOUD_COLOURS)]
        drawing.add(
            String(x + shift_x, y - bottom, word, fontName=font, fontSize=size, fillColor=colour)
        )
    return drawing
