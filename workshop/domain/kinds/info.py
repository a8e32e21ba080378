"""A slide with text: the kind that takes no answers."""

from __future__ import annotations

from ..fields import Words
from .base import StepKind


class InfoKind(StepKind):
    """A slide with text; nobody answers it."""

    name = "info"
    title = Words("Information", "Information")
    order = 10
    answerable = False
