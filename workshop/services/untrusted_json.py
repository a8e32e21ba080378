"""Reading JSON that comes from elsewhere, within fixed bounds: the document as a whole, and
its fields one at a time. Every refusal is a BadSessionFile that says where and what."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from typing import Any


class BadSessionFile(Exception):
    """The file cannot be imported: ``where`` in it (a path such as ``answers[3].value``, or
    empty for the file as a whole), and what is wrong."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(where, message)
        self.where = where
        self.message = message

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def load_document(
    data: bytes, max_bytes: int, max_depth: int, max_values: int | None = None
) -> dict[str, Any]:
    """The JSON object in ``data``, or BadSessionFile: too large, holding too many values,
    not UTF-8, not JSON (with where it broke off), a number that cannot be a number, or
    nested too deeply.

    Parsed JSON takes many times the file's size in memory, most of all for a file of many
    tiny values; ``max_values`` bounds the values (counted by their separators, before any
    parsing) so that what the parse may take is bounded too.
    """
    if len(data) > max_bytes:
        raise BadSessionFile(
            "", f"the file is over {max_bytes:,} bytes, more than any session file has"
        )
    if max_values is not None:
        # Every value but the first follows a comma or opens a container: an upper bound
        # on how many the parse makes, found without making any.
        values = data.count(b",") + data.count(b"{") + data.count(b"[") + 1
        if values > max_values:
            raise BadSessionFile(
                "", f"the file holds over {max_values:,} values, more than any session file has"
            )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadSessionFile("", f"the file is not UTF-8 text (byte {error.start})") from None
    try:
        document = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        raise BadSessionFile("", "the file is nested too deeply to be a session") from None
    except json.JSONDecodeError as error:
        raise BadSessionFile(
            "",
            f"the file is not valid JSON ({error.msg} at line {error.lineno}, column "
            f"{error.colno}); a file cut short ends like this",
        ) from None
    except ValueError as error:  # a number too long or too large
        raise BadSessionFile("", f"the file holds a number that cannot be read: {error}") from None
    if not isinstance(document, dict):
        raise BadSessionFile("", "the file holds no session (a JSON object was expected)")
    _check_depth(document, max_depth)
    return document


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text[:20]} is out of range")
    return number


def _check_depth(document: dict[str, Any], max_depth: int) -> None:
    """No part nests deeper than a real session file does."""
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > max_depth:
            raise BadSessionFile("", f"the file nests more than {max_depth} levels deep")
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)


def mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadSessionFile(where, "must be a JSON object")
    return value


def listed(value: Any, where: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise BadSessionFile(where, "must be a list")
    if len(value) > limit:
        raise BadSessionFile(where, f"has {len(value):,} entries; at most {limit:,} are read")
    return value


def flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise BadSessionFile(where, "must be true or false")
    return value


def optional_flag(value: Any, where: str) -> bool | None:
    return None if value is None else flag(value, where)


def text(value: Any, where: str, limit: int) -> str:
    if not isinstance(value, str):
        raise BadSessionFile(where, "must be text")
    if len(value) > limit:
        raise BadSessionFile(where, f"is {len(value):,} characters long; at most {limit:,}")
    return value


def choice(value: Any, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise BadSessionFile(where, f"must be one of {', '.join(allowed)}")
    return value


def whole(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadSessionFile(where, f"must be a whole number from {low} to {high:,}")
    return value


def number(value: Any, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise BadSessionFile(where, f"must be a number from {low} to {high:,}")
    return value


def moment(value: Any, where: str, latest: datetime | None = None) -> datetime:
    """A time in ISO 8601 form, in UTC; not after ``latest`` when given."""
    written = text(value, where, 40)
    try:
        moment = datetime.fromisoformat(written)
    except ValueError:
        raise BadSessionFile(where, "must be a time in ISO 8601 form") from None
    # A time without its zone was written in UTC, as every time in the file is.
    found = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    if latest is not None and found > latest:
        raise BadSessionFile(where, "is in the future: no meeting was made then")
    return found
