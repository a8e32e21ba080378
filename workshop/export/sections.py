"""One section per step: its prompt, its result as a chart and table, and per-table results.

The chart kinds (choice, points, scale, word cloud) are drawn here; the kinds made of cards
(open answers, votes, action points) are in ``cards``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from . import cards, charts
from .fonts import ACCENT, INK, MUTED, PANEL, RULE
from .layout import WIDTH, Kit, decimal, info, number, padding, percent, shorten

if TYPE_CHECKING:
    from ..domain.dialogue import Step
    from ..services.reports import StepReport

DOT = "\u00b7"
Renderer = Callable[[Kit, "Step", dict[str, Any]], list[Any]]


def kind_name(step: Step) -> str:
    names = {
        "info": _("Information"),
        "open": _("Open question"),
        "choice": _("Multiple choice") if step.multiple else _("Single choice"),
        "scale": _("Rating scale"),
        "wordcloud": _("Word cloud"),
        "points": _("Point distribution"),
        "vote": _("Dot voting"),
        "actions": _("Action points"),
    }
    return names.get(step.kind) or escape(step.kind)


def step_section(kit: Kit, step_report: StepReport, reached: bool = True) -> list[Any]:
    """The section of one step; ``reached`` is False when the session never came to it."""
    step, summary = step_report.step, step_report.summary
    number_ = step_report.index + 1
    heading = kit.p(
        _("Step %(number)s: %(prompt)s", number=number_, prompt=kit.text(step.prompt)), "heading"
    )
    heading.outline_entry = (f"step-{number_}", info(f"{number_}. {step.prompt}"))
    story: list[Any] = [
        # Room for the heading and the start of its result, so a heading never ends a page.
        CondPageBreak(230),
        Spacer(1, 10),
        heading,
        HRFlowable(width="100%", thickness=0.8, color=ACCENT, spaceBefore=0, spaceAfter=5),
    ]
    if step.answerable:
        story.append(kit.p(_meta(step_report), "meta"))
    if step.body:
        story.append(kit.p(kit.text(step.body, breaks=True), "body"))
    if not step.answerable:
        return [*story, Spacer(1, 6)]
    summary = summary or {}
    renderer = RENDERERS.get(step.kind)
    if not summary.get("count"):
        story.append(
            kit.box(_("No answers") if reached else _("The session never reached this step."))
        )
    elif renderer is None:
        story.append(
            kit.p(_("Results of this kind of step are not included in the PDF report."), "note")
        )
    else:
        story.extend(renderer(kit, step, summary))
    hidden = summary.get("hidden") or 0
    if hidden:
        message = ngettext(
            "%(num)d answer was hidden by the moderator and is not shown.",
            "%(num)d answers were hidden by the moderator and are not shown.",
            hidden,
        )
        story += [Spacer(1, 4), kit.p(message, "note")]
    story.extend(by_table(kit, step, summary, number_))
    story.append(Spacer(1, 12))
    return story


def _meta(step_report: StepReport) -> str:
    step, summary = step_report.step, step_report.summary or {}
    parts = [kind_name(step)]
    respondents = summary.get("count") or 0
    if respondents:
        parts.append(ngettext("%(num)d respondent", "%(num)d respondents", respondents))
    shown = step_report.answer_count - (summary.get("hidden") or 0)
    if step.kind in ("open", "actions") and shown > respondents:
        parts.append(ngettext("%(num)d answer", "%(num)d answers", shown))
    return " \u00b7 ".join(parts)


def bar_table(kit: Kit, heads: list[str], rows: list[tuple[Any, float, list[str]]]) -> Table:
    """Rows of label, bar and numbers: ``heads`` names the label and number columns.

    Each row is ``(label text, share from 0 to 1, [number cells])``.
    """
    head = kit.styles["head"]
    number_ws = [max(54.0, stringWidth(h, head.fontName, head.fontSize) + 10) for h in heads[1:]]
    bar_w = 140 if len(number_ws) < 3 else 112
    label_w = WIDTH - bar_w - sum(number_ws)
    data: list[list[Any]] = [
        [kit.p(heads[0], "head"), ""] + [kit.p(h, "head_right") for h in heads[1:]]
    ]
    for label, share, cells in rows:
        data.append(
            [kit.para(label, "cell", label_w - 8), charts.bar(bar_w - 12, 9, share), *cells]
        )
    table = Table(data, colWidths=[label_w, bar_w, *number_ws], repeatRows=1, splitInRow=1)
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONT", (2, 1), (-1, -1), kit.fonts.regular, 9.5),
            ("TEXTCOLOR", (2, 1), (-1, -1), INK),
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            *padding(4, 4, 4, 5),
        ]
    )
    return table


def choice(kit: Kit, step: Step, summary: dict[str, Any]) -> list[Any]:
    rows = [
        (
            shorten(str(o.get("label", ""))),
            float(o.get("percent") or 0) / 100,
            [number(o.get("count") or 0), percent(float(o.get("percent") or 0))],
        )
        for o in summary.get("options", [])
    ]
    story: list[Any] = [bar_table(kit, [_("Option"), _("Count"), _("Percent")], rows)]
    if step.multiple:
        note = _("Several answers were allowed, so the percentages can add up to over 100.")
        story += [Spacer(1, 4), kit.p(note, "note")]
    return story


def points(kit: Kit, step: Step, summary: dict[str, Any]) -> list[Any]:
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
    budget = int(summary.get("budget") or step.budget)
    note = ngettext(
        "Each participant shared out %(num)d point; the mean is per participant.",
        "Each participant shared out %(num)d points; the mean is per participant.",
        budget,
    )
    return [bar_table(kit, heads, rows), Spacer(1, 4), kit.p(note, "note")]


def scale(kit: Kit, step: Step, summary: dict[str, Any]) -> list[Any]:
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


def wordcloud(kit: Kit, step: Step, summary: dict[str, Any]) -> list[Any]:
    words = [(kit.plain(w.get("word")), int(w.get("count") or 0)) for w in summary.get("words", [])]
    if not words:
        return [kit.box(_("No answers"))]
    drawing, _held = charts.word_cloud(words, WIDTH - 24, 200, kit.fonts.bold)
    cloud = Table([[drawing]], colWidths=[WIDTH])
    cloud.setStyle([("BACKGROUND", (0, 0), (-1, -1), PANEL), *padding(12, 12, 14, 14)])
    listed = " \u00b7 ".join(
        kit.text(w.get("word")) + "\u00a0" + kit.muted(f"({number(w.get('count') or 0)})")
        for w in summary.get("words", [])
    )
    note = ngettext(
        "%(num)d different word; the number is how many gave it.",
        "%(num)d different words; the number is how many gave each.",
        len(words),
    )
    return [
        cloud,
        Spacer(1, 6),
        *kit.subheading(_("All words"), 60),
        kit.p(note, "note"),
        kit.p(listed, "words"),
    ]


def _table_result(kit: Kit, kind: str, summary: dict[str, Any]) -> str:
    """One table's result in a line of markup."""
    sep = " \u00b7 "
    if kind == "choice":
        options = sorted(summary.get("options", []), key=lambda o: -(o.get("count") or 0))
        return sep.join(
            f"{kit.text(shorten(str(o.get('label', '')), 80))} "
            f"<b>{percent(float(o.get('percent') or 0))}</b>"
            for o in options
        )
    if kind == "points":
        options = sorted(summary.get("options", []), key=lambda o: -(o.get("points") or 0))
        return sep.join(
            f"{kit.text(shorten(str(o.get('label', '')), 80))} "
            f"<b>{percent(float(o.get('percent') or 0))}</b>"
            for o in options
        )
    if kind == "scale":
        return "<br/>".join(
            f"{kit.text(shorten(str(s.get('text', '')), 80))}: "
            + (f"<b>{decimal(s['mean'])}</b>" if s.get("mean") is not None else "\u2013")
            for s in summary.get("statements", [])
        )
    if kind == "wordcloud":
        return sep.join(
            f"{kit.text(w.get('word'))} ({number(w.get('count') or 0)})"
            for w in summary.get("words", [])[:8]
        )
    if kind == "vote":
        top = [c for c in summary.get("ranking", []) if c.get("votes")][:3]
        lines = []
        for card in top:
            votes = ngettext("%(num)d vote", "%(num)d votes", int(card.get("votes") or 0))
            lines.append(f"{kit.text(shorten(str(card.get('text', '')), 90))} <b>{votes}</b>")
        return "<br/>".join(lines)
    if kind == "actions":
        items = len(summary.get("items", []))
        return ngettext("%(num)d action point", "%(num)d action points", items)
    return ""


