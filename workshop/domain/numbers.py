"""Whole numbers from people and files: the one check of "a whole number from low to high"."""

from __future__ import annotations

from typing import Any, TypeGuard


def whole_number(value: Any, low: int | None = None, high: int | None = None) -> TypeGuard[int]:
    """True for an int (never a bool, which Python counts as one) within ``low``..``high``."""
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    return (low is None or value >= low) and (high is None or value <= high)
