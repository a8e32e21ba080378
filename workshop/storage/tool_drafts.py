"""Drafts of dialogue tools written in the browser, kept as written until deleted.

A draft is the document the editor sent, whatever its problems: nothing a facilitator typed is
lost because it was not finished yet. Publishing a draft as a tool is the service's business
(``services.tool_drafts``); here are only its rows, the removal of an uploaded tool, and how
many meetings still run a tool.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..domain.session import ENDED
from . import schema
from .database import Database, aware, now


class TooManyDrafts(Exception):
    """The store already holds as many drafts as it may."""


class DraftIdTaken(Exception):
    """Another draft has just been given this id."""


@dataclass(frozen=True)
class DraftRecord:
    """One draft: its document as written, how many problems it had and its published tool."""

    id: str
    title: str
    problems: int
    tool_id: str | None
    created_at: datetime
    updated_at: datetime
    document: dict[str, Any] | None = None  # left out of a listing


def _title(document: dict[str, Any]) -> str:
    title = document.get("title")
    return title[:300] if isinstance(title, str) else ""


def _record(row: Any, document: dict[str, Any] | None = None) -> DraftRecord:
    return DraftRecord(
        id=row.id,
        title=row.title,
        problems=row.problems,
        tool_id=row.tool_id,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        document=document,
    )


class ToolDraftRows(Database):
    # tool drafts ----------------------------------------------------------------------

    def add_tool_draft(
        self,
        draft_id: str,
        document: dict[str, Any],
        problems: int,
        *,
        limit: int,
        tool_id: str | None = None,
    ) -> DraftRecord:
        """Keep a new draft; TooManyDrafts when ``limit`` drafts are kept already (counted in
        the same transaction, so two editors cannot both pass the last place). A draft opened
        on a kept tool itself has its ``tool_id`` from the start."""
        table = schema.tool_drafts
        moment = now()
        try:
            with self._writing() as conn:
                held = conn.execute(select(func.count()).select_from(table)).scalar_one()
                if held >= limit:
                    raise TooManyDrafts()
                conn.execute(
                    insert(table).values(
                        id=draft_id,
                        title=_title(document),
                        document=document,
                        problems=problems,
                        tool_id=tool_id,
                        created_at=moment,
                        updated_at=moment,
                    )
                )
        except IntegrityError:
            raise DraftIdTaken(draft_id) from None
        title = _title(document)
        return DraftRecord(draft_id, title, problems, tool_id, moment, moment, document)

    def save_tool_draft(
        self, draft_id: str, document: dict[str, Any], problems: int, tool_id: str | None
    ) -> DraftRecord | None:
        """Replace a draft's document; None when the draft is gone (deleted meanwhile)."""
        table = schema.tool_drafts
        with self._writing() as conn:
            done = conn.execute(
                update(table)
                .where(table.c.id == draft_id)
                .values(
                    title=_title(document),
                    document=document,
                    problems=problems,
                    tool_id=tool_id,
                    updated_at=now(),
                )
            )
            if done.rowcount == 0:
                return None
            row = conn.execute(select(table).where(table.c.id == draft_id)).one()
        return _record(row, row.document)

    def tool_draft(self, draft_id: str) -> DraftRecord | None:
        table = schema.tool_drafts
        with self._reading() as conn:
            row = conn.execute(select(table).where(table.c.id == draft_id)).first()
        return None if row is None else _record(row, row.document)

    def tool_drafts(self) -> list[DraftRecord]:
        """Every draft without its document, most recently saved first."""
        table = schema.tool_drafts
        columns = [c for c in table.c if c.name != "document"]
        with self._reading() as conn:
            rows = conn.execute(select(*columns).order_by(table.c.updated_at.desc())).all()
        return [_record(row) for row in rows]

    def tool_draft_of(self, tool_id: str) -> str | None:
        """The id of the draft a tool was published from, if any."""
        table = schema.tool_drafts
        with self._reading() as conn:
            return conn.execute(
                select(table.c.id).where(table.c.tool_id == tool_id).limit(1)
            ).scalar_one_or_none()

    def delete_tool_draft(self, draft_id: str) -> bool:
        table = schema.tool_drafts
        with self._writing() as conn:
            done = conn.execute(delete(table).where(table.c.id == draft_id))
        return done.rowcount > 0

    def delete_dialogue_tool(self, tool_id: str) -> bool:
        """Remove an uploaded tool (meetings keep their own copy of its steps)."""
        table = schema.dialogue_tools
        with self._writing() as conn:
            done = conn.execute(delete(table).where(table.c.id == tool_id))
        return done.rowcount > 0

    def meetings_running(self, tool_id: str) -> int:
        """How many meetings that have not ended (in the lobby or running) use the tool."""
        table = schema.sessions
        with self._reading() as conn:
            return conn.execute(
                select(func.count())
                .select_from(table)
                .where(table.c.dialogue_id == tool_id, table.c.status != ENDED)
            ).scalar_one()
