"""What every part of the PDF report shares: the page geometry, numbers and user text.

``Kit`` carries the fonts and styles of one build. Every piece of user text goes through it:
cleaned down to what the fonts draw, put in drawing order when it is right-to-left, and
escaped before it reaches Paragraph markup, so no answer can break the layout or the build.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from babel.dates import format_date, format_time
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Paragraph, Table

from . import bidi
from .clock import LOCAL_TIME
from .fonts import PANEL, Fonts, paragraph_styles

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_PADDING = 6  # platypus frames pad their content by this on every side
LEFT = MARGIN_X + FRAME_PADDING
RIGHT = PAGE_WIDTH - MARGIN_X - FRAME_PADDING
WIDTH = RIGHT - LEFT
# Text inside tables (a card, an action point) is cut here: it is given in full elsewhere or
# is short by validation, and a row must never grow taller than a page.
CELL_LIMIT = 600
# The narrowest box user text is set in inside our own markup: a quarter of the page width
# less its padding (the facts on the cover). A right-to-left run this narrow is kept whole.
BOX_TEXT_WIDTH = WIDTH / 4 - 18


def local(moment: datetime | float) -> datetime:
    """A moment (datetime or epoch seconds) in Danish local time."""
    if not isinstance(moment, datetime):
        moment = datetime.fromtimestamp(moment, UTC)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TIME)


def stamp(moment: datetime) -> str:
    """A compact date and time for headers and notes: 04.03.2025 18:30."""
    return local(moment).strftime("%d.%m.%Y %H:%M")


def date_locale() -> str:
    """The locale dates are written in: English as in Britain and Denmark (4 March 2025), so
    an English report's dates read the same way as its page header (04.03.2025)."""
    language = str(get_locale() or "da")
    return "en_GB" if language.split("_")[0] == "en" else language


def long_date(moment: datetime | float) -> str:
    return format_date(local(moment), format="long", locale=date_locale())


def clock(moment: datetime | float) -> str:
    return format_time(local(moment), format="HH:mm", locale=str(get_locale() or "da"))


def number(value: float) -> str:
    return format_decimal(value, format="#,##0")


def percent(value: float) -> str:
    return _("%(percent)s%%", percent=format_decimal(value, format="0.0"))


def decimal(value: float) -> str:
    # One decimal everywhere, in the reader's decimal mark: 2,5 beside 2,7, never 2,67.
    return format_decimal(value, format="0.0")


