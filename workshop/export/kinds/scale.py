"""Rating scales: per statement, the mean and the distribution of ratings as columns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.platypus import KeepTogether, Table

from .. import charts
from ..fonts import INK, MUTED, RULE
from ..layout import WIDTH, decimal, number, padding, percent, shorten
from .base import ReportPart

if TYPE_CHECKING:
    from ...domain.dialogue import Step
    from ...domain.kinds import Summary
    from ...domain.kinds.scale import ScaleSummary
    from ..layout import Kit


def scale(kit: Kit, step: Step, summary: ScaleSummary) -> list[Any]:
    spec = summary.get("scale") or {}
    ends = []
    for value, label in (
        (spec.get("min", 1), spec.get("min_label")),
        (spec.get("max", 5), spec.get("max_label")),
    ):
        ends.append(f"{value} ({kit.text(label)})" if label else str(value))
    story: list[Any] = [
        kit.p(_("Scale from %(low)s to %(high)s", low=ends[0], high=ends[1]), "meta")
    ]
    for statement in summary.get("statements", []):
        count = statement.get("count") or 0
        block: list[Any] = [kit.para(statement.get("text"), "statement", WIDTH)]
        if not count:
            block.append(kit.box(_("No answers")))
            story.append(KeepTogether(block))
            continue
        parts = [ngettext("%(num)d respondent", "%(num)d respondents", count)]
        if statement.get("mean") is not None:
            parts.append(_("Mean %(mean)s", mean=decimal(statement["mean"])))
        block += [kit.p(" \u00b7 ".join(parts), "meta"), _distribution(kit, statement)]
        story.append(KeepTogether(block))
    return story


def _distribution(kit: Kit, statement: dict[str, Any]) -> Table:
    regular, bold = kit.fonts.regular, kit.fonts.bold
    cells = statement.get("distribution", [])
    label_w = 56
    col_w = min(44.0, (WIDTH - label_w) / max(len(cells), 1))
    top = max((c.get("count", 0) for c in cells), default=0) or 1
    rows = [
        [""] + [charts.column(min(col_w - 12, 26), 34, c.get("count", 0) / top) for c in cells],
        [kit.p(_("Rating"), "head")] + [str(c.get("value")) for c in cells],
        [kit.p(_("Count"), "head")] + [number(c.get("count", 0)) for c in cells],
        [kit.p(_("Percent"), "head")] + [percent(float(c.get("percent") or 0)) for c in cells],
    ]
    table = Table(rows, colWidths=[label_w] + [col_w] * len(cells), hAlign="LEFT")
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("FONT", (1, 1), (-1, 1), bold, 9.5),
            ("FONT", (1, 2), (-1, -1), regular, 8.5),
            ("TEXTCOLOR", (1, 1), (-1, -1), INK),
            ("LINEBELOW", (1, 0), (-1, 0), 0.6, MUTED),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
            *padding(2, 2, 3, 3),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
        ]
    )
    return table


class ScalePart(ReportPart):
    kind = "scale"

    def title(self, step: Step) -> str:
        return _("Rating scale")

    def section(self, kit: Kit, step: Step, summary: Summary) -> list[Any]:
        return scale(kit, step, cast("ScaleSummary", summary))

    def table_line(self, kit: Kit, summary: Summary) -> str:
        return "<br/>".join(
            f"{kit.text(shorten(str(s.get('text', '')), 80))}: "
            + (f"<b>{decimal(s['mean'])}</b>" if s.get("mean") is not None else "\u2013")
            for s in summary.get("statements", [])
        )
