"""The product has one name wherever a user or reader sees it: the interface's, in Danish and
English; the Python package's name (``workshop``) is internal and shown nowhere."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAME = "Dialogue tool"  # the English name, and the msgid of the Danish one


def danish_name() -> str:
    catalogue = (ROOT / "workshop/translations/da/LC_MESSAGES/messages.po").read_text("utf-8")
    return re.search(rf'^msgid "{NAME}"\nmsgstr "(.+)"$', catalogue, re.M).group(1)


def test_the_readme_is_headed_with_the_interfaces_names():
    heading = (ROOT / "README.md").read_text("utf-8").splitlines()[0]
    assert heading.startswith(f"# {danish_name()} ({NAME})"), heading


def test_no_page_or_document_uses_another_name():
    readers = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    readers += sorted((ROOT / "templates").rglob("*.html"))
    others = ("Dialogværktøj", "Dialogvaerktoej")
    found = [
        f"{path.relative_to(ROOT)}: {other}"
        for path in readers
        for other in others
        if other.lower() in path.read_text("utf-8").lower()
    ]
    assert found == []


def test_the_pages_brand_and_title_are_the_name():
    base = (ROOT / "templates/base.html").read_text("utf-8")
    assert f"<title>{{% block title %}}{{{{ _('{NAME}') }}}}" in base
    assert f">{{{{ _('{NAME}') }}}}</a>" in base
