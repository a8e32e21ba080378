"""A slide with text: the kind that takes no answers."""

from __future__ import annotations

from ..dialogue import Step
from ..fields import Words
from .base import StepKind


class InfoKind(StepKind):
    """A slide with text; nobody answers it."""

    name = "info"
    title = Words("Information", "Information")
    description = Words(
        "A page of text on the projector and the phones that nobody answers: a welcome, a "
        "short introduction or a break.",
        "En side med tekst på skærmen og telefonerne, som ingen svarer på: en velkomst, en kort "
        "introduktion eller en pause.",
    )
    example = Words(
        "Welcome! Tonight we talk about how our estate can become greener.",
        "Velkommen! I aften taler vi om, hvordan vores afdeling kan blive grønnere.",
    )
    order = 10
    answerable = False

    def typical_minutes(self, step: Step) -> float:
        """A few words from the facilitator."""
        return 2.0
