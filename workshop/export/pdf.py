"""The PDF report of a session: a header, then every step with its results, ready to file.

``build_pdf`` reads a ``Report`` only. It runs inside a Flask app context and writes in the
session's language. Every piece of user text goes through the font cleaner and is escaped
before it reaches Paragraph markup, so no answer can break the layout or the build.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from flask_babel import force_locale, format_decimal, ngettext
from flask_babel import gettext as _
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from .fonts import BAR, INK, MUTED, PANEL, RULE, TRACK, Fonts, get_fonts, paragraph_styles

if TYPE_CHECKING:
    from ..services.reports import Report, StepReport

try:
    from zoneinfo import ZoneInfo

    LOCAL_TIME: Any = ZoneInfo("Europe/Copenhagen")
except (ImportError, KeyError, OSError):  # no tzdata: say UTC rather than guess
    LOCAL_TIME = None

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_PADDING = 6  # platypus frames pad their content by this on every side
LEFT = MARGIN_X + FRAME_PADDING
RIGHT = PAGE_WIDTH - MARGIN_X - FRAME_PADDING
WIDTH = RIGHT - LEFT

STATUS_COLOURS = {"running": "#a15c00", "ended": "#23703a", "lobby": MUTED.hexval()}


def build_pdf(report: Report) -> bytes:
    """The PDF report of ``report``, in the session's language."""
    with force_locale(_locale_of(report.language)):
        return _Builder(report, get_fonts()).build()


def _locale_of(language: str) -> str:
    try:
        Locale.parse(language or "da")
    except (ValueError, TypeError, UnknownLocaleError):
        return "da"
    return language or "da"


