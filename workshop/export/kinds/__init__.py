"""The report side of every step kind, one module each, and the one registry that finds them:
every module here but ``base`` holds one ``ReportPart``, named as the module is, and ``PARTS``
takes them all (``domain.registry``), so a new kind's part is found without being listed."""

from __future__ import annotations

from ...domain.registry import one_kind_per_module
from .base import ReportPart

PARTS: dict[str, ReportPart] = {
    part.kind: part for part in one_kind_per_module(__name__, ReportPart, "kind", ("base",))
}
UNKNOWN = ReportPart()


def report_part(kind: str) -> ReportPart:
    return PARTS.get(kind, UNKNOWN)


__all__ = ["PARTS", "ReportPart", "report_part"]
