"""Many meetings on one server at the same hour: `python bench/meetings.py [--configs ...]`.

Forty sessions run at once, 25 phones each, on one process (SQLite) and on two (Redis +
PostgreSQL), and beside them, in the same run and with the same clients, one meeting of
1,000 phones. For each:

1. memory per idle meeting: the servers' resident memory after the sessions are created and
   each has its console and its screen connected, less before, over the meetings;
2. memory per phone: after every phone has joined and has its first state, less idle, over
   the phones;
3. the burst: every console opens the answer step, then every phone of every meeting sends
   one answer at the same moment; acks per second (all answers over first send to last ack),
   ack p50 and p99;
4. exactly once: the client keeps a ledger of what each phone sent and what was acked; each
   meeting's results are read back through the API, and every acked answer must be stored
   once, in the meeting it was sent to, with nothing else there.

The forty meetings' ack p99 is shown as a share of the one meeting's (target: at most 2 ×).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import aiohttp  # noqa: E402
import requests  # noqa: E402
import run_all  # noqa: E402
import socketio  # noqa: E402
import swarm  # noqa: E402

STEP = run_all.TOOL["steps"][1]["id"]
TIMEOUT = 60.0
SHAPES = {"forty": (40, 25), "one": (1, 1000)}  # meetings, phones each
CONFIGS = ("sqlite", "two")


@dataclass
class Meeting:
    session: dict
    console: socketio.AsyncClient | None = None
    screen: socketio.AsyncClient | None = None
    phones: list[socketio.AsyncClient] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)  # the answer ids sent, one per phone
    acks: Counter = field(default_factory=Counter)  # answer id -> ok acks received


def create_sessions(url: str, meetings: int) -> list[dict]:
    made = []
    for _ in range(meetings):
        response = requests.post(
            url + "/api/sessions", json={"dialogue": run_all.TOOL["id"]}, timeout=30
        )
        response.raise_for_status()
        made.append(response.json())
    return made


def stored_ids(url: str, session: dict) -> list[str]:
    """Every answer id on the step's wall, read through the API (texts differ: no folding)."""
    bearer = {"Authorization": f"Bearer {session['facilitator_key']}"}
    detail = requests.get(f"{url}/api/sessions/{session['code']}", headers=bearer, timeout=60)
    detail.raise_for_status()
    step = next(r for r in detail.json()["results"] if r["step_id"] == STEP)
    cards = step["summary"]["answers"]
    return [card["answer_id"] for card in cards] + [m for card in cards for m in card["merged"]]


async def run(urls: list[str], sessions: list[dict], phones_each: int, memory, before: int) -> dict:
    """Connect, join, open the step and send the burst; what the clients measured
    (``before``: the servers' memory before the sessions were created)."""
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:

        def client() -> socketio.AsyncClient:
            return socketio.AsyncClient(reconnection=False, http_session=http, handle_sigint=False)

        result: dict = {}
        meetings = [Meeting(session) for session in sessions]

        async def watch(meeting: Meeting) -> None:
            code = meeting.session["code"]
            meeting.console, meeting.screen = client(), client()
            key = meeting.session["facilitator_key"]
            await meeting.console.connect(
                urls[0],
                auth={"role": "facilitator", "code": code, "key": key},
                transports=["websocket"],
                wait_timeout=TIMEOUT,
            )
            key = meeting.session["screen_key"]
            await meeting.screen.connect(
                urls[-1],
                auth={"role": "screen", "code": code, "key": key},
                transports=["websocket"],
                wait_timeout=TIMEOUT,
            )

        await asyncio.gather(*(watch(meeting) for meeting in meetings))
        await asyncio.sleep(1.0)
        idle = memory()
        result["memory_kb_per_meeting"] = (idle - before) / 1024 / len(meetings)

        gate = asyncio.Semaphore(swarm.GATE)
        failed = 0

        async def join(meeting: Meeting, n: int) -> None:
            nonlocal failed
            phone = client()
            first: asyncio.Future = asyncio.get_running_loop().create_future()
            phone.on("state", lambda _state: first.done() or first.set_result(True))
            try:
                async with gate:
                    await phone.connect(
                        urls[n % len(urls)],
                        auth={
                            "role": "participant",
                            "code": meeting.session["code"],
                            "name": f"P{n}",
                        },
                        transports=["websocket"],
                        wait_timeout=TIMEOUT,
                    )
                await asyncio.wait_for(first, TIMEOUT)
            except Exception:  # noqa: BLE001  (a failed join is counted, not raised)
                failed += 1
                return
            meeting.phones.append(phone)

        await asyncio.gather(
            *(join(meeting, n) for meeting in meetings for n in range(phones_each))
        )
        phones = sum(len(meeting.phones) for meeting in meetings)
        result["join_failed"] = failed
        await asyncio.sleep(1.0)
        result["memory_kb_per_phone"] = (memory() - idle) / 1024 / max(1, phones)

        async def open_step(meeting: Meeting) -> None:
            for command in ({"action": "start"}, {"action": "goto", "step": STEP}):
                ack = await meeting.console.call("command", command, timeout=TIMEOUT)
                assert ack.get("ok"), ack

        await asyncio.gather(*(open_step(meeting) for meeting in meetings))
        await asyncio.sleep(2.0)  # every phone has the step's state

        async def send(meeting: Meeting, n: int, phone) -> tuple[float, float, bool]:
            answer_id = f"m-{meeting.session['code']}-{n:04d}"
            meeting.sent.append(answer_id)
            payload = {"step_id": STEP, "answer_id": answer_id, "value": f"Idé {answer_id}"}
            start = time.perf_counter()
            try:
                reply = await phone.call("answer", payload, timeout=TIMEOUT)
            except Exception:  # noqa: BLE001
                return start, time.perf_counter(), False
            ok = bool(reply and reply.get("ok") and reply.get("answer_id") == answer_id)
            if ok:
                meeting.acks[answer_id] += 1
            return start, time.perf_counter(), ok

        outcomes = await asyncio.gather(
            *(
                send(meeting, n, phone)
                for meeting in meetings
                for n, phone in enumerate(meeting.phones)
            )
        )
        acked = [(start, end) for start, end, ok in outcomes if ok]
        first = min(start for start, _end, _ok in outcomes)
        last = max((end for _start, end in acked), default=first)
        latencies = [end - start for start, end in acked]
        result.update(
            phones=phones,
            acked=len(acked),
            not_acked=len(outcomes) - len(acked),
            answers_per_s=len(acked) / (last - first) if last > first else float("nan"),
            ack_p50_ms=swarm.quantile(latencies, 0.5) * 1000,
            ack_p99_ms=swarm.quantile(latencies, 0.99) * 1000,
        )
        await asyncio.sleep(1.0)
        clients = [c for m in meetings for c in (m.console, m.screen, *m.phones) if c]
        await asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True)
        result["meetings"] = meetings
        return result


