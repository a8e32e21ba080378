"""Limits over the real handlers: floods are refused clearly, guessing is slowed down, and a
room behind one address is never locked out by anyone's mistakes."""

from __future__ import annotations

import uuid

import pytest

from workshop.limits import RedisBudgets, budgets_for
from workshop.services.guesses import Guesses, GuessLimits

from ..conftest import REDIS_URL, service_missing
from .helpers import answer, command, form_token, last_state, open_socket


def wrong_code(right: str, n: int = 0) -> str:
    code = f"{(int(right) + 1 + n) % 1_000_000:06d}"
    return code


def refusal(sio) -> str | None:
    """The code a refused test client was given (None when it is connected)."""
    if sio.is_connected():
        return None
    return sio.connect_error_data["code"] if hasattr(sio, "connect_error_data") else "refused"


def participant(app, code: str, **auth):
    """A phone connecting from 127.0.0.1, the address the HTTP test client uses too."""
    return open_socket(app, auth={"role": "participant", "code": code, **auth})


def test_a_flood_of_events_gets_too_fast_and_the_connection_stays_usable(make_app):
    app = make_app(WORKSHOP_EVENT_BURST=10, WORKSHOP_EVENT_RATE=5)
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    console = open_socket(
        app,
        auth={"role": "facilitator", "code": created["code"], "key": created["facilitator_key"]},
    )
    command(console, "goto", step="hvem-med")
    phone = participant(app, created["code"])
    acks = [answer(phone, "hvem-med", f"Svar {n}") for n in range(15)]
    codes = [ack["ok"] or ack["error"]["code"] for ack in acks]
    assert codes[:5] == [True] * 5  # max_answers is 5 on this step
    assert "too_fast" in codes
    too_fast = next(ack for ack in acks if not ack["ok"] and ack["error"]["code"] == "too_fast")
    assert too_fast["error"]["message"] == "For hurtigt: vent et øjeblik, og prøv igen."
    assert phone.is_connected()


def test_a_participant_has_one_budget_across_all_its_connections(make_app):
    app = make_app(WORKSHOP_EVENT_BURST=10, WORKSHOP_EVENT_RATE=0.01)
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    console = open_socket(
        app, auth={"role": "facilitator", "code": code, "key": created["facilitator_key"]}
    )
    command(console, "goto", step="indcheckning")
    first = participant(app, code)
    token = last_state(first)["you"]["token"]
    others = [participant(app, code, token=token) for _ in range(9)]
    sockets = [first, *others]
    acks = [answer(sio, "indcheckning", ["ord"]) for sio in sockets for _ in range(2)]
    accepted = [ack for ack in acks if ack["ok"]]
    # Ten connections do not get ten budgets: the participant's one burst of 10 is all.
    assert len(accepted) == 10
    assert {ack["error"]["code"] for ack in acks if not ack["ok"]} == {"too_fast"}
    # Somebody else in the room is not slowed down by it.
    other = answer(participant(app, code), "indcheckning", ["cykel"])
    assert other["ok"], other


def test_a_room_behind_one_address_with_a_hundred_typos_among_five_hundred_joins_at_once(
    make_app,
):
    app = make_app()
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    joined = typos = 0
    for person in range(500):
        if person % 5 == 1:  # every fifth person mistypes the code first
            typo = participant(app, wrong_code(code, person))
            assert refusal(typo) is not None
            typos += 1
        phone = participant(app, code, name=f"Deltager {person}")
        assert phone.is_connected(), f"participant {person} was refused"
        joined += 1
        phone.disconnect()
    assert (joined, typos) == (500, 100)


def test_a_script_guessing_codes_gets_a_few_dozen_tries_then_waits(make_app):
    app = make_app(WORKSHOP_GUESS_BURST=30, WORKSHOP_GUESS_PER_MINUTE=30)
    client = app.test_client()
    created = client.post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    answers = [client.get(f"/j/{wrong_code(code, n)}").status_code for n in range(40)]
    assert answers[:30] == [404] * 30
    assert answers[30:] == [429] * 10
    # Over the socket too: the budget belongs to the address, not to the route.
    guess = participant(app, wrong_code(code, 99))
    assert not guess.is_connected()


def test_the_room_code_works_from_an_address_whose_guessing_budget_is_spent(make_app):
    app = make_app(WORKSHOP_GUESS_BURST=5, WORKSHOP_GUESS_PER_MINUTE=1)
    client = app.test_client()
    created = client.post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    early = participant(app, code, name="Tidlig")
    token = last_state(early)["you"]["token"]
    early.disconnect()
    for n in range(30):  # someone behind the same address keeps guessing
        participant(app, wrong_code(code, n))
    assert client.get(f"/j/{wrong_code(code, 77)}").status_code == 429
    # The room's own code, a returning participant, the console, the screen, the exports
    # and the API: none of them is refused because of the guesses.
    assert participant(app, code, name="Sen").is_connected()
    assert participant(app, code, token=token).is_connected()
    assert client.get(f"/j/{code}").status_code == 200
    for role, key in (("facilitator", "facilitator_key"), ("screen", "screen_key")):
        auth = {"role": role, "code": code, "key": created[key]}
        staff = open_socket(app, auth=auth)
        assert staff.is_connected()
    bearer = {"Authorization": f"Bearer {created['facilitator_key']}"}
    assert client.get(f"/api/sessions/{code}", headers=bearer).status_code == 200
    assert client.get(f"/api/sessions/{code}/export.csv", headers=bearer).status_code == 200


