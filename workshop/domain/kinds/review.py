"""Following up the earlier meeting's action points: a status for each, and a short comment.

The points are not in the dialogue tool but in the session (``Context.follow_up``): a tool
with a review step can be run as the follow-up of any meeting. Run on its own it has nothing
to review, and says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, NotRequired, TypedDict

from ..answers import Answer, Context
from ..dialogue import Step
from ..errors import InvalidAnswer
from ..fields import Words
from ..follow_up import MAX_COMMENT, STATUSES, Agreement, Meeting, outcome, start, tally
from ..text import several_lines
from .base import KindDoc, StepKind, Summary, respondents, sample_room


class Comment(TypedDict):
    answer_id: str
    text: str
    name: NotRequired[str]  # on steps that are not anonymous


class ReviewedPoint(TypedDict):
    id: str
    what: str
    who: str
    when: str
    statuses: dict[str, int]  # how many in the room gave each status
    answered: int
    comments: list[Comment]
    agreed: Agreement | None  # what the meeting agreed, set by the facilitator
    outcome: str  # done, carried, dropped, undecided


class ReviewSummary(Summary):
    of: dict[str, Any] | None  # the meeting followed up: code, title, held; None: no such
    points: list[ReviewedPoint]
    outcomes: dict[str, int]
    series: list[Meeting]


def points_in(context: Context) -> list[dict[str, Any]]:
    return list(context.follow_up.get("plan", [])) if context.follow_up else []


def answer_in_words(value: Any, context: Context, status_name: Callable[[str], str] = str) -> str:
    """One answer in words, each point's status with the comment after it: "What: done
    (comment); ..." (the exports pass ``status_name`` for the reader's language)."""
    whats = {point["id"]: point["what"] for point in points_in(context)}
    parts = []
    for point_id, view in value.items():
        text = f"{whats.get(point_id, point_id)}: {status_name(view['status'])}"
        if view.get("comment"):
            text += f" ({view['comment']})"
        parts.append(text)
    return "; ".join(parts)


# The earlier meeting of a sample follow-up, its points (what, who, and the days since they
# fell due), what six people said of them and two comments.
SAMPLE_MEETING = Words("Residents' general meeting", "Afdelingsmøde")
SAMPLE_PLAN = (
    (
        Words("Set up a swap corner in the basement", "Indrette et byttehjørne i kælderen"),
        Words("Lene", "Lene"),
        timedelta(days=30),
    ),
    (
        Words("Plant fruit trees in the courtyard", "Plante frugttræer i gården"),
        Words("The garden group", "Havegruppen"),
        timedelta(days=20),
    ),
    (
        Words("Switch the stairway lights to LED", "Skifte lyset i opgangene til LED"),
        Words("The caretaker", "Varmemesteren"),
        timedelta(days=10),
    ),
    (
        Words("Start a car-sharing scheme", "Starte en delebilsordning"),
        Words("Peter", "Peter"),
        timedelta(days=5),
    ),
)
SAMPLE_STATUSES = (
    ("done", "under_way", "under_way", "not_started"),
    ("done", "done", "under_way", "not_started"),
    ("done", "under_way", "not_started", "dropped"),
    ("done", "under_way", "under_way"),
    ("under_way", "under_way", "not_started", "not_started"),
    ("done", "done"),
)
SAMPLE_COMMENTS = (
    Words("Nobody has taken it on yet.", "Ingen har taget den op endnu."),
    Words("Too few want to share a car.", "For få vil dele en bil."),
)
# The day the sample dates count from when the preview is not told today's.
SAMPLE_DAY = date(2026, 1, 1)


