"""Junk to every Socket.IO event and HTTP route: a clear refusal, never a 500, nothing changed.

Hypothesis makes the junk: wrong types, huge numbers and strings, unknown fields, nested junk,
unicode edge cases, and "almost valid" payloads with one field wrong. After each piece of junk
the facilitator's view of the session and the rows in the database are exactly what they
were, and every surface is still connected and served; after a run a valid answer is acked.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sqlite3
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .helpers import answer, command, open_socket

FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
STEPS = "velkommen indcheckning vigtigste-maal staar-i-dag hvem-med hvad-skal-til ideer".split()
STEPS += ["prioriter", "handlepunkter", "udcheckning"]
ACTIONS = """start next prev goto open close reveal hide end lock unlock timer_start timer_pause
    timer_add timer_reset settings tables by_table hide_answer unhide_answer highlight unhighlight
    merge unmerge edit_action confirm_action unconfirm_action remove_participant details""".split()
ROLES = ("participant", "facilitator", "screen")
RESERVED = ["connect", "disconnect", "connect_error", "message", "json", "__disconnect_final"]
ANSWER_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")

ODD = ["", " ", "\x00", "\t\n\r", "\u202e", "\u200b\u200d", "\ufeff", "\U0001f642", "e\u0301"]
ODD += ["\U0001f469\u200d\U0001f469\u200d\U0001f467", "مرحبا", "שלום", "NaN", "null", "%00"]
ODD += ["<script>alert(1)</script>", "../../etc/passwd", "' OR 1=1 --", "{{7*7}}", "\u0301" * 3]
UNITS = ["a", "æ", "\U0001f642", "\u0301", "\u202e", " ", "\x00"]
LONG = st.builds(str.__mul__, st.sampled_from(UNITS), st.sampled_from([1_001, 10_000, 70_000]))
# Still over 40 characters once control characters and spaces are cleaned out.
LONG_NAME = st.builds(str.__mul__, st.sampled_from(UNITS[:4]), st.sampled_from([41, 70_000]))
text = st.one_of(st.text(max_size=30), st.sampled_from(ODD), LONG)
big = st.one_of(st.integers(2**63, 2**200), st.integers(-(2**200), -(2**63)))
junk = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), big, st.floats(), text),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=10,
)
header = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"))


def obj(**fields):
    """A dict strategy; plain values are taken as they are."""
    parts = {k: v if isinstance(v, st.SearchStrategy) else st.just(v) for k, v in fields.items()}
    return st.fixed_dictionaries(parts)


def with_extras(payload):
    """An almost valid payload, sometimes with unknown fields beside the known ones."""
    extras = st.dictionaries(text, junk, max_size=3)
    return st.one_of(payload, st.tuples(payload, extras).map(lambda p: {**p[1], **p[0]}))


def but_not(*allowed):
    """Junk, words or numbers that are none of ``allowed`` (by type too, so True is not 1)."""
    anything = st.one_of(junk, text, st.integers())
    return anything.filter(lambda v: not any(type(v) is type(a) and v == a for a in allowed))


def not_a(*types):
    return junk.filter(lambda v: not isinstance(v, types))


def not_int_in(low: int, high: int):
    return junk.filter(lambda v: type(v) is not int or not low <= v <= high)


@dataclass
class Room:
    """A session at "hvem-med" with two tables, one answer, and all three surfaces connected."""

    app: object
    created: dict
    console: object
    screen: object
    phone: object
    participant_id: int

    def snapshot(self):
        """The facilitator's whole view (less the clock) and the row count of every table."""
        headers = {"Authorization": f"Bearer {self.created['facilitator_key']}"}
        client = self.app.test_client()
        view = client.get(f"/api/sessions/{self.created['code']}", headers=headers).json
        del view["state"]["timer"]["server_time"], view["state"]["timer"]["remaining"]
        path = self.app.config["DATABASE_URL"].removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path)) as db:
            tables = ("sessions", "participants", "answers", "dialogue_tools")
            return view, [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]

    def still_serves(self) -> None:
        """Every surface still gets a real answer to a harmless valid request."""
        assert self.console.emit("command", {"action": "open"}, callback=True)["ok"]
        assert self.phone.emit("profile", {"name": "Mette"}, callback=True)["ok"]
        assert self.screen.is_connected()
        assert self.app.test_client().get("/healthz").json == {"ok": True}

    def refuses(self, sio, event: str, payload) -> None:
        before = self.snapshot()
        ack = sio.emit(event, payload, callback=True)
        assert isinstance(ack, dict) and set(ack) == {"ok", "error"} and ack["ok"] is False, ack
        assert isinstance(ack["error"]["code"], str) and ack["error"]["code"] != "internal_error"
        assert isinstance(ack["error"]["message"], str) and ack["error"]["message"].strip()
        assert sio.is_connected()
        assert self.snapshot() == before
        self.still_serves()

    def takes_a_valid_answer(self) -> None:
        self.still_serves()
        assert answer(self.phone, "hvem-med", "Stadig her")["ok"]


