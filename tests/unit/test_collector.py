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
