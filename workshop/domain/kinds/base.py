"""What every step kind shares: reading a definition, and the helpers kinds lean on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar, NotRequired, Protocol, TypedDict

from ..answers import MAX_TEXT, Answer, Context
from ..dialogue import MAX_LABEL, Option, Reader, Step, StepFields
from ..errors import InvalidAnswer
from ..fields import Earlier, Field, Items, Place, Text, Words, read_values, refuse_unknown
from ..text import several_lines
from ..tool_format import BODY, PROMPT, SETTINGS, STEP_FIELDS


class HiddenCard(TypedDict):
    answer_id: str
    text: str
    weight: NotRequired[int]  # hidden cards: the answers the card stands for


class Summary(TypedDict):
    """What every kind's result summary has; each kind's own TypedDict adds its fields.

    Summaries are plain JSON-shaped dicts from the start, so every layer sends them on as
    they are: the TypedDicts say which fields a kind's summary holds.
    """

    kind: str
    count: int  # participants who answered
    hidden: NotRequired[int]  # answers hidden by moderation
    by_table: NotRequired[dict[str, Summary]]  # while the room has tables
    hidden_cards: NotRequired[list[HiddenCard]]  # the facilitator's view only
    merged_texts: NotRequired[dict[str, str]]  # the facilitator's view only
    late: NotRequired[int]  # the facilitator's view only: answers that came after closing
    pending: NotRequired[int]  # answers waiting for the facilitator's approval
    pending_cards: NotRequired[list[HiddenCard]]  # the facilitator's view only


@dataclass
class Counted:
    """A kind's running count (its ``tally``): the numbers its summary is made of, by option
    or statement, and who answered."""

    numbers: dict[str, Any]
    people: set[int] = field(default_factory=set)


class CountsEachAnswer:
    """For a kind whose summary is made of counts that each answer adds to (a choice, a
    scale, points): its ``_count`` adds answers to a ``Counted`` (a new one when given none)
    and its ``_summary`` makes the summary of one. The summary of every answer and a summary
    carried on with new answers are then made the same way, from the same count."""

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> Summary:
        return self._summary(step, self._count(step, answers))

    def tally(
        self, step: Step, answers: list[Answer], summary: Summary, context: Context
    ) -> Counted:
        return self._count(step, answers)

    def add_to(
        self, step: Step, summary: Summary, tally: Counted, added: list[Answer], context: Context
    ) -> Summary:
        return {**summary, **self._summary(step, self._count(step, added, tally))}


class CarriesOn(Protocol):
    """A kind whose ``tally`` is not None: it carries a summary on with new answers."""

    def add_to(
        self, step: Step, summary: Summary, tally: Any, added: list[Answer], context: Context
    ) -> Summary:
        """``summary`` with ``added`` (answers as a phone gives them, after the others) in
        it, as ``summarise`` would make it of them all; ``tally`` follows, ``summary`` and
        what it holds are left as they were (a summary already sent is shared)."""
        ...


def clean_text(value: Any, limit: int = MAX_TEXT) -> str:
    """Strip a text answer of control characters and outer spaces, enforcing the length cap."""
    if not isinstance(value, str):
        raise InvalidAnswer("not_text")
    kept = several_lines(value)
    if not kept:
        raise InvalidAnswer("empty")
    if len(kept) > limit:
        raise InvalidAnswer("too_long", limit=limit)
    return kept


def options_of(step: Step) -> list[dict[str, str]]:
    """A step's options as clients see them."""
    return [{"id": o.id, "label": o.label} for o in step.fields["options"]]


def percent(part: float, whole: float) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def respondents(answers: Iterable[Answer]) -> int:
    return len({answer.participant_id for answer in answers})


# The people of a sample room, as a step with names shows them.
SAMPLE_NAMES = ("Anne", "Bo", "Fatima", "Jens", "Karin", "Mads", "Sofie", "Ali", "Lene", "Peter")


def sample_room(step: Step, values: list[Any], people: int = 0) -> list[Answer]:
    """Sample answers of ``values``: the n-th given by the n-th person of the sample room, or
    by ``people`` persons in turn (several answers each, as in a brainstorm)."""
    room = people or len(values)
    return [
        Answer(
            answer_id=f"sample-{step.id}-{number}",
            participant_id=number % room + 1,
            step_id=step.id,
            value=value,
            name=SAMPLE_NAMES[number % room % len(SAMPLE_NAMES)],
        )
        for number, value in enumerate(values)
    ]


