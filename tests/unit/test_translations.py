"""Every user-facing text in Python, templates and the PDF has its Danish translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "workshop" / "translations" / "da" / "LC_MESSAGES"
METHODS = [("workshop/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "lazy_gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}


def source_messages() -> set[tuple[str | None, str]]:
    """Each message of the code with its context (``pgettext``), else ``None``."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def test_every_message_in_the_code_has_a_danish_translation():
    with open(CATALOGUE / "messages.po", "rb") as handle:
        catalogue = read_po(handle, locale="da")
    translated = {
        (m.context, m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in catalogue
        if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    missing = sorted(source_messages() - translated, key=str)
    assert missing == [], "untranslated: run `make translations` and translate these"


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def test_the_compiled_catalogue_matches_the_translations():
    # A message is its context and its text: the same words may read differently in two places.
    with open(CATALOGUE / "messages.po", "rb") as handle:
        po = {(m.context, _key(m.id)): _key(m.string) for m in read_po(handle, locale="da") if m.id}
    with open(CATALOGUE / "messages.mo", "rb") as handle:
        mo = {(m.context, _key(m.id)): _key(m.string) for m in read_mo(handle) if m.id}
    assert mo == po, "messages.mo is stale: run `pybabel compile -d workshop/translations`"
