"""A kind's words live with the kind: its name, its scripts' strings and its refusals are
declared in its home in English and Danish, and every refusal a kind raises has a text."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from workshop.domain.fields import Words
from workshop.domain.kinds import KINDS
from workshop.messages import MESSAGES

ROOT = Path(__file__).resolve().parents[2]
JS_KINDS = ROOT / "static/js/kinds"
PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)s")
RAISES = ("InvalidAnswer", "InvalidCommand", "Refused")


def declared(kind) -> dict[str, Words]:
    """Every text a kind declares, by where: ``title``, ``words.<key>``, ``refusals.<code>``."""
    texts = {"title": kind.title}
    texts.update({f"words.{key}": words for key, words in kind.words.items()})
    texts.update({f"refusals.{code}": words for code, words in kind.refusals.items()})
    return texts


def raised_codes(source: str) -> set[str]:
    """The error codes a module raises, as literals (``InvalidAnswer("no_votes", limit=…)``)."""
    codes = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in RAISES
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            codes.add(node.args[0].value)
    return codes


def home_of(kind) -> str:
    return inspect.getsource(inspect.getmodule(type(kind)))


@pytest.mark.parametrize("name", list(KINDS))
def test_every_text_of_a_kind_is_there_in_both_languages_with_the_same_placeholders(name):
    texts = declared(KINDS[name])
    assert KINDS[name].title.en and KINDS[name].title.da, f"{name} has no title"
    for where, words in texts.items():
        assert isinstance(words, Words), f"{name}.{where}"
        assert words.en.strip() and words.da.strip(), f"{name}.{where} lacks a language"
        assert sorted(PLACEHOLDER.findall(words.en)) == sorted(PLACEHOLDER.findall(words.da)), (
            f"{name}.{where}: the Danish has other placeholders than the English"
        )
    for code, words in KINDS[name].refusals.items():
        assert "{" not in words.en, f"{name}.refusals.{code}: refusals use %(name)s"


@pytest.mark.parametrize("name", list(KINDS))
def test_every_code_a_kind_raises_has_a_text_and_every_refusal_it_declares_is_raised(name):
    kind = KINDS[name]
    raised = raised_codes(home_of(kind))
    missing = sorted(code for code in raised if code not in kind.refusals and code not in MESSAGES)
    assert missing == [], f"add these to {name}'s refusals (English and Danish)"
    unused = sorted(set(kind.refusals) - raised)
    assert unused == [], f"{name} declares refusals it never raises"


def test_a_code_has_one_text_whoever_raises_it():
    owners: dict[str, list[str]] = {}
    for name, kind in KINDS.items():
        for code in kind.refusals:
            owners.setdefault(code, []).append(name)
    shared = {code: names for code, names in owners.items() if len(names) > 1 or code in MESSAGES}
    homes = ROOT / "workshop/domain/kinds"
    elsewhere = {
        code
        for path in sorted((ROOT / "workshop").rglob("*.py"))
        if path.parent != homes
        for code in raised_codes(path.read_text(encoding="utf-8"))
    }
    shared.update({code: ["raised outside the kinds"] for code in elsewhere & set(owners)})
    assert shared == {}, "a code several raise keeps one text, in workshop/messages.py"


def test_no_two_kinds_declare_the_same_word():
    owners: dict[str, list[str]] = {}
    for name, kind in KINDS.items():
        for key in kind.words:
            owners.setdefault(key, []).append(name)
        owners.setdefault(f"kind_{name}", []).append(name)
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}
    assert not any(key.startswith("kind_") for kind in KINDS.values() for key in kind.words)


def scripts_of(name: str) -> str:
    """A kind's browser modules: ``<kind>.js`` and the ``<kind>-*.js`` it splits into."""
    paths = [JS_KINDS / f"{name}.js", *sorted(JS_KINDS.glob(f"{name}-*.js"))]
    return "\n".join(path.read_text(encoding="utf-8") for path in paths if path.is_file())


def asked_for(key: str, scripts: str) -> bool:
    """Whether scripts ask for ``key``: by name, by the count it is a form of
    (``plural("votes", n)``, a ``countKey``), or by a prefix (`` t(`review_${status}`) ``)."""
    count = re.sub(r"_(zero|one|two|few|many|other)$", "", key)
    if f'"{key}"' in scripts or (count != key and f'"{count}"' in scripts):
        return True
    return any(key.startswith(prefix) for prefix in re.findall(r"`(\w+)\$\{", scripts))


@pytest.mark.parametrize("name", [name for name, kind in KINDS.items() if kind.words])
def test_a_kinds_words_are_the_ones_its_own_scripts_ask_for(name):
    scripts = scripts_of(name)
    unasked = sorted(key for key in KINDS[name].words if not asked_for(key, scripts))
    assert unasked == [], f"static/js/kinds/{name}*.js never asks for these"


def test_no_other_script_asks_for_a_kinds_own_word():
    """A word another kind's or a shared script uses belongs with the pages' shared strings."""
    found = []
    for path in sorted((ROOT / "static/js").rglob("*.js")):
        if "vendor" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for name, kind in KINDS.items():
            if path.parent == JS_KINDS and (path.stem == name or path.stem.startswith(f"{name}-")):
                continue
            for key in kind.words:
                count = re.sub(r"_(one|other)$", "", key)
                if re.search(rf'\bt\("{key}"|\bplural\("{count}"', text):
                    found.append(f"{path.relative_to(ROOT)}: {key} ({name})")
    assert found == []


TEMPLATE_STRING = re.compile(r"""^\s*"(\w+)":\s*(?:_|pgettext)\(""", re.MULTILINE)


def family(path: Path) -> str:
    """Whose a script is: a kind's (``vote.js``, ``review-agreement.js``) or the pages'."""
    if path.parent != JS_KINDS:
        return "pages"
    name = path.stem.split("-")[0]
    return name if name in KINDS else "pages"


def test_a_string_only_one_kinds_scripts_ask_for_is_declared_with_the_kind():
    scripts = {
        path: path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "static/js").rglob("*.js"))
        if "vendor" not in path.parts
    }
    misplaced = []
    for page in sorted((ROOT / "templates").rglob("*.html")):
        for key in TEMPLATE_STRING.findall(page.read_text(encoding="utf-8")):
            users = {family(path) for path, text in scripts.items() if asked_for(key, text)}
            if len(users) == 1 and users != {"pages"}:
                misplaced.append(f"{page.name}: {key} ({users.pop()})")
    assert misplaced == [], "move these to the kind's words"