def by_table(kit: Kit, step: Step, summary: dict[str, Any], number_: int) -> list[Any]:
    tables = summary.get("by_table") or {}
    if step.kind == "open" or not any((r or {}).get("count") for r in tables.values()):
        return []  # open answers are grouped by table instead; no table answered: nothing
    rows = [
        [
            kit.p(_("Table"), "head"),
            kit.p(_("Respondents"), "head_right"),
            kit.p(_("Result"), "head"),
        ]
    ]
    for table_id, result in tables.items():
        count = (result or {}).get("count") or 0
        markup = _table_result(kit, step.kind, result) if count else kit.muted(_("No answers"))
        rows.append(
            [
                kit.para(kit.tables.get(table_id, table_id), "cell_bold", 110),
                number(count),
                kit.p(markup, "small"),
            ]
        )
    table = Table(rows, colWidths=[110, 80, WIDTH - 190], repeatRows=1, splitInRow=1)
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONT", (1, 1), (1, -1), kit.fonts.regular, 9.5),
            ("ALIGN", (1, 1), (1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            *padding(4, 6, 4, 5),
        ]
    )
    title, where = _("Results per table"), _("Step %(number)s", number=number_)
    return [*kit.subheading(f"{title} {kit.muted(DOT + ' ' + where)}", 90), table]


RENDERERS: dict[str, Renderer] = {
    "choice": choice,
    "points": points,
    "scale": scale,
    "wordcloud": wordcloud,
    "open": cards.open_answers,
    "vote": cards.vote,
    "actions": cards.actions,
}
