"""How the report's pieces break across pages: a heading stays with the start of what it heads,
a short table is never split, and a long one never leaves a single row alone on a page.

ReportLab keeps a ``keepWithNext`` chain together by moving it whole to the next page when it
does not fit. With a table taller than a page at the end of the chain, that move gains
nothing, and the page it leaves holds only its header and footer. ``KeepWithStart`` moves the
chain only when the next page gives it room that this one does not: the heading and the first
lines of what follows.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, KeepTogether, Spacer
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import _listWrapOn

from .layout import FRAME_PADDING, MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT, NamedTable

# The height a fresh page gives the report's content.
FRESH_PAGE = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 2 * FRAME_PADDING

# A table up to this high is kept whole: split, it would be a few rows on each page.
SHORT_TABLE = 150
# The least number of rows a split table leaves on either page.
LEAST_ROWS = 2


class KeepWithStart(KeepTogether):
    """Headings (and the lines under them) kept with the start of the flowable that follows.

    Everything fits: it stays here. The headings and the start of the last flowable fit here:
    they stay, and the last one is split as usual. Only when they do not, and a fresh page
    would hold them, does the group move to the next page.
    """

    def split(self, aW: float, aH: float) -> list[Any]:  # noqa: N803 (ReportLab's names)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content = self._content[:]
        if aH >= self._H or self._starts(aW, aH):
            return content
        if aH < FRESH_PAGE - 1 and self._starts(aW, FRESH_PAGE):
            return [FrameBreak(), *content]
        return content  # a new page would not hold more of it: nothing is gained by moving

    def _starts(self, aW: float, room: float) -> bool:  # noqa: N803
        *heads, last = self._content
        _width, used = _listWrapOn(heads, aW, self.canv) if heads else (0, 0)
        rest = room - used - (last.getSpaceBefore() if heads else 0)
        if rest <= 0:
            return False
        if isinstance(last, KeepTogether):  # a block that must stay whole: all of it
            last.wrapOn(self.canv, aW, rest)
            return rest >= last._H
        _width, height = last.wrapOn(self.canv, aW, rest)
        if height <= rest:
            return True
        if getattr(last, "keepWithNext", False):
            return False
        return bool(last.splitOn(self.canv, aW, rest))


def keep_with_start(flowables: list[Any]) -> KeepWithStart:
    """``flowables`` kept together as ``KeepWithStart`` keeps them (the last may split)."""
    for flowable in flowables[:-1]:
        flowable.__dict__["keepWithNext"] = 0  # the group keeps them now, not the document
    return KeepWithStart(flowables)


class RowTable(NamedTable):
    """A table kept whole while it is short; split, it leaves at least two rows on each page
    (besides the repeated header)."""

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        if self._height <= min(SHORT_TABLE, availHeight):
            return [self]
        if self._height <= SHORT_TABLE:
            return []  # moves whole to the next page
        if availHeight >= FRESH_PAGE - 1:
            return super().split(availWidth, availHeight)  # a fresh page: it must go here
        room = availHeight
        for _ in range(len(self._rowHeights)):
            parts = super().split(availWidth, room)
            if len(parts) < 2:
                return parts
            first, rest = parts[0], parts[-1]
            if _body_rows(first) < LEAST_ROWS:
                return []  # the table starts on the next page
            if _body_rows(rest) >= LEAST_ROWS:
                return parts
            first.wrap(availWidth, room)
            room -= first._rowHeights[-1]  # leave one more row for the next page
        return []


def _body_rows(table: Any) -> int:
    return len(table._cellvalues) - (table.repeatRows if isinstance(table.repeatRows, int) else 0)


def headed(kit: Any, markup: str, flowable: Any, room: float = 80) -> list[Any]:
    """A subheading and the flowable it heads (a table, a paragraph), which starts on the
    subheading's page: a new page is begun when less than ``room`` is left."""
    return [CondPageBreak(room), keep_with_start([kit.p(markup, "subheading"), flowable])]


def with_start(heads: list[Any], story: list[Any]) -> list[Any]:
    """``heads`` kept with the start of ``story``: with its first flowable, and with the
    subheadings and notes before that (a page break between them is dropped, as the group
    keeps them together)."""
    taken: list[Any] = []
    rest = list(story)
    while rest:
        flowable = rest.pop(0)
        if isinstance(flowable, CondPageBreak):
            continue
        taken.append(flowable)
        if not _leads_in(flowable):
            break
    return [keep_with_start([*heads, *taken]), *rest]


def _leads_in(flowable: Any) -> bool:
    """Whether ``flowable`` only leads in to what follows it (a subheading, a spacer)."""
    if isinstance(flowable, Spacer):
        return True
    style = getattr(flowable, "style", None)
    keeps = flowable.getKeepWithNext() if hasattr(flowable, "getKeepWithNext") else False
    return bool(keeps) or getattr(style, "name", "") == "subheading"
