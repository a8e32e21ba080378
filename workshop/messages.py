"""The words a person reads when something is refused, chosen by error code in their language.

The refusals only one step kind raises are declared with the kind (``StepKind.refusals``, in
English and Danish); this module holds the rest, translated through the catalogue.
"""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale, lazy_gettext

from .domain.errors import DialogueProblem, DomainError, InvalidDialogue
from .domain.fields import Words
from .domain.kinds import KINDS

_ = lazy_gettext

# Each kind's own refusals by code (no two kinds raise the same code: a test holds them to it).
KIND_REFUSALS: dict[str, Words] = {
    code: text for kind in KINDS.values() for code, text in kind.refusals.items()
}

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
    "unknown_option": _("That option is not part of this question."),
    "invalid_value": _("The answer does not fit this question."),
    "bad_date": _("The date must be a real date (YYYY-MM-DD)."),
    "date_in_past": _("The deadline cannot be in the past."),
    # follow-up meetings
    "unknown_point": _("That action point is not part of the follow-up."),
    "bad_status": _("The status must be done, under way, not started or dropped."),
    "bad_comment": _("A comment can be at most %(limit)s characters."),
    "cannot_carry": _(
        "Only a point that is under way or not started can be carried into the new plan."
    ),
    "not_a_follow_up": _("This meeting does not follow up an earlier one."),
    "not_ended": _("End the meeting before you start its follow-up."),
    "practice_follow_up": _("A rehearsal cannot be followed up."),
    "too_many_points": _(
        "The action plan has more than %(limit)s points: too many to follow up in one meeting."
    ),
    "too_many_answers": _("You can give at most %(limit)s answers to this step."),
    "unknown_table": _("That table does not exist in this session."),
    "removed": _("The facilitator has removed you from this session."),
    "overview_here_only": _(
        "Without an organiser passcode, the overview of all meetings opens only on the computer "
        "that runs the tool. Set WORKSHOP_ORGANISER_PASSCODE to open it from elsewhere."
    ),
    "confirm_with_code": _("Type the meeting's six-digit code to confirm the deletion."),
    "session_deleted": _("The facilitator has deleted this session. Nothing of it is kept."),
    "locked": _("The session is closed to newcomers. Ask the facilitator to open it."),
    # facilitator commands
    "unknown_answer": _("That answer does not exist in this session."),
    "bad_merge": _("Only answers on the same open or action step can be merged."),
    "cannot_highlight": _("Only answers on an open or action step can be highlighted."),
    "unknown_word": _("Nobody gave that word on this step (or it is not hidden or merged)."),
    "too_many_tidy_words": _("At most %(limit)s words can be hidden or merged on a step."),
    "not_an_action_step": _("That answer is not an action point."),
    "unknown_participant": _("That participant does not exist in this session."),
    "bad_detail": _("Organisation, place and facilitator can be at most %(limit)s characters."),
    "bad_notes": _("The decisions and notes can be at most %(limit)s characters."),
    "bad_audience": _("Results can be shown to the screen, the phones or all."),
    "bad_setting": _("That setting has a value it cannot take."),
    "bad_tables": _("Give the tables as a list of names (at most %(limit)s)."),
    "no_tables": _("Define the tables first."),
    "no_time_box": _("Set a time box in minutes first."),
    "unknown_action": _("Unknown command."),
    "already_started": _("The session has already started."),
    "at_last_step": _("This is the last step."),
    "at_first_step": _("This is the first step."),
    "not_running": _("Start the session first."),
    "step_takes_no_answers": _("This step takes no answers."),
    "stale": _("The session was changed from another window. Look again and retry."),
    "too_many_attempts": _("Too many wrong codes from this network. Wait a few minutes."),
    "too_fast": _("Too fast: wait a moment and try again."),
    "too_many_sockets": _(
        "This phone is connected too many times at once (%(limit)s). Close other windows with "
        "the session and try again."
    ),
    # the server itself
    "unavailable": _("The answer could not be saved right now. It will be sent again."),
    "internal_error": _("Something went wrong on the server. Please try again."),
    "not_found": _("The page was not found."),
    "too_large": _("The request is too large."),
    "unknown_format": _("Exports come as pdf, xlsx, csv or json."),
    "bad_separator": _("A CSV is separated by semicolon or comma (sep=semicolon or sep=comma)."),
    "invalid_dialogue": _("The dialogue tool file has problems; nothing was imported."),
    "form_expired": _("The form was too old or came from another site. Try again here."),
    "bad_content_type": _(
        "Send the request as JSON (or YAML) or as a file upload (multipart/form-data)."
    ),
    "other_origin": _("Requests from another website are not accepted."),
    # moderation and the room's limits
    "moderated": _(
        "The facilitator has already dealt with this answer, so it can no longer be changed."
    ),
    "session_full": _("The session is full (%(limit)s participants). Ask the facilitator."),
    "joining_busy": _("Many people are joining right now. Your phone tries again in a moment."),
    "not_pending": _("That answer is not waiting for approval."),
    # drafts of dialogue tools written in the browser
    "unknown_draft": _("There is no draft of a dialogue tool with that name."),
    "too_many_drafts": _(
        "There are already %(limit)s drafts of dialogue tools on this server. Delete one first."
    ),
    "tool_in_use": _(
        "A meeting that has not ended uses this dialogue tool (%(count)s). End it first, or keep "
        "the tool."
    ),
    "no_such_step": _("The dialogue tool has no step with that id."),
    "built_in_tool": _("A built-in dialogue tool is never changed. Edit a copy of it instead."),
    "may_not_edit": _(
        "Without an organiser passcode, only the computer that runs this tool can change an "
        "uploaded dialogue tool. Edit a copy of it instead."
    ),
    "kept_late": _(
        "Answering had closed when your answer arrived. It is kept, and the facilitator can "
        "still let it in."
    ),
}


