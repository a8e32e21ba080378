"""The store's memory keeps only what no write has overtaken."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from workshop.domain.answers import Answer
from workshop.storage.memory import Memory
from workshop.storage.records import ParticipantRecord


def answer(answer_id: str, value: str = "x") -> Answer:
    return Answer(answer_id=answer_id, participant_id=1, step_id="ideer", value=value)


def test_a_load_overtaken_by_a_write_is_not_kept():
    memory = Memory()

    def load_while_someone_writes():
        # The rows were read before the write committed: they lack its answer.
        memory.answers_changed(7, "ideer", lambda held: held.append(answer("b")))
        return [answer("a")]

    assert [a.answer_id for a in memory.answers(7, "ideer", load_while_someone_writes)] == ["a"]
    # Not kept: the next reader loads again and sees both.
    reloaded = memory.answers(7, "ideer", lambda: [answer("a"), answer("b")])
    assert [a.answer_id for a in reloaded] == ["a", "b"]
    # Now kept: a later write changes memory, and no load is needed.
    memory.answers_changed(7, "ideer", lambda held: held.append(answer("c")))
    assert [a.answer_id for a in memory.answers(7, "ideer", lambda: [])] == ["a", "b", "c"]


def test_a_change_to_the_participants_forgets_every_remembered_step():
    memory = Memory()
    memory.answers(7, "ideer", lambda: [answer("a")])
    memory.answers(7, "stem", lambda: [answer("v")])
    before = memory.version(7, "ideer")
    memory.people_changed(7)
    assert memory.version(7, "ideer") != before
    assert memory.answers(7, "ideer", lambda: []) == []
    assert memory.answers(7, "stem", lambda: []) == []


def test_a_caller_cannot_change_what_memory_holds():
    memory = Memory()
    held = memory.answers(7, "ideer", lambda: [answer("a")])
    held.append(answer("z"))
    assert [a.answer_id for a in memory.answers(7, "ideer", lambda: [])] == ["a"]


def test_a_room_that_misses_the_participants_at_once_reads_them_once():
    memory = Memory()
    mette = ParticipantRecord(
        id=1, session_id=7, token="t", name="Mette", joined_at=datetime.now(UTC)
    )
    reading, release, loads = threading.Event(), threading.Event(), []

    def slow_load():
        loads.append(1)
        reading.set()
        release.wait()
        return [mette]

    found = []
    first = threading.Thread(target=lambda: found.append(memory.people(7, slow_load)))
    first.start()
    reading.wait()  # the first caller is reading; the second comes while it does
    second = threading.Thread(target=lambda: found.append(memory.people(7, slow_load)))
    second.start()
    release.set()
    first.join()
    second.join()
    assert len(loads) == 1
    assert [people.by_id[1].name for people in found] == ["Mette", "Mette"]


def test_a_change_heard_from_another_process_forgets_the_participants_without_telling_back():
    told: list[int] = []
    memory = Memory()
    memory.tell = told.append
    mette = ParticipantRecord(
        id=1, session_id=7, token="t", name="Mette", joined_at=datetime.now(UTC)
    )
    memory.people(7, lambda: [mette])
    memory.person_joined(7, mette)
    assert told == []  # a join is not announced
    memory.heard_people_changed(7)
    assert told == []
    assert memory.known_person(7, 1) is None  # forgotten: read again when next needed
    memory.people(7, lambda: [mette])
    memory.people_changed(7)  # this process's own change: the others are told
    assert told == [7]