def test_a_key_proves_its_code_even_from_an_address_that_has_spent_its_budget(make_app):
    app = make_app(WORKSHOP_GUESS_BURST=3, WORKSHOP_GUESS_PER_MINUTE=1)
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    stranger = app.test_client()
    stranger.environ_base["REMOTE_ADDR"] = "198.51.100.7"  # never used the code before
    for n in range(5):
        stranger.get(f"/j/{wrong_code(created['code'], n)}")
    assert stranger.get(f"/j/{created['code']}").status_code == 429  # unchecked: a guess
    wrong_key = {"Authorization": "Bearer " + "x" * 32}
    refused = stranger.get(f"/api/sessions/{created['code']}", headers=wrong_key)
    assert refused.status_code == 429  # a wrong key gives nothing away either
    bearer = {"Authorization": f"Bearer {created['facilitator_key']}"}
    assert stranger.get(f"/api/sessions/{created['code']}", headers=bearer).status_code == 200


def test_wrong_keys_are_refused_and_never_block_the_right_one(make_app):
    app = make_app(WORKSHOP_GUESS_BURST=3, WORKSHOP_GUESS_PER_MINUTE=1)
    client = app.test_client()
    created = client.post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    for _ in range(50):
        bad = client.get(f"/api/sessions/{code}", headers={"Authorization": "Bearer guess"})
        assert bad.status_code == 403 and bad.json["error"]["code"] == "bad_key"
        auth = {"role": "facilitator", "code": code, "key": "guess"}
        assert not open_socket(app, auth=auth).is_connected()
    right = {"Authorization": f"Bearer {created['facilitator_key']}"}
    assert client.get(f"/api/sessions/{code}", headers=right).status_code == 200
    assert participant(app, code).is_connected()


def test_two_thousand_joins_from_one_address_within_a_minute_all_get_in(make_app):
    # The guessing budget is what this is about; the pace of newcomers has its own test.
    app = make_app(WORKSHOP_JOIN_BURST=2000)
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    refused = 0
    for _ in range(2000):
        phone = participant(app, created["code"])
        refused += not phone.is_connected()
        phone.disconnect()
    assert refused == 0


def test_the_session_takes_at_most_its_cap_of_participants_and_the_console_sees_it(make_app):
    app = make_app(WORKSHOP_MAX_PARTICIPANTS=3)
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    room = [participant(app, code) for _ in range(3)]
    token = last_state(room[0])["you"]["token"]
    full = participant(app, code)
    assert not full.is_connected()
    assert participant(app, code, token=token).is_connected()  # those in come back in
    console = open_socket(
        app, auth={"role": "facilitator", "code": code, "key": created["facilitator_key"]}
    )
    session = last_state(console)["session"]
    assert session["participants"] == 3 and session["participant_limit"] == 3


def test_a_wrong_passcode_is_slowed_down_but_a_browser_that_gave_the_right_one_is_not(make_app):
    app = make_app(
        WORKSHOP_ORGANISER_PASSCODE="blåbær",
        WORKSHOP_PASSCODE_BURST=3,
        WORKSHOP_PASSCODE_PER_MINUTE=1,
    )
    organiser, guesser = app.test_client(), app.test_client()
    form = {"dialogue": "testmoede", "passcode": "blåbær", "csrf_token": form_token(organiser)}
    assert organiser.post("/sessions", data=form).status_code == 303  # non-ASCII works
    guesser.environ_base["REMOTE_ADDR"] = "198.51.100.7"  # a phone in the room
    guess = {**form, "csrf_token": form_token(guesser)}
    statuses = [
        guesser.post("/sessions", data={**guess, "passcode": f"gæt{n}"}).status_code
        for n in range(6)
    ]
    assert statuses == [401] * 3 + [429] * 3
    # The organiser's browser is remembered and is not kept out by the guesses.
    again = {"dialogue": "testmoede", "csrf_token": form["csrf_token"]}
    assert organiser.post("/sessions", data=again).status_code == 303
    api = app.test_client()
    utf8 = "blåbær".encode().decode("latin-1")  # how WSGI hands over a UTF-8 header
    headers = {"X-Organiser-Passcode": utf8}
    api.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    created = api.post("/api/sessions", json={"dialogue": "testmoede"}, headers=headers)
    assert created.status_code == 201


@pytest.mark.redis
def test_guessing_budgets_are_shared_by_every_process_through_redis(make_app):
    try:
        import redis

        redis.Redis.from_url(REDIS_URL).ping()
    except Exception as error:  # noqa: BLE001
        service_missing("Redis", str(error))
    # Two processes of one installation: each app gets its own budgets object on one Redis
    # (as WORKSHOP_MESSAGE_QUEUE would give it; the Socket.IO test client cannot run on a
    # message queue, so the budgets are set up here as create_app does with one).
    prefix = f"test:{uuid.uuid4().hex}:"
    one, two = make_app(), make_app()
    for app in (one, two):
        budgets = budgets_for(REDIS_URL, prefix)
        assert isinstance(budgets, RedisBudgets)
        app.extensions["workshop.guesses"] = Guesses(
            budgets, codes=GuessLimits(4, 1), passcodes=GuessLimits(3, 1)
        )
    created = one.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    statuses = []
    for n in range(6):
        app = (one, two)[n % 2]
        statuses.append(app.test_client().get(f"/j/{wrong_code(code, n)}").status_code)
    assert statuses == [404] * 4 + [429] * 2
    # The code created from this address works in both processes.
    assert two.test_client().get(f"/j/{code}").status_code == 200
