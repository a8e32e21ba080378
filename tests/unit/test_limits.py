"""Budgets: bursts are allowed, floods are not, they refill, and memory stays bounded."""

from __future__ import annotations

from workshop.limits import MemoryBudgets, address_key


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_budget_allows_a_burst_then_refills_at_its_rate():
    clock = Clock()
    budgets = MemoryBudgets(clock=clock)
    assert [budgets.take("p1", 10, 5) for _ in range(12)] == [True] * 10 + [False] * 2
    clock.now += 1.0
    assert [budgets.take("p1", 10, 5) for _ in range(6)] == [True] * 5 + [False]
    assert budgets.take("p2", 10, 5)  # another key has its own budget


def test_the_level_of_a_budget_is_read_without_spending_it():
    budgets = MemoryBudgets(clock=Clock())
    assert budgets.level("a", 3, 1) == 3
    budgets.take("a", 3, 1)
    assert budgets.level("a", 3, 1) == 2
    assert budgets.level("a", 3, 1) == 2


def test_remembered_facts_expire():
    clock = Clock()
    budgets = MemoryBudgets(clock=clock)
    budgets.remember("good:1.2.3.4:123456", 60)
    assert budgets.remembered("good:1.2.3.4:123456")
    clock.now += 61
    assert not budgets.remembered("good:1.2.3.4:123456")


def test_memory_holds_at_most_max_keys_budgets_and_facts():
    budgets = MemoryBudgets(max_keys=100, clock=Clock())
    for n in range(1000):
        budgets.take(f"k{n}", 10, 1)
        budgets.remember(f"f{n}", 60)
    assert len(budgets._buckets) == 100 and len(budgets._facts) == 100
    assert budgets.remembered("f999") and not budgets.remembered("f0")


def test_an_ipv6_client_counts_as_its_whole_network():
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::7")
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:10.0.0.1") == "10.0.0.1"
    assert address_key("192.0.2.5") == "192.0.2.5"
    assert address_key(None) == "-"
