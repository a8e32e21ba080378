"""How every JSON API blueprint reads a body and answers a refusal, so that the meetings' API
and the tool editor's answer alike: ``{"error": ...}`` in the reader's language, with the
status each blueprint gives its own refusals."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from ..domain.errors import DomainError, InvalidDialogue
from ..messages import error_body, problems_body
from ..services.errors import Refused
from ..storage import StoreUnavailable


def answer_refusals(blueprint: Blueprint, status_of: dict[str, int]) -> None:
    """A tool's problems answer 400, a refusal the status of its code (400 unless listed),
    an unreachable store 503."""

    @blueprint.errorhandler(InvalidDialogue)
    def invalid_dialogue(error: InvalidDialogue):
        return jsonify(error=problems_body(error)), 400

    @blueprint.errorhandler(DomainError)
    def refused(error: DomainError):
        return jsonify(error=error_body(error)), status_of.get(error.code, 400)

    @blueprint.errorhandler(StoreUnavailable)
    def unavailable(_error: StoreUnavailable):
        return jsonify(error=error_body("unavailable")), 503


def json_object(limit: int | None = None) -> dict[str, Any]:
    """The request's JSON object, refused as ``bad_payload`` when it is anything else and as
    ``too_large`` beyond ``limit`` bytes (when given)."""
    if limit is not None and (
        (request.content_length or 0) > limit or len(request.get_data(cache=True)) > limit
    ):
        raise Refused("too_large")
    try:
        found = request.get_json(silent=True)
    except (RecursionError, ValueError):  # absurdly deep or long JSON
        found = None
    if not isinstance(found, dict):
        raise Refused("bad_payload")
    return found
