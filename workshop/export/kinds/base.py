"""What a step kind shows in the report: its name, its section and its line per table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import get_locale
from flask_babel import gettext as _

from ...domain.kinds import kind_of

if TYPE_CHECKING:
    from ...domain.answers import Context
    from ...domain.dialogue import Step
    from ...domain.kinds import Summary
    from ..layout import Kit


class ReportPart:
    """The report side of one step kind; a kind overrides what it shows."""

    kind = ""
    # Results per table are a table of one line per table (False: the section groups them).
    per_table = True

    def title(self, step: Step) -> str:
        """The kind's name as the report calls it: the name it has everywhere (its home's
        ``title``), unless the report says more (a single or a multiple choice)."""
        locale = get_locale()
        return kind_of(step.kind).title.get(locale.language if locale else "da")

    def section(self, kit: Kit, step: Step, summary: Summary) -> list[Any]:
        """The flowables of the step's result (it has answers when this is called)."""
        return [
            kit.p(_("Results of this kind of step are not included in the PDF report."), "note")
        ]

    def table_line(self, kit: Kit, summary: Summary) -> str:
        """One table's result as one line of markup."""
        return ""

    def key_result(self, kit: Kit, summary: Summary, voted_on: bool = False) -> str:
        """The step's result in a line for the summary page (empty: nothing to sum up).

        ``voted_on``: a later step votes on this step's answers, so they are ideas.
        """
        return self.table_line(kit, summary)

    def readable(self, step: Step, value: Any, context: Context) -> str:
        """One answer's value in words for a spreadsheet, as the kind writes it."""
        return kind_of(step.kind).readable(step, value, context)

    def point_views(self, summary: Summary) -> dict[str, Any]:
        """For a kind that reviews earlier action points: the room's view of each, by id
        (``statuses`` and ``answered``), for the report's "Since last time"."""
        return {}
