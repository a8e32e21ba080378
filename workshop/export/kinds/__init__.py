"""The report side of every step kind, one module each, and the one registry that finds them."""

from __future__ import annotations

from .actions import ActionsPart
from .base import ReportPart
from .choice import ChoicePart
from .info import InfoPart
from .open import OpenPart
from .points import PointsPart
from .review import ReviewPart
from .scale import ScalePart
from .vote import VotePart
from .wordcloud import WordcloudPart

PARTS: dict[str, ReportPart] = {
    part.kind: part
    for part in (
        InfoPart(),
        OpenPart(),
        ChoicePart(),
        ScalePart(),
        WordcloudPart(),
        PointsPart(),
        VotePart(),
        ActionsPart(),
        ReviewPart(),
    )
}
UNKNOWN = ReportPart()


def report_part(kind: str) -> ReportPart:
    return PARTS.get(kind, UNKNOWN)


__all__ = ["PARTS", "ReportPart", "report_part"]
