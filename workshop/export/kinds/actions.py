"""Action points proposed on the step, confirmed ones ticked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.platypus import Spacer

from ..cards import TICK, legend
from ..plan import plan_table, sort_plan
from .base import ReportPart

if TYPE_CHECKING:
    from ...domain.dialogue import Step
    from ...domain.kinds import Summary
    from ...domain.kinds.actions import ActionsSummary
    from ..layout import Kit


def actions(kit: Kit, step: Step, summary: ActionsSummary) -> list[Any]:
    items = sort_plan(list(summary.get("items", [])))
    if not items:
        return [kit.box(_("No answers"))]
    confirmed = sum(1 for item in items if item.get("confirmed"))
    note = ngettext(
        "%(num)d of them was confirmed for the action plan (%(tick)s).",
        "%(num)d of them were confirmed for the action plan (%(tick)s).",
        confirmed,
        tick=kit.symbol(TICK, "x"),
    )
    proposed = ngettext(
        "%(num)d action point proposed.", "%(num)d action points proposed.", len(items)
    )
    return [
        plan_table(kit, items, confirmed_column=True),
        Spacer(1, 4),
        kit.p(f"{proposed} {note}", "note"),
        *legend(kit, items),
    ]


class ActionsPart(ReportPart):
    kind = "actions"

    def section(self, kit: Kit, step: Step, summary: Summary) -> list[Any]:
        return actions(kit, step, cast("ActionsSummary", summary))

    def table_line(self, kit: Kit, summary: Summary) -> str:
        items = len(summary.get("items", []))
        return ngettext("%(num)d action point", "%(num)d action points", items)

    def key_result(self, kit: Kit, summary: Summary, voted_on: bool = False) -> str:
        proposed = len(summary.get("items", []))
        confirmed = len(summary.get("plan", []))
        carried = len(summary.get("carried", []))
        if not carried:
            return ngettext(
                "%(num)d action point proposed, %(confirmed)d in the action plan",
                "%(num)d action points proposed, %(confirmed)d in the action plan",
                proposed,
                confirmed=confirmed,
            )
        # A follow-up's plan also holds the earlier points carried over: both are said, so
        # the line adds up to the plan it sums up.
        return ngettext(
            "%(num)d action point proposed, %(confirmed)d confirmed; with %(carried)d carried "
            "over from last time, %(plan)d in the action plan",
            "%(num)d action points proposed, %(confirmed)d confirmed; with %(carried)d carried "
            "over from last time, %(plan)d in the action plan",
            proposed,
            confirmed=confirmed,
            carried=carried,
            plan=confirmed + carried,
        )
