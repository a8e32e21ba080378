"""The words a person reads when something is refused, chosen by error code in their language."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext

from .domain.errors import DomainError

_ = lazy_gettext

MESSAGES: dict[str, Any] = {
    # sessions and access
    "unknown_dialogue": _("There is no dialogue tool with that name."),
    "bad_title": _("The title must be between 1 and %(limit)s characters."),
    "bad_language": _("The language must be Danish (da) or English (en)."),
    "no_free_code": _("No free session code was found. Please try again."),
    "bad_code": _("A session code has 6 digits."),
    "unknown_session": _("There is no session with that code. Check the code and try again."),
    "bad_key": _("This link is not valid for the session. Ask the facilitator for a new one."),
    "bad_auth": _("The connection did not say who it is (role, code and key or token)."),
    "not_allowed": _("Only the facilitator can do that."),
    "passcode_required": _("Creating a session needs the organiser passcode."),
    "session_ended": _("The session has ended. Thank you for taking part."),
    # participants
    "bad_name": _("The name must be text."),
    "name_too_long": _("A name can be at most %(limit)s characters."),
    "bad_payload": _("The request could not be read. Reload the page and try again."),
    "bad_answer_id": _("The answer is missing its id. Reload the page and try again."),
    "unknown_step": _("That step does not exist in this session."),
    "answering_closed": _("Answering is closed for this step."),
    "answer_id_taken": _("This answer id belongs to another answer. Reload the page."),
    "not_answerable": _("This step takes no answers."),
    # answer values
    "not_text": _("The answer must be text."),
    "empty": _("The answer is empty."),
    "too_long": _("The answer is too long: at most %(limit)s characters."),
    "no_choice": _("Choose at least one option."),
    "unknown_option": _("That option is not part of this question."),
    "repeated_option": _("An option was chosen twice."),
    "too_many_choices": _("Choose at most %(limit)s options."),
    "no_rating": _("Rate at least one statement."),
    "unknown_statement": _("That statement is not part of this question."),
    "not_a_rating": _("A rating must be a whole number."),
    "rating_out_of_range": _("A rating must be between %(low)s and %(high)s."),
    "invalid_value": _("The answer does not fit this question."),
    # facilitator commands
    "unknown_action": _("Unknown command."),
    "already_started": _("The session has already started."),
    "at_last_step": _("This is the last step."),
    "at_first_step": _("This is the first step."),
    "not_running": _("Start the session first."),
    "step_takes_no_answers": _("This step takes no answers."),
    "stale": _("The session was changed from another window. Look again and retry."),
    # the server itself
    "unavailable": _("The answer could not be saved right now. It will be sent again."),
    "internal_error": _("Something went wrong on the server. Please try again."),
    "not_found": _("The page was not found."),
    "too_large": _("The request is too large."),
    "unknown_format": _("Exports come as pdf."),
}


def message(code: str, **details: Any) -> str:
    template = MESSAGES.get(code) or MESSAGES["invalid_value"]
    text = str(template)
    try:
        return text % details if details else text
    except (KeyError, TypeError, ValueError):
        return text


def error_body(error: DomainError | str, **details: Any) -> dict[str, Any]:
    """``{"code", "message"}`` for a refusal, in the current request's language."""
    if isinstance(error, DomainError):
        code, details = error.code, {**error.details, **details}
    else:
        code = error
    return {"code": code, "message": message(code, **details)}
