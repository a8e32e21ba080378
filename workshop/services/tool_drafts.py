"""Dialogue tools written in the browser: drafts kept as written, checked by the rules uploads
follow, and published as a tool through the upload's own path once they have no problems.

A draft is never lost for having problems (a tool is written a field at a time); only a draft
without problems is a tool that a meeting can start. A built-in tool is copied, never changed;
a tool that a meeting is running is replaced for the next meeting only, as every meeting keeps
its own copy of its steps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from ..dialogues import builtin_dialogue
from ..domain.dialogue import ID_PATTERN, MAX_PROMPT, DialogueTool
from ..domain.errors import DialogueProblem, InvalidDialogue
from ..domain.kinds import KINDS, kind_of
from ..domain.languages import LANGUAGES
from ..domain.samples import sample_context, sample_summary
from ..domain.tool_editor import preview_step
from ..domain.tool_format import STEP_FIELDS, TOOL_FIELDS
from ..domain.tools import read_tool, step_definition, tool_definition
from ..storage import DraftIdTaken, DraftRecord, Store, TooManyDrafts
from .context import today as local_today
from .dialogues import MAX_UPLOADED_TOOLS, find_dialogue, keep_dialogue
from .errors import Refused
from .snapshots import cards_of
from .tool_files import MAX_UPLOAD, check_value_shape

# Drafts kept at most, of every organiser together: each is at most an upload's size.
MAX_DRAFTS = 500
# What a copy's id and title end with (``almene-maal-kopi``, "Almene Mål (kopi)").
COPY_ID = "kopi"
COPY_TITLE = {"da": "kopi", "en": "copy"}
# A blank draft's id, by the language it is written in.
BLANK_ID = {"da": "nyt-redskab", "en": "new-tool"}


@dataclass
class Checked:
    """A document judged by the upload's rules: its problems (the first of them, and how many
    more), and the tool it makes when it has none."""

    problems: list[DialogueProblem] = field(default_factory=list)
    more: int = 0
    tool: DialogueTool | None = None


@dataclass
class Draft:
    """A draft as the editor gets it: its record, its problems now, whether a meeting can
    start from it, and how many meetings that have not ended run its tool."""

    record: DraftRecord
    checked: Checked
    startable: bool
    in_use: int = 0
    # Opened to edit a tool that meetings not ended run: how many, as the draft is a copy.
    copied_in_use: int = 0


def admit(document: Any) -> dict[str, Any]:
    """The document, if it can be kept at all: a mapping within an upload's size and shape
    (depth, number of values, length of a text); InvalidDialogue or Refused otherwise."""
    if not isinstance(document, dict):
        raise InvalidDialogue([DialogueProblem(None, "", "not_mapping")])
    check_value_shape(document)
    try:
        size = len(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    except UnicodeEncodeError:  # half of a surrogate pair ("\ud83d"): no file holds one
        raise Refused("bad_payload") from None
    if size > MAX_UPLOAD:
        raise Refused("too_large", limit=MAX_UPLOAD // 1024)
    return document


def check(store: Store, document: dict[str, Any], own_tool: str | None = None) -> Checked:
    """The document's problems by the upload's rules (``read_tool``), and an id that another
    tool has: a built-in one's (``id_taken``) or one kept on this server, unless it is the
    draft's own published tool (``id_used``)."""
    try:
        tool = read_tool(document)
    except InvalidDialogue as invalid:
        return Checked(list(invalid.problems), invalid.more)
    if builtin_dialogue(tool.id) is not None:
        return Checked([DialogueProblem(None, "id", "id_taken")])
    if tool.id != own_tool and store.dialogue_tool(tool.id) is not None:
        return Checked([DialogueProblem(None, "id", "id_used")])
    return Checked(tool=tool)


def _published(store: Store, tool: DialogueTool) -> bool:
    return store.dialogue_tool(tool.id) == tool_definition(tool)


