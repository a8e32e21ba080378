"""The editor's check and the upload follow the same rules, for any document, and a draft's
YAML file uploads as the tool it is: properties over tools changed at random."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.integration.test_tool_drafts import EVERY_KIND
from workshop.dialogues import builtin_dialogues
from workshop.domain.errors import InvalidDialogue
from workshop.domain.tools import read_tool, tool_definition
from workshop.services import tool_drafts
from workshop.services.dialogues import import_dialogue
from workshop.storage import Store

# Every built-in tool and one with every kind, each under an id no built-in has.
BASES = [
    {**tool_definition(tool), "id": f"proeve-{n}"} for n, tool in enumerate(builtin_dialogues())
] + [EVERY_KIND]

VALUES = st.one_of(
    st.sampled_from(
        [None, "", "x", "ideer", "ny-id", "Ny Id", 0, 1, 5, 11, 181, -1, 2.5, True, False]
    ),
    st.sampled_from([[], {}, {"id": "a", "label": "A"}, [{"id": "a", "label": "A"}]]),
    st.sampled_from(["live", "reveal", "by_facilitator", "en", "open", "vote", "choice"]),
    st.text(max_size=40),
    st.text(min_size=115, max_size=130),
)


@st.composite
def documents(draw) -> dict[str, Any]:
    """A tool, then up to four changes anywhere in it: a value replaced, a key removed or
    added, a step repeated or two swapped."""
    document = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(0, 4))):
        place: Any = document
        while True:
            keys = list(place) if isinstance(place, dict) else list(range(len(place)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            inner = place[key]
            if not isinstance(inner, dict | list) or draw(st.booleans()):
                break
            place = inner
        if not keys:
            continue
        change = draw(st.sampled_from(["set", "remove", "add", "repeat", "swap"]))
        # The values are copied: a later change may go inside one, and the strategy's own
        # lists and mappings must stay as they were for the next example.
        if change == "set":
            place[key] = copy.deepcopy(draw(VALUES))
        elif change == "remove":
            del place[key]
        elif change == "add" and isinstance(place, dict):
            place[draw(st.sampled_from(["tidsramme", "setings", "notes", "kind", "ekstra"]))] = (
                copy.deepcopy(draw(VALUES))
            )
        elif change == "repeat" and isinstance(place, list):
            place.append(copy.deepcopy(place[key]))
        elif change == "swap" and isinstance(place, list):
            other = draw(st.sampled_from(keys))
            place[key], place[other] = place[other], place[key]
    return document


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('drafts') / 'store.sqlite3'}")
    store.create_schema()
    yield store
    store.dispose()


def uploaded(store: Store, data: bytes) -> tuple[Any, list[tuple]]:
    """The tool an upload of ``data`` keeps (then removed again), or the upload's problems."""
    try:
        tool = import_dialogue(store, data)
    except InvalidDialogue as refused:
        return None, [(p.step, p.field, p.code) for p in refused.problems]
    store.delete_dialogue_tool(tool.id)
    return tool, []


@given(document=documents())
def test_the_check_and_the_upload_find_the_same_problems(store, document):
    checked = tool_drafts.check(store, document)
    tool, problems = uploaded(store, json.dumps(document).encode("utf-8"))
    assert [(p.step, p.field, p.code) for p in checked.problems] == problems
    assert (checked.tool is None) == (tool is None)
    if tool is not None:
        assert tool_definition(tool) == tool_definition(checked.tool)


@given(document=documents())
def test_a_drafts_yaml_file_uploads_as_the_same_tool_or_with_the_same_problems(store, document):
    draft_id = tool_drafts._free_id(store, "fil")
    store.add_tool_draft(draft_id, document, 0, limit=tool_drafts.MAX_DRAFTS)
    text, name = tool_drafts.as_yaml(store, draft_id)
    store.delete_tool_draft(draft_id)
    assert yaml.safe_load(text) == document  # every text exactly as written
    tool, problems = uploaded(store, text.encode("utf-8"))
    checked = tool_drafts.check(store, document)
    if checked.tool is None:
        assert problems == [(p.step, p.field, p.code) for p in checked.problems]
    else:
        assert tool_definition(tool) == tool_definition(read_tool(document))
        assert name == f"{tool.id}.yaml"


def test_every_base_tool_is_a_tool_and_covers_every_kind():
    from workshop.domain.kinds import KINDS

    assert {step["kind"] for step in EVERY_KIND["steps"]} == set(KINDS)
    for base in BASES:
        read_tool(base)
