"""One section per step: its heading, its result as its kind draws it, and per-table results.

What each kind shows lives with the kind, in ``export/kinds/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.platypus import CondPageBreak, Spacer
from reportlab.platypus.flowables import HRFlowable

from .fonts import ACCENT, RULE
from .kinds import report_part
from .layout import WIDTH, Kit, continued, info, number, padding
from .paging import RowTable, headed, keep_with_start, with_start

if TYPE_CHECKING:
    from ..domain.dialogue import Step
    from ..domain.kinds import Summary
    from ..services.reports import StepReport

DOT = "\u00b7"


def kind_name(step: Step) -> str:
    return escape(report_part(step.kind).title(step))


def step_section(kit: Kit, step_report: StepReport, reached: bool = True) -> list[Any]:
    """The section of one step; ``reached`` is False when the session never came to it."""
    step, summary = step_report.step, step_report.summary
    number_ = step_report.index + 1
    heading = kit.p(
        # A dash, not a colon: many prompts have a colon of their own ("Fra plan til handling: …").
        _("Step %(number)s – %(prompt)s", number=number_, prompt=kit.text(step.prompt)),
        "heading",
    )
    heading.outline_entry = (f"step-{number_}", info(f"{number_}. {step.prompt}"))
    rule = HRFlowable(width="100%", thickness=0.8, color=ACCENT, spaceBefore=0, spaceAfter=5)
    # Room for the heading and the start of its result, so a heading never ends a page.
    story: list[Any] = [CondPageBreak(230), Spacer(1, 10)]
    heads: list[Any] = [heading, rule]
    if step.answerable:
        heads.append(kit.p(_meta(step_report), "meta"))
    if step.body:
        heads.append(kit.p(kit.text(step.body, breaks=True), "body"))
    if not step.answerable:
        # The heading, its rule and the description stay together; a long description may
        # go on to the next page once it has begun on the heading's.
        return [*story, keep_with_start(heads), Spacer(1, 6)]
    summary = summary or {}
    if not summary.get("count"):
        result: list[Any] = [
            kit.box(_("No answers") if reached else _("The session never reached this step."))
        ]
    else:
        result = list(report_part(step.kind).section(kit, step, summary))
    hidden = summary.get("hidden") or 0
    if hidden:
        message = ngettext(
            "%(num)d answer was hidden by the moderator and is not shown.",
            "%(num)d answers were hidden by the moderator and are not shown.",
            hidden,
        )
        result += [Spacer(1, 4), kit.p(message, "note")]
    result.extend(by_table(kit, step, summary, number_))
    # The heading, its rule, the line under it and the description never end a page: they
    # stay with the start of the result (not with all of it: a result taller than a page
    # would otherwise be moved whole, leaving a page with nothing on it).
    return [*story, *with_start(heads, result), Spacer(1, 12)]


def not_reached(kit: Kit, steps: list[StepReport]) -> list[Any]:
    """The steps the meeting never came to, in one line rather than a section each."""
    if not steps:
        return []
    names = " \u00b7 ".join(f"{s.index + 1}. {kit.text(s.step.prompt)}" for s in steps)
    heading = kit.p(_("Steps not reached"), "heading")
    heading.outline_entry = ("not-reached", _("Steps not reached"))
    group = keep_with_start([heading, kit.p(names, "body")])
    return [CondPageBreak(120), Spacer(1, 10), group, Spacer(1, 12)]


def _meta(step_report: StepReport) -> str:
    step, summary = step_report.step, step_report.summary or {}
    parts = [kind_name(step)]
    respondents = summary.get("count") or 0
    if respondents:
        parts.append(ngettext("%(num)d respondent", "%(num)d respondents", respondents))
    shown = step_report.answer_count - (summary.get("hidden") or 0)
    if shown > respondents:  # several answers each (a brainstorm, action points)
        parts.append(ngettext("%(num)d answer", "%(num)d answers", shown))
    return " \u00b7 ".join(parts)


def by_table(kit: Kit, step: Step, summary: Summary, number_: int) -> list[Any]:
    tables = summary.get("by_table") or {}
    part = report_part(step.kind)
    if not part.per_table or not any((r or {}).get("count") for r in tables.values()):
        return []  # the section groups its answers by table itself; or no table answered
    rows = [
        [
            kit.p(_("Table"), "head"),
            kit.p(_("Respondents"), "head_right"),
            kit.p(_("Result"), "head"),
        ]
    ]
    for table_id, result in tables.items():
        count = (result or {}).get("count") or 0
        markup = part.table_line(kit, result) if count else kit.muted(_("No answers"))
        rows.append(
            [
                kit.para(kit.tables.get(table_id, table_id), "cell_bold", 110),
                number(count),
                kit.p(markup, "small"),
            ]
        )
    title, where = _("Results per table"), _("Step %(number)s", number=number_)
    name = f"{title} {kit.muted(DOT + ' ' + where)}"
    table = RowTable(
        rows,
        colWidths=[110, 80, WIDTH - 190],
        repeatRows=1,
        splitInRow=1,
        caption=continued(kit, name),
    )
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONT", (1, 1), (1, -1), kit.fonts.regular, 9.5),
            ("ALIGN", (1, 1), (1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            *padding(4, 6, 4, 5),
        ]
    )
    return headed(kit, name, table, 90)
