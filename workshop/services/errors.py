"""The refusals a use case can answer with, each named by a stable code."""

from __future__ import annotations

from typing import Any

from ..domain.errors import DomainError


class Refused(DomainError):
    """The request cannot be served: unknown session, wrong key, bad payload, and so on.

    ``events`` are changes that happened all the same (a time box that ran out while the
    answer was on its way) and still need publishing.
    """

    code = "refused"

    def __init__(self, code: str | None = None, *, events: list | None = None, **details: Any):
        super().__init__(code, **details)
        self.events = events or []
