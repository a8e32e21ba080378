"""The fields every dialogue tool file and every step has, declared once beside the reader.

A kind's own fields are declared in the kind's home (``StepKind.fields``).
"""

from __future__ import annotations

from .dialogue import (
    MAX_BODY,
    MAX_NOTES,
    MAX_PROMPT,
    MAX_STEPS,
    OPENINGS,
    RESULT_POLICIES,
    StepSettings,
)
from .fields import Choice, Field, Flag, Group, Identifier, Number, Text, Words
from .languages import DEFAULT_LANGUAGE, LANGUAGES

# The words for each of ``RESULT_POLICIES``, in its order.
RESULT_WORDS = (
    Words("Live", "Live"),
    Words("When answering closes", "Når der lukkes for svar"),
    Words("When you reveal them", "Når du viser dem"),
)
LANGUAGE_NAMES = {"da": Words("Danish", "Dansk"), "en": Words("English", "Engelsk")}

SETTINGS = Group(
    name="settings",
    label=Words("Settings", "Indstillinger"),
    help=Words(
        "How the step is run; the facilitator can change them live.",
        "Hvordan trinnet køres; facilitatoren kan ændre dem undervejs.",
    ),
    danish=("indstillinger", "indstilling", "opsætning"),
    make=StepSettings,
    fields=(
        Choice(
            name="screen_results",
            label=Words("Results on the screen", "Resultater på skærmen"),
            help=Words(
                "When the projector shows results: live, once answering has closed, or when "
                "you reveal them.",
                "Hvornår skærmen viser resultater: live, når der lukkes for svar, eller når du "
                "viser dem.",
            ),
            allowed=RESULT_POLICIES,
            labels=RESULT_WORDS,
            default="live",
            danish=("skærmresultater", "skærm", "resultater_skærm", "vis_på_skærm"),
        ),
        Choice(
            name="phone_results",
            label=Words("Results on phones", "Resultater på telefonerne"),
            help=Words(
                "When the participants' phones show results.",
                "Hvornår deltagernes telefoner viser resultater.",
            ),
            allowed=RESULT_POLICIES,
            labels=RESULT_WORDS,
            default="closed",
            danish=("telefonresultater", "telefon", "mobil", "resultater_telefon"),
        ),
        Choice(
            name="opens",
            label=Words("Opens", "Åbner"),
            help=Words(
                "Whether answering opens as the room arrives, or when you press Open.",
                "Om der åbnes for svar, når rummet kommer til trinnet, eller når du trykker Åbn.",
            ),
            allowed=OPENINGS,
            labels=(
                Words("As the room arrives", "Når rummet kommer til trinnet"),
                Words("When you press Open", "Når du trykker Åbn"),
            ),
            default="on_arrival",
            danish=("åbner", "åbning", "åbn"),
        ),
        Flag(
            name="anonymous",
            label=Words("Anonymous", "Anonym"),
            help=Words(
                "On: no names with the answers. Off: names are shown with the answers and in the "
                "report.",
                "Slået til: ingen navne ved svarene. Slået fra: navnene vises ved svarene og i "
                "rapporten.",
            ),
            default=True,
            danish=("anonym", "anonymt", "anonyme", "anonymitet"),
        ),
        Number(
            name="time_box",
            label=Words("Time box", "Tidsramme"),
            help=Words(
                "Minutes for the step; the clock shows on every screen.",
                "Minutter til trinnet; uret vises på alle skærme.",
            ),
            low=1,
            high=180,
            danish=("tidsramme", "tid", "minutter", "tidsgrænse", "varighed"),
        ),
        Flag(
            name="auto_close",
            label=Words("Close when time is up", "Luk, når tiden er gået"),
            help=Words(
                "Close answering when the time box runs out.",
                "Luk for svar, når tidsrammen er brugt.",
            ),
            default=False,
            danish=("luk_automatisk", "autoluk", "automatisk_lukning", "luk_selv"),
        ),
        Flag(
            name="premoderate",
            label=Words("Approve answers first", "Godkend svar først"),
            help=Words(
                "New answers wait in the console until you approve them for the room.",
                "Nye svar venter i konsollen, til du godkender dem til rummet.",
            ),
            default=False,
            danish=("forhåndsgodkend", "forhåndsgodkendelse", "godkend", "godkendelse"),
        ),
        Text(
            name="notes",
            label=Words("Notes for the facilitator", "Noter til facilitatoren"),
            help=Words("Only the facilitator sees them.", "Kun facilitatoren ser dem."),
            limit=MAX_NOTES,
            danish=("noter", "note", "bemærkninger", "bemærkning"),
        ),
    ),
)

STEP_ID = Identifier(
    name="id",
    label=Words("Id", "Id"),
    help=Words(
        "A short id for the step, unique in the file.", "Et kort id for trinnet, entydigt i filen."
    ),
)

KIND = Field(
    name="kind",
    label=Words("Kind", "Type"),
    help=Words("What kind of step this is.", "Hvilken slags trin det er."),
    required=True,
    danish=("type", "slags", "art", "trintype"),
    note="one of the step kinds (see Step kinds)",
)

PROMPT = Text(
    name="prompt",
    label=Words("Question", "Spørgsmål"),
    help=Words(
        "The question or heading, in big type on the screen.",
        "Spørgsmålet eller overskriften, med stor skrift på skærmen.",
    ),
    limit=MAX_PROMPT,
    required=True,
    danish=("spørgsmål", "overskrift", "titel", "tekst"),
)

BODY = Text(
    name="body",
    label=Words("Text", "Brødtekst"),
    help=Words("Longer text under the question.", "Længere tekst under spørgsmålet."),
    limit=MAX_BODY,
    danish=("brødtekst", "beskrivelse", "uddybning", "forklaring"),
)

# Every step's fields, before its kind's own: ``id`` and ``kind`` are read first, to know
# which kind reads the rest.
STEP_FIELDS: tuple[Field, ...] = (STEP_ID, KIND, PROMPT, BODY, SETTINGS)

TOOL_FIELDS: tuple[Field, ...] = (
    Identifier(
        name="id",
        label=Words("Id", "Id"),
        help=Words(
            "A short name of lowercase letters, digits and -, not shown to participants.",
            "Et kort navn med små bogstaver, tal og bindestreg; deltagerne ser det ikke.",
        ),
        danish=("navn",),
    ),
    Text(
        name="title",
        label=Words("Title", "Titel"),
        help=Words("The dialogue tool's title.", "Dialogredskabets titel."),
        limit=MAX_PROMPT,
        required=True,
        danish=("titel", "overskrift"),
    ),
    Choice(
        name="language",
        label=Words("Language", "Sprog"),
        help=Words(
            "The language of the participants' pages and the report: da (Danish) or en (English).",
            "Sproget på deltagernes sider og i rapporten: da (dansk) eller en (engelsk).",
        ),
        allowed=LANGUAGES,
        labels=tuple(LANGUAGE_NAMES[language] for language in LANGUAGES),
        default=DEFAULT_LANGUAGE,
        code="bad_language",
        danish=("sprog",),
    ),
    Text(
        name="description",
        label=Words("Description", "Beskrivelse"),
        help=Words("Shown on the home page.", "Vises på forsiden."),
        limit=MAX_BODY,
        danish=("beskrivelse",),
    ),
    Field(
        name="steps",
        label=Words("Steps", "Trin"),
        help=Words(
            "The steps, in the order the meeting takes them.", "Trinene i mødets rækkefølge."
        ),
        required=True,
        danish=("trin",),
        note=f"a list of 1 to {MAX_STEPS} steps",
    ),
)