class ReviewKind(StepKind):
    """A status (done, under way, not started, dropped) per earlier point, with a comment."""

    name = "review"
    title = Words("Follow-up", "Opfølgning")
    description = Words(
        "Looks back at the action points of an earlier meeting: everyone says how far each "
        "point has come, and the meeting agrees what becomes of it.",
        "Ser tilbage på handlepunkterne fra et tidligere møde: alle siger, hvor langt hvert "
        "punkt er nået, og mødet aftaler, hvad der skal ske med det.",
    )
    example = Words(
        "How have the action points from our last meeting gone?",
        "Hvordan er det gået med handlepunkterne fra vores sidste møde?",
    )
    # What its scripts ask for by key (static/js/kinds/review*.js).
    words = MappingProxyType(
        {
            "review_done": Words("Done", "Gjort"),
            "review_under_way": Words("Under way", "I gang"),
            "review_not_started": Words("Not started", "Ikke startet"),
            "review_dropped": Words("Dropped", "Droppet"),
            "review_nothing": Words(
                "This meeting was not started as a follow-up of an earlier one, so there are no "
                "action points to follow up.",
                "Dette møde er ikke startet som opfølgning på et tidligere møde, så der er ingen "
                "handlepunkter at følge op på.",
            ),
            "review_hint": Words(
                "Answer the points you know about. You need not answer them all.",
                "Svar på de punkter, du kender til. Du behøver ikke svare på dem alle.",
            ),
            "review_of": Words(
                "From the meeting “{title}”, {date}",
                "Fra mødet “{title}” den {date}",
            ),
            "review_of_undated": Words("From the meeting “{title}”", "Fra mødet “{title}”"),
            "review_deadline": Words("Deadline {date}", "Frist {date}"),
            "review_add_comment": Words("Add a comment", "Tilføj kommentar"),
            "review_comment": Words(
                "Comment (at most 300 characters)",
                "Kommentar (højst 300 tegn)",
            ),
            "review_needs_status": Words(
                "Choose a status to send this comment.",
                "Vælg en status for at sende kommentaren.",
            ),
            "review_given": Words(
                "Status given on {n} of {total} points",
                "Status på {n} af {total} punkter",
            ),
            "review_agreed": Words("Agreed: {status}", "Aftalt: {status}"),
            "review_carried_to": Words(
                "In the new plan, new deadline {date}",
                "Med i den nye handleplan, ny frist {date}",
            ),
            "review_not_carried": Words("Not in the new plan", "Ikke med i den nye handleplan"),
            "review_no_statuses": Words("No status given yet", "Ingen har givet status endnu"),
            "review_more_points_one": Words("+1 more point", "+1 punkt mere"),
            "review_more_points_other": Words("+{n} more points", "+{n} punkter mere"),
            "review_more_comments_one": Words("+1 more comment", "+1 kommentar mere"),
            "review_more_comments_other": Words("+{n} more comments", "+{n} kommentarer mere"),
            "review_comments_one": Words("1 comment", "1 kommentar"),
            "review_comments_other": Words("{n} comments", "{n} kommentarer"),
            "review_outcomes": Words(
                "Agreed so far: {done} done, {carried} carried over, {dropped} dropped, "
                "{undecided} to go",
                "Aftalt indtil nu: {done} gjort, {carried} taget med, {dropped} droppet, "
                "{undecided} mangler",
            ),
            "review_agree_for": Words(
                "What the meeting agreed on: {what}",
                "Mødets aftale om: {what}",
            ),
            "review_agree": Words("Agreed status:", "Aftalt status:"),
            "review_agreed_status": Words("Agreed status", "Aftalt status"),
            "review_goes_on": Words("Does the point go on?", "Skal punktet videre?"),
            "review_carry": Words("Carry into the new plan", "Tag med i den nye plan"),
            "review_new_deadline": Words("New deadline", "Ny frist"),
            "review_drop": Words("Drop", "Drop"),
            "review_agree_comment": Words(
                "Comment for the report (optional)",
                "Kommentar til referatet (kan udelades)",
            ),
            "review_save": Words("Save the agreement", "Gem aftalen"),
            "review_cancel": Words("Cancel", "Annuller"),
            "review_change": Words("Change the agreement", "Ret aftalen"),
            "review_take_back": Words("Take the agreement back", "Fortryd aftalen"),
            "review_needs_date": Words(
                "Choose the new deadline, or drop the point.",
                "Vælg den nye frist, eller drop punktet.",
            ),
            "review_empty_plan": Words(
                "The meeting “{title}” confirmed no action points, so there is nothing to follow "
                "up.",
                "Mødet “{title}” bekræftede ingen handlepunkter, så der er ikke noget at følge op "
                "på.",
            ),
            "review_hide_whole": Words("Hide the whole answer", "Skjul hele svaret"),
            "review_hide_whole_for": Words(
                "Hide the whole answer with the comment “{text}”",
                "Skjul hele svaret med kommentaren “{text}”",
            ),
            "review_hide_note": Words(
                "“Hide the whole answer” takes out that person’s status and comments on every "
                "point, not only the comment.",
                "“Skjul hele svaret” fjerner personens status og kommentarer på alle punkter, "
                "ikke kun kommentaren.",
            ),
        }
    )
    # Why an answer is refused, by the code its validate raises.
    refusals = MappingProxyType(
        {
            "nothing_to_review": Words(
                "This meeting was not started as a follow-up of an earlier one, so there are no "
                "action points to follow up.",
                "Dette møde er ikke startet som opfølgning på et tidligere møde, så der er ingen "
                "handlepunkter at følge op på.",
            ),
            "empty_plan": Words(
                "The earlier meeting confirmed no action points, so there is nothing to follow up.",
                "Det tidligere møde bekræftede ingen handlepunkter, så der er ikke noget at følge "
                "op på.",
            ),
            "no_status": Words(
                "Give at least one point a status.",
                "Giv mindst ét punkt en status.",
            ),
        }
    )
    order = 90
    doc = KindDoc(
        adds=(
            "– (its points come from the earlier meeting, see `POST /api/sessions`; a meeting that "
            "follows up none shows that there is nothing to review)"
        ),
        value=(
            '`{"p1": {"status": "done" \\| "under_way" \\| "not_started" \\| "dropped", '
            '"comment"?: "…"}, …}`: one or more of the step\'s points, a comment of at most 300 '
            "characters; one answer per participant (a new one replaces it). Errors: "
            "`nothing_to_review` (the meeting follows up none), `empty_plan` (the earlier meeting "
            "confirmed no points), `invalid_value` (not an object, or a key other than `status` "
            "and `comment`), `no_status` (an empty object), `unknown_point`, `bad_status`, "
            "`not_text`, `too_long`"
        ),
        summary=(
            '`{"of": {"code", "title", "held"} \\| null, "points": [{"id", "what", "who", "when", '
            '"statuses": {"done": n, "under_way": n, "not_started": n, "dropped": n}, "answered": '
            'n, "comments": [{"answer_id", "text", "name"?}], "agreed": {"status", "comment", '
            '"carry_to"} \\| null, "outcome": "done" \\| "carried" \\| "dropped" \\| '
            '"undecided"}], "outcomes": {"done", "carried", "dropped", "undecided"}, "series": '
            '[{"code", "title", "held", "made", "done", "carried", "dropped", "undecided"}]}`: '
            "`series` lists the meetings before the one followed up, oldest first, with what "
            "became of their points"
        ),
        aside='shown as "Opfølgning" / "Follow-up"',
    )
    limits = MappingProxyType({"comment": MAX_COMMENT})
    premoderable = True
    reads_follow_up = True

    def validate(self, step: Step, value: Any, context: Context) -> dict[str, dict[str, str]]:
        known = {point["id"] for point in points_in(context)}
        if not context.follow_up:
            raise InvalidAnswer("nothing_to_review")
        if not known:  # the earlier meeting confirmed no action points
            raise InvalidAnswer("empty_plan")
        if not isinstance(value, dict):
            raise InvalidAnswer("invalid_value")
        if not value:
            raise InvalidAnswer("no_status")
        if len(value) > len(known):
            raise InvalidAnswer("unknown_point")
        given: dict[str, dict[str, str]] = {}
        for point_id, view in value.items():
            if point_id not in known:
                raise InvalidAnswer("unknown_point")
            if not isinstance(view, dict) or view.get("status") not in STATUSES:
                raise InvalidAnswer("bad_status")
            entry = {"status": view["status"]}
            comment = view.get("comment", "")
            if not isinstance(comment, str):
                raise InvalidAnswer("not_text")
            comment = comment.strip()
            if comment:
                if len(comment) > MAX_COMMENT:
                    raise InvalidAnswer("too_long", limit=MAX_COMMENT)
                entry["comment"] = several_lines(comment)
            if set(view) - {"status", "comment"}:
                raise InvalidAnswer("invalid_value")
            given[point_id] = entry
        return given

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> ReviewSummary:
        follow_up = context.follow_up or {}
        agreed = follow_up.get("agreed", {})
        points: list[ReviewedPoint] = []
        for point in points_in(context):
            statuses: Counter[str] = Counter()
            comments: list[Comment] = []
            for answer in answers:
                view = answer.value.get(point["id"]) if isinstance(answer.value, dict) else None
                if not view:
                    continue
                statuses[view["status"]] += 1
                if view.get("comment"):
                    comment: Comment = {"answer_id": answer.answer_id, "text": view["comment"]}
                    if not step.settings.anonymous:
                        comment["name"] = "" if answer.anonymous else answer.name
                    comments.append(comment)
            points.append(
                {
                    **point,  # type: ignore[typeddict-item]
                    "statuses": {status: statuses[status] for status in STATUSES},
                    "answered": sum(statuses.values()),
                    "comments": comments,
                    "agreed": agreed.get(point["id"]),
                    "outcome": outcome(agreed.get(point["id"])),
                }
            )
        return {
            "kind": self.name,
            "count": respondents(answers),
            "of": follow_up.get("of"),
            "points": points,
            "outcomes": tally(points_in(context), agreed),  # type: ignore[arg-type]
            "series": list(follow_up.get("series", [])),
        }

    def sample_context(self, step: Step, context: Context, language: str = "da") -> Context:
        """An earlier meeting of three months ago with four action points, the first agreed
        done: a meeting started as a follow-up has them, a tool being written has none."""
        today = context.today or SAMPLE_DAY
        plan = [
            {"what": what.get(language), "who": who.get(language), "when": str(today - days)}
            for what, who, days in SAMPLE_PLAN
        ]
        earlier = {
            "code": "",
            "title": SAMPLE_MEETING.get(language),
            "held": str(today - timedelta(days=90)),
        }
        follow_up = start(earlier, None, plan)
        follow_up["agreed"] = {"p1": {"status": "done", "comment": "", "carry_to": None}}
        return replace(context, follow_up=follow_up)

    def sample_answers(
        self, step: Step, context: Context | None = None, language: str = "da"
    ) -> list[Answer]:
        """Six people's statuses on the earlier points, two with a comment."""
        points = [point["id"] for point in points_in(context or Context())]
        if not points:
            return []
        views = []
        for person, statuses in enumerate(SAMPLE_STATUSES):
            view: dict[str, dict[str, str]] = {}
            for point_id, status in zip(points, statuses, strict=False):
                view[point_id] = {"status": status}
            if person < len(SAMPLE_COMMENTS):
                view[points[-1]]["comment"] = SAMPLE_COMMENTS[person].get(language)
            views.append(view)
        return sample_room(step, views)

    def typical_minutes(self, step: Step) -> float:
        """Going through the earlier points and agreeing on each."""
        return 15.0

    def readable(self, step: Step, value: Any, context: Context) -> str:
        return answer_in_words(value, context)

    def moderation_text(self, value: Any) -> str:
        """What the facilitator sees of a hidden answer: its comments."""
        if not isinstance(value, dict):
            return ""
        return " · ".join(view.get("comment", "") for view in value.values() if view.get("comment"))

    def follows_up(self, step: Step) -> bool:
        return True

    def step_state(self, step: Step, context: Context) -> dict[str, Any]:
        """The meeting followed up (``earlier``) and its points to review (``plan``)."""
        follow_up = context.follow_up or {}
        return {"earlier": follow_up.get("of"), "plan": follow_up.get("plan", [])}

    def moderated_step(self, step: Step) -> str | None:
        """Its answers, shown by their comments: hiding one takes its statuses out too."""
        return step.id