# Problems in a dialogue tool file, shown with the step and field they concern.
PROBLEMS: dict[str, Any] = {
    "required": _("must be filled in"),
    "not_text": _("must be text"),
    "too_long": _("is too long (at most %(limit)s characters)"),
    "bad_id": _("must be an id of lowercase letters, digits, - or _ (at most 40)"),
    "not_mapping": _("must be a mapping of fields (name: value)"),
    "bad_language": _("must be one of: %(allowed)s"),
    "no_steps": _("needs a list with at least one step"),
    "too_many": _("has too many entries (at most %(limit)s)"),
    "duplicate_id": _("repeats an id that is already used"),
    "unknown_kind": _("must be one of: %(allowed)s"),
    "out_of_range": _("must be a whole number from %(low)s to %(high)s"),
    "not_bool": _("must be true or false"),
    "needs_multiple": _("only applies when multiple is true"),
    "bad_range": _("needs whole numbers with 0 <= min < max <= 10"),
    "bad_choice": _("must be one of: %(allowed)s"),
    "bad_source": _("must name an earlier open step"),
    "file_too_large": _("the file is too large (at most %(limit)s KB)"),
    "not_utf8": _("the file is not UTF-8 text"),
    "not_yaml": _("the file is not valid YAML or JSON (line %(line)s)"),
    "id_taken": _("is already used by a built-in dialogue tool"),
    "id_used": _("is already used by another dialogue tool on this server; choose another id"),
    "id_uploaded": _(
        "is already used by an uploaded dialogue tool; give the file another id (only the "
        "organiser, with a passcode set, can replace an uploaded tool)"
    ),
    "too_many_tools": _(
        "cannot be kept: there are already %(limit)s uploaded dialogue tools on this server"
    ),
    "yaml_alias": _(
        "uses a YAML anchor or alias (& or *) on line %(line)s; write each value out instead"
    ),
    "too_deep": _("is nested more than %(limit)s levels deep (line %(line)s)"),
    "value_too_long": _("has a value longer than %(limit)s characters (line %(line)s)"),
    "too_many_values": _("has more than %(limit)s values; a dialogue tool needs far fewer"),
    "unknown_key": _("is not a field here; did you mean %(suggestion)s?"),
    "yaml_tab": _(
        "the file has a tab on line %(line)s; YAML allows only spaces for indentation, so "
        "indent with spaces instead"
    ),
}

# An unknown key without a near enough field: the fields there are listed instead.
UNKNOWN_KEY_ALLOWED = _("is not a field here; the fields are: %(allowed)s")


def problems_body(error: InvalidDialogue) -> dict[str, Any]:
    """The reply about a refused file: its first problems, and how many more there were."""
    body = error_body("invalid_dialogue")
    body["problems"] = [problem_body(problem) for problem in error.problems]
    body["more_problems"] = error.more
    if error.more:
        body["more_message"] = str(_("… and %(count)s more problems") % {"count": error.more})
    return body


def problem_body(problem: DialogueProblem) -> dict[str, Any]:
    """One problem of an uploaded file: where it is, its code, and a sentence about it."""
    template = str(PROBLEMS.get(problem.code) or MESSAGES["invalid_value"])
    if problem.code == "unknown_key" and "suggestion" not in problem.details:
        template = str(UNKNOWN_KEY_ALLOWED)
    try:
        text = template % problem.details if problem.details else template
    except (KeyError, TypeError, ValueError):
        text = template
    where = []
    if problem.step and "line" in problem.details:
        where.append(
            str(_("Step %(step)s (line %(line)s)") % {"step": problem.step, **problem.details})
        )
    elif problem.step:
        where.append(str(_("Step %(step)s") % {"step": problem.step}))
    if problem.field:
        where.append(str(_("field %(field)s") % {"field": problem.field}))
    prefix = ", ".join(where) or str(_("The file"))
    body = {
        "step": problem.step,
        "field": problem.field,
        "code": problem.code,
        "message": f"{prefix}: {text}",
    }
    if "suggestion" in problem.details:
        body["suggestion"] = problem.details["suggestion"]  # the key meant (``unknown_key``)
    return body


def message(code: str, **details: Any) -> str:
    """The refusal ``code`` in words, in the language the catalogue speaks right now (the
    request's, or the socket's session's), its ``%(limit)s`` placeholders filled."""
    own = KIND_REFUSALS.get(code)
    text = own.get(_language()) if own else str(MESSAGES.get(code) or MESSAGES["invalid_value"])
    try:
        return text % details if details else text
    except (KeyError, TypeError, ValueError):
        return text


def _language() -> str:
    """The language gettext answers in: the locale Babel chose, English outside a request
    (where the catalogue is not read either)."""
    locale = get_locale()
    return locale.language if locale else "en"


def error_body(error: DomainError | str, **details: Any) -> dict[str, Any]:
    """``{"code", "message"}`` for a refusal, in the current request's language."""
    if isinstance(error, DomainError):
        code, details = error.code, {**error.details, **details}
    else:
        code = error
    return {"code": code, "message": message(code, **details)}
