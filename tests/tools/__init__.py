"""The tests' own dialogue tools: a small one with one step of every kind, and a meeting
shaped like the built-in Almene Mål tool. Tests that build on them do not break when a
built-in tool is reworded.
"""

from __future__ import annotations

import json
from pathlib import Path

MEETING = "testmoede"
MEETING_FILE = Path(__file__).with_name("meeting.yaml")


def meeting_file() -> bytes:
    return MEETING_FILE.read_bytes()


SMALL_TOOL = {
    "id": "lille-redskab",
    "title": "Lille redskab",
    "language": "da",
    "steps": [
        {"id": "hej", "kind": "info", "prompt": "Velkommen"},
        {"id": "ord", "kind": "wordcloud", "prompt": "Tre ord", "max_words": 3},
        {
            "id": "valg",
            "kind": "choice",
            "prompt": "Hvad vælger I?",
            "options": [{"id": "a", "label": "Haven"}, {"id": "b", "label": "Værkstedet"}],
        },
        {
            "id": "skala",
            "kind": "scale",
            "prompt": "Hvor enige?",
            "statements": [{"id": "s1", "text": "Vi mødes ofte nok"}],
            "scale": {"min": 1, "max": 5},
        },
        {
            "id": "point",
            "kind": "points",
            "prompt": "Fordel fem prikker",
            "budget": 5,
            "options": [{"id": "a", "label": "Haven"}, {"id": "b", "label": "Værkstedet"}],
        },
        {"id": "ideer", "kind": "open", "prompt": "Idéer?", "max_answers": 3},
        {"id": "stem", "kind": "vote", "prompt": "Stem", "source": "ideer", "votes": 2},
        {"id": "plan", "kind": "actions", "prompt": "Hvem gør hvad?", "max_answers": 3},
        {"id": "tak", "kind": "open", "prompt": "Et ord til sidst"},
    ],
}
STEP_IDS = [step["id"] for step in SMALL_TOOL["steps"]]


def small_tool_file() -> bytes:
    return json.dumps(SMALL_TOOL).encode()