@pytest.fixture
def room(make_app, connect) -> Room:
    app = make_app(WORKSHOP_GUESS_BURST=10**9)  # guessing junk codes must not lock us out
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    screen = connect(role="screen", code=code, key=created["screen_key"])
    phone = connect(role="participant", code=code, name="Mette")
    command(console, "tables", names=["Bord 1", "Bord 2"])
    command(console, "goto", step="hvem-med")
    assert answer(phone, "hvem-med", "Første svar", "first-answer")["ok"]
    room = Room(app, created, console, screen, phone, 0)
    room.participant_id = room.snapshot()[0]["state"]["participants_list"][0]["id"]
    return room


def test_junk_answers_are_refused_and_change_nothing(room):
    valid_id = st.from_regex(ANSWER_ID, fullmatch=True)
    bad_id = junk.filter(lambda v: not (isinstance(v, str) and ANSWER_ID.fullmatch(v)))
    others = st.sampled_from([step for step in STEPS if step != "hvem-med"])
    blank = st.text(st.sampled_from(" \t\n\r\x00\x1f\x7f\u3000\u2028"), max_size=20)
    answers = st.one_of(
        junk,
        with_extras(obj(step_id=but_not("hvem-med") | others, answer_id=valid_id, value=text)),
        with_extras(obj(step_id="hvem-med", answer_id=bad_id, value=text)),
        with_extras(
            obj(step_id="hvem-med", answer_id=valid_id, value=st.one_of(not_a(str), blank, LONG))
        ),
        obj(answer_id=valid_id, value=text),
        obj(step_id="hvem-med", answer_id=valid_id),
    )

    @FUZZ
    @given(payload=answers)
    @example(payload={"step_id": "hvem-med", "answer_id": "abcdefgh\n", "value": "x"})
    def refused(payload) -> None:
        room.refuses(room.phone, "answer", payload)

    refused()
    room.takes_a_valid_answer()


def test_junk_commands_are_refused_and_change_nothing(room):
    def act(action, **fields):
        return with_extras(obj(action=action, **fields))

    moderation = st.sampled_from(["hide_answer", "unhide_answer", "highlight", "unhighlight"])
    commands = st.one_of(
        junk,
        with_extras(obj(action=but_not(*ACTIONS))),
        act("goto", step=but_not(*STEPS, *range(len(STEPS)))),
        act("next", revision=not_a(int, type(None)) | st.booleans()),
        act("reveal", audience=but_not("all", "screen", "phones")),
        act("settings", screen_results=but_not("live", "closed", "reveal")),
        act("settings", anonymous=not_a(bool)),
        act("settings", time_box=not_int_in(1, 180).filter(lambda v: v is not None)),
        act("timer_add", seconds=not_int_in(-3600, 3600)),
        act("tables", names=not_a(list)),
        act("by_table", on=not_a(bool)),
        moderation.flatmap(lambda action: act(action, answer_id=but_not("first-answer"))),
        act("unmerge", answer_id=but_not("first-answer")),
        act("merge", answer_id="first-answer", into=junk),
        act("edit_action", answer_id="first-answer", value=junk),
        act("remove_participant", participant_id=but_not(room.participant_id)),
        act("details", organisation=not_a(str)),
        act("details", place=LONG.filter(lambda v: len(v.strip()) > 120)),
    )

    @FUZZ
    @given(payload=commands)
    @example(payload={"action": "remove_participant", "participant_id": 2**64})
    def refused(payload) -> None:
        room.refuses(room.console, "command", payload)

    refused()
    room.takes_a_valid_answer()


