"""A session file from elsewhere is checked whole: a file that is not what it says is refused
with where and what, and nothing is written."""

from __future__ import annotations

import copy
import json
import uuid

import pytest

from tests.conftest import app_in
from tests.tools import MEETING
from workshop.storage import Store

from .helpers import open_socket
from .transfer_material import (
    FOLLOW_UP,
    LATER,
    export_json,
    import_file,
    run_meeting,
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory, template_database) -> dict:
    """The export of a meeting with everything a session can hold, run once for the module
    (a meeting of many sockets takes a while): each test changes a copy of it."""
    app = app_in(tmp_path_factory.mktemp("meeting"), template_database)
    client = app.test_client()
    opened = []

    def connect(**auth):
        opened.append(open_socket(app, auth=auth))
        return opened[-1]

    def new_session(**fields) -> dict:
        response = client.post("/api/sessions", json={"dialogue": MEETING, **fields})
        assert response.status_code == 201, response.json
        return response.json

    created = run_meeting(client, connect, new_session)
    document = export_json(client, created["code"], created["facilitator_key"])
    for sio in opened:
        if sio.is_connected():
            sio.disconnect()
    app.extensions["workshop.store"].dispose()
    return document


@pytest.fixture
def good_file(exported) -> dict:
    return copy.deepcopy(exported)


def counts(app) -> list[int]:
    store: Store = app.extensions["workshop.store"]
    with store.engine.connect() as conn:
        return [
            conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
            for table in ("sessions", "participants", "answers", "late_answers")
        ]


def refused(app, tmp_path, data: bytes) -> str:
    """Import ``data``; it must be refused with nothing written. The message."""
    path = tmp_path / f"fil-{uuid.uuid4().hex[:6]}.json"
    path.write_bytes(data)
    before = counts(app)
    result = app.test_cli_runner().invoke(args=["import", str(path)])
    assert result.exit_code != 0, result.output
    assert counts(app) == before
    assert "was not imported" in result.output
    return result.output


def changed(document: dict, change) -> bytes:
    document = copy.deepcopy(document)
    change(document)
    return json.dumps(document).encode()


