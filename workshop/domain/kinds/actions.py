"""Action points: what, who and when. Participants propose; the facilitator confirms the plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, NotRequired

from ..answers import Answer, Context
from ..dialogue import Step
from ..errors import InvalidAnswer
from ..fields import Number, Words
from ..follow_up import carried_plan
from .base import KindDoc, StepKind, Summary, clean_text, respondents, sample_room
from .cards import Card, cards

MAX_WHAT = 300
MAX_WHO = 100


# An action point's columns in a workbook (the export names them in the reader's language).
ACTION_CELLS = ("what", "who", "when")


def parse_day(value: Any) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise InvalidAnswer("bad_date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidAnswer("bad_date") from None


def action_value(value: Any, today: date | None) -> dict[str, str]:
    """A validated ``{"what", "who", "when"}``; the deadline is a real date, not in the past."""
    if not isinstance(value, dict):
        raise InvalidAnswer("not_an_action")
    what = clean_text(value.get("what"), MAX_WHAT)
    who = clean_text(value.get("who"), MAX_WHO)
    when = parse_day(value.get("when"))
    if today is not None and when < today:
        raise InvalidAnswer("date_in_past")
    return {"what": what, "who": who, "when": when.isoformat()}


# A sample room's proposals: what, who, and the days until the deadline.
SAMPLE_POINTS = (
    (
        Words(
            "Put up bins for food waste by every stairway",
            "Sætte spande til madaffald op ved alle opgange",
        ),
        Words("The section board", "Afdelingsbestyrelsen"),
        timedelta(days=30),
    ),
    (
        Words("Hold the first repair café", "Holde den første reparationscafé"),
        Words("Karin and Jens", "Karin og Jens"),
        timedelta(days=45),
    ),
    (
        Words(
            "Ask the municipality about a shared kitchen garden",
            "Spørge kommunen om en fælles køkkenhave",
        ),
        Words("Bo", "Bo"),
        timedelta(days=21),
    ),
    (
        Words("Make sorting signs in three languages", "Lave skilte om sortering på tre sprog"),
        Words("Fatima", "Fatima"),
        timedelta(days=60),
    ),
    (
        Words(
            "Invite the caretaker to the residents' meeting",
            "Invitere varmemesteren til beboermødet",
        ),
        Words("The chair", "Formanden"),
        timedelta(days=14),
    ),
)
# The day the sample deadlines count from when the preview is not told today's.
SAMPLE_DAY = date(2026, 1, 1)


class ActionItem(Card):
    what: str
    who: str
    when: str  # YYYY-MM-DD
    confirmed: bool
    edited: bool  # the facilitator rewrote it


class ActionsSummary(Summary):
    items: list[ActionItem]  # by deadline
    plan: list[ActionItem]  # the confirmed ones
    # In a follow-up meeting: the earlier points carried into tonight's plan, new dates.
    carried: NotRequired[list[ActionItem]]


class ActionsKind(StepKind):
    """Participants propose action points; confirmed ones make the session's action plan."""

    name = "actions"
    title = Words("Action points", "Handlepunkter")
    description = Words(
        "Everyone proposes action points (what is to be done, who does it and by when), and "
        "you confirm the ones that make the action plan.",
        "Alle foreslår handlepunkter (hvad der skal gøres, hvem der gør det, og hvornår), og du "
        "bekræfter dem, der kommer med i handleplanen.",
    )
    example = Words(
        "Who does what, and by when, so that our ideas become action?",
        "Hvem gør hvad og hvornår, så vores idéer bliver til handling?",
    )
    # What its scripts ask for by key (static/js/kinds/actions*.js).
    words = MappingProxyType(
        {
            "action_plan": Words("Action plan", "Handleplan"),
            "no_plan_yet": Words(
                "No action points are confirmed yet.",
                "Ingen handlepunkter er bekræftet endnu.",
            ),
            "proposals_one": Words("1 proposal", "1 forslag"),
            "proposals_other": Words("{n} proposals", "{n} forslag"),
            "proposed_by": Words("proposed by {name}", "foreslået af {name}"),
            "carried_over": Words("Carried over", "Fra sidst"),
            "action_what_placeholder": Words(
                "E.g. invite the section boards to a green theme evening",
                "Fx invitere afdelingsbestyrelserne til en grøn temaaften",
            ),
            "action_who_placeholder": Words("A name or a group", "Et navn eller en gruppe"),
            "actions_used": Words(
                "{n} of {max} action points used",
                "{n} af {max} handlepunkter brugt",
            ),
            "propose": Words("Propose", "Foreslå"),
            "date_passed": Words(
                "That date has passed. Choose today or a later day.",
                "Den dato er overstået. Vælg i dag eller en senere dag.",
            ),
            "still_missing": Words("Still missing: {fields}", "Mangler stadig: {fields}"),
            "action_what": Words("What", "Hvad"),
            "action_who": Words("Who", "Hvem"),
            "action_when": Words("When", "Hvornår"),
            # The console's tools on a proposed point (``moderationTools``).
            "confirm_action": Words("Confirm", "Bekræft"),
            "unconfirm_action": Words("Take out of the plan", "Tag ud af planen"),
            "edit_action": Words("Edit", "Ret"),
        }
    )
    # Why an answer is refused, by the code its validate raises.
    refusals = MappingProxyType(
        {
            "not_an_action": Words(
                "An action point needs what, who and when.",
                "Et handlepunkt skal have hvad, hvem og hvornår.",
            ),
        }
    )
    order = 80
    doc = KindDoc(
        adds="`max_answers` (default 5)",
        value=(
            '`{"what": "…", "who": "…", "when": "YYYY-MM-DD"}`: what (<= 300) and who (<= 100) '
            "filled in, a real date not in the past"
        ),
        summary=(
            '`{"items": [card + {"what", "who", "when", "confirmed"}], "plan": [confirmed items]}` '
            'sorted by deadline; in a follow-up meeting also `carried: [{"answer_id": '
            '"carried-p1", "what", "who", "when", "confirmed": true, "carried": true, …}]`, the '
            "earlier points carried into this plan with their new deadlines (not answers: no "
            "moderation)"
        ),
    )
    limits = MappingProxyType({"what": MAX_WHAT, "who": MAX_WHO})
    premoderable = True
    cards = True
    confirmable = True
    reads_follow_up = True

    fields = (
        Number(
            name="max_answers",
            label=Words("Action points each", "Handlepunkter pr. deltager"),
            help=Words(
                "How many action points one participant may propose.",
                "Hvor mange handlepunkter hver deltager må foreslå.",
            ),
            low=1,
            high=20,
            default=5,
            danish=("maks_svar", "max_svar", "antal_svar", "antal_punkter"),
        ),
    )

    def definition(self, step: Step) -> dict[str, Any]:
        return {"max_answers": step.fields["max_answers"]}

    def answers_allowed(self, step: Step) -> int:
        return step.fields["max_answers"]

    def validate(self, step: Step, value: Any, context: Context) -> dict[str, str]:
        return action_value(value, context.today)

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> ActionsSummary:
        by_id = {answer.answer_id: answer for answer in answers}
        items = []
        for card in cards(step, answers):
            answer = by_id[card["answer_id"]]
            card.pop("text")
            items.append(
                {**card, **answer.value, "confirmed": answer.confirmed, "edited": answer.edited}
            )
        items.sort(key=lambda item: (item["when"], item["what"].casefold()))
        summary: ActionsSummary = {
            "kind": self.name,
            "count": respondents(answers),
            "items": items,
            "plan": [item for item in items if item["confirmed"]],
        }
        if context.follow_up:
            summary["carried"] = carried_plan(context.follow_up)  # type: ignore[typeddict-item]
        return summary

    def sample_answers(
        self, step: Step, context: Context | None = None, language: str = "da"
    ) -> list[Answer]:
        """Five proposals due in the weeks after ``context.today``; three are confirmed, so
        the preview shows a plan beside the proposals."""
        today = (context or Context()).today or SAMPLE_DAY
        proposals = [
            {"what": what.get(language), "who": who.get(language), "when": str(today + days)}
            for what, who, days in SAMPLE_POINTS
        ]
        given = sample_room(step, proposals)
        return [replace(answer, confirmed=n < 3) for n, answer in enumerate(given)]

    def typical_minutes(self, step: Step) -> float:
        """Proposing, and agreeing on the plan point by point."""
        return 15.0

    def plan_of(self, summary: Summary | None) -> list[dict[str, Any]]:
        """Its confirmed points: they are the action plan."""
        return list((summary or {}).get("plan", []))

    def readable(self, step: Step, value: Any, context: Context) -> str:
        return f"{value['what']} — {value['who']} — {value['when']}"

    def cell_names(self, step: Step) -> list[str]:
        return list(ACTION_CELLS)

    def cells(self, step: Step, value: Any) -> dict[str, Any]:
        try:
            when: Any = date.fromisoformat(value["when"])
        except (KeyError, TypeError, ValueError):
            when = value.get("when", "")
        return {"what": value.get("what", ""), "who": value.get("who", ""), "when": when}