def test_junk_profiles_are_refused_and_change_nothing(room):
    fields = ("name", "table", "as_table")
    profiles = st.one_of(
        not_a(dict),
        st.dictionaries(text.filter(lambda key: key not in fields), junk, max_size=3),
        with_extras(obj(name=LONG_NAME)),
        with_extras(obj(name=not_a(str, type(None)))),
        with_extras(obj(table=but_not(None, "", "t1", "t2"))),
        with_extras(obj(as_table=not_a(bool))),
    )

    @FUZZ
    @given(payload=profiles)
    def refused(payload) -> None:
        room.refuses(room.phone, "profile", payload)

    refused()
    room.takes_a_valid_answer()


def test_events_from_the_wrong_role_are_refused_even_when_valid_ones(room):
    valid = [{"action": "next"}, {"step_id": "hvem-med", "answer_id": "a-new-one", "value": "x"}]
    wrong = [("console", "answer"), ("console", "profile"), ("screen", "answer")]
    wrong += [("screen", "profile"), ("screen", "command"), ("phone", "command")]

    @FUZZ
    @given(sender=st.sampled_from(wrong), payload=st.one_of(st.sampled_from(valid), junk))
    def refused(sender, payload) -> None:
        room.refuses(getattr(room, sender[0]), sender[1], payload)

    refused()
    room.takes_a_valid_answer()


def test_unknown_and_reserved_event_names_change_nothing_and_keep_the_socket(room):
    @FUZZ
    @given(name=st.one_of(st.sampled_from(RESERVED), text), args=st.lists(junk, max_size=3))
    @example(name="disconnect", args=[])
    @example(name="connect", args=[{}, {"role": "participant", "code": room.created["code"]}])
    def ignored(name, args) -> None:
        if name in ("answer", "command", "profile"):
            return
        before = room.snapshot()
        for sio in (room.console, room.screen, room.phone):
            assert sio.emit(name, *args, callback=True) in (None, [])  # nobody answers
            assert sio.is_connected()
        assert room.snapshot() == before
        room.still_serves()

    ignored()
    room.takes_a_valid_answer()


def test_junk_auth_for_every_role_is_refused_and_changes_nothing(room):
    code, key = room.created["code"], room.created["facilitator_key"]
    auths = st.one_of(
        not_a(int, float) | st.booleans(),  # a bare number would read as a packet's ack id
        obj(role=but_not(*ROLES), code=code, key=key),
        obj(role=st.sampled_from(ROLES), code=but_not(code), key=key),
        obj(role=st.sampled_from(ROLES[1:]), code=code, key=but_not(key)),
        with_extras(obj(role="participant", code=code, name=LONG_NAME)),
        obj(role="participant", code=code, table=but_not(None, "", "t1", "t2")),
    )

    @FUZZ
    @given(auth=auths)
    def refused(auth) -> None:
        before = room.snapshot()
        sio = open_socket(room.app, auth=auth)
        connected = sio.is_connected()
        if connected:
            sio.disconnect()
        assert not connected, auth
        assert room.snapshot() == before

    refused()
    room.takes_a_valid_answer()


