"""A step kind has one home on each side: nothing else in the code tests a kind's name."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

from workshop.domain.kinds import KINDS
from workshop.export.kinds import PARTS

ROOT = Path(__file__).resolve().parents[2]
PY_HOMES = (ROOT / "workshop/domain/kinds", ROOT / "workshop/export/kinds")
JS_HOME = ROOT / "static/js/kinds"
MARK = "not a step kind"
NAMES = set(KINDS)


def python_files():
    for path in sorted((ROOT / "workshop").rglob("*.py")):
        if not any(home in path.parents for home in PY_HOMES):
            yield path


def js_files():
    for path in sorted((ROOT / "static/js").rglob("*.js")):
        if JS_HOME not in path.parents:
            yield path


def kind_names_in_python(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.STRING:
            continue
        try:
            value = ast.literal_eval(token.string)
        except (ValueError, SyntaxError):
            continue
        line = lines[token.start[0] - 1]
        if value in NAMES and MARK not in line:
            found.append(f"{path.relative_to(root)}:{token.start[0]}: {line.strip()}")
    return found


JS_STRING = re.compile(r"""(["'`])([a-z]+)\1""")


def kind_names_in_js(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if MARK in line or line.lstrip().startswith("//"):
            continue
        for match in JS_STRING.finditer(line):
            if match.group(2) in NAMES:
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


def test_no_python_module_outside_the_kinds_tests_a_kinds_name():
    found = [hit for path in python_files() for hit in kind_names_in_python(path)]
    assert found == [], "ask the registry (kind_of) instead:\n" + "\n".join(found)


def test_no_script_outside_static_js_kinds_tests_a_kinds_name():
    found = [
        hit for path in js_files() if "vendor" not in path.parts for hit in kind_names_in_js(path)
    ]
    assert found == [], "ask the registry (kindOf) instead:\n" + "\n".join(found)


REGISTERS = re.compile(r'register\(\{\s*name: "(\w+)"')


def test_every_kind_has_a_report_part_and_a_browser_module_that_registers_it():
    assert set(PARTS) == NAMES
    registered = {path.stem: REGISTERS.findall(path.read_text()) for path in JS_HOME.glob("*.js")}
    assert {stem: names for stem, names in registered.items() if names} == {
        name: [name] for name in NAMES
    }, "each kind's static/js/kinds/<name>.js registers it, and no other module a kind"


IMPORTS = re.compile(r'^import .* from "(\.{1,2}/[\w./-]+\.js)";', re.MULTILINE)
PAGE_MODULE = re.compile(r"""<script type="module" src="[^"]*filename='js/([\w/-]+\.js)'""")


def asks_the_kinds(script: Path, seen: set[Path] | None = None) -> bool:
    """Whether a script, or a module it imports, asks the browser's registry of kinds."""
    seen = seen if seen is not None else set()
    for imported in IMPORTS.findall(script.read_text(encoding="utf-8")):
        path = (script.parent / imported).resolve()
        if path == JS_HOME / "index.js":
            return True
        if path not in seen and JS_HOME not in path.parents:
            seen.add(path)
            if asks_the_kinds(path, seen):
                return True
    return False


def test_every_page_that_asks_for_kinds_loads_them_first():
    # The kinds register themselves: a page whose scripts ask for a kind must load every
    # kind's module (kind_modules()) before its own, or each step would show only its prompt.
    late = []
    for page in sorted((ROOT / "templates").rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for match in PAGE_MODULE.finditer(text):
            script = ROOT / "static/js" / match.group(1)
            if JS_HOME not in script.parents and asks_the_kinds(script):
                loaded = text.find("{{ kind_modules() }}")
                if loaded == -1 or loaded > match.start():
                    late.append(f"{page.relative_to(ROOT)}: {match.group(1)}")
    assert late == []


def test_the_check_finds_a_kind_name_where_it_does_not_belong(tmp_path):
    python = tmp_path / "views.py"
    python.write_text('if step.kind == "vote":\n    pass\nACTION = "open"  # not a step kind\n')
    script = tmp_path / "view.js"
    script.write_text('if (step.kind === "vote") show();\n// "open" in a comment is fine\n')
    assert [hit.split(": ", 1)[1] for hit in kind_names_in_python(python, tmp_path)] == [
        'if step.kind == "vote":'
    ]
    assert len(kind_names_in_js(script, tmp_path)) == 1


CSS_HOME = ROOT / "static/css/kinds"
TEMPLATE_HOME = ROOT / "templates/kinds"
CSS_KIND = re.compile(r"""\[data-kind\s*=\s*["']?([a-z]+)["']?\s*\]""")
QUOTED = re.compile(r"""(["'])([a-z]+)\1""")


def kind_rules_in_css(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if any(match.group(1) in NAMES for match in CSS_KIND.finditer(line)):
            found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


def kind_names_in_template(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if MARK in line:
            continue
        if any(match.group(2) in NAMES for match in QUOTED.finditer(line)):
            found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


def test_no_shared_stylesheet_has_a_rule_for_one_kind():
    shared = [p for p in sorted((ROOT / "static/css").rglob("*.css")) if CSS_HOME not in p.parents]
    found = [hit for path in shared for hit in kind_rules_in_css(path)]
    assert found == [], "move the rule to static/css/kinds/<kind>.css:\n" + "\n".join(found)


def test_every_kind_stylesheet_belongs_to_a_kind():
    assert {path.stem for path in CSS_HOME.glob("*.css")} <= NAMES


def test_no_template_outside_the_kinds_names_a_kind():
    templates = [
        path
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if TEMPLATE_HOME not in path.parents
    ]
    found = [hit for path in templates for hit in kind_names_in_template(path)]
    assert found == [], "ask the kind (a hook or its home) instead:\n" + "\n".join(found)


def test_the_css_and_template_checks_find_a_kind_where_it_does_not_belong(tmp_path):
    sheet = tmp_path / "screen.css"
    sheet.write_text('[data-kind="vote"] .x { color: red; }\n[data-results="shown"] .y {}\n')
    page = tmp_path / "page.html"
    page.write_text(
        '{% if step.kind == "scale" %}x{% endif %}\n'
        '<b data-action="open">{# not a step kind #}</b>\n'
    )
    assert len(kind_rules_in_css(sheet, tmp_path)) == 1
    assert [hit.split(": ", 1)[1] for hit in kind_names_in_template(page, tmp_path)] == [
        '{% if step.kind == "scale" %}x{% endif %}'
    ]


# A flag only one kind sets is its name in disguise: shared code asks a hook with a neutral
# default instead (``ranked_source``, ``plan_of``, ``follows_up``, ``step_state``,
# ``moderated_step``, ``reads_follow_up``; in the browser ``moderationTools`` and ``editForm``).
# These flags once stood where the hooks are now:
REMOVED_FLAGS = {"ranks_cards", "makes_plan", "reviews_plan"}
# Flags one kind sets that shared code may still ask, each for the reason given:
STILL_ASKED = {
    "answerable": "every step has it (Step.answerable): a slide takes no answers",
    "text_cards": "how its cards fold (the same words one card), for commands and exports",
    "confirmable": "whether confirm_action and edit_action may act on the step's answers",
    "counts_words": "whether the word-cloud tidying commands may act on the step",
}
JS_FLAG = re.compile(r"\b(\w+): (?:true|false)\b")
JS_ASKS = re.compile(r"(?:\bkind|kindOf\([^()]*\))\.(\w+)")
REMOVED_JS_FLAGS = {"plan"}


def single_kind_flags() -> set[str]:
    """The kinds' flags (a boolean on the base) that exactly one registered kind changes."""
    from workshop.domain.kinds import StepKind

    flags = {name for name in dir(StepKind) if isinstance(getattr(StepKind, name), bool)}
    return {
        flag
        for flag in flags
        if sum(getattr(kind, flag) != getattr(StepKind, flag) for kind in KINDS.values()) == 1
    }


def flags_asked_in_python(path: Path, flags: set[str], root: Path = ROOT) -> list[str]:
    found = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for node in ast.walk(ast.parse("\n".join(lines))):
        named = None
        if isinstance(node, ast.Attribute):
            named = node.attr
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "getattr":
            asked = node.args[1] if len(node.args) > 1 else None
            named = asked.value if isinstance(asked, ast.Constant) else None
        if named in flags:
            line = lines[node.lineno - 1].strip()
            found.append(f"{path.relative_to(root)}:{node.lineno}: {line}")
    return found


def single_kind_js_flags() -> set[str]:
    """The members set true or false in exactly one kind's browser module."""
    setters: dict[str, int] = {}
    for path in JS_HOME.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        exported = text[text.find("export default") :] if "export default" in text else ""
        for name in set(JS_FLAG.findall(exported)):
            setters[name] = setters.get(name, 0) + 1
    return {name for name, count in setters.items() if count == 1}


def flags_asked_in_js(path: Path, flags: set[str], root: Path = ROOT) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if any(name in flags for name in JS_ASKS.findall(line)):
            found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


def test_no_shared_module_asks_a_flag_only_one_kind_sets():
    flags = (single_kind_flags() - set(STILL_ASKED)) | REMOVED_FLAGS
    found = [hit for path in python_files() for hit in flags_asked_in_python(path, flags)]
    js_flags = single_kind_js_flags() | REMOVED_JS_FLAGS
    shared = [path for path in js_files() if "vendor" not in path.parts]
    found += [hit for path in shared for hit in flags_asked_in_js(path, js_flags)]
    assert found == [], "give the kind a hook with a neutral default instead:\n" + "\n".join(found)


def test_the_flag_check_finds_a_flag_asked_outside_the_kinds(tmp_path):
    python = tmp_path / "report.py"
    python.write_text(
        "if kind_of(step.kind).makes_plan:\n    pass\n"
        "if getattr(kind, 'reviews_plan'):\n    pass\n"
        "source = kind.ranked_source(step)\n"
    )
    script = tmp_path / "console.js"
    script.write_text("if (kind.plan) confirm();\nif (kindOf(s.kind).plan) edit();\nstate.plan;\n")
    assert len(flags_asked_in_python(python, REMOVED_FLAGS, tmp_path)) == 2
    assert len(flags_asked_in_js(script, REMOVED_JS_FLAGS, tmp_path)) == 2
    assert set(STILL_ASKED) <= single_kind_flags(), "a flag several kinds set needs no reason"


def kind_own_keys() -> dict[str, str]:
    """Each string key only one kind owns (its name ``kind_<name>``, its scripts' words, its
    refusal codes), with the kind that owns it."""
    keys = {}
    for name, kind in KINDS.items():
        keys[f"kind_{name}"] = name
        keys.update(dict.fromkeys(kind.words, name))
        keys.update(dict.fromkeys(kind.refusals, name))
    return keys


def kind_keys_in(path: Path, keys: dict[str, str], root: Path = ROOT) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in re.finditer(r"""(["'])(\w+)\1""", line):
            if match.group(2) in keys:
                owner = keys[match.group(2)]
                found.append(f"{path.relative_to(root)}:{number}: {match.group(2)} ({owner})")
    return found


def test_no_template_or_shared_message_holds_a_kinds_own_words(tmp_path):
    keys = kind_own_keys()
    places = [*sorted((ROOT / "templates").rglob("*.html")), ROOT / "workshop/messages.py"]
    found = [hit for path in places for hit in kind_keys_in(path, keys)]
    assert found == [], "declare it in the kind's home (title, words, refusals):\n" + "\n".join(
        found
    )
    # The check finds one where it does not belong.
    page = tmp_path / "base.html"
    page.write_text('  "kind_vote": _("Voting"),\n  "send": _("Send"),\n')
    messages = tmp_path / "messages.py"
    messages.write_text('    "no_votes": _("Give at least one vote."),\n')
    vote_keys = {"kind_vote": "vote", "no_votes": "vote"}
    assert len(kind_keys_in(page, vote_keys, tmp_path)) == 1
    assert len(kind_keys_in(messages, vote_keys, tmp_path)) == 1


# A kind's styles live in its sheet: a shared sheet styles nothing that only one kind draws. The
# classes a kind draws are the words of its scripts' strings (static/js/kinds/<kind>.js and
# <kind>-*.js); a class that a shared script, a template or two kinds use is shared.
SCRIPT_TEXT = re.compile(
    r"""//[^\n]*|/\*.*?\*/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`""", re.DOTALL
)
CLASS_WORD = re.compile(r"-?[A-Za-z_][\w-]*")
CSS_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
# A state (is-top, has-votes, no-meta) says which kind a rule is for only when nothing else does.
STATE = re.compile(r"(?:is|has|no)-")


def words_in_strings(path: Path) -> set[str]:
    """The words of a script's strings, where its class names are: not of its comments, of the
    paths it imports or of the expressions in a template string."""
    words = set()
    for match in SCRIPT_TEXT.finditer(path.read_text(encoding="utf-8")):
        text = match.group(0)
        if text.startswith("/") or text[1:-1].endswith(".js"):
            continue
        words.update(CLASS_WORD.findall(re.sub(r"\$\{[^}]*\}", " ", text)))
    return words


def class_users(root: Path = ROOT) -> dict[str, set[str]]:
    """Who draws each class: a kind (its module family) or a shared script or template."""
    users: dict[str, set[str]] = {}
    home = root / "static/js/kinds"
    for path in sorted((root / "static/js").rglob("*.js")):
        if "vendor" in path.parts:
            continue
        family = [name for name in NAMES if path.stem == name or path.stem.startswith(name + "-")]
        user = family[0] if family and path.parent == home else f"shared:{path.name}"
        for word in words_in_strings(path):
            users.setdefault(word, set()).add(user)
    for path in sorted((root / "templates").rglob("*.html")):
        for value in CLASS_ATTRIBUTE.findall(path.read_text(encoding="utf-8")):
            for word in CLASS_WORD.findall(value):
                users.setdefault(word, set()).add(f"template:{path.name}")
    return users


def kind_only_classes(root: Path = ROOT) -> dict[str, str]:
    return {
        name: next(iter(users))
        for name, users in class_users(root).items()
        if len(users) == 1 and next(iter(users)) in NAMES
    }


def css_selectors(text: str) -> list[tuple[int, str]]:
    """Each selector of a sheet's style rules (inside @media too), with its line."""
    text = re.sub(r"/\*.*?\*/", lambda c: re.sub(r"[^\n]", " ", c.group(0)), text, flags=re.DOTALL)
    found, depth, start, skip_from = [], 0, 0, None
    for index, char in enumerate(text):
        if char == "{":
            head = text[start:index]
            if skip_from is None and not head.strip().startswith("@"):
                offset = start
                for part in re.split(r",(?![^()]*\))", head):
                    line = text.count("\n", 0, offset + len(part) - len(part.lstrip())) + 1
                    found.append((line, " ".join(part.split())))
                    offset += len(part) + 1
            if skip_from is None and head.strip().startswith("@keyframes"):
                skip_from = depth
            depth += 1
            start = index + 1
        elif char in "};":
            if char == "}":
                depth -= 1
                if skip_from is not None and depth == skip_from:
                    skip_from = None
            start = index + 1
    return found


def one_kinds_selectors(path: Path, owned: dict[str, str], root: Path = ROOT) -> list[str]:
    found = []
    for line, selector in css_selectors(path.read_text(encoding="utf-8")):
        classes = CSS_CLASS.findall(selector)
        kinds = {owned[c] for c in classes if c in owned and not STATE.match(c)} or {
            owned[c] for c in classes if c in owned
        }
        if len(kinds) == 1:
            found.append(f"{path.relative_to(root)}:{line}: {selector} ({kinds.pop()})")
    return found


def test_no_shared_stylesheet_styles_what_only_one_kind_draws():
    owned = kind_only_classes()
    shared = [p for p in sorted((ROOT / "static/css").rglob("*.css")) if CSS_HOME not in p.parents]
    found = [hit for path in shared for hit in one_kinds_selectors(path, owned)]
    assert found == [], (
        "move the rule to static/css/kinds/<kind>.css, scoped to its page with :where(.page-…):\n"
        + "\n".join(found)
    )


def test_the_style_check_finds_a_rule_for_what_only_one_kind_draws(tmp_path):
    kinds, css = tmp_path / "static/js/kinds", tmp_path / "static/css"
    kinds.mkdir(parents=True)
    css.mkdir()
    (tmp_path / "templates").mkdir()
    (kinds / "vote.js").write_text(
        'el("li", "vote-card is-top"); el("div", "stepper");\n'
        '// "answer-card" in a comment is not a use\nrow.classList.add(`rank-${n}`);\n'
    )
    (kinds / "vote-list.js").write_text('import { el } from "../dom.js";\nel("div", "vote-bar");\n')
    (kinds / "points.js").write_text('el("div", "stepper is-top");\n')
    (tmp_path / "static/js/card-view.js").write_text('el("li", "answer-card");\n')
    (tmp_path / "templates/screen.html").write_text('<div class="results-screen"></div>\n')
    sheet = css / "screen.css"
    sheet.write_text(
        ".vote-card { color: red; }\n"
        "/* .vote-bar in a comment */\n"
        ".stepper, .answer-card.is-top,\n"
        ".results-screen .vote-bar { gap: 0; }\n"
        "@media (max-width: 20rem) { .answer-card .vote-card.is-top { margin: 0; } }\n"
        "@keyframes arrive { from { opacity: 0; } }\n"
    )
    owned = kind_only_classes(tmp_path)
    assert owned == {"vote-card": "vote", "vote-bar": "vote", "rank-": "vote"}
    assert one_kinds_selectors(sheet, owned, tmp_path) == [
        "static/css/screen.css:1: .vote-card (vote)",
        "static/css/screen.css:4: .results-screen .vote-bar (vote)",
        "static/css/screen.css:5: .answer-card .vote-card.is-top (vote)",
    ]
