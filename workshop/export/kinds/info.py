"""A slide: its text is the whole section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import gettext as _

from .base import ReportPart

if TYPE_CHECKING:
    from ...domain.dialogue import Step


class InfoPart(ReportPart):
    kind = "info"

    def title(self, step: Step) -> str:
        return _("Information")
