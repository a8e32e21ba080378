"""The room of the tidy tests and bench: 60 answers to one open question, as a housing meeting
gives them, with twelve ideas said more than once, then a vote on the ideas.

The wordings are from bench/similar_answers.yaml. Nine ideas come back with the same words,
typed differently (case, spacing, punctuation, a trailing emoji): the server folds each into
one card. Three come back in other words too: the server suggests each as a group to merge.
Two answers are look-alikes of different ideas that the suggestions group wrongly (the
facilitator dismisses that one). Fourteen ideas are said once."""

from __future__ import annotations

import json

# Said again in other words: merged from the suggestions. The first is the card merged into.
NEAR = {
    "byttemarked": [
        "Byttemarked for cykler og værktøj",
        "byttemarked med cykler & værktøj i gården",
        "Cykel-byttedag",
        "byttemarked for cykler og værktøj 🚲",
        "Bytte marked med cykler og værktøj",
        "byttedag for cykler",
    ],
    "solceller": [
        "Solceller på tagene",
        "solceller på alle tage i afd.",
        "Sæt solceller op på taget ☀️",
        "Solcelleanlæg på vores tage",
        "solpaneler på tagene",
        "solceller på tagene!",
    ],
    "fællesspisning": [
        "Fællesspisning en gang om måneden",
        "fællesspisning 1 gang om mdr",
        "Månedlig fællesspisning i fælleshuset",
        "fælles spisning hver måned 🍝",
    ],
}
# Two ideas the suggestions put together: dismissed.
LOOK_ALIKES = ["Mere fællesskab", "Fællesskab mellem unge og ældre"]
# Said again with the same words: folded by the server, with nothing to do.
SAME = {
    "bænke": [
        "Flere bænke i gården",
        "flere bænke i gården",
        "Flere bænke i gården!",
        "FLERE BÆNKE I GÅRDEN 🙂",
    ],
    "legeplads": ["Ny legeplads", "ny legeplads.", "Ny legeplads 👍"],
    "affald": ["Bedre affaldssortering", "bedre affaldssortering", "Bedre  affaldssortering ♻️"],
    "sommerfest": [
        "Årlig sommerfest",
        "årlig sommerfest 🎉",
        "Årlig sommerfest!!",
        "ÅRLIG SOMMERFEST",
    ],
    "husleje": ["Lavere husleje", "lavere husleje!", "Lavere husleje 🙏"],
    "køkkenhaver": ["Køkkenhaver i gården", "køkkenhaver i gården", "Køkkenhaver i gården 🥕"],
    "insekthoteller": ["Insekthoteller i gården", "insekthoteller i gården."],
    "loppemarked": ["Loppemarked i gården", "Loppemarked i gården :)", "loppemarked i gården"],
    "hundeposer": ["Hundeposer ved stierne", "hundeposer ved stierne 🐕"],
}
ONCE = [
    "Plant flere træer",
    "Hønsegård 🐔",
    "Kortere referater",
    "Mad til beboermødet",
    "Elevator i blok D",
    "Udendørs fitness 💪",
    "Øvelokale til bands",
    "Fælles wifi i fælleshuset",
    "Repair café en gang om måneden",
    "Trappevask hver uge i stedet for hver anden",
    "Gør noget ved rotterne 🐀",
    "Bogbytteskab ved indgangen 📚",
    "Urafstemning om de store beslutninger",
    "Klimaregnskab for afdelingen",
    "Vinduespudsning to gange om året",
]


def ideas() -> dict[str, list[str]]:
    """Every idea (a name) with its wordings, in the order the room gives them."""
    return {
        **NEAR,
        **{f"look-alike {n}": [text] for n, text in enumerate(LOOK_ALIKES)},
        **SAME,
        **{f"once {n}": [text] for n, text in enumerate(ONCE)},
    }


def answers() -> list[tuple[str, str, str]]:
    """The 60 answers as (answer id, idea, text), mixed as they arrive: round the ideas."""
    rows = [(idea, text) for idea, texts in ideas().items() for text in texts]
    # Interleave: the first wording of each idea, then the second of each, and so on.
    by_idea = ideas()
    order = []
    for round_ in range(max(len(texts) for texts in by_idea.values())):
        for idea, texts in by_idea.items():
            if round_ < len(texts):
                order.append((idea, texts[round_]))
    assert sorted(order) == sorted(rows)
    return [(f"tidy-{n:03d}", idea, text) for n, (idea, text) in enumerate(order)]


ANSWERS = answers()
assert len(ANSWERS) == 60, len(ANSWERS)
assert len(NEAR) + len(SAME) == 12

TOOL = {
    "id": "ryd-op",
    "title": "Idéer til afdelingen",
    "language": "da",
    "steps": [
        {
            "id": "ideer",
            "kind": "open",
            "prompt": "Hvad skal vi gøre i afdelingen?",
            "max_answers": 20,
        },
        {
            "id": "stem",
            "kind": "vote",
            "prompt": "Hvad skal vi gøre først?",
            "source": "ideer",
            "votes": 3,
            "max_per_answer": 1,
        },
    ],
}


def idea_of(text: str) -> str:
    """The idea a wording belongs to."""
    for idea, texts in ideas().items():
        if text in texts:
            return idea
    raise KeyError(text)


class Room:
    """A meeting of TOOL on a live server: a facilitator's socket and ``phones`` phones, at the
    open step; ``give()`` sends the 60 answers, round the phones."""

    def __init__(self, server_url: str, phones: int = 12) -> None:
        import requests

        from .clients import LiveClient, facilitator_of

        upload = requests.post(
            server_url + "/api/dialogues",
            files={"file": ("ryd-op.json", json.dumps(TOOL).encode())},
            timeout=10,
        )
        assert upload.status_code in (201, 409), upload.text
        response = requests.post(
            server_url + "/api/sessions",
            json={"dialogue": TOOL["id"], "title": "Afdelingsmøde"},
            timeout=10,
        )
        response.raise_for_status()
        self.created = response.json()
        self.console = facilitator_of(server_url, self.created)
        self.phones = [
            LiveClient(server_url, role="participant", code=self.created["code"]).connect()
            for _ in range(phones)
        ]
        for phone in self.phones:
            phone.wait(lambda client: client.states)
        self.command("start")
        self.command("goto", step="ideer")

    def command(self, action: str, **args) -> dict:
        ack = self.console.call("command", {"action": action, **args})
        assert ack["ok"], ack
        return ack

    def give(self, answers=None) -> None:
        for n, (answer_id, _idea, text) in enumerate(answers or ANSWERS):
            phone = self.phones[n % len(self.phones)]
            value = {"step_id": "ideer", "answer_id": answer_id, "value": text}
            ack = phone.call("answer", value)
            assert ack["ok"], ack

    def summary(self, step: str, predicate=lambda summary: True) -> dict:
        """The facilitator's newest summary of ``step`` that ``predicate`` holds for."""

        def found(client):
            for update in reversed(client.results):
                if update["step_id"] == step:
                    return update["summary"] if predicate(update["summary"]) else None
            return None

        return self.console.wait(found)

    def close(self) -> None:
        for client in (self.console, *self.phones):
            client.close()
