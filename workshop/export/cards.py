"""How a card is drawn in the report: its text, its marks and a legend for them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from reportlab.platypus import Spacer

from .fonts import ACCENT, MARK
from .layout import WIDTH, Kit

STAR, TICK, TIMES, DOT, PENCIL = "\u2605", "\u2713", "\u00d7", "\u00b7", "\u270e"

if TYPE_CHECKING:
    pass


def marks(kit: Kit, card: dict[str, Any], *, name: bool = True) -> str:
    """The markup after a card's text: how many answers it holds, and who wrote it."""
    parts = []
    weight = int(card.get("weight") or 1)
    if weight > 1:
        parts.append(f'<font color="{ACCENT.hexval()}"><b>{TIMES}{weight}</b></font>')
    if name and card.get("name"):
        parts.append(kit.muted(f"\u2013 {kit.text(card['name'])}"))
    if card.get("edited"):  # the facilitator rewrote it
        parts.append(kit.muted(edited_mark(kit)))
    if card.get("carried"):  # an earlier meeting's point, carried into this plan
        parts.append(kit.muted(_("(carried over)")))
    return ("&nbsp;&nbsp;" + " ".join(parts)) if parts else ""


def edited_mark(kit: Kit) -> str:
    return kit.symbol(PENCIL, _("(edited)"))


def star(kit: Kit, card: dict[str, Any]) -> str:
    if not card.get("highlighted"):
        return ""
    return f'<font color="{MARK.hexval()}">{kit.symbol(STAR, "*")}</font> '


def legend(kit: Kit, shown: list[dict[str, Any]]) -> list[Any]:
    """A note explaining the marks, when any card carries one."""
    parts = []
    if any(card.get("highlighted") for card in shown):
        parts.append(_("%(star)s highlighted by the facilitator", star=kit.symbol(STAR, "*")))
    if any(card.get("edited") for card in shown):
        parts.append(_("%(mark)s rewritten by the facilitator", mark=edited_mark(kit)))
    if any(int(card.get("weight") or 1) > 1 for card in shown):
        parts.append(_("%(times)s answers merged, or worded alike, as one", times=TIMES + "N"))
    return [Spacer(1, 2), kit.p(" \u00b7 ".join(parts), "note")] if parts else []


def answer_paragraph(kit: Kit, card: dict[str, Any], position: int) -> Any:
    style = "answer_marked" if card.get("highlighted") else "answer"
    text = str(card.get("text") or "")
    return kit.para(
        text,
        style,
        WIDTH,
        prefix=star(kit, card),
        suffix=marks(kit, card),
        breaks=True,
        bulletText=f"{position}.",
    )