def http_requests(code: str, key: str):
    segment = st.one_of(st.just(code), st.from_regex(r"\d{6}", fullmatch=True), text)
    segments = st.lists(segment.map(lambda s: quote(s[:2000], safe="")), min_size=2, max_size=2)
    content_type = st.sampled_from(["application/json", "text/yaml", "multipart/form-data"])
    headers = st.fixed_dictionaries(
        {},
        optional={
            # Sometimes the right key, to get past the check to the junk behind it.
            "Authorization": header | header.map("Bearer ".__add__) | st.just(f"Bearer {key}"),
            "X-Organiser-Passcode": header,
            "Content-Type": header | content_type,
            "Cookie": header | header.map(f"fk_{code}=".__add__),
        },
    )
    query = st.dictionaries(st.sampled_from(["key", "code", "next", "lang"]), text, max_size=3)
    tool = {"id": "fuzz", "title": "Fuzz", "language": "da"}
    tool["steps"] = [{"id": "a", "kind": "open", "prompt": "?"}]
    broken_tool = st.one_of(
        but_not(None, "da", "en").map(lambda v: {**tool, "language": v}),
        not_a(list, type(None)).map(lambda v: {**tool, "steps": v}),
    )
    bad_title = not_a(str, type(None)) | LONG.filter(lambda v: not v.strip() or len(v) > 300)
    bodies = st.one_of(
        obj(json=junk),
        obj(data=st.binary(max_size=3000)),
        obj(data=st.builds(lambda b, n: {"file": (io.BytesIO(b), n)}, st.binary(), header)),
        obj(data=broken_tool.map(json.dumps)),
        obj(data=st.dictionaries(st.sampled_from(["dialogue", "title", "passcode"]), header)),
        obj(json=obj(dialogue=but_not("almene-maal", "plan-to-action", "testmoede"))),
        obj(json=obj(dialogue="testmoede", title=bad_title)),
        obj(json=obj(dialogue="testmoede", language=but_not(None, "", "da", "en"))),
    )
    pages = "/ /healthz /api/dialogues /api/sessions/{} /api/sessions/{}/export.{} /c/{} /s/{}"
    pages += " /api/sessions/{}/exports /api/sessions/{}/exports/{} /j/{} /j /join /qr/{}.svg"
    pages += " /lang/{} /favicon.ico /{} /api/{}"
    forms = ["/api/sessions", "/api/dialogues", "/sessions", "/dialogues", "/healthz"]
    gets = st.tuples(st.just("GET"), st.sampled_from(pages.split()), st.just({}))
    sends = st.tuples(st.sampled_from(["POST", "PUT", "DELETE"]), st.sampled_from(forms), bodies)
    return st.tuples(gets | sends, segments, headers, query)


def test_junk_sent_to_every_http_route_gets_a_4xx_and_changes_nothing(room):
    json_type = {"Content-Type": "application/json"}

    @FUZZ
    @given(request=http_requests(room.created["code"], room.created["facilitator_key"]))
    @example(request=(("GET", "/lang/{}", {}), ["da", ""], {}, {"next": "/\r\nSet-Cookie: x=1"}))
    @example(request=(("POST", "/api/sessions", {"data": "[" * 5000}), ["", ""], json_type, {}))
    @example(request=(("POST", "/api/dialogues", {"data": "[" * 3000}), ["", ""], {}, {}))
    @example(request=(("POST", "/api/dialogues", {"data": "9" * 5000}), ["", ""], {}, {}))
    @example(request=(("POST", "/api/dialogues", {"data": "x" * (2**20 + 1)}), ["", ""], {}, {}))
    def refused(request) -> None:
        (method, route, body), segments, headers, query = request
        path = route.format(*segments)
        before = room.snapshot()
        client = room.app.test_client()
        response = client.open(path, method=method, headers=headers, query_string=query, **body)
        assert response.status_code < 500, (path, response.status_code)
        if method != "GET":  # nothing was created
            assert 400 <= response.status_code < 500, (path, response.status_code)
        if response.status_code >= 400 and path.startswith(("/api/", "/healthz")):
            error = response.json["error"]
            assert isinstance(error["code"], str) and error["code"] and error["message"].strip()
        assert room.snapshot() == before

    refused()
    room.takes_a_valid_answer()