def test_a_file_cut_short_is_refused_with_nothing_written(app, good_file, tmp_path):
    data = json.dumps(good_file).encode()
    message = refused(app, tmp_path, data[: len(data) // 2])
    assert "not valid JSON" in message and "cut short" in message


def test_other_formats_are_refused_with_a_clear_message(app, good_file, tmp_path):
    older = changed(good_file, lambda d: d.update(format="workshop-session/1"))
    assert "older format workshop-session/1" in refused(app, tmp_path, older)
    newer = changed(good_file, lambda d: d.update(format="workshop-session/3"))
    assert "newer version" in refused(app, tmp_path, newer)
    other = changed(good_file, lambda d: d.pop("format"))
    assert "not a session export" in refused(app, tmp_path, other)
    for garbage in (b"[]", b'"workshop-session/2"', b"42", b"null", b"", b"\xff\xfe"):
        refused(app, tmp_path, garbage)
    not_a_number = changed(good_file, lambda d: d["session"].update(participants=float("nan")))
    assert "NaN is not a number" in refused(app, tmp_path, not_a_number)
    too_large = json.dumps(good_file).replace('"participants": 5', '"participants": 1e999')
    assert "out of range" in refused(app, tmp_path, too_large.encode())


def test_an_oversized_file_is_refused_before_it_is_read(app, tmp_path):
    from workshop.services.session_file import MAX_BYTES

    message = refused(app, tmp_path, b" " * (MAX_BYTES + 1))
    assert "more than any session file has" in message


def test_every_part_of_the_file_must_have_its_type(app, good_file, tmp_path):
    for key in ("session", "dialogue", "participants", "respondents", "answers", "late_answers"):
        for junk in (None, "x", 7, True):
            message = refused(
                app, tmp_path, changed(good_file, lambda d, k=key, j=junk: d.update({k: j}))
            )
            assert key in message, message
    for key in ("title", "state", "details", "tables", "created_at", "keep", "status", "code"):
        message = refused(
            app, tmp_path, changed(good_file, lambda d, k=key: d["session"].update({k: [1]}))
        )
        assert f"session.{key}" in message, message


def test_answers_must_refer_to_steps_people_and_answers_that_exist(app, good_file, tmp_path):
    def first_named(document):
        return next(a for a in document["answers"] if a["participant"] is not None)

    cases = {
        "is not a step of the dialogue tool": lambda d: d["answers"][0].update(step_id="nope"),
        "takes no answers": lambda d: d["answers"][0].update(step_id="velkommen"),
        "is not in the participants": lambda d: first_named(d).update(participant=999),
        "is not in the respondents": lambda d: d["late_answers"][0].update(respondent="r999"),
        "either a participant or a respondent": lambda d: d["answers"][0].update(
            participant=d["participants"][0]["id"], respondent="r1"
        ),
        "must not name a participant": lambda d: first_named(d).update(anonymous=True),
        "is used twice": lambda d: d["answers"][1].update(answer_id=d["answers"][0]["answer_id"]),
        "not another answer of the same step": lambda d: d["answers"][0].update(
            merged_into="idea-000004"
        ),
        "does not fit step": lambda d: d["answers"][0].update(value={"x": [1, 2]}),
        "gave no answer": lambda d: d["respondents"].append({"id": "r99", "table": None}),
        "is listed twice": lambda d: d["participants"].append(d["participants"][0]),
        "waiting for approval is hidden": lambda d: d["answers"][0].update(pending=True),
    }
    for expected, change in cases.items():
        message = refused(app, tmp_path, changed(good_file, change))
        assert expected in message, (expected, message)


def test_a_vote_on_an_idea_that_is_not_there_is_refused(app, good_file, tmp_path):
    def vote_elsewhere(document):
        vote = next(a for a in document["answers"] if a["step_id"] == "prioriter")
        vote["value"] = ["idea-999999"]

    assert "unknown_card" in refused(app, tmp_path, changed(good_file, vote_elsewhere))


def test_a_broken_dialogue_tool_is_refused_with_its_problems(app, good_file, tmp_path):
    def break_tool(document):
        document["dialogue"]["steps"][1]["kind"] = "dans"

    message = refused(app, tmp_path, changed(good_file, break_tool))
    assert "dialogue tool has problems" in message and "unknown_kind" in message


def test_huge_strings_and_deep_nesting_are_refused(app, good_file, tmp_path):
    big = "x" * 2_000_000
    cases = [
        lambda d: d["participants"][0].update(name=big),
        lambda d: d["session"].update(title=big),
        lambda d: d["answers"][0].update(answer_id=big),
        lambda d: d["session"]["details"].update(notes=big),
        lambda d: d["answers"][0].update(value=big),
        lambda d: d["session"].update(follow_up={"points": big}),
    ]
    for change in cases:
        message = refused(app, tmp_path, changed(good_file, change))
        assert "characters" in message or "too_long" in message, message
    deep = "[" * 100_000 + "]" * 100_000
    assert "nested too deeply" in refused(app, tmp_path, deep.encode())
    nested: dict = {}
    inner = nested
    for _level in range(30):
        inner["x"] = {}
        inner = inner["x"]
    message = refused(app, tmp_path, changed(good_file, lambda d: d.update(extra=nested)))
    assert "levels deep" in message


def test_a_follow_up_the_results_cannot_be_made_from_is_refused(app, good_file, tmp_path):
    def odd_follow_up(document):
        document["session"]["follow_up"] = {"plan": "not a list", "agreed": 7}

    message = refused(app, tmp_path, changed(good_file, odd_follow_up))
    assert "session.follow_up" in message


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda f: f["plan"][0].update(what=None), "follow_up.plan[0].what: is not text"),
        (
            lambda f: f["plan"][1].update(id="p7"),
            "follow_up.plan[1]: is not a point with the id p2",
        ),
        (lambda f: f["plan"][0].update(when="1. januar"), "follow_up.plan[0].when: is not a date"),
        (lambda f: f["agreed"].update(p9={"status": "done"}), "follow_up.agreed.p9: is not one"),
        (lambda f: f["agreed"]["p1"].update(status="finished"), "follow_up.agreed.p1.status"),
        (lambda f: f["agreed"]["p1"].update(carry_to=LATER), "follow_up.agreed.p1.carry_to"),
        (lambda f: f["series"].append({"code": "111111", "title": "x"}), "series[0].made"),
        (lambda f: f.update(extra=1), "follow_up: must have exactly the fields"),
        (lambda f: f["of"].update(title="x" * 301), "follow_up.of.title: is longer than 300"),
        (lambda f: f["of"].update(code="abc"), "follow_up.of.code: is not a meeting code"),
    ],
)
def test_a_follow_up_not_shaped_like_one_is_refused_and_says_where(
    app, good_file, tmp_path, change, where
):
    def odd_follow_up(document):
        follow_up = copy.deepcopy(FOLLOW_UP)
        change(follow_up)
        document["session"]["follow_up"] = follow_up

    message = refused(app, tmp_path, changed(good_file, odd_follow_up))
    assert where in message


