"""The kinds' own words reach people in their language: every page carries each kind's name
and its scripts' strings, and a refusal only one kind raises comes back in the phone's
language, with its numbers filled in."""

from __future__ import annotations

import json
import re

from workshop.domain.kinds import KINDS

from .helpers import answer, command

KIND_WORDS = re.compile(r'<script type="application/json" id="i18n-kinds">(.*?)</script>', re.S)
COMMON = re.compile(r'<script type="application/json" id="i18n-common">(.*?)</script>', re.S)


def page_strings(client, path: str) -> tuple[dict[str, str], dict[str, str]]:
    page = client.get(path, follow_redirects=True).get_data(as_text=True)
    return json.loads(KIND_WORDS.search(page).group(1)), json.loads(COMMON.search(page).group(1))


def test_every_page_carries_each_kinds_words_in_its_language(client, new_session):
    created = new_session()
    code, key, screen = created["code"], created["facilitator_key"], created["screen_key"]
    expected = {f"kind_{name}" for name in KINDS} | {k for v in KINDS.values() for k in v.words}
    said = {
        "da": {
            "kind_open": "Åbent spørgsmål",
            "votes_other": "{n} stemmer",
            "review_done": "Gjort",
        },
        "en": {"kind_open": "Open question", "votes_other": "{n} votes", "review_done": "Done"},
    }
    for language, some in said.items():
        client.set_cookie("lang", language)  # the language switch's choice
        for path in (f"/j/{code}", f"/c/{code}?key={key}", f"/s/{code}?key={screen}", "/"):
            words, common = page_strings(client, path)
            assert {key: words[key] for key in some} == some, (language, path)
            assert set(words) == expected
            assert set(words).isdisjoint(common), "a kind's word is not also a shared string"


def test_a_kinds_refusal_comes_in_the_phones_language_with_its_numbers(connect, new_session):
    for language, none_chosen, too_many in (
        ("da", "Vælg mindst én svarmulighed.", "Vælg højst 1 svarmuligheder."),
        ("en", "Choose at least one option.", "Choose at most 1 options."),
    ):
        created = new_session(language=language)
        console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
        phone = connect(role="participant", code=created["code"])
        command(console, "goto", step="vigtigste-maal")
        refused = answer(phone, "vigtigste-maal", [])["error"]
        assert (refused["code"], refused["message"]) == ("no_choice", none_chosen)
        refused = answer(phone, "vigtigste-maal", ["byer-i-balance", "lige-vigtige"])["error"]
        assert (refused["code"], refused["message"]) == ("too_many_choices", too_many)
        # A code every kind shares keeps its text in the catalogue.
        refused = answer(phone, "vigtigste-maal", ["findes-ikke"])["error"]
        assert refused["code"] == "unknown_option"
        assert refused["message"] == (
            "Den svarmulighed hører ikke til dette spørgsmål."
            if language == "da"
            else "That option is not part of this question."
        )
