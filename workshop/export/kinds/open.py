"""Open answers verbatim, grouped by table when the room has tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from flask_babel import gettext as _
from flask_babel import ngettext

from ..cards import DOT, answer_paragraph, legend
from ..layout import shorten
from .base import ReportPart

if TYPE_CHECKING:
    from ...domain.dialogue import Step
    from ...domain.kinds import Summary
    from ...domain.kinds.open import OpenSummary
    from ..layout import Kit


def same_text(text: Any) -> str:
    """What makes two answers the same answer: the words, whatever their case and spacing."""
    return " ".join(str(text or "").casefold().split()).rstrip(".!")


def grouped(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Identical answers as one card with their count ("Tak for i dag ×37"), in the order
    the first of each was given; a card that was merged or highlighted keeps its own line."""
    groups: dict[str, dict[str, Any]] = {}
    result: list[dict[str, Any]] = []
    for card in cards:
        key = same_text(card.get("text"))
        alone = card.get("highlighted") or card.get("merged") or not key
        if alone:
            result.append(card)
            continue
        group = groups.get(key)
        if group is None:
            group = groups[key] = {**card, "merged": [], "weight": 0}
            result.append(group)
        group["weight"] += int(card.get("weight") or 1)
        if group.get("name") != card.get("name"):
            group.pop("name", None)  # several people said it: no one name
    return result


def open_answers(kit: Kit, step: Step, summary: OpenSummary) -> list[Any]:
    shown = grouped(list(summary.get("answers", [])))
    by_table = summary.get("by_table") or {}
    if not any((result or {}).get("answers") for result in by_table.values()):
        story = [answer_paragraph(kit, card, n) for n, card in enumerate(shown, start=1)]
        return story + legend(kit, shown)
    story: list[Any] = []
    placed: set[str] = set()
    position = 0
    groups = [
        (kit.tables.get(t, t), grouped(list((r or {}).get("answers", []))))
        for t, r in by_table.items()
    ]
    for _name, table_cards in groups:
        for card in table_cards:
            placed.add(card.get("answer_id"))
            placed.update(card.get("merged") or ())
    rest = [card for card in shown if card.get("answer_id") not in placed]
    if rest:
        groups.append((_("Without a table"), rest))
    for table_name, table_cards in groups:
        count = ngettext("%(num)d answer", "%(num)d answers", len(table_cards))
        story += kit.subheading(f"{kit.text(table_name)} {kit.muted(f'{DOT} {count}')}", 60)
        if not table_cards:
            story.append(kit.box(_("No answers")))
        for card in table_cards:
            position += 1
            story.append(answer_paragraph(kit, card, position))
    return story + legend(kit, shown)


class OpenPart(ReportPart):
    kind = "open"

    def title(self, step: Step) -> str:
        return _("Open question")

    def key_result(self, kit: Kit, summary: Summary) -> str:
        cards = list(summary.get("answers", []))
        line = ngettext("%(num)d idea", "%(num)d ideas", len(cards))
        starred = [card for card in cards if card.get("highlighted")][:3]
        if starred:
            texts = " \u00b7 ".join(
                "\u2605 " + kit.text(shorten(str(card.get("text", "")), 90)) for card in starred
            )
            line += f": {texts}"
        return line

    def section(self, kit: Kit, step: Step, summary: Summary) -> list[Any]:
        return open_answers(kit, step, cast("OpenSummary", summary))

    # Open answers are grouped by table in the section itself.
    per_table = False
