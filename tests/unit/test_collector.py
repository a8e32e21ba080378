"""Full garbage collections wait for a quiet second, at most once a minute, at least every ten."""

from __future__ import annotations

from workshop.realtime.collector import QuietCollector


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_full_collection_waits_for_a_quiet_second_after_a_minute():
    clock = Clock()
    collector = QuietCollector(clock)
    clock.now += 30
    assert not collector.due()  # quiet, but the last one was only half a minute ago
    clock.now += 31
    collector.heard()
    clock.now += 0.5
    assert not collector.due()  # a minute has passed, but messages are still coming
    clock.now += 0.6
    assert collector.due()
    collector.collect()
    assert collector.full_collections == 1 and not collector.due()


def test_a_room_that_never_goes_quiet_still_gets_one_every_ten_minutes():
    clock = Clock()
    collector = QuietCollector(clock)
    for _ in range(599):
        clock.now += 1
        collector.heard()
        assert not collector.due()
    clock.now += 1
    collector.heard()
    assert collector.due()


class Memory:
    def __init__(self, resident: int) -> None:
        self.resident = resident

    def __call__(self) -> int:
        return self.resident


MB = 1024 * 1024


def test_a_room_that_never_goes_quiet_gets_one_soon_after_memory_has_grown_by_a_quarter():
    clock, memory = Clock(), Memory(400 * MB)
    collector = QuietCollector(clock, memory)
    for _ in range(20):  # answers streaming in, memory flat: nothing to collect yet
        clock.now += 1
        collector.heard()
        assert not collector.due()
    memory.resident = 499 * MB
    assert not collector.due()  # grown, but by less than a quarter
    memory.resident = 500 * MB
    for _ in range(4):  # grown, but the room is busy: wait for a quiet second a while
        assert not collector.due()
        clock.now += 1
        collector.heard()
    clock.now += 1
    collector.heard()
    assert collector.due()  # five seconds without one: made anyway
    collector.collect()
    assert collector.for_growth == 1
    memory.resident = 700 * MB  # what the collection freed stays with the process
    clock.now += 4
    collector.heard()
    assert not collector.due()  # at most one every five seconds, however fast it grows
    for _ in range(5):
        clock.now += 1
        collector.heard()
        assert not collector.due()
    clock.now += 1
    collector.heard()
    assert collector.due()


def test_memory_grown_in_a_busy_moment_is_collected_in_the_next_quiet_second():
    # A room joining grows the process by its sockets; its answer burst comes right after.
    clock, memory = Clock(), Memory(100 * MB)
    collector = QuietCollector(clock, memory)
    clock.now += 10
    memory.resident = 170 * MB
    collector.heard()
    assert not collector.due()  # the burst: no pause in the middle of it
    clock.now += 0.5
    collector.heard()
    assert not collector.due()
    clock.now += 1.0  # the burst is over: a quiet second
    assert collector.due()


def test_a_small_process_does_not_collect_for_a_few_megabytes():
    clock, memory = Clock(), Memory(40 * MB)
    collector = QuietCollector(clock, memory)
    memory.resident = 100 * MB
    clock.now += 10
    assert not collector.due()  # 60 MB is more than a quarter, but under 64 MB
    memory.resident = 104 * MB
    assert collector.due()
