"""Letting a socket in, through the admission service alone: a phone takes a seat or comes
back, a console and a screen show their key, and the door's limits hold."""

from __future__ import annotations

import pytest

from workshop.limits import MemoryBudgets
from workshop.services.admission import Door, admit
from workshop.services.dialogues import import_dialogue
from workshop.services.errors import Refused
from workshop.services.events import ParticipantsChanged
from workshop.services.guesses import Guesses, GuessLimits
from workshop.services.sessions import create_session, key_cookie
from workshop.storage import Store

from ..tools import small_tool_file


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'admission.sqlite3'}", group_commit=False)
    store.create_schema()
    import_dialogue(store, small_tool_file())
    yield store
    store.dispose()


@pytest.fixture
def guesses():
    return Guesses(MemoryBudgets(), codes=GuessLimits(), passcodes=GuessLimits())


def door(**changes) -> Door:
    settings = {
        "address": "192.0.2.7",
        "cookie": lambda _name: None,
        "phone_languages": (None, None),
        "max_participants": 100,
        "sockets_per_participant": 3,
        "admit_newcomer": lambda _code: True,
        "connected": lambda _code, _participant: False,
        "sockets_of": lambda _code, _participant: 0,
        "cooling": lambda _code, _participant: False,
    }
    return Door(**{**settings, **changes})


def refused(code: str):
    return pytest.raises(Refused, match=code)


def test_a_phone_takes_a_seat_and_comes_back_to_it_in_its_own_language(store, guesses):
    code = create_session(store, "lille-redskab", language="da").code
    phone = {"role": "participant", "code": code, "name": "Hanne"}

    first = admit(store, guesses, phone, door(phone_languages=("en", None)))
    assert first.newcomer and first.participant.name == "Hanne"
    assert first.language == "en" and first.session.language == "da"

    again = admit(store, guesses, {**phone, "token": first.participant.token}, door())
    assert not again.newcomer and again.participant.id == first.participant.id
    assert again.language == "da"
    # Who is connected now changed, though nobody new came.
    assert again.events == [ParticipantsChanged(code)]


def test_the_door_holds_its_limits_for_a_phone(store, guesses):
    code = create_session(store, "lille-redskab").code
    token = admit(store, guesses, {"role": "participant", "code": code}, door()).participant.token
    back = {"role": "participant", "code": code, "token": token}
    with refused("too_many_sockets"):
        admit(store, guesses, back, door(sockets_of=lambda _code, _participant: 3))
    with refused("too_fast"):
        admit(store, guesses, back, door(cooling=lambda _code, _participant: True))
    with refused("bad_auth"):
        admit(store, guesses, {"role": "visitor", "code": code}, door())
    with refused("bad_auth"):
        admit(store, guesses, "participant", door())


def test_a_console_and_a_screen_need_their_key_from_the_auth_or_the_cookie(store, guesses):
    session = create_session(store, "lille-redskab")
    console = {"role": "facilitator", "code": session.code}
    with refused("bad_key"):
        admit(store, guesses, {**console, "key": "wrong"}, door())
    admitted = admit(store, guesses, {**console, "key": session.facilitator_key}, door())
    assert admitted.participant is None and not admitted.events and not admitted.newcomer

    found = []
    cookie = {key_cookie(session.code, "screen"): session.screen_key}.get
    screen = {"role": "screen", "code": session.code}
    assert admit(store, guesses, screen, door(cookie=cookie, found=found.append)).role == "screen"
    assert found and found[0].code == session.code
