"""The JSON API of the browser's tool editor: the kinds it offers, and drafts of tools.

Thin: each route checks the organiser (as uploads do), reads its JSON body within the upload's
budget, calls ``services.tool_drafts`` and answers in the reader's language.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request
from flask_babel import get_locale

from ..domain.tool_editor import catalogue, problem_paths
from ..messages import problem_body
from ..services import tool_drafts as drafts
from ..services.errors import Refused
from ..services.tool_files import MAX_UPLOAD
from .access import from_this_computer, store
from .api_answers import answer_refusals, json_object
from .organisers import check_organiser, may_replace_tools, passcode_header

tool_drafts = Blueprint("tool_drafts", __name__)

STATUS_OF = {
    "passcode_required": 401,
    "too_many_attempts": 429,
    "unknown_draft": 404,
    "unknown_dialogue": 404,
    "tool_in_use": 409,
    "built_in_tool": 409,
    "may_not_edit": 403,
    "too_many_drafts": 409,
    "too_large": 413,
    "unavailable": 503,
}
# A body holds one document and a few words around it.
MAX_BODY = MAX_UPLOAD + 4096


answer_refusals(tool_drafts, STATUS_OF)


def organiser() -> None:
    """Refused unless the organiser passcode is given or remembered (or none is set)."""
    check_organiser(passcode_header(), browser=True)


def may_replace() -> bool:
    """Whether a draft may replace its own published tool: with a passcode set, the organiser
    who gave it; without one, only at the computer that runs the tool (as the overview of
    meetings), so that nobody else on the network changes the next meeting's tool."""
    return may_replace_tools() or from_this_computer()


def body() -> dict[str, Any]:
    """The request's JSON object, read within the upload's budget."""
    return json_object(MAX_BODY)


def language() -> str:
    return str(get_locale())


def problems_of(checked: drafts.Checked, document: Any) -> list[dict[str, Any]]:
    """The problems as the editor shows them: where in the document (``path``), and the
    words an upload shows, in the reader's language."""
    paths = problem_paths(checked.problems, document)
    found = []
    for problem, path in zip(checked.problems, paths, strict=True):
        shown = problem_body(problem)
        step = problem.step
        found.append({**shown, "path": path, "step": None if step and step[0] == "#" else step})
    return found


def draft_body(draft: drafts.Draft) -> dict[str, Any]:
    record = draft.record
    return {
        "id": record.id,
        "document": record.document,
        "problems": problems_of(draft.checked, record.document),
        "more_problems": draft.checked.more,
        "startable": draft.startable,
        "updated_at": record.updated_at.isoformat(),
        "tool_id": record.tool_id,
        "in_use": draft.in_use,
        "copied_in_use": draft.copied_in_use,
    }


@tool_drafts.get("/api/tool-editor/kinds")
def kinds():
    """Every kind with its fields, the settings and the tool's fields, in ``?lang=``."""
    return jsonify(catalogue(language()))


@tool_drafts.get("/api/tool-drafts")
def listing():
    organiser()
    return jsonify(
        [
            {
                "id": record.id,
                "title": record.title,
                "updated_at": record.updated_at.isoformat(),
                "problems": record.problems,
                "tool_id": record.tool_id,
            }
            for record in store().tool_drafts()
        ]
    )


@tool_drafts.post("/api/tool-drafts")
def create():
    """A blank draft, a copy of a tool, or (``"edit": true``) a draft of the tool itself."""
    organiser()
    given = body()
    source = given.get("from")
    in_place = given.get("edit", False)
    if not isinstance(source, str) or not isinstance(in_place, bool):
        raise Refused("bad_payload")
    if in_place:
        draft = drafts.edit(store(), source, may_replace=may_replace())
    else:
        draft = drafts.create(store(), source, language())
    return jsonify(draft_body(draft)), 201


@tool_drafts.post("/api/tool-drafts/check")
def check():
    given = body()
    document = drafts.admit(given.get("document"))
    checked = drafts.check(store(), document, drafts.own_tool(store(), given.get("draft")))
    return jsonify(
        problems=problems_of(checked, document),
        more_problems=checked.more,
        startable=checked.tool is not None,
    )


@tool_drafts.post("/api/tool-drafts/preview")
def preview():
    given = body()
    return jsonify(drafts.preview(given.get("document"), given.get("step"), language()))


@tool_drafts.get("/api/tool-drafts/<draft_id>")
def read(draft_id: str):
    organiser()
    return jsonify(draft_body(drafts.get(store(), draft_id)))


@tool_drafts.put("/api/tool-drafts/<draft_id>")
def save(draft_id: str):
    organiser()
    document = body().get("document")
    draft = drafts.save(store(), draft_id, document, may_replace=may_replace())
    return jsonify(draft_body(draft))


@tool_drafts.delete("/api/tool-drafts/<draft_id>")
def delete(draft_id: str):
    organiser()
    drafts.delete(store(), draft_id, with_tool=request.args.get("tool") == "1")
    return "", 204


@tool_drafts.get("/api/tool-drafts/<draft_id>.yaml")
def download(draft_id: str):
    organiser()
    text, name = drafts.as_yaml(store(), draft_id)
    return Response(
        text,
        mimetype="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
