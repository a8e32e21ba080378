"""The fields of a dialogue tool file, each declared once: how it is read and checked, the words
that explain it (Danish and English) and its part of the JSON Schema of the format.

A kind declares its own fields in its home (``StepKind.fields``); the fields every file and
every step share are in ``tool_format``. Reading a mapping reads each declared field and, for
files a person wrote, refuses every key no field declares, suggesting the key that was meant.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .dialogue import ID_PATTERN, MAX_ITEMS, Reader, Step
from .numbers import whole_number
from .spelling import suggestion


@dataclass(frozen=True)
class Words:
    """A text in both languages the tool speaks."""

    en: str
    da: str

    def get(self, language: str) -> str:
        return self.da if language == "da" else self.en


@dataclass
class Place:
    """Where a field is read: the step (``None`` for the file's own fields), the path to the
    mapping (``settings.``), the steps before this one and the values read so far."""

    reader: Reader
    step: str | None
    prefix: str = ""
    earlier: tuple[Step, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)

    def where(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def inside(self, prefix: str) -> Place:
        return Place(self.reader, self.step, f"{self.prefix}{prefix}", self.earlier)


@dataclass(frozen=True, kw_only=True)
class Field:
    """One key of a mapping in a tool file."""

    name: str
    label: Words
    help: Words
    required: bool = False
    # The keys a Danish-speaking volunteer might write instead (``tidsramme``): suggested back.
    danish: tuple[str, ...] = ()
    # What the protocol's table says of a field read elsewhere (a step's ``kind``).
    note: str = ""

    def read(self, data: Mapping[str, Any], place: Place) -> Any:
        return data.get(self.name)

    def value_schema(self) -> dict[str, Any]:
        return {}

    def limits(self) -> str:
        """The field's type, limits and default in a few words, for the protocol's table."""
        return self.note

    def schema(self, language: str) -> dict[str, Any]:
        return {
            "title": self.label.get(language),
            "description": self.help.get(language),
            **self.value_schema(),
        }


@dataclass(frozen=True, kw_only=True)
class Text(Field):
    limit: int

    def read(self, data, place):
        return place.reader.text(
            data, self.name, place.step, required=self.required, limit=self.limit,
            where=place.where(self.name),
        )  # fmt: skip

    def value_schema(self):
        schema: dict[str, Any] = {"type": "string", "maxLength": self.limit}
        if self.required:
            schema["minLength"] = 1
        return schema

    def limits(self):
        return f"text, at most {self.limit} characters"


@dataclass(frozen=True, kw_only=True)
class Identifier(Field):
    required: bool = True

    def read(self, data, place):
        return place.reader.identifier(data.get(self.name), place.step, place.where(self.name))

    def value_schema(self):
        return {"type": "string", "pattern": ID_PATTERN.pattern}

    def limits(self):
        return "id: lowercase letters, digits, `-`, `_` (at most 40)"


@dataclass(frozen=True, kw_only=True)
class Number(Field):
    """A whole number from ``low`` to ``high`` (or to the value, or the number of items, of the
    field ``at_most`` names); missing or ``null``: the default."""

    low: int
    high: int
    default: int | None = None
    at_most: str = ""

    def read(self, data, place):
        value = data.get(self.name)
        if value is None:
            return self.default
        high = self.high
        bound = place.values.get(self.at_most)
        if isinstance(bound, tuple | list):
            high = max(len(bound), 1)
        elif whole_number(bound):
            high = bound
        if not whole_number(value, self.low, high):
            place.reader.problem(
                place.step, place.where(self.name), "out_of_range", low=self.low, high=high
            )
            return self.default
        return value

    def value_schema(self):
        schema: dict[str, Any] = {"type": "integer", "minimum": self.low, "maximum": self.high}
        if self.default is not None:
            schema["default"] = self.default
        else:
            schema["type"] = ["integer", "null"]
        return schema

    def limits(self):
        high = str(self.high)
        if self.at_most:
            high = f"`{self.at_most}` (at most {self.high})"
        default = "none" if self.default is None else str(self.default)
        return f"whole number, {self.low} to {high}; default {default}"


@dataclass(frozen=True, kw_only=True)
class Flag(Field):
    default: bool

    def read(self, data, place):
        return place.reader.flag(data, self.name, place.step, self.default, place.where(self.name))

    def value_schema(self):
        return {"type": "boolean", "default": self.default}

    def limits(self):
        return f"`true` or `false`; default `{str(self.default).lower()}`"


@dataclass(frozen=True, kw_only=True)
class Choice(Field):
    allowed: tuple[str, ...]
    default: str
    code: str = "bad_choice"
    # Each allowed value in words, in the order of ``allowed``, for a form to offer
    # (``live``: "Live"); without them a form shows the values themselves.
    labels: tuple[Words, ...] = ()

    def read(self, data, place):
        value = data.get(self.name, self.default)
        if value not in self.allowed:
            place.reader.problem(
                place.step, place.where(self.name), self.code, allowed=", ".join(self.allowed)
            )
            return self.default
        return value

    def value_schema(self):
        return {"enum": list(self.allowed), "default": self.default}

    def limits(self):
        return " \\| ".join(f"`{value}`" for value in self.allowed) + f"; default `{self.default}`"


@dataclass(frozen=True, kw_only=True)
class Items(Field):
    """A list of ``{id, <text>}`` mappings, such as options or statements: 1 to 30 of them."""

    text: Text
    make: Callable[[str, str], Any]
    required: bool = True

    def read(self, data, place):
        items = data.get(self.name)
        reader, step = place.reader, place.step
        if not isinstance(items, list) or not items:
            reader.problem(step, place.where(self.name), "required")
            return ()
        if len(items) > MAX_ITEMS:
            reader.problem(step, place.where(self.name), "too_many", limit=MAX_ITEMS)
            items = items[:MAX_ITEMS]
        read = []
        seen: set[str] = set()
        for position, item in enumerate(items, start=1):
            inner = place.inside(f"{self.name}[{position}].")
            if not isinstance(item, dict):
                reader.problem(step, place.where(f"{self.name}[{position}]"), "not_mapping")
                continue
            item_id = reader.identifier(item.get("id"), step, inner.where("id"))
            if item_id in seen:
                reader.problem(step, inner.where("id"), "duplicate_id")
            seen.add(item_id)
            text = self.text.read(item, inner)
            refuse_unknown(item, self.item_fields(), inner)
            read.append(self.make(item_id, text))
        return tuple(read)

    def item_fields(self) -> tuple[Field, ...]:
        return (ITEM_ID, self.text)

    def value_schema(self):
        return {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_ITEMS,
            "items": mapping_schema(self.item_fields(), "en"),
        }

    def schema(self, language):
        schema = super().schema(language)
        schema["items"] = mapping_schema(self.item_fields(), language)
        return schema

    def limits(self):
        text = self.text
        return f"1 to {MAX_ITEMS} of `{{id, {text.name}}}`, {text.name} <= {text.limit} characters"


@dataclass(frozen=True, kw_only=True)
class Earlier(Field):
    """The id of an earlier step whose kind offers ``offers`` (a vote reads an open step's
    cards); the kind's flag of that name says which kinds do."""

    offers: str
    required: bool = True

    def read(self, data, place):
        value = data.get(self.name)
        kinds = place.reader.kinds
        fit = {step.id for step in place.earlier if getattr(kinds[step.kind], self.offers)}
        if value not in fit:
            place.reader.problem(place.step, place.where(self.name), "bad_source")
            return ""
        return value

    def value_schema(self):
        return {"type": "string", "pattern": ID_PATTERN.pattern}

    def limits(self):
        return f"the id of an earlier step whose kind is `{self.offers}`"


@dataclass(frozen=True, kw_only=True)
class Group(Field):
    """A mapping of fields of its own, such as ``settings``, built into ``make(**values)``."""

    fields: tuple[Field, ...]
    make: Callable[..., Any]

    def read(self, data, place):
        value = data.get(self.name, {})
        if not isinstance(value, dict):
            place.reader.problem(place.step, place.where(self.name), "not_mapping")
            value = {}
        return self.make(**read_mapping(value, self.fields, place.inside(f"{self.name}.")))

    def value_schema(self):
        return mapping_schema(self.fields, "en")

    def schema(self, language):
        return {**super().schema(language), **mapping_schema(self.fields, language)}

    def limits(self):
        return "a mapping: " + ", ".join(f"`{f.name}`" for f in self.fields)


ITEM_ID = Identifier(
    name="id",
    label=Words("Id", "Id"),
    help=Words("A short id, unique in the list.", "Et kort id, der er entydigt i listen."),
)


def read_values(data: Mapping[str, Any], fields: tuple[Field, ...], place: Place) -> dict:
    """Each field's value, read in order: a later field may be bounded by an earlier one."""
    for described in fields:
        place.values[described.name] = described.read(data, place)
    return dict(place.values)


def read_mapping(data: Mapping[str, Any], fields: tuple[Field, ...], place: Place) -> dict:
    """Each field's value, and a problem for each key that no field declares."""
    values = read_values(data, fields, place)
    refuse_unknown(data, fields, place)
    return values


def refuse_unknown(
    data: Mapping[str, Any],
    fields: tuple[Field, ...],
    place: Place,
    elsewhere: Mapping[str, tuple[Field, ...]] | None = None,
) -> None:
    """A problem ``unknown_key`` for each key of ``data`` that no field declares, with the key
    meant when one is near enough (``setings``: ``settings``; ``tidsramme``: ``time_box``);
    ``elsewhere`` names fields that belong in a mapping inside this one (``settings.``)."""
    if not place.reader.strict:
        return
    known = {described.name for described in fields}
    for key in data:
        if key in known:
            continue
        meant = suggestion(str(key), spelled(fields))
        for prefix, inner in (elsewhere or {}).items():
            meant = meant or _prefixed(prefix, suggestion(str(key), spelled(inner)))
        details = {"allowed": ", ".join(described.name for described in fields)}
        if meant:
            details["suggestion"] = meant
        place.reader.problem(place.step, place.where(str(key)), "unknown_key", **details)


def _prefixed(prefix: str, name: str) -> str:
    return f"{prefix}{name}" if name else ""


def spelled(fields: tuple[Field, ...]) -> dict[str, str]:
    """Each field's name, and each Danish word for it, to the field's name."""
    words = {described.name: described.name for described in fields}
    for described in fields:
        words.update(dict.fromkeys(described.danish, described.name))
    return words


def mapping_schema(fields: tuple[Field, ...], language: str) -> dict[str, Any]:
    """A JSON Schema object of ``fields``, refusing any other key."""
    return {
        "type": "object",
        "properties": {described.name: described.schema(language) for described in fields},
        "required": [described.name for described in fields if described.required],
        "additionalProperties": False,
    }
