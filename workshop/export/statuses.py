"""What the meeting said about an earlier action point, in the reader's language: its status,
the room's view and the agreed outcome (for the review step and "Since last time")."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..domain.follow_up import STATUSES, outcome
from .layout import Kit, number
from .plan import deadline


def status_name(status: str) -> str:
    """A point's status in the reader's language."""
    return {
        "done": _("Done"),
        "under_way": _("Under way"),
        "not_started": _("Not started"),
        "dropped": _("Dropped"),
    }.get(status, status)


def room_view(statuses: dict[str, int]) -> str:
    """What the room said about a point, most given first: "Done 3 · Under way 1"."""
    given = [(count, status) for status, count in statuses.items() if count]
    given.sort(key=lambda pair: (-pair[0], STATUSES.index(pair[1])))
    return " \u00b7 ".join(f"{status_name(status)} {number(count)}" for count, status in given)


def agreed_line(kit: Kit, agreement: dict[str, Any] | None) -> str:
    """The agreed status as markup: "Under way – carried over, new deadline 1 Mar 2027"."""
    if not agreement:
        return kit.muted(_("Not agreed"))
    markup = f"<b>{status_name(agreement['status'])}</b>"
    found = outcome(agreement)
    if found == "carried":
        markup += "<br/>" + _(
            "Carried over, new deadline %(date)s", date=deadline(agreement["carry_to"])
        )
    elif found == "dropped" and agreement["status"] != "dropped":
        markup += "<br/>" + _("Not carried over")
    return markup
