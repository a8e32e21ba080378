"""The PDF report of a session: a cover with the summary, one section per step, the action
plan and an appendix on method, ready to file.

``build_pdf`` reads a ``Report`` only. It runs inside a Flask app context and writes in the
session's language. The parts live beside this module: ``overview`` (cover, summary, action
plan, appendix), ``sections`` and ``cards`` (the steps), ``charts``, ``layout`` (shared
geometry and the handling of user text), ``bidi`` (right-to-left text) and ``fonts``;
``archive`` writes the drawn pages into a PDF/A-2b file.
"""

from __future__ import annotations

import io
from functools import partial
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from flask_babel import force_locale
from flask_babel import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, SimpleDocTemplate

from . import overview
from .archive import Metadata, archival
from .clock import held
from .course import reached
from .follow_up import since_last_time
from .fonts import MUTED, RULE, get_fonts
from .layout import (
    LEFT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    RIGHT,
    WIDTH,
    Kit,
    fit,
    stamp,
)
from .sections import not_reached, step_section

if TYPE_CHECKING:
    from ..services.reports import Report

FOOTER_Y = 11 * 2.834645669  # 11 mm
HEADER_Y = PAGE_HEIGHT - 13 * 2.834645669


def build_pdf(report: Report) -> bytes:
    """The PDF report of ``report``, in the session's language."""
    with force_locale(_locale_of(report.language)):
        return _Builder(report, Kit(get_fonts())).build()


def _locale_of(language: str) -> str:
    try:
        Locale.parse(language or "da")
    except (ValueError, TypeError, UnknownLocaleError):
        return "da"
    return language or "da"


class _NumberedCanvas(Canvas):
    """Holds every page back until the end so each footer can say how many pages there are."""

    def __init__(self, *args: Any, decorate: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A reader's title bar shows the meeting's title, not the file's name, and the
        # bookmarks panel is open: the report is read by its sections.
        self.setViewerPreference("DisplayDocTitle", "true")
        self.showOutline()
        self._held_pages: list[dict[str, Any]] = []
        # Bookmarks by the page they are on: a bookmark points at the page being written,
        # so each is made when its page is really written, not while pages are held back.
        self._marks: dict[int, list[tuple[str, dict[str, Any]]]] = {}
        self._decorate = decorate

    def bookmarkPage(self, key: str, **where: Any) -> None:  # noqa: N802 (ReportLab's name)
        self._marks.setdefault(len(self._held_pages), []).append((key, where))

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            for key, where in self._marks.get(number - 1, ()):
                super().bookmarkPage(key, **where)
            self._decorate(self, number, total)
            super().showPage()
        self._held_pages.clear()
        super().save()


class _Document(SimpleDocTemplate):
    """Adds a PDF outline entry for every heading that asks for one."""

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (ReportLab's name)
        entry = getattr(flowable, "outline_entry", None)
        if entry:
            key, text = entry
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)


class _Builder:
    """Turns one report into flowables and page decorations."""

    def __init__(self, report: Report, kit: Kit) -> None:
        self.report = report
        self.kit = kit
        kit.tables = {str(k): str(v) for k, v in (getattr(report, "tables", None) or ())}
        self.title = kit.plain(report.title or report.dialogue_title).strip()
        self.tool = kit.plain(report.dialogue_title).strip()
        self.code = kit.plain(report.code)
        self.page_label = _("Page %(page)s of %(pages)s")

    def _header(self, canvas: Canvas, doc: Any) -> None:
        fonts = self.kit.fonts
        canvas.saveState()
        date = stamp(held(self.report)[0])  # when the meeting met, not when it was set up
        canvas.setFont(fonts.regular, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(RIGHT, HEADER_Y, date)
        room = WIDTH - stringWidth(date, fonts.regular, 8) - 12
        canvas.setFont(fonts.bold, 8)
        canvas.drawString(LEFT, HEADER_Y, fit(self.title, fonts.bold, 8, room))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, HEADER_Y - 4, RIGHT, HEADER_Y - 4)
        canvas.restoreState()

    def _footer(self, canvas: Canvas, number: int, total: int) -> None:
        regular = self.kit.fonts.regular
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, FOOTER_Y + 9, RIGHT, FOOTER_Y + 9)
        canvas.setFont(regular, 8)
        canvas.setFillColor(MUTED)
        page = self.page_label % {"page": number, "pages": total}
        canvas.drawRightString(RIGHT, FOOTER_Y, page)
        room = WIDTH - stringWidth(page, regular, 8) - 12
        left = f"{self.tool} \u00b7 {self.code}" if self.tool else self.code
        canvas.drawString(LEFT, FOOTER_Y, fit(left, regular, 8, room))
        canvas.restoreState()

    def build(self) -> bytes:
        report, kit = self.report, self.kit
        details = getattr(report, "details", None) or {}
        product = _("Dialogue tool")
        meta = Metadata.of(
            title=(report.title, report.dialogue_title),
            author=(details.get("facilitator"), details.get("organisation"), product),
            subject=report.dialogue_title,
            keywords=details.get("organisation"),
            language=_locale_of(report.language),
            created=report.exported_at,
            product=product,
        )
        buffer = io.BytesIO()
        doc = _Document(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=meta.title,  # the information dictionary is written again by archival()
            lang=meta.language,
            # Our own font from the first line, so no unembedded Helvetica is ever referenced.
            initialFontName=kit.fonts.regular,
        )
        story = overview.cover(kit, report)
        story += since_last_time(kit, report)  # a follow-up opens with the earlier points
        story += overview.summary(kit, report)
        # The plan right after the summary: it is what the secretary looks for first.
        story += overview.action_plan(kit, report)
        if report.steps:
            # Steps start on a fresh page, unless the summary itself ran onto a new page:
            # then they follow it there instead of leaving that page nearly empty.
            story.append(CondPageBreak(0.6 * doc.height))
        came = reached(report)
        for step_report, was_reached in zip(report.steps, came, strict=True):
            if was_reached:
                story.extend(step_section(kit, step_report))
        story += not_reached(kit, [s for s, was in zip(report.steps, came, strict=True) if not was])
        story += overview.appendix(kit, report)
        doc.build(
            story,
            onLaterPages=self._header,
            canvasmaker=partial(_NumberedCanvas, decorate=self._footer),
        )
        return archival(buffer.getvalue(), meta)
