"""The refusals a use case can answer with, each named by a stable code."""

from __future__ import annotations

from ..domain.errors import DomainError


class Refused(DomainError):
    """The request cannot be served: unknown session, wrong key, bad payload, and so on."""

    code = "refused"
