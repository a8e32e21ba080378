"""A slide with text: the kind that takes no answers."""

from __future__ import annotations

from .base import StepKind


class InfoKind(StepKind):
    """A slide with text; nobody answers it."""

    name = "info"
    answerable = False
