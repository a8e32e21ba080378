"""The kinds made of cards: open answers verbatim, the ranking of a vote, and action points."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from reportlab.platypus import Spacer, Table

from . import charts
from .fonts import ACCENT, INK, MARK, PANEL, RULE
from .layout import WIDTH, Kit, number, padding, shorten

STAR, TICK, TIMES, DOT = "\u2605", "\u2713", "\u00d7", "\u00b7"

if TYPE_CHECKING:
    from ..domain.dialogue import Step


def marks(kit: Kit, card: dict[str, Any], *, name: bool = True) -> str:
    """The markup after a card's text: how many answers it holds, and who wrote it."""
    parts = []
    weight = int(card.get("weight") or 1)
    if weight > 1:
        parts.append(f'<font color="{ACCENT.hexval()}"><b>{TIMES}{weight}</b></font>')
    if name and card.get("name"):
        parts.append(kit.muted(f"\u2013 {kit.text(card['name'])}"))
    return ("&nbsp;&nbsp;" + " ".join(parts)) if parts else ""


def star(kit: Kit, card: dict[str, Any]) -> str:
    if not card.get("highlighted"):
        return ""
    return f'<font color="{MARK.hexval()}">{kit.symbol(STAR, "*")}</font> '


def legend(kit: Kit, shown: list[dict[str, Any]]) -> list[Any]:
    """A note explaining the marks, when any card carries one."""
    parts = []
    if any(card.get("highlighted") for card in shown):
        parts.append(_("%(star)s highlighted by the facilitator", star=kit.symbol(STAR, "*")))
    if any(int(card.get("weight") or 1) > 1 for card in shown):
        parts.append(_("%(times)s answers merged into one", times=TIMES + "N"))
    return [Spacer(1, 2), kit.p(" \u00b7 ".join(parts), "note")] if parts else []


def _answer(kit: Kit, card: dict[str, Any], position: int) -> Any:
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


def open_answers(kit: Kit, step: Step, summary: dict[str, Any]) -> list[Any]:
    shown = list(summary.get("answers", []))
    by_table = summary.get("by_table") or {}
    if not any((result or {}).get("answers") for result in by_table.values()):
        story = [_answer(kit, card, n) for n, card in enumerate(shown, start=1)]
        return story + legend(kit, shown)
    story: list[Any] = []
    placed: set[str] = set()
    position = 0
    groups = [(kit.tables.get(t, t), (r or {}).get("answers", [])) for t, r in by_table.items()]
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
            story.append(_answer(kit, card, position))
    return story + legend(kit, shown)


def _ranks(values: list[int]) -> list[int]:
    """Competition ranking: equal values share a place (1, 2, 2, 4)."""
    ranks, previous, place = [], None, 0
    for position, value in enumerate(values, start=1):
        if value != previous:
            place, previous = position, value
        ranks.append(place)
    return ranks


def vote(kit: Kit, step: Step, summary: dict[str, Any]) -> list[Any]:
    ranking = list(summary.get("ranking", []))
    voted = [card for card in ranking if card.get("votes")]
    each = int(summary.get("votes_each") or step.votes)
    note = ngettext(
        "Each participant had %(num)d vote.", "Each participant had %(num)d votes.", each
    )
    if not voted:
        return [kit.box(_("No votes")), Spacer(1, 4), kit.p(note, "note")]
    top = max(int(card["votes"]) for card in voted)
    bar_w, number_w, rank_w = 72, 62, 34
    text_w = WIDTH - rank_w - bar_w - 2 * number_w
    rows: list[list[Any]] = [
        [
            kit.p("#", "head"),
            kit.p(_("Idea"), "head"),
            "",
            kit.p(_("Votes"), "head_right"),
            kit.p(_("Voters"), "head_right"),
        ]
    ]
    for rank, card in zip(_ranks([int(c["votes"]) for c in voted]), voted, strict=True):
        text = shorten(str(card.get("text") or ""))
        rows.append(
            [
                f"{rank}.",
                kit.para(text, "cell", text_w - 8, marks(kit, card), star(kit, card), breaks=True),
                charts.bar(bar_w - 10, 9, int(card["votes"]) / top),
                number(int(card["votes"])),
                number(int(card.get("voters") or 0)),
            ]
        )
    table = Table(
        rows,
        colWidths=[rank_w, text_w, bar_w, number_w, number_w],
        repeatRows=1,
        splitInRow=1,
    )
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONT", (0, 1), (-1, -1), kit.fonts.regular, 9.5, 12),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("ALIGN", (3, 1), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            *padding(4, 4, 4, 5),
            ("TOPPADDING", (2, 1), (2, -1), 6),
        ]
    )
    unvoted = len(ranking) - len(voted)
    notes = [note]
    if unvoted:
        notes.append(ngettext("%(num)d idea got no votes.", "%(num)d ideas got no votes.", unvoted))
    return [table, Spacer(1, 4), kit.p(" ".join(notes), "note"), *legend(kit, voted)]


def deadline(value: Any) -> str:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return format_date(day, format="medium", locale=str(get_locale() or "da"))


def plan_table(kit: Kit, items: list[dict[str, Any]], *, confirmed_column: bool) -> Table:
    """What, who and when, one row per action point, the header repeated on every page."""
    when_w, who_w, tick_w = 78, 120, 30 if confirmed_column else 0
    what_w = WIDTH - when_w - who_w - tick_w
    heads = [(_("What"), "head"), (_("Who"), "head"), (_("When"), "head")]
    if confirmed_column:
        heads.append((kit.symbol(TICK, "x"), "head"))
    rows: list[list[Any]] = [[kit.p(text, style) for text, style in heads]]
    tick = kit.symbol(TICK, "x")
    for item in items:
        row = [
            kit.para(
                shorten(str(item.get("what") or "")),
                "cell",
                what_w - 10,
                marks(kit, item, name=False),
                breaks=True,
            ),
            kit.para(shorten(str(item.get("who") or ""), 200), "cell", who_w - 10),
            kit.plain(deadline(item.get("when"))),
        ]
        if confirmed_column:
            row.append(tick if item.get("confirmed") else "")
        rows.append(row)
    widths = [what_w, who_w, when_w] + ([tick_w] if confirmed_column else [])
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONT", (2, 1), (-1, -1), kit.fonts.regular, 9.5, 12),
            ("FONT", (3, 1), (3, -1), kit.fonts.bold, 9.5, 12),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, PANEL]),
            *padding(5, 5, 4, 5),
        ]
    )
    return table


def sort_plan(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        items, key=lambda i: (str(i.get("when") or ""), str(i.get("what") or "").casefold())
    )


def actions(kit: Kit, step: Step, summary: dict[str, Any]) -> list[Any]:
    items = sort_plan(list(summary.get("items", [])))
    if not items:
        return [kit.box(_("No answers"))]
    confirmed = sum(1 for item in items if item.get("confirmed"))
    note = ngettext(
        "%(num)d of them was confirmed for the action plan (%(tick)s).",
        "%(num)d of them were confirmed for the action plan (%(tick)s).",
        confirmed,
        tick=kit.symbol(TICK, "x"),
    )
    proposed = ngettext(
        "%(num)d action point proposed.", "%(num)d action points proposed.", len(items)
    )
    return [
        plan_table(kit, items, confirmed_column=True),
        Spacer(1, 4),
        kit.p(f"{proposed} {note}", "note"),
        *legend(kit, items),
    ]