def _free_id(store: Store, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``-3`` …: an id no tool and no draft has (40 at most)."""
    drafts = store.tool_drafts()
    taken = {record.id for record in drafts} | {record.tool_id for record in drafts}
    taken |= {tool_id for tool_id, _kept in store.dialogue_tool_stamps()}
    number = 1
    while True:
        suffix = "" if number == 1 else f"-{number}"
        candidate = wanted[: 40 - len(suffix)].rstrip("-_") + suffix
        if candidate not in taken and builtin_dialogue(candidate) is None:
            return candidate
        number += 1


def create(store: Store, source: Any, language: str) -> Draft:
    """A new draft: blank (``"blank"``, in ``language``) or a copy of any tool under an id of
    its own and a title that says it is a copy; the tool itself is left as it is."""
    tool = None
    if source == "blank":
        language = language if language in LANGUAGES else LANGUAGES[0]
    else:
        tool = find_dialogue(store, source)
        if tool is None:
            raise Refused("unknown_dialogue")
    for _attempt in range(3):  # another editor may take the same free id at the same moment
        document = _blank(store, language) if tool is None else _copy(store, tool)
        checked = check(store, document)
        try:
            record = store.add_tool_draft(
                document["id"], document, _count(checked), limit=MAX_DRAFTS
            )
        except TooManyDrafts:
            raise Refused("too_many_drafts", limit=MAX_DRAFTS) from None
        except DraftIdTaken:
            continue
        return Draft(record, checked, startable=False)
    raise Refused("too_fast")


def edit(store: Store, tool_id: Any, *, may_replace: bool) -> Draft:
    """A draft of a kept tool itself, not of a copy: it keeps the tool's id and title, and
    saving it republishes the tool under that id. A draft already opened on the tool is opened
    again rather than a second made. A built-in tool is never changed (``built_in_tool``:
    copy it instead), and only a caller who may replace uploaded tools may change one
    (``may_not_edit``). A tool that a meeting not ended runs is copied instead, so the meeting
    is never changed under it: the draft says how many meetings (``copied_in_use``)."""
    tool = find_dialogue(store, tool_id)
    if tool is None:
        raise Refused("unknown_dialogue")
    if builtin_dialogue(tool.id) is not None:
        raise Refused("built_in_tool")
    running = store.meetings_running(tool.id)
    if running:
        copied = create(store, tool.id, tool.language)
        copied.copied_in_use = running
        return copied
    if not may_replace:
        raise Refused("may_not_edit")
    for _attempt in range(3):  # another editor may open the same tool at the same moment
        kept = store.tool_draft_of(tool.id)
        if kept is not None:
            return get(store, kept)
        document = tool_definition(tool)
        draft_id = tool.id if store.tool_draft(tool.id) is None else _free_id(store, tool.id)
        try:
            record = store.add_tool_draft(draft_id, document, 0, limit=MAX_DRAFTS, tool_id=tool.id)
        except TooManyDrafts:
            raise Refused("too_many_drafts", limit=MAX_DRAFTS) from None
        except DraftIdTaken:
            continue
        return judged(store, record)
    raise Refused("too_fast")


def _blank(store: Store, language: str) -> dict[str, Any]:
    return {
        "id": _free_id(store, BLANK_ID[language]),
        "title": "",
        "language": language,
        "description": "",
        "steps": [],
    }


def _copy(store: Store, tool: DialogueTool) -> dict[str, Any]:
    suffix = f" ({COPY_TITLE.get(tool.language, COPY_TITLE['en'])})"
    return {
        **tool_definition(tool),
        "id": _free_id(store, f"{tool.id}-{COPY_ID}"),
        "title": tool.title[: MAX_PROMPT - len(suffix)] + suffix,
    }


def _count(checked: Checked) -> int:
    return len(checked.problems) + checked.more


def _record(store: Store, draft_id: Any) -> DraftRecord:
    record = None
    if isinstance(draft_id, str) and ID_PATTERN.fullmatch(draft_id):
        record = store.tool_draft(draft_id)
    if record is None:
        raise Refused("unknown_draft")
    return record


def own_tool(store: Store, draft_id: Any) -> str | None:
    """The tool the draft ``draft_id`` was published as, if there is such a draft: a check
    while typing does not call the draft's own tool's id taken."""
    if not isinstance(draft_id, str) or not ID_PATTERN.fullmatch(draft_id):
        return None
    record = store.tool_draft(draft_id)
    return None if record is None else record.tool_id


def judged(store: Store, record: DraftRecord) -> Draft:
    """A kept draft with its problems as they are now (another tool may have taken its id
    since): startable when it has none and its tool is what it says."""
    assert record.document is not None
    checked = check(store, record.document, record.tool_id)
    tool = checked.tool
    startable = tool is not None and tool.id == record.tool_id and _published(store, tool)
    if tool is not None and not startable:
        if store.dialogue_tool(tool.id) is not None:
            # Its own tool, saved without the right to replace it (see ``save``).
            checked = Checked([DialogueProblem(None, "id", "id_uploaded")])
        elif len(store.dialogue_tool_stamps()) >= MAX_UPLOADED_TOOLS:
            limit = MAX_UPLOADED_TOOLS
            checked = Checked([DialogueProblem(None, "", "too_many_tools", limit=limit)])
    return Draft(record, checked, startable)


def get(store: Store, draft_id: Any) -> Draft:
    return judged(store, _record(store, draft_id))


def save(store: Store, draft_id: Any, document: Any, *, may_replace: bool) -> Draft:
    """Keep the document as written, whatever its problems; without problems it is published
    as a tool through the upload's path. The draft's own published tool is replaced only when
    ``may_replace`` (the organiser, as for an upload): otherwise the draft is kept with the
    upload's problem ``id_uploaded``, and its tool stays as it was."""
    record = _record(store, draft_id)
    document = admit(document)
    checked = check(store, document, record.tool_id)
    if checked.tool is not None and not _published(store, checked.tool):
        checked = _publish(store, record, checked, may_replace)
    tool_id = checked.tool.id if checked.tool is not None else record.tool_id
    saved = store.save_tool_draft(record.id, document, _count(checked), tool_id)
    if saved is None:  # deleted while it was being saved
        raise Refused("unknown_draft")
    startable = checked.tool is not None
    in_use = store.meetings_running(tool_id) if startable and tool_id else 0
    return Draft(saved, checked, startable, in_use)


def _publish(store: Store, record: DraftRecord, checked: Checked, may_replace: bool) -> Checked:
    """Keep the checked document as a tool, as an upload would be kept; what is left to say
    when it cannot be. A draft given another id moves its tool: the one under the old id
    goes, when the caller may replace it and no meeting that has not ended runs it."""
    tool = checked.tool
    assert tool is not None
    if store.dialogue_tool(tool.id) is not None and not may_replace:
        return Checked([DialogueProblem(None, "id", "id_uploaded")])
    try:
        keep_dialogue(store, tool, replace=True)
    except InvalidDialogue as invalid:  # the server keeps as many tools as it may already
        return Checked(list(invalid.problems), invalid.more)
    old = record.tool_id
    if old and old != tool.id and may_replace and not store.meetings_running(old):
        store.delete_dialogue_tool(old)
    return checked


def delete(store: Store, draft_id: Any, *, with_tool: bool) -> None:
    """Remove a draft; ``with_tool`` also its published tool, unless a meeting that has not
    ended runs it (``tool_in_use``: then nothing is removed)."""
    record = _record(store, draft_id)
    if with_tool and record.tool_id:
        running = store.meetings_running(record.tool_id)
        if running:
            raise Refused("tool_in_use", count=running)
        store.delete_dialogue_tool(record.tool_id)
    store.delete_tool_draft(record.id)


def as_yaml(store: Store, draft_id: Any) -> tuple[str, str]:
    """The draft's document as a YAML tool file, and its file name: uploaded again, it is the
    same tool (keys in the order written, every text as it was)."""
    record = _record(store, draft_id)
    text = yaml.safe_dump(
        _in_reading_order(record.document),
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    name = record.document.get("id") if isinstance(record.document, dict) else None
    name = name if isinstance(name, str) and ID_PATTERN.fullmatch(name) else record.id
    return text, f"{name}.yaml"


def _in_reading_order(document: Any) -> Any:
    """The tool's keys and each step's in the order the format declares them (id, title …;
    id, kind, prompt …), so the file reads as the built-in ones do; unknown keys last."""
    if not isinstance(document, dict):
        return document
    ordered = _ordered(document, [f.name for f in TOOL_FIELDS])
    if isinstance(ordered.get("steps"), list):
        ordered["steps"] = [
            _ordered(step, [f.name for f in STEP_FIELDS + _own_fields(step)])
            if isinstance(step, dict)
            else step
            for step in ordered["steps"]
        ]
    return ordered


def _own_fields(step: dict[str, Any]) -> tuple:
    kind = step.get("kind")
    return kind_of(kind).fields if isinstance(kind, str) and kind in KINDS else ()


def _ordered(mapping: dict[str, Any], names: list[str]) -> dict[str, Any]:
    known = {name: mapping[name] for name in names if name in mapping}
    return {**known, **{key: value for key, value in mapping.items() if key not in known}}


def preview(document: Any, step_id: Any, language: str, today: date | None = None) -> dict:
    """The step as the phones get it in ``state`` (an earlier step's sample ideas as a vote's
    cards), and the summary its kind makes of sample answers, as the projector draws it."""
    document = admit(document)
    if not isinstance(step_id, str):
        raise Refused("no_such_step")
    found = preview_step(document, step_id)
    if found is None:
        raise Refused("no_such_step")
    step, earlier = found
    wanted = document.get("language")
    language = wanted if wanted in LANGUAGES else language
    today = today or local_today()
    context = sample_context(step, earlier, language, today)
    index = len(earlier)
    data: dict[str, Any] = {"index": index, **step_definition(step, notes=False)}
    if step.source:
        source = next(before for before in earlier if before.id == step.source)
        identical = kind_of(source.kind).text_cards
        data["cards"] = [
            {"answer_id": card.answer_id, "text": card.value, "weight": weight}
            for card, weight in cards_of(list(context.cards.values()), identical)
        ]
    data.update(kind_of(step.kind).step_state(step, context))
    summary = sample_summary(step, language=language, context=context) if step.answerable else None
    return {"step": data, "summary": summary}
