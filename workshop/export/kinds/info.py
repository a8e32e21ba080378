"""A slide: its text is the whole section, and the report calls it by the kind's own name."""

from __future__ import annotations

from .base import ReportPart


class InfoPart(ReportPart):
    kind = "info"
