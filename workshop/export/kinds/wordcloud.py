"""A word cloud drawn for the report, then every word with how many gave it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.platypus import Spacer, Table

from ...domain.kinds.wordcloud import counted_as, hidden_words, merged_words
from .. import charts
from ..fonts import PANEL
from ..layout import WIDTH, number, padding
from .base import ReportPart

if TYPE_CHECKING:
    from ...domain.answers import Context
    from ...domain.dialogue import Step
    from ...domain.kinds import Summary
    from ...domain.kinds.wordcloud import WordcloudSummary
    from ..layout import Kit


def drawn(kit: Kit, word: Any) -> tuple[str, str]:
    """A word as the cloud draws it, and its font: an emoji-only word in the symbol font
    (a line of a drawing has one font, so a word that mixes them keeps its letters)."""
    letters = kit.plain(word)
    if letters.strip() or not kit.fonts.symbols:
        return letters, kit.fonts.bold
    cleaned = kit.fonts.cleaner.clean(str(word or ""))
    return "".join(c for c in cleaned if ord(c) in kit.fonts.symbol_chars), kit.fonts.symbols


def wordcloud(kit: Kit, step: Step, summary: WordcloudSummary) -> list[Any]:
    words = []
    for given in summary.get("words", []):
        text, font = drawn(kit, given.get("word"))
        words.append((text, int(given.get("count") or 0), font))
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


class WordcloudPart(ReportPart):
    kind = "wordcloud"

    def section(self, kit: Kit, step: Step, summary: Summary) -> list[Any]:
        return wordcloud(kit, step, cast("WordcloudSummary", summary))

    def readable(self, step: Step, value: Any, context: Context) -> str:
        """One answer's words as the room counted them: a word the facilitator hid is left
        out (and said to be), a merged variant written with the word it counted as."""
        hidden, merged = set(hidden_words(context.tidy)), merged_words(context.tidy)
        shown, left_out = [], 0
        for word in value if isinstance(value, list) else [value]:
            into = counted_as(str(word), merged)
            if word in hidden or into in hidden:
                left_out += 1
            else:
                shown.append(word if into == word else f"{word} \u2192 {into}")
        text = ", ".join(str(word) for word in shown)
        if left_out:
            note = ngettext("(%(num)d word hidden)", "(%(num)d words hidden)", left_out)
            text = f"{text} {note}" if text else note
        return text

    def table_line(self, kit: Kit, summary: Summary) -> str:
        sep = " \u00b7 "
        return sep.join(
            f"{kit.text(w.get('word'))} ({number(w.get('count') or 0)})"
            for w in summary.get("words", [])[:8]
        )