def padding(left: float, right: float, top: float, bottom: float) -> list[tuple]:
    return [
        (f"{side}PADDING", (0, 0), (-1, -1), amount)
        for side, amount in (("LEFT", left), ("RIGHT", right), ("TOP", top), ("BOTTOM", bottom))
    ]


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, shortened with an ellipsis until it fits ``width``."""
    text = " ".join(text.split())
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", font, size) > width:
        text = text[: max(0, min(len(text) - 1, int(len(text) * 0.9)))]
    return text.rstrip() + "\u2026"


def info(text: Any) -> str:
    """Text for the document information and outline: reading order, no control characters
    (a PDF viewer draws these itself, in its own fonts)."""
    kept = "".join(c for c in str(text or "") if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    return " ".join(kept.split())


def shorten(text: str, limit: int = CELL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


class Kit:
    """The fonts and styles of one build, and the ways user text enters the document."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.styles = paragraph_styles(fonts)
        self._clean = fonts.cleaner.clean
        self._right: dict[str, ParagraphStyle] = {}
        self.tables: dict[str, str] = {}  # table id -> name

    def _prepare(self, text: Any, breaks: bool = False) -> tuple[str, bool]:
        """User text cleaned (and Arabic joined), and whether it holds right-to-left letters.

        Without ``breaks`` every run of white space (line breaks too) becomes one space.
        """
        cleaned = self._clean(str(text or ""))
        if not breaks:
            cleaned = " ".join(cleaned.split())
        if not bidi.has_rtl(cleaned):
            return cleaned, False
        return bidi.shape(cleaned, self.fonts.cleaner.covered), True

    def plain(self, text: Any) -> str:
        """User text for a canvas or a drawing: drawable characters, in drawing order.

        A canvas line has one font: a symbol only the symbol font draws is left out.
        """
        cleaned, rtl = self._prepare(text)
        if self.fonts.symbol_chars:
            cleaned = "".join(c for c in cleaned if ord(c) not in self.fonts.symbol_chars)
        return bidi.visual(cleaned) if rtl else cleaned

    def text(self, text: Any, breaks: bool = False) -> str:
        """User text as Paragraph markup: cleaned, in drawing order, escaped; symbols and
        emoji the text font lacks are set in the symbol font."""
        cleaned, rtl = self._prepare(text, breaks)
        if rtl:
            lines = cleaned.split("\n")
            cleaned = "\n".join(bidi.visual(bidi.glued(line, self._fits_box)) for line in lines)
        markup = escape(cleaned).replace("\n", "<br/>")
        return self._symbols(markup) if self.fonts.symbol_chars else markup

    def _fits_box(self, run: str) -> bool:
        """Whether ``run`` fits one line of the narrowest box that sets user text inside our
        markup (a fact on the cover: a quarter of the width, in bold 10.5 pt)."""
        return stringWidth(run, self.fonts.bold, 10.5) <= BOX_TEXT_WIDTH

    def _symbols(self, markup: str) -> str:
        extra, name = self.fonts.symbol_chars, self.fonts.symbols
        if not any(ord(c) in extra for c in markup):
            return markup
        parts, run = [], []
        for char in markup:
            if ord(char) in extra:
                run.append(char)
                continue
            if run:
                parts.append(f'<font name="{name}">{"".join(run)}</font>')
                run = []
            parts.append(char)
        if run:
            parts.append(f'<font name="{name}">{"".join(run)}</font>')
        return "".join(parts)

    def line(self, text: Any, style: str, width: float) -> str:
        """User text as markup cut with an ellipsis to one line of ``width`` in ``style``."""
        chosen = self.styles[style]
        cut = fit(self._clean(str(text or "")), chosen.fontName, chosen.fontSize, width)
        return self.text(cut)

    def para(
        self,
        text: Any,
        style: str,
        width: float,
        suffix: str = "",
        prefix: str = "",
        breaks: bool = False,
        **kw: Any,
    ) -> Paragraph:
        """A paragraph of user text ``width`` wide; right-to-left text is wrapped here.

        ``prefix`` and ``suffix`` are markup around the text (a mark, a count, a name);
        ``breaks`` keeps its line breaks; ``kw`` goes to Paragraph.
        """
        cleaned, rtl = self._prepare(text, breaks)
        chosen = self.styles[style]
        if not (rtl and bidi.starts_rtl(cleaned)):
            return Paragraph(prefix + self.text(cleaned, breaks) + suffix, chosen, **kw)
        room = (width - chosen.leftIndent - chosen.rightIndent) * 0.97
        font, size = chosen.fontName, chosen.fontSize
        lines = bidi.visual_lines(cleaned, lambda s: stringWidth(s, font, size), room)
        markup = prefix + "<br/>".join(escape(line) for line in lines)
        return Paragraph(markup + (f"<br/>{suffix}" if suffix else ""), self._rtl(chosen), **kw)

    def _rtl(self, style: ParagraphStyle) -> ParagraphStyle:
        if style.name not in self._right:
            self._right[style.name] = ParagraphStyle(
                f"{style.name}_rtl", parent=style, alignment=TA_RIGHT
            )
        return self._right[style.name]

    def symbol(self, wanted: str, fallback: str) -> str:
        """``wanted`` when the fonts have it, else ``fallback``."""
        covered = self.fonts.cleaner.covered
        return wanted if all(ord(c) in covered for c in wanted) else fallback

    def p(self, markup: str, style: str) -> Paragraph:
        """A paragraph of our own (already safe) markup."""
        return Paragraph(markup, self.styles[style])

    def subheading(self, markup: str, room: float = 80) -> list[Any]:
        """A subheading that starts a new page unless ``room`` is left for what follows it.

        (Not keep-with-next: that would move a long table whole to the next page.)
        """
        return [CondPageBreak(room), self.p(markup, "subheading")]

    def box(self, markup: str, style: str = "empty") -> Table:
        """A shaded full-width box with a short message, such as "No answers"."""
        box = Table([[self.p(markup, style)]], colWidths=[WIDTH])
        box.setStyle([("BACKGROUND", (0, 0), (-1, -1), PANEL), *padding(10, 6, 7, 8)])
        return box

    def muted(self, markup: str) -> str:
        return f'<font color="{self.styles["note"].textColor.hexval()}">{markup}</font>'


class NamedTable(Table):
    """A table that says its name again, "(continued)", at the top of each page it runs on to.

    ``caption`` makes that line afresh each time the table is split; it keeps with the rest
    of the table, so it never ends a page alone. A table split from this one is made by
    ReportLab without the caption, so the caption is handed on here.
    """

    def __init__(self, *args: Any, caption: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.caption = caption

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2 or self.caption is None:
            return parts
        first, rest = parts
        rest.caption = self.caption
        line = self.caption()
        line.keepWithNext = True
        return [first, line, rest]


def continued(kit: Kit, name: str) -> Any:
    """The caption of a NamedTable: ``name`` (markup) followed by "(continued)"."""
    word = _("(continued)")
    return lambda: kit.p(f"{name} {kit.muted(word)}", "subheading")
