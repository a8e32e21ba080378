"""The store's memory keeps only what no write has overtaken."""

from __future__ import annotations

from workshop.domain.answers import Answer
from workshop.storage.memory import Memory


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
