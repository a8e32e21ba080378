"""Uploaded dialogue tools, kept as their validated definitions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select

from . import schema
from .database import Database, now


class DialogueToolRows(Database):
    # dialogue tools -------------------------------------------------------------------

    def save_dialogue_tool(self, definition: dict[str, Any]) -> None:
        """Keep an uploaded dialogue tool; a new upload with the same id replaces the old."""
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
