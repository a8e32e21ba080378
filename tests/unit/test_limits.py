"""Rate limits: bursts are allowed, floods are not, and a room behind one NAT still gets in."""

from __future__ import annotations

from workshop.limits import FailedJoins, TokenBucket


def test_a_burst_of_ten_passes_then_five_a_second():
    bucket = TokenBucket(capacity=10, rate=5, tokens=10, stamp=0.0)
    assert all(bucket.take(0.0) for _ in range(10))
    assert not bucket.take(0.0)
    assert bucket.take(0.2)  # one token back after a fifth of a second
    assert not bucket.take(0.2)
    assert sum(bucket.take(10.0) for _ in range(20)) == 10  # never more than the burst


def test_failed_joins_block_an_address_until_they_age_out():
    joins = FailedJoins(limit=3, window=60)
    for moment in (0, 1, 2):
        assert not joins.blocked("10.0.0.9", moment)
        joins.failed("10.0.0.9", moment)
    assert joins.blocked("10.0.0.9", 3)
    assert not joins.blocked("10.0.0.7", 3)  # other addresses are not affected
    assert not joins.blocked("10.0.0.9", 61)  # the first failure has aged out


def test_a_room_behind_one_address_joins_because_only_failures_count():
    joins = FailedJoins(limit=50, window=600)
    for moment in range(30):
        joins.failed("192.168.0.1", moment)  # thirty typos in the room
    assert not joins.blocked("192.168.0.1", 31)  # the other 200 phones still get in