def _local(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if LOCAL_TIME is None:
        return moment.astimezone(UTC).strftime("%d.%m.%Y %H:%M UTC")
    return moment.astimezone(LOCAL_TIME).strftime("%d.%m.%Y %H:%M")


def _padding(left: float, right: float, top: float, bottom: float) -> list[tuple]:
    return [
        (f"{side}PADDING", (0, 0), (-1, -1), amount)
        for side, amount in (("LEFT", left), ("RIGHT", right), ("TOP", top), ("BOTTOM", bottom))
    ]


def _percent(value: float) -> str:
    return _("%(percent)s%%", percent=format_decimal(value, format="0.0"))


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis until it fits ``width`` on one line."""
    text = " ".join(text.split())
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", font, size) > width:
        text = text[: max(0, min(len(text) - 1, int(len(text) * 0.9)))]
    return text.rstrip() + "\u2026"


class _NumberedCanvas(Canvas):
    """Holds every page back until the end so each footer can say how many pages there are."""

    def __init__(self, *args: Any, decorate: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []
        self._decorate = decorate

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            super().showPage()
        super().save()


class _Document(SimpleDocTemplate):
    """Adds a PDF outline entry for every step heading."""

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (ReportLab's name)
        entry = getattr(flowable, "outline_entry", None)
        if entry:
            key, text = entry
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)


class _Builder:
    """Turns one report into flowables and page decorations."""

    def __init__(self, report: Report, fonts: Fonts) -> None:
        self.report = report
        self.fonts = fonts
        self.clean = fonts.cleaner.clean
        self.markup = fonts.cleaner.markup
        self.title = self.clean(report.title or report.dialogue_title).strip()
        self.tool = self.clean(report.dialogue_title).strip()
        self.page_label = _("Page %(page)s of %(pages)s")
        self.styles = paragraph_styles(fonts)

    # -- page furniture -------------------------------------------------------------------------

    def _later_page(self, canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        y = PAGE_HEIGHT - 13 * mm
        date = _local(self.report.created_at)
        canvas.setFont(self.fonts.regular, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(RIGHT, y, date)
        room = WIDTH - stringWidth(date, self.fonts.regular, 8) - 12
        canvas.setFont(self.fonts.bold, 8)
        canvas.drawString(LEFT, y, _fit(self.title, self.fonts.bold, 8, room))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, y - 4, RIGHT, y - 4)
        canvas.restoreState()

    def _footer(self, canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        y = 11 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, y + 9, RIGHT, y + 9)
        canvas.setFont(self.fonts.regular, 8)
        canvas.setFillColor(MUTED)
        page = self.page_label % {"page": number, "pages": total}
        canvas.drawRightString(RIGHT, y, page)
        room = WIDTH - stringWidth(page, self.fonts.regular, 8) - 12
        left = f"{self.tool} \u00b7 {self.report.code}" if self.tool else self.report.code
        canvas.drawString(LEFT, y, _fit(self.clean(left), self.fonts.regular, 8, room))
        canvas.restoreState()

    # -- the document ---------------------------------------------------------------------------

    def build(self) -> bytes:
        buffer = io.BytesIO()
        product = _("Dialogue tool")
        doc = _Document(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=self.title,
            author=product,
            creator=product,
            subject=self.tool,
            lang=self.report.language or None,
        )
        story = self._header()
        for step_report in self.report.steps:
            story.extend(self._step(step_report))
        doc.build(
            story,
            onLaterPages=self._later_page,
            canvasmaker=partial(_NumberedCanvas, decorate=self._footer),
        )
        return buffer.getvalue()

    def _header(self) -> list[Any]:
        s, report = self.styles, self.report
        status_name = {
            "lobby": _("Not started"),
            "running": _("Running – results may still change"),
            "ended": _("Ended"),
        }.get(report.status, self.markup(str(report.status)))
        colour = STATUS_COLOURS.get(report.status, MUTED.hexval())
        facts = [
            (_("Date"), _local(report.created_at)),
            (_("Session code"), self.markup(report.code)),
            (_("Participants"), str(report.participants)),
            (_("Status"), f'<font color="{colour}">{status_name}</font>'),
        ]
        widths = [WIDTH * 0.25, WIDTH * 0.19, WIDTH * 0.18, WIDTH * 0.38]
        cells = [
            [Paragraph(label, s["fact_label"]), Paragraph(value, s["fact"])]
            for label, value in facts
        ]
        table = Table([cells], colWidths=widths, hAlign="LEFT")
        table.setStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.5, RULE),
                *_padding(9, 6, 7, 8),
            ]
        )
        story: list[Any] = []
        if self.tool:
            story.append(Paragraph(self.markup(self.tool), s["kicker"]))
        story += [
            Paragraph(self.markup(self.title), s["title"]),
            table,
            Spacer(1, 4),
            Paragraph(_("Report created %(date)s", date=_local(report.exported_at)), s["note"]),
            Spacer(1, 10),
        ]
        return story

    # -- steps ------------------------------------------------------------------------------------

    def _step(self, step_report: StepReport) -> list[Any]:
        s, step, summary = self.styles, step_report.step, step_report.summary
        number = step_report.index + 1
        heading = Paragraph(
            _("Step %(number)s: %(prompt)s", number=number, prompt=self.markup(step.prompt)),
            s["heading"],
        )
        heading.outline_entry = (f"step-{number}", self.clean(f"{number}. {step.prompt}"))
        story: list[Any] = [
            HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=6, spaceAfter=8),
            heading,
        ]
        meta = self._meta(step_report)
        if meta:
            story.append(Paragraph(meta, s["meta"]))
        if step.body:
            story.append(Paragraph(self.markup(step.body), s["body"]))
        if not step.answerable:
            story.append(Spacer(1, 6))
            return story
        count = (summary or {}).get("count") or 0
        if not summary or not (count or step_report.answer_count):
            story.append(self._no_answers())
        elif step.kind == "choice":
            story.extend(self._choice(step_report.step, summary))
        elif step.kind == "scale":
            story.extend(self._scale(summary))
        elif step.kind == "open":
            story.extend(self._open(summary))
        else:
            story.append(
                Paragraph(
                    _("Results of this kind of step are not included in the PDF report."),
                    s["note"],
                )
            )
        story.append(Spacer(1, 10))
        return story

    def _meta(self, step_report: StepReport) -> str:
        step, summary = step_report.step, step_report.summary or {}
        kinds = {
            "open": _("Open question"),
            "choice": _("Multiple choice") if step.multiple else _("Single choice"),
            "scale": _("Rating scale"),
        }
        if not step.answerable:
            return ""
        parts = [kinds.get(step.kind, self.markup(step.kind))]
        if step.kind == "open" and step_report.answer_count:
            parts.append(ngettext("%(num)d answer", "%(num)d answers", step_report.answer_count))
        respondents = summary.get("count") or 0
        if respondents:
            parts.append(ngettext("%(num)d respondent", "%(num)d respondents", respondents))
        return " \u00b7 ".join(parts)

    def _no_answers(self) -> Table:
        box = Table([[Paragraph(_("No answers"), self.styles["empty"])]], colWidths=[WIDTH])
        box.setStyle([("BACKGROUND", (0, 0), (-1, -1), PANEL), *_padding(10, 6, 7, 8)])
        return box

    def _choice(self, step: Any, summary: dict[str, Any]) -> list[Any]:
        s = self.styles
        count_w, percent_w, bar_w = 48, 58, 150
        label_w = WIDTH - count_w - percent_w - bar_w
        heads = [(_("Option"), "head"), ("", "head"), (_("Count"), "head_right")]
        rows = [[Paragraph(text, s[name]) for text, name in [*heads, (_("Percent"), "head_right")]]]
        for option in summary.get("options", []):
            share = float(option.get("percent") or 0)
            rows.append(
                [
                    Paragraph(self.markup(str(option.get("label", ""))), s["cell"]),
                    _bar(bar_w - 12, 9, share / 100),
                    str(option.get("count", 0)),
                    _percent(share),
                ]
            )
        table = Table(rows, colWidths=[label_w, bar_w, count_w, percent_w], repeatRows=1)
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONT", (2, 1), (-1, -1), self.fonts.regular, 9.5),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                *_padding(4, 4, 4, 5),
            ]
        )
        story: list[Any] = [table]
        if step.multiple:
            story += [
                Spacer(1, 4),
                Paragraph(
                    _("Several answers were allowed, so the percentages can add up to over 100."),
                    s["note"],
                ),
            ]
        return story

    def _scale(self, summary: dict[str, Any]) -> list[Any]:
        s = self.styles
        scale = summary.get("scale") or {}
        low, high = scale.get("min", 1), scale.get("max", 5)
        ends = []
        for value, label in ((low, scale.get("min_label")), (high, scale.get("max_label"))):
            ends.append(f"{value} ({self.markup(label)})" if label else str(value))
        story: list[Any] = [
            Paragraph(_("Scale from %(low)s to %(high)s", low=ends[0], high=ends[1]), s["meta"])
        ]
        for statement in summary.get("statements", []):
            count = statement.get("count") or 0
            block: list[Any] = [
                Paragraph(self.markup(str(statement.get("text", ""))), s["statement"])
            ]
            if not count:
                block.append(self._no_answers())
                story.append(KeepTogether(block))
                continue
            parts = [ngettext("%(num)d respondent", "%(num)d respondents", count)]
            if statement.get("mean") is not None:
                mean = format_decimal(statement["mean"], format="0.0#")
                parts.append(_("Mean %(mean)s", mean=mean))
            block += [Paragraph(" \u00b7 ".join(parts), s["meta"]), self._distribution(statement)]
            story.append(KeepTogether(block))
        return story

    def _distribution(self, statement: dict[str, Any]) -> Table:
        s, regular, bold = self.styles, self.fonts.regular, self.fonts.bold
        cells = statement.get("distribution", [])
        label_w = 56
        col_w = min(44.0, (WIDTH - label_w) / max(len(cells), 1))
        top = max((c.get("count", 0) for c in cells), default=0) or 1
        rows = [
            [""] + [_column(min(col_w - 12, 26), 34, c.get("count", 0) / top) for c in cells],
            [Paragraph(_("Rating"), s["head"])] + [str(c.get("value")) for c in cells],
            [Paragraph(_("Count"), s["head"])] + [str(c.get("count", 0)) for c in cells],
            [Paragraph(_("Percent"), s["head"])]
            + [_percent(float(c.get("percent") or 0)) for c in cells],
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
                *_padding(2, 2, 3, 3),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
            ]
        )
        return table

    def _open(self, summary: dict[str, Any]) -> list[Any]:
        style, markup = self.styles["answer"], self.markup
        return [
            Paragraph(markup(str(item.get("text") or "")), style, bulletText=f"{number}.")
            for number, item in enumerate(summary.get("answers", []), start=1)
        ]


def _bar(width: float, height: float, share: float) -> Drawing:
    """A horizontal bar on a light track; ``share`` runs from 0 to 1."""
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=TRACK, strokeColor=None))
    filled = width * max(0.0, min(share, 1.0))
    if filled > 0:
        drawing.add(Rect(0, 0, max(filled, 1.5), height, fillColor=BAR, strokeColor=None))
    return drawing


def _column(width: float, height: float, share: float) -> Drawing:
    """A vertical bar standing on the baseline; ``share`` runs from 0 to 1."""
    drawing = Drawing(width, height)
    filled = height * max(0.0, min(share, 1.0))
    if filled > 0:
        drawing.add(Rect(0, 0, width, max(filled, 1.5), fillColor=BAR, strokeColor=None))
    return drawing