def exactly_once(url: str, meetings: list[Meeting]) -> dict:
    """Each meeting's stored answers against the ledger: acked once, stored once, nothing else."""
    missing = doubled = foreign = acked_twice = 0
    for meeting in meetings:
        stored = Counter(stored_ids(url, meeting.session))
        acked = {answer_id for answer_id, times in meeting.acks.items() if times}
        acked_twice += sum(times > 1 for times in meeting.acks.values())
        missing += len(acked - set(stored))
        doubled += sum(times > 1 for times in stored.values())
        foreign += len(set(stored) - set(meeting.sent))
    return {
        "missing": missing,
        "stored_twice": doubled,
        "foreign": foreign,
        "acked_twice": acked_twice,
        "exactly_once": not (missing or doubled or foreign or acked_twice),
    }


def measure(config: str, shape: str) -> dict:
    """One row: ``shape`` (forty meetings of 25, or one of 1,000) on ``config``'s servers."""
    meetings, phones_each = SHAPES[shape]
    label = run_all.CONFIGURATIONS[config][0]
    with run_all.installation(config) as servers:
        pids = [server.process.pid for server in servers]
        before = run_all.rss(pids)
        sessions = create_sessions(servers[0].url, meetings)
        urls = [server.url for server in servers]
        memory = lambda: run_all.rss(pids)  # noqa: E731
        result = asyncio.run(run(urls, sessions, phones_each, memory, before))
        result.update(exactly_once(servers[0].url, result.pop("meetings")))
    return {
        "bench": "meetings",
        "label": label,
        "config": config,
        "meetings": meetings,
        "phones_each": phones_each,
        **result,
    }


def rows(configs: tuple[str, ...] = CONFIGS) -> list[dict]:
    """For each configuration one meeting of 1,000, then forty of 25, with the ratio."""
    measured = []
    for config in configs:
        one = measure(config, "one")
        forty = measure(config, "forty")
        for row in (one, forty):
            row["p99_x_one"] = row["ack_p99_ms"] / one["ack_p99_ms"] if one["ack_p99_ms"] else None
            row["rate_x_one"] = row["answers_per_s"] / one["answers_per_s"]
        measured += [one, forty]
        print(f"  measured {one['label']}", file=sys.stderr, flush=True)
    return measured


def print_rows(measured: list[dict]) -> None:
    heads = (
        f"{'configuration':<34} {'meetings':>8} {'phones':>6} {'fail':>4} {'answers/s':>9} "
        f"{'ack p50':>8} {'ack p99':>8} {'p99 × one':>9} {'once':>5} {'KB/meeting':>10} "
        f"{'KB/phone':>8}"
    )
    print(heads)
    print("-" * len(heads))
    for row in measured:
        print(
            f"{row['label']:<34} {row['meetings']:>8} {row['phones']:>6} "
            f"{row['join_failed'] + row['not_acked']:>4} {row['answers_per_s']:>9,.0f} "
            f"{row['ack_p50_ms']:>8,.0f} {row['ack_p99_ms']:>8,.0f} {row['p99_x_one']:>9.2f} "
            f"{'yes' if row['exactly_once'] else 'NO':>5} "
            f"{row['memory_kb_per_meeting']:>10,.0f} {row['memory_kb_per_phone']:>8,.0f}",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", default=",".join(CONFIGS))
    args = parser.parse_args()
    configs = tuple(config for config in args.configs.split(",") if config)
    missing = run_all.services_missing(list(configs))
    if missing:
        print(f"PostgreSQL or Redis is not running: {missing}", file=sys.stderr)
        return 2
    measured = rows(configs)
    print_rows(measured)
    return 0 if all(row["exactly_once"] for row in measured) else 1


if __name__ == "__main__":
    sys.exit(main())
