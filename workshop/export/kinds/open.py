"""Open answers verbatim, grouped by table when the room has tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from flask_babel import gettext as _
from flask_babel import ngettext

from ..cards import DOT, answer_paragraph, legend
from ..layout import WIDTH, continued, padding, shorten
from ..paging import RowTable, headed
from .base import ReportPart

if TYPE_CHECKING:
    from ...domain.dialogue import Step
    from ...domain.kinds import Summary
    from ...domain.kinds.open import OpenSummary
    from ..layout import Kit


def open_answers(kit: Kit, step: Step, summary: OpenSummary) -> list[Any]:
    room = list(summary.get("answers", []))
    by_table = summary.get("by_table") or {}
    if not any((result or {}).get("answers") for result in by_table.values()):
        shown = room  # identical answers are one card already, as the room saw them
        story = [answer_paragraph(kit, card, n) for n, card in enumerate(shown, start=1)]
        return story + legend(kit, shown)
    # Each table's cards as the domain listed them (a card merged across tables at the table
    # of the card it went into), then the cards of the people at no table.
    tables = [
        (kit.tables.get(t, t), list((r or {}).get("answers", []))) for t, r in by_table.items()
    ]
    if "without_table" in summary:
        rest = list((summary.get("without_table") or {}).get("answers", []))
    else:  # a summary made before it had the people at no table in a part of their own
        placed = {card.get("answer_id") for _name, cards in tables for card in cards}
        rest = [card for card in room if card.get("answer_id") not in placed]
    if rest:
        tables.append((_("Without a table"), rest))
    story: list[Any] = []
    shown: list[dict[str, Any]] = []
    position = 0
    for table_name, cards in tables:
        table_cards = cards
        shown += table_cards
        # The heading counts answers, not lines: "Tak ×3" is three answers.
        answers = sum(int(card.get("weight") or 1) for card in table_cards)
        count = ngettext("%(num)d answer", "%(num)d answers", answers)
        name = f"{kit.text(table_name)} {kit.muted(f'{DOT} {count}')}"
        if not table_cards:
            story += headed(kit, name, kit.box(_("No answers")), 60)
            continue
        rows = []
        for card in table_cards:
            position += 1
            rows.append([answer_paragraph(kit, card, position)])
        # One column without lines: it reads as the list it is; a short list stays whole, a
        # long one leaves no answer alone on a page, and its answers that run on to the next
        # page are headed there by the table's name "(continued)".
        listing = RowTable(rows, colWidths=[WIDTH], splitInRow=1, caption=continued(kit, name))
        listing.setStyle([*padding(0, 0, 0, 5), ("VALIGN", (0, 0), (-1, -1), "TOP")])
        story += headed(kit, name, listing, 60)
    return story + legend(kit, shown)


class OpenPart(ReportPart):
    kind = "open"

    def key_result(self, kit: Kit, summary: Summary, voted_on: bool = False) -> str:
        cards = list(summary.get("answers", []))
        answers = sum(int(card.get("weight") or 1) for card in cards)
        if not voted_on:  # the step asked a question, not for ideas
            line = ngettext("%(num)d answer", "%(num)d answers", answers)
        elif answers != len(cards):  # alike answers merged into one idea
            line = ngettext(
                "%(num)d idea from %(answers)d answers",
                "%(num)d ideas from %(answers)d answers",
                len(cards),
                answers=answers,
            )
        else:
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
