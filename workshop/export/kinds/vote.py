"""Dot voting: the ideas ranked by votes, ties sharing a place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, Table

from .. import charts
from ..cards import legend, marks, star
from ..fonts import INK, RULE
from ..layout import WIDTH, number, padding, shorten
from ..ranking import leaders, places, ranked
from .base import ReportPart

if TYPE_CHECKING:
    from ...domain.dialogue import Step
    from ...domain.kinds import Summary
    from ...domain.kinds.vote import VoteSummary
    from ..layout import Kit


def vote(kit: Kit, step: Step, summary: VoteSummary) -> list[Any]:
    # Identical ideas are one line with all their votes, as the ideas section shows them once.
    ranking = ranked(list(summary.get("ranking", [])))
    voted = [card for card in ranking if card.get("votes")]
    each = int(summary.get("votes_each") or step.fields["votes"])
    note = ngettext(
        "Each participant had %(num)d vote.", "Each participant had %(num)d votes.", each
    )
    if not voted:
        return [kit.box(_("No votes")), Spacer(1, 4), kit.p(note, "note")]
    top = max(int(card["votes"]) for card in voted)
    # With at most one vote per idea, everyone who voted for an idea gave it one vote: a
    # column of voters would only repeat the votes. It is shown when a participant may put
    # several votes on one idea.
    with_voters = step.fields["max_per_answer"] != 1
    votes_head, voters_head = _("Votes"), _("Voters")
    # Wide enough for the longer header in one piece (Danish "Stemmegivere").
    heads = (votes_head, voters_head) if with_voters else (votes_head,)
    widest = max(stringWidth(h, kit.fonts.bold, 8) for h in heads)
    bar_w, number_w, rank_w = 72, max(62, widest + 12), 34
    text_w = WIDTH - rank_w - bar_w - len(heads) * number_w
    rows: list[list[Any]] = [
        [
            kit.p("#", "head"),
            kit.p(_("Idea"), "head"),
            "",
            *(kit.p(head, "head_right") for head in heads),
        ]
    ]
    for rank, card in zip(places([int(c["votes"]) for c in voted]), voted, strict=True):
        text = shorten(str(card.get("text") or ""))
        row = [
            f"{rank}.",
            kit.para(text, "cell", text_w - 8, marks(kit, card), star(kit, card), breaks=True),
            charts.bar(bar_w - 10, 9, int(card["votes"]) / top),
            number(int(card["votes"])),
        ]
        if with_voters:
            row.append(number(int(card.get("voters") or 0)))
        rows.append(row)
    table = Table(
        rows,
        colWidths=[rank_w, text_w, bar_w, *([number_w] * len(heads))],
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
    if step.fields["max_per_answer"] == 1:
        note = ngettext(
            "Each participant had %(num)d vote, at most one per idea.",
            "Each participant had %(num)d votes, at most one per idea.",
            each,
        )
    notes = [note]
    unvoted = len(ranking) - len(voted)
    if unvoted:
        notes.append(ngettext("%(num)d idea got no votes.", "%(num)d ideas got no votes.", unvoted))
    return [table, Spacer(1, 4), kit.p(" ".join(notes), "note"), *legend(kit, voted)]


class VotePart(ReportPart):
    kind = "vote"

    def title(self, step: Step) -> str:
        return _("Dot voting")

    def section(self, kit: Kit, step: Step, summary: Summary) -> list[Any]:
        return vote(kit, step, cast("VoteSummary", summary))

    def table_line(self, kit: Kit, summary: Summary) -> str:
        lines = []
        top = leaders(list(summary.get("ranking", [])), 3)
        for place, card in top[:3]:
            votes = ngettext("%(num)d vote", "%(num)d votes", int(card.get("votes") or 0))
            text = kit.text(shorten(str(card.get("text", "")), 90))
            lines.append(f"{place}. {text} <b>{votes}</b>")
        if len(top) > 3:  # ties with the third line: counted, not listed
            more = ngettext(
                "+%(num)d more with the same number of votes",
                "+%(num)d more with the same number of votes",
                len(top) - 3,
            )
            lines.append(kit.muted(more))
        return "<br/>".join(lines)
