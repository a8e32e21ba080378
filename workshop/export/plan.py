"""The action plan as a table (what, who, when), for the actions step and the plan section."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from flask_babel import gettext as _
from reportlab.platypus import Table

from ..domain.follow_up import carried_plan
from ..domain.kinds import kind_of
from .cards import TICK, marks, star
from .fonts import ACCENT, INK, PANEL, RULE
from .layout import WIDTH, Kit, continued, date_locale, padding, shorten
from .paging import RowTable

if TYPE_CHECKING:
    from ..services.reports import Report, StepReport


def deadline(value: Any) -> str:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return format_date(day, format="medium", locale=date_locale())


def plan_table(
    kit: Kit, items: list[dict[str, Any]], *, confirmed_column: bool, name: str | None = None
) -> Table:
    """What, who and when, one row per action point, the header repeated on every page (and,
    with a ``name``, the name too)."""
    when_w, who_w, tick_w = 78, 120, 30 if confirmed_column else 0
    what_w = WIDTH - when_w - who_w - tick_w
    heads = [(_("What"), "head"), (_("Who"), "head"), (_("When"), "head")]
    if confirmed_column:
        heads.append((kit.symbol(TICK, "x"), "head"))
    rows: list[list[Any]] = [[kit.p(text, style) for text, style in heads]]
    tick = kit.symbol(TICK, "x")
    for item in items:
        row = [
            kit.para(
                shorten(str(item.get("what") or "")),
                "cell",
                what_w - 10,
                marks(kit, item, name=False),
                star(kit, item),
                breaks=True,
            ),
            kit.para(shorten(str(item.get("who") or ""), 200), "cell", who_w - 10),
            kit.plain(deadline(item.get("when"))),
        ]
        if confirmed_column:
            row.append(tick if item.get("confirmed") else "")
        rows.append(row)
    widths = [what_w, who_w, when_w] + ([tick_w] if confirmed_column else [])
    caption = continued(kit, name) if name else None
    table = RowTable(rows, colWidths=widths, repeatRows=1, splitInRow=1, caption=caption)
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONT", (2, 1), (-1, -1), kit.fonts.regular, 9.5, 12),
            ("FONT", (3, 1), (3, -1), kit.fonts.bold, 9.5, 12),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, PANEL]),
            *padding(5, 5, 4, 5),
        ]
    )
    return table


def sort_plan(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        items, key=lambda i: (str(i.get("when") or ""), str(i.get("what") or "").casefold())
    )


def plan_points(step_report: StepReport) -> list[dict[str, Any]] | None:
    """The action points a step put in the plan; None for a step whose kind makes none."""
    return kind_of(step_report.step.kind).plan_of(step_report.summary)


def plan_items(report: Report) -> list[dict[str, Any]]:
    """The confirmed action points of every step that makes them, and those a follow-up
    carried over from the meeting before, by deadline."""
    items = [item for s in report.steps for item in plan_points(s) or []]
    return sort_plan(items + carried_plan(report.follow_up))