def test_a_follow_up_s_texts_are_kept_as_the_app_keeps_them(
    app, client, good_file, other_server, tmp_path
):
    def hostile_texts(document):
        follow_up = copy.deepcopy(FOLLOW_UP)
        follow_up["plan"][0]["what"] = "Grøn\u0000 café\u202e"
        follow_up["agreed"]["p1"]["comment"] = "Holdt\u202e i maj\u0007"
        document["session"]["follow_up"] = follow_up

    path = tmp_path / "kontroltegn.json"
    path.write_bytes(changed(good_file, hostile_texts))
    server = other_server()
    code, _key, _output = import_file(server, path)
    moved = server.extensions["workshop.store"].session_by_code(code).follow_up
    assert moved["plan"][0]["what"] == "Grøn café"
    assert moved["agreed"]["p1"]["comment"] == "Holdt i maj"


def test_a_rehearsal_cannot_come_in_as_a_follow_up(app, good_file, tmp_path):
    def rehearsal(document):
        document["session"]["practice"] = True
        document["session"]["follow_up"] = copy.deepcopy(FOLLOW_UP)

    assert "rehearsal" in refused(app, tmp_path, changed(good_file, rehearsal))


def test_a_failure_while_writing_leaves_nothing_behind(app, good_file, tmp_path, monkeypatch):
    from workshop.storage import StoreUnavailable, imports

    def fail(*_args, **_kwargs):
        raise StoreUnavailable("the disk is full")

    monkeypatch.setattr(imports, "_insert_late_answers", fail)
    path = tmp_path / "moede.json"
    path.write_bytes(json.dumps(good_file).encode())
    before = counts(app)
    result = app.test_cli_runner().invoke(args=["import", str(path)])
    assert result.exit_code != 0
    assert counts(app) == before  # the session, participants and answers went back too


def test_the_command_says_so_when_the_file_is_missing(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["import", str(tmp_path / "ingen.json")])
    assert result.exit_code != 0 and "does not exist" in result.output


@pytest.mark.parametrize(
    ("tidy", "where"),
    [
        ("nej", "session.tidy: must be an object"),
        ({"ingen-trin": {}}, "session.tidy.ingen-trin: is not a step of the dialogue tool"),
        ({"ideer": {"dismissed": "x"}}, "session.tidy.ideer.dismissed: must be a list"),
        ({"ideer": {"dismissed": [["idea-000001"]]}}, "must name two or more different answers"),
        ({"ideer": {"dismissed": [["idea-000001", 7]]}}, "dismissed[0][1]: must be an answer id"),
        ({"ideer": {"hidden_words": [""]}}, "hidden_words[0]: must be a word of 1 to 100"),
        ({"ideer": {"merged_words": {"grøn": 3}}}, "merged_words.grøn: must be a word"),
        ({"ideer": {"pynt": []}}, "session.tidy.ideer.pynt: is not dismissed, hidden_words"),
    ],
)
def test_tidy_decisions_not_shaped_like_them_are_refused_and_say_where(
    app, good_file, tmp_path, tidy, where
):
    message = refused(app, tmp_path, changed(good_file, lambda d: d["session"].update(tidy=tidy)))
    assert where in message