def options_field(help: Words) -> Items:
    """The options of a step (choice, points): 1 to 30 ``{id, label}``."""
    return Items(
        name="options",
        label=Words("Options", "Valgmuligheder"),
        help=help,
        danish=("valgmuligheder", "muligheder", "svarmuligheder", "valg"),
        make=Option,
        text=Text(
            name="label",
            label=Words("Label", "Tekst"),
            help=Words(
                "The option as the participants read it.", "Muligheden, som deltagerne læser den."
            ),
            required=True,
            limit=MAX_LABEL,
            danish=("tekst", "etiket", "navn"),
        ),
    )


@dataclass(frozen=True)
class KindDoc:
    """A kind's row in docs/protocol.md's table of step kinds, in the page's markdown (a ``|``
    in a cell written ``\\|``): ``python -m workshop.domain.tool_table`` makes the table from
    every kind's, and a test fails while the page says otherwise."""

    # What a step's definition adds: the kind's fields (each named in backticks), with asides
    # in brackets;
    adds: str = "–"
    # its answer's ``value``, and the refusals peculiar to it;
    value: str = "takes no answers"
    # what its ``summary`` adds to every summary's ``kind`` and ``count``;
    summary: str = "–"
    # and a word in brackets after its name (``shown as …``), when it needs one.
    aside: str = ""


# How long a step usually takes without a time box, unless its kind says otherwise (minutes).
TYPICAL_MINUTES = 5.0


