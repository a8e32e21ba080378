"""Single or multiple choice: bars per option, with counts and percentages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from flask_babel import gettext as _
from reportlab.platypus import Spacer

from ..bars import bar_table, options_line
from ..layout import number, percent, shorten
from .base import ReportPart

if TYPE_CHECKING:
    from ...domain.dialogue import Step
    from ...domain.kinds import Summary
    from ...domain.kinds.choice import ChoiceSummary
    from ..layout import Kit


def choice(kit: Kit, step: Step, summary: ChoiceSummary) -> list[Any]:
    rows = [
        (
            shorten(str(o.get("label", ""))),
            float(o.get("percent") or 0) / 100,
            [number(o.get("count") or 0), percent(float(o.get("percent") or 0))],
        )
        for o in summary.get("options", [])
    ]
    story: list[Any] = [bar_table(kit, [_("Option"), _("Count"), _("Percent")], rows)]
    if step.fields["multiple"]:
        note = _("Several answers were allowed, so the percentages can add up to over 100.")
        story += [Spacer(1, 4), kit.p(note, "note")]
    return story


class ChoicePart(ReportPart):
    kind = "choice"

    def title(self, step: Step) -> str:
        return _("Multiple choice") if step.fields["multiple"] else _("Single choice")

    def section(self, kit: Kit, step: Step, summary: Summary) -> list[Any]:
        return choice(kit, step, cast("ChoiceSummary", summary))

    def table_line(self, kit: Kit, summary: Summary) -> str:
        return options_line(kit, summary.get("options", []), by="count")

    def key_result(self, kit: Kit, summary: Summary, voted_on: bool = False) -> str:
        return options_line(kit, summary.get("options", []), by="count", ranked=True)
