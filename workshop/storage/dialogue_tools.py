"""Uploaded dialogue tools, kept as their validated definitions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select

from . import schema
from .database import Database, now


class DialogueToolRows(Database):
    # dialogue tools -------------------------------------------------------------------

    def save_dialogue_tool(self, definition: dict[str, Any]) -> None:
        """Keep an uploaded dialogue tool; one with the same id is replaced (the service
        decides whether that is allowed)."""
        table = schema.dialogue_tools
        with self._writing() as conn:
            conn.execute(delete(table).where(table.c.id == definition["id"]))
            conn.execute(
                insert(table).values(
                    id=definition["id"],
                    title=definition["title"],
                    language=definition["language"],
                    definition=definition,
                    created_at=now(),
                )
            )

    def dialogue_tools(self) -> list[dict[str, Any]]:
        table = schema.dialogue_tools
        with self._reading() as conn:
            rows = conn.execute(select(table.c.definition).order_by(table.c.created_at)).all()
        return [row.definition for row in rows]

    def dialogue_tool_stamps(self) -> list[tuple[str, datetime]]:
        """Each uploaded tool's id and when it was kept, oldest first: enough to tell whether
        a parsed copy is still current, without reading any definition."""
        table = schema.dialogue_tools
        with self._reading() as conn:
            rows = conn.execute(
                select(table.c.id, table.c.created_at).order_by(table.c.created_at)
            ).all()
        return [(row.id, row.created_at) for row in rows]

    def dialogue_tool(self, tool_id: str) -> dict[str, Any] | None:
        """One uploaded tool's definition, or None."""
        table = schema.dialogue_tools
        with self._reading() as conn:
            row = conn.execute(select(table.c.definition).where(table.c.id == tool_id)).first()
        return None if row is None else row.definition