class StepKind:
    """The behaviour shared by every kind; subclasses override what differs."""

    name = ""
    # Where the kind is listed among the kinds (the protocol's tables, the pages): lower
    # first, then by name. Today's kinds go in tens, as a meeting's arc takes them.
    order = 100
    # Its row in the protocol's table of step kinds.
    doc = KindDoc()
    answerable = True
    # The kind's own fields in a tool file, declared once: reading, the JSON Schema of the
    # format and the protocol's table all come from them.
    fields: tuple[Field, ...] = ()
    # The most characters each typed part of an answer may have (``{"text": 1000}``): the
    # pages read them from the server (``answer_limits``) and stop typing where it refuses.
    limits: ClassVar[Mapping[str, int]] = MappingProxyType({})
    # The kind's words, in both languages, so that adding a kind touches no template and no
    # translation file: its name as the console's badge shows it (``kind_<name>`` on the
    # pages); the browser strings only its own scripts ask for, keyed as they ask
    # (``t("votes_left")``, ``plural("votes", n)`` for ``votes_one`` and ``votes_other``,
    # ``{n}`` placeholders); and the text of each refusal only it raises, by error code
    # (``%(limit)s`` placeholders). Every page carries the words in its language
    # (``i18n-kinds``), and an error reply the refusal in the reader's (``messages``).
    # Words its scripts share with others stay with the pages, and codes others raise too
    # (``unknown_option``, ``too_long``) in ``workshop/messages.py``.
    title: ClassVar[Words] = Words("", "")
    # What the kind does, in one plain sentence a volunteer understands, and a typical
    # prompt of a step of it: the tool editor lists every kind with both.
    description: ClassVar[Words] = Words("", "")
    example: ClassVar[Words] = Words("", "")
    words: ClassVar[Mapping[str, Words]] = MappingProxyType({})
    refusals: ClassVar[Mapping[str, Words]] = MappingProxyType({})
    # What the rest of the house asks of a kind instead of testing its name:
    # its answers are cards the facilitator can hide, highlight and merge;
    cards = False
    # ... cards of text, where answers of the same words are one card (``domain.folding``);
    text_cards = False
    # ... and later steps may vote on those cards;
    votable = False
    # its answers are text the facilitator can approve before the room sees it;
    premoderable = False
    # the facilitator confirms (and may rewrite) its answers, one by one;
    confirmable = False
    # its answers are words counted in a cloud the facilitator can tidy (hide, merge);
    counts_words = False
    # its results draw on the session's follow-up (``Context.follow_up``): they change
    # when the meeting agrees what became of an earlier point.
    reads_follow_up = False

    def read_definition(
        self,
        raw: dict[str, Any],
        step_id: str,
        label: str,
        reader: Reader,
        earlier: tuple[Step, ...],
    ) -> Step | None:
        shared = read_values(raw, (PROMPT, BODY, SETTINGS), Place(reader, label))
        own = self.read_fields(raw, label, reader, earlier)
        place = Place(reader, label)
        refuse_unknown(raw, STEP_FIELDS + self.fields, place, {"settings.": SETTINGS.fields})
        source = next((own[f.name] for f in self.fields if isinstance(f, Earlier)), "")
        return Step(
            id=step_id,
            kind=self.name,
            answerable=self.answerable,
            fields=StepFields(own),
            source=source,
            **shared,
        )

    def read_fields(
        self, raw: dict[str, Any], label: str, reader: Reader, earlier: tuple[Step, ...]
    ) -> dict[str, Any]:
        """The kind's own fields of a step definition, as its ``fields`` declare them."""
        place = Place(reader, label, earlier=earlier)
        values = read_values(raw, self.fields, place)
        self.check(values, place)
        return values

    def check(self, values: dict[str, Any], place: Place) -> None:
        """A rule between the kind's fields that their declarations cannot say."""

    def definition(self, step: Step) -> dict[str, Any]:
        """The kind's own fields, as clients and files see them."""
        return {}

    def sample_answers(
        self, step: Step, context: Context | None = None, language: str = "da"
    ) -> list[Answer]:
        """A few answers a room might give to ``step``, in the tool's ``language``, each as its
        ``validate`` keeps it, so that the editor's preview draws the kind's results as a
        meeting would. ``context`` is the one ``sample_context`` gives: a vote's cards are its
        source step's sample answers (``domain.samples``)."""
        return []

    def sample_context(self, step: Step, context: Context, language: str = "da") -> Context:
        """What the kind's sample answers and their summary read besides themselves, given
        ``context`` with the source step's sample answers as its ``cards``: a kind that reads
        more (an earlier meeting's points) adds a sample of that."""
        return context

    def typical_minutes(self, step: Step) -> float:
        """How long a step of the kind usually takes in a meeting when it has no time box:
        the run of show adds them up to a realistic total."""
        return TYPICAL_MINUTES

    def answers_allowed(self, step: Step) -> int:
        """How many separate answers one participant may give (1: a new one replaces)."""
        return 1

    def validate(self, step: Step, value: Any, context: Context) -> Any:
        raise InvalidAnswer("not_answerable")

    def summarise(self, step: Step, answers: list[Answer], context: Context) -> Summary:
        return {"kind": self.name, "count": respondents(answers)}

    def tally(self, step: Step, answers: list[Answer], summary: Summary, context: Context) -> Any:
        """What the kind keeps beside ``summary`` (made of the visible ``answers``) to add
        later answers to it without reading these again; None: the kind makes its summary of
        every answer each time. A kind that keeps one also has ``add_to`` (``CarriesOn``) and
        makes its ``moderation_summary`` of what the facilitator did alone: a new answer as a
        phone gives it leaves that as it was."""
        return None

    def moderation_summary(
        self, step: Step, answers: list[Answer], context: Context
    ) -> dict[str, Any]:
        """What the facilitator's summary adds to the room's, from the answers the room sees
        (a word cloud's hidden and merged words); never sent to the screen or phones."""
        return {}

    def for_phones(self, summary: Summary) -> Summary:
        """What each phone gets of a summary: all of it, unless the kind trims it."""
        return summary

    def readable(self, step: Step, value: Any, context: Context) -> str:
        """One answer's value in words, as a spreadsheet cell shows it."""
        return str(value)

    def moderation_text(self, value: Any) -> str:
        """An answer's text as the facilitator's list of hidden or merged answers shows it."""
        if isinstance(value, dict):
            return str(value.get("what", ""))
        if isinstance(value, list):
            return ", ".join(str(word) for word in value)
        return str(value)

    def follows_up(self, step: Step) -> bool:
        """Whether the step works on an earlier meeting's action points (``Context.follow_up``):
        a tool with such a step is one to start as that meeting's follow-up, listed after the
        others."""
        return False

    def step_state(self, step: Step, context: Context) -> dict[str, Any]:
        """What the step carries in the ``state`` snapshot besides its definition, from what
        the session holds (``context.follow_up``; a step's earlier cards come as ``cards``
        already): the review's earlier meeting and its points."""
        return {}

    def moderated_step(self, step: Step) -> str | None:
        """The step whose answers the facilitator's lists of hidden and merged cards show on
        this step: its own when they are cards, the earlier step's whose cards it ranks (a
        vote); None: it has no such lists. Their texts are that step's kind's."""
        return self.ranked_source(step) or (step.id if self.cards else None)

    def ranked_source(self, step: Step) -> str | None:
        """The earlier step whose cards this step ranks (a vote's ``source``), None if it
        ranks none: the report lists that ranking's top ideas instead of a key result, and
        the exports count the votes each of that step's cards received."""
        return None

    def plan_of(self, summary: Summary | None) -> list[dict[str, Any]] | None:
        """The action points the step puts in the meeting's action plan, from its summary (none
        without one); None when steps of this kind make no plan, so that shared code asks with
        no summary first and summarises only the steps that make one."""
        return None

    def cell_names(self, step: Step) -> list[str]:
        """Columns of their own for this step's answers in a workbook (numbers, dates)."""
        return []

    def cells(self, step: Step, value: Any) -> dict[str, Any]:
        """One answer's values for those columns, by column name."""
        return {}
