"""Points shared out: bars per option, with points, percentages and the mean."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.platypus import Spacer

from ..bars import bar_table, options_line
from ..layout import decimal, number, percent, shorten
from .base import ReportPart

if TYPE_CHECKING:
    from ...domain.dialogue import Step
    from ...domain.kinds import Summary
    from ...domain.kinds.points import PointsSummary
    from ..layout import Kit


def points(kit: Kit, step: Step, summary: PointsSummary) -> list[Any]:
    rows = []
    for o in summary.get("options", []):
        share = float(o.get("percent") or 0)
        mean = o.get("mean")
        cells = [
            number(o.get("points") or 0),
            percent(share),
            "" if mean is None else decimal(mean),
        ]
        rows.append((shorten(str(o.get("label", ""))), share / 100, cells))
    heads = [_("Option"), _("Points"), _("Percent"), _("Mean")]
    budget = int(summary.get("budget") or step.fields["budget"])
    note = ngettext(
        "Each participant shared out %(num)d point; the mean is per participant.",
        "Each participant shared out %(num)d points; the mean is per participant.",
        budget,
    )
    return [bar_table(kit, heads, rows), Spacer(1, 4), kit.p(note, "note")]


class PointsPart(ReportPart):
    kind = "points"

    def title(self, step: Step) -> str:
        return _("Point distribution")

    def section(self, kit: Kit, step: Step, summary: Summary) -> list[Any]:
        return points(kit, step, cast("PointsSummary", summary))

    def table_line(self, kit: Kit, summary: Summary) -> str:
        return options_line(kit, summary.get("options", []), by="points")

    def key_result(self, kit: Kit, summary: Summary, voted_on: bool = False) -> str:
        return options_line(kit, summary.get("options", []), by="points", ranked=True)
