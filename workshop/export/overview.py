"""The parts of the report around the steps: the cover with the summary, the action plan and
the appendix on method."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.platypus import CondPageBreak, Spacer, Table

from ..domain.follow_up import carried_plan
from ..domain.kinds import kind_of
from ..domain.session import ENDED, LOBBY, RUNNING
from . import cards, charts
from .clock import held
from .course import reached, stopped_at
from .fonts import ACCENT, INK, LATE, PANEL, RULE
from .kinds import report_part
from .layout import (
    WIDTH,
    Kit,
    clock,
    long_date,
    number,
    padding,
    percent,
    shorten,
    stamp,
)
from .paging import RowTable, keep_with_start
from .plan import plan_items, plan_points, plan_table
from .ranking import leaders
from .sections import kind_name

if TYPE_CHECKING:
    from ..services.reports import Report, StepReport

STATUS_COLOURS = {RUNNING: LATE.hexval(), ENDED: "#23703a"}
# A meeting that ended before its last step: not the green of a meeting that went through.
EARLY_COLOUR = "#8a3b12"
DASH = "\u2013"


def cover(kit: Kit, report: Report) -> list[Any]:
    title, tool = report.title or report.dialogue_title, report.dialogue_title
    details = getattr(report, "details", None) or {}
    status = {
        LOBBY: _("Not started"),
        RUNNING: _("Running – results may still change"),
        ENDED: _("Ended"),
    }.get(report.status, kit.text(report.status))
    colour = STATUS_COLOURS.get(report.status, INK.hexval())
    early = stopped_at(report)
    if early is not None:
        status = _(
            "Ended early, at step %(step)s of %(steps)s", step=early, steps=len(report.steps)
        )
        colour = EARLY_COLOUR
    start, end = held(report)
    time = clock(start) + (f"{DASH}{clock(end)}" if end is not None else "")
    facts = [
        (_("Date"), long_date(start)),
        (_("Time"), time),
        (_("Place"), kit.text(details.get("place"))),
        (_("Facilitator"), kit.text(details.get("facilitator"))),
        (_("Participants"), number(report.participants)),
        (_("Dialogue tool"), kit.text(tool)),
        (_("Session code"), kit.text(report.code)),
        (_("Status"), f'<font color="{colour}">{status}</font>'),
    ]
    facts = [(label, value) for label, value in facts if value]
    columns = 4
    cells = [[kit.p(label, "fact_label"), kit.p(value, "fact")] for label, value in facts]
    cells += [""] * (-len(cells) % columns)
    grid = Table(
        [cells[i : i + columns] for i in range(0, len(cells), columns)],
        colWidths=[WIDTH / columns] * columns,
        hAlign="LEFT",
    )
    grid.setStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), PANEL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBEFORE", (1, 0), (-1, -1), 0.5, RULE),
            ("LINEBELOW", (0, 0), (-1, -2), 0.5, RULE),
            *padding(9, 6, 7, 8),
        ]
    )
    story: list[Any] = []
    organisation = details.get("organisation")
    story.append(kit.p(kit.text(organisation or tool), "kicker"))
    story.append(kit.para(title, "title", WIDTH))
    story += [
        kit.p(_("Report of a facilitated dialogue"), "subtitle"),
        grid,
        Spacer(1, 4),
        kit.p(_("Report created %(date)s", date=stamp(report.exported_at)), "note"),
        Spacer(1, 6),
    ]
    return story


def summary(kit: Kit, report: Report) -> list[Any]:
    heading = kit.p(_("Summary"), "section")
    heading.outline_entry = ("summary", _("Summary"))
    story: list[Any] = [heading]
    early = stopped_at(report)
    if early is not None:
        note = _(
            "The meeting ended early, at step %(step)s of %(steps)s; the steps after it were "
            "never reached.",
            step=early,
            steps=len(report.steps),
        )
        story.append(kit.box(note))
    story += _notes(kit, report)
    story += _participation(kit, report)
    story += _key_results(kit, report)
    story += _top_ideas(kit, report)
    return story


def _notes(kit: Kit, report: Report) -> list[Any]:
    """What the meeting decided, as the facilitator wrote it in the console."""
    notes = ((getattr(report, "details", None) or {}).get("notes") or "").strip()
    if not notes:
        return []
    return [
        *kit.subheading(_("Decisions and notes"), 80),
        # Wrapped by the kit: notes written right to left keep their lines in order.
        kit.para(notes, "body", WIDTH, breaks=True),
    ]


def _key_results(kit: Kit, report: Report) -> list[Any]:
    """One line per step that was answered: its main result (votes follow in full below)."""
    came = reached(report)
    # Steps whose answers a later step ranks: they asked for ideas.
    voted = {kind_of(s.step.kind).ranked_source(s.step) for s in report.steps} - {None}
    rows = []
    for step_report in report.steps:
        ranks = kind_of(step_report.step.kind).ranked_source(step_report.step) is not None
        summary = step_report.summary or {}
        if ranks or not came[step_report.index] or not summary.get("count"):
            continue  # a ranking is listed in full under the top ideas
        line = report_part(step_report.step.kind).key_result(
            kit, summary, voted_on=step_report.step.id in voted
        )
        if not line:
            continue
        label = f"{step_report.index + 1}. {shorten(step_report.step.prompt, 120)}"
        rows.append([kit.para(label, "small", 190), kit.p(line, "small")])
    if not rows:
        return []
    table = RowTable(rows, colWidths=[200, WIDTH - 200])
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            *padding(4, 4, 3, 4),
        ]
    )
    return [*kit.subheading(_("Key results"), 100), table]


def _participation(kit: Kit, report: Report) -> list[Any]:
    came = reached(report)
    steps = [s for s in report.steps if s.step.answerable]
    if not steps:
        return []
    total = report.participants
    number_w, bar_w, percent_w = 80, 100, 56
    step_w = WIDTH - number_w - bar_w - percent_w
    rows: list[list[Any]] = [
        [
            kit.p(_("Step"), "head"),
            kit.p(_("Respondents"), "head_right"),
            "",
            kit.p(_("Share"), "head_right"),
        ]
    ]
    unreached: list[int] = []
    for step_report in steps:
        count = (step_report.summary or {}).get("count") or 0
        share = min(count / total, 1.0) if total else 0.0
        label = f"{step_report.index + 1}. {shorten(step_report.step.prompt, 140)}"
        if not came[step_report.index]:  # not a step nobody answered: one never asked
            unreached.append(len(rows))
            rows.append(
                [
                    kit.para(label, "small", step_w - 8),
                    "",
                    kit.p(kit.muted(_("Not reached")), "cell_right"),
                    "",
                ]
            )
            continue
        rows.append(
            [
                kit.para(label, "small", step_w - 8),
                number(count),
                charts.bar(bar_w - 10, 7, share),
                percent(100 * share),
            ]
        )
    table = RowTable(rows, colWidths=[step_w, number_w, bar_w, percent_w], repeatRows=1)
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONT", (1, 1), (-1, -1), kit.fonts.regular, 9),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            *padding(4, 4, 2, 3),
            # "Not reached" across the bar and the share, on one line.
            *[("SPAN", (2, row), (3, row)) for row in unreached],
        ]
    )
    heading = _("Participation per step")
    note = ngettext(
        "%(count)s participant took part.",
        "%(count)s participants took part.",
        total,
        count=number(total),
    )
    return [*kit.subheading(heading, 120), kit.p(note, "meta"), table]


TOP_IDEAS, MOST_TOP_LINES = 5, 10


def _top_ideas(kit: Kit, report: Report) -> list[Any]:
    votes = [
        s
        for s in report.steps
        if kind_of(s.step.kind).ranked_source(s.step) is not None and s.summary
    ]
    story: list[Any] = []
    for step_report in votes:
        ranking = leaders(list((step_report.summary or {}).get("ranking", [])), TOP_IDEAS)
        if not ranking:
            continue
        # Ties at the cut are listed with it, unless so many tie that the list would grow
        # long (42 ideas with two votes each): then five lines, and the rest counted.
        shown = ranking if len(ranking) <= MOST_TOP_LINES else ranking[:TOP_IDEAS]
        rows = []
        for position, card in shown:
            # Wrapped, not cut to one line: two ideas that begin alike must not look the same.
            text = kit.para(
                shorten(str(card.get("text") or ""), 300),
                "cell",
                WIDTH - 108,
                cards.marks(kit, card),
                cards.star(kit, card),
            )
            count = ngettext("%(num)d vote", "%(num)d votes", int(card["votes"]))
            rows.append([kit.p(f"<b>{position}</b>", "cell"), text, count])
        tied = len(ranking) - len(shown)
        if tied:  # ties with the last line shown: counted, not listed
            more = ngettext(
                "+%(num)d more with the same number of votes",
                "+%(num)d more with the same number of votes",
                tied,
            )
            rows.append(["", kit.p(kit.muted(more), "cell"), ""])
        table = Table(rows, colWidths=[22, WIDTH - 100, 78])
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (2, 0), (2, -1), kit.fonts.regular, 9.5, 12),
                ("TEXTCOLOR", (2, 0), (2, -1), INK),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("TEXTCOLOR", (0, 0), (0, -1), ACCENT),
                *padding(4, 4, 3, 4),
            ]
        )
        heading = _("Top-voted ideas")
        if len(votes) > 1:
            heading += (
                f" {kit.muted(f'({step_report.index + 1}. {kit.text(step_report.step.prompt)})')}"
            )
        story += [*kit.subheading(heading, 100), table]
    return story


def _has_plan(report: Report) -> bool:
    return bool(carried_plan(report.follow_up)) or any(
        plan_points(s) is not None for s in report.steps
    )


def action_plan(kit: Kit, report: Report) -> list[Any]:
    if not _has_plan(report):
        return []
    heading = kit.p(_("Action plan"), "section")
    heading.outline_entry = ("action-plan", _("Action plan"))
    items = plan_items(report)
    story: list[Any] = [CondPageBreak(200), Spacer(1, 8), heading]
    if not items:
        if not any(
            was and plan_points(s) is not None
            for s, was in zip(report.steps, reached(report), strict=True)
        ):
            message = _("The meeting ended before its action step: no action points were made.")
            return [*story, kit.box(message)]
        return [*story, kit.box(_("No action points have been confirmed."))]
    intro = _("The action points the facilitator confirmed, sorted by deadline.")
    if carried_plan(report.follow_up):
        intro = _(
            "The action points the facilitator confirmed, and those carried over from the "
            "meeting before, sorted by deadline."
        )
    table = plan_table(kit, items, confirmed_column=False, name=_("Action plan"))
    *story, heading = story
    group = keep_with_start([heading, kit.p(intro, "meta"), table])
    return [*story, group, *cards.legend(kit, items)]


def _minutes(seconds: float) -> str:
    if seconds < 60:
        return _("under 1 min")
    return _("%(num)s min", num=number(round(seconds / 60)))


def _used(step_report: StepReport, report: Report) -> float | None:
    if not step_report.visits:
        return None
    end = report.exported_at.timestamp()
    return sum(
        max(0.0, (left if left is not None else end) - entered)
        for entered, left in step_report.visits
    )


def appendix(kit: Kit, report: Report) -> list[Any]:
    tool = report.dialogue_title
    heading = kit.p(_("Appendix: method"), "section")
    heading.outline_entry = ("method", _("Appendix: method"))
    intro = _(
        "The session followed the dialogue tool %(tool)s. For each step: the time planned for "
        "it (its time box) and the time the room actually spent on it.",
        tool="<b>" + kit.text(tool) + "</b>",
    )
    box_w, used_w, kind_w, number_w = 64, 74, 104, 24
    step_w = WIDTH - box_w - used_w - kind_w - number_w
    rows: list[list[Any]] = [
        [
            kit.p("#", "head"),
            kit.p(_("Step"), "head"),
            kit.p(_("Kind"), "head"),
            kit.p(_("Time box"), "head_right"),
            kit.p(_("Time used"), "head_right"),
        ]
    ]
    boxes, used_total, late_rows = 0, 0.0, []
    every_boxed = all(s.step.settings.time_box for s in report.steps)
    for step_report in report.steps:
        step = step_report.step
        box = step.settings.time_box
        used = _used(step_report, report)
        boxes += box or 0
        used_total += used or 0.0
        if used is None:
            used_cell = kit.p(kit.muted(_("Not reached")), "cell_right")
        else:
            used_cell = kit.p(_minutes(used), "cell_right")
            if box and used > box * 60 + 30:
                late_rows.append(len(rows))
        rows.append(
            [
                f"{step_report.index + 1}.",
                kit.para(shorten(step.prompt, 200), "cell", step_w - 8),
                kit.p(kind_name(step), "small"),
                kit.p(_minutes(box * 60) if box else DASH, "cell_right"),
                used_cell,
            ]
        )
    rows.append(
        [
            "",
            kit.p(_("Total"), "cell_bold"),
            "",
            kit.p(f"<b>{_minutes(boxes * 60)}</b>" if every_boxed else DASH, "cell_right"),
            kit.p(f"<b>{_minutes(used_total)}</b>", "cell_right"),
        ]
    )
    note = _(
        "Time used runs from when the room moved to a step until it moved on; a step visited "
        "more than once counts every visit."
    )
    if late_rows:
        note += " " + _("Marked in orange: more than the time box.")
    rows.append([kit.p(note, "note"), "", "", "", ""])
    table = RowTable(rows, colWidths=[number_w, step_w, kind_w, box_w, used_w], repeatRows=1)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 1), (0, -1), kit.fonts.regular, 9.5),
        ("TEXTCOLOR", (0, 1), (0, -1), ACCENT),
        ("LINEBELOW", (0, 0), (-1, -3), 0.5, RULE),
        ("LINEABOVE", (0, -2), (-1, -2), 0.8, INK),
        *padding(4, 4, 4, 5),
        # The note is the table's last row, so it never stands alone on a page of its own.
        ("SPAN", (0, -1), (-1, -1)),
        ("TOPPADDING", (0, -1), (-1, -1), 8),
    ]
    style += [("BACKGROUND", (4, row), (4, row), "#fbe9d0") for row in late_rows]
    table.setStyle(style)
    return [
        CondPageBreak(250),
        Spacer(1, 8),
        keep_with_start([heading, kit.p(intro, "body"), table]),
    ]
