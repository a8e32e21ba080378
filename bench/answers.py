"""Benchmark: answers acked per second, and ack latency, for many phones answering at once.

Run as ``.venv/bin/python bench/answers.py`` from the project root. Each configuration gets its
own real server (``python run.py``, gevent, as ``tests/e2e/server.py`` starts it) and its own
database, and the same load runs against each, side by side in one run:

  (a) SQLite synchronous=FULL with group commit (the default)
  (b) SQLite synchronous=FULL, one commit per answer (WORKSHOP_GROUP_COMMIT=0)
  (c) SQLite synchronous=NORMAL, one commit per answer: the baseline without an fsync per commit
  (d) PostgreSQL with group commit, in a database of its own (skipped if none answers)

The load: PHONES python-socketio AsyncClients (websocket) in one asyncio loop, each sending
ANSWERS open answers one after another, as fast as acks come back. The clients run on the
same machine as the server, so the numbers are for the pair, not for the server alone.
"""

from __future__ import annotations

import asyncio
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
import psycopg  # noqa: E402
import requests  # noqa: E402
import socketio  # noqa: E402

from tests.e2e.server import ServerProcess  # noqa: E402

PHONES, ANSWERS, ROUNDS = 100, 10, 3
ROUND_TIMEOUT = 60.0
POSTGRES = "postgres@127.0.0.1:5432"
BENCH_DB = "bench_answers"
FAST = {"WORKSHOP_EVENT_BURST": "1000000", "WORKSHOP_EVENT_RATE": "1000000"}
TOOL = {
    "id": "bench-answers",
    "title": "Benchmark",
    "language": "da",
    "steps": [{"id": "ideer", "kind": "open", "prompt": "Idéer?", "max_answers": ANSWERS}],
}
CONFIGURATIONS = [
    ("(a) SQLite FULL, group commit (default)", {}),
    ("(b) SQLite FULL, commit per answer", {"WORKSHOP_GROUP_COMMIT": "0"}),
    (
        "(c) SQLite NORMAL, commit per answer",
        {"WORKSHOP_SQLITE_SYNCHRONOUS": "NORMAL", "WORKSHOP_GROUP_COMMIT": "0"},
    ),
    (
        "(d) PostgreSQL, group commit",
        {"DATABASE_URL": f"postgresql+psycopg://{POSTGRES}/{BENCH_DB}"},
    ),
]


async def connect(url: str, http, auth: dict) -> socketio.AsyncClient:
    sio = socketio.AsyncClient(reconnection=False, http_session=http, handle_sigint=False)
    await sio.connect(url, auth=auth, transports=["websocket"], wait_timeout=10)
    return sio


async def one_round(url: str, created: dict, number: int) -> tuple[float, list[float]]:
    """Every phone sends its answers one after another; (seconds for all, latency of each)."""
    code = created["code"]
    latencies: list[float] = []
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        console = await connect(
            url, http, {"role": "facilitator", "code": code, "key": created["facilitator_key"]}
        )
        gate = asyncio.Semaphore(25)

        async def join(n: int) -> socketio.AsyncClient:
            async with gate:
                return await connect(
                    url, http, {"role": "participant", "code": code, "name": f"P{n}"}
                )

        phones = await asyncio.gather(*(join(n) for n in range(PHONES)))
        try:
            ack = await console.call("command", {"action": "goto", "step": "ideer"}, timeout=10)
            assert ack["ok"], ack

            async def answer_all(n: int, phone: socketio.AsyncClient) -> None:
                for i in range(ANSWERS):
                    payload = {
                        "step_id": "ideer",
                        "answer_id": f"bench-r{number}-p{n:03d}-a{i}",
                        "value": f"Idé {i}",
                    }
                    sent = time.perf_counter()
                    ack = await phone.call("answer", payload, timeout=30)
                    latencies.append(time.perf_counter() - sent)
                    assert ack == {"ok": True, "answer_id": payload["answer_id"]}, ack

            start = time.perf_counter()
            await asyncio.gather(*(answer_all(n, phone) for n, phone in enumerate(phones)))
            return time.perf_counter() - start, latencies
        finally:
            await asyncio.gather(*(sio.disconnect() for sio in (console, *phones)))


def measure(name: str, env: dict) -> dict:
    with tempfile.TemporaryDirectory() as workdir:
        server = ServerProcess(Path(workdir), **FAST, **env)
        server.start()
        try:
            upload = requests.post(server.url + "/api/dialogues", json=TOOL, timeout=10)
            assert upload.status_code == 201, upload.text
            rounds, cpu = [], cpu_seconds(server.process.pid)
            for number in range(ROUNDS):  # a fresh session per round, on the same server
                created = server.create_session(dialogue=TOOL["id"])
                coroutine = one_round(server.url, created, number)
                rounds.append(asyncio.run(asyncio.wait_for(coroutine, ROUND_TIMEOUT)))
                assert stored(server, created) == PHONES * ANSWERS, "an acked answer is missing"
            cpu = cpu_seconds(server.process.pid) - cpu
        finally:
            server.stop()
    seconds, latencies = sorted(rounds)[len(rounds) // 2]  # the median round
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "name": name,
        "rate": PHONES * ANSWERS / seconds,
        "rates": sorted(PHONES * ANSWERS / s for s, _ in rounds),
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "cpu": cpu / (ROUNDS * PHONES * ANSWERS) * 1000,
    }


def stored(server: ServerProcess, created: dict) -> int:
    """How many answers the facilitator's API shows for the round's session."""
    bearer = {"Authorization": f"Bearer {created['facilitator_key']}"}
    detail = requests.get(
        f"{server.url}/api/sessions/{created['code']}", headers=bearer, timeout=10
    )
    return len(detail.json()["results"][0]["summary"]["answers"])


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux), joins and answers alike."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fsync_ms(directory: str) -> float:
    """What one write + fsync of a 4 KB page costs on the disk the databases are on."""
    path = os.path.join(directory, "fsync-probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        start = time.perf_counter()
        for _ in range(200):
            os.write(fd, b"x" * 4096)
            os.fsync(fd)
        return (time.perf_counter() - start) / 200 * 1000
    finally:
        os.close(fd)
        os.unlink(path)


def postgres_database(create: bool) -> str | None:
    """Create (or drop) the benchmark's own database; the reason when PostgreSQL is missing."""
    try:
        with psycopg.connect(
            f"postgresql://{POSTGRES}/postgres", connect_timeout=3, autocommit=True
        ) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
            if create:
                conn.execute(f"CREATE DATABASE {BENCH_DB}")
    except psycopg.OperationalError as error:
        return str(error).strip().splitlines()[0]
    return None


def main() -> int:
    os.chdir(ROOT)
    began = time.monotonic()
    print(
        f"Answers acked: {PHONES} phones x {ANSWERS} answers = {PHONES * ANSWERS} per round, "
        f"{ROUNDS} rounds per configuration (the median round is shown)."
    )
    print(
        f"{platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"SQLite {sqlite3.sqlite_version}; server: gevent, clients: one asyncio loop; "
        f"one fsync on the database disk: {fsync_ms(tempfile.gettempdir()):.2f} ms.\n"
    )
    heads = f"{'answers/s':>10} {'p50 ms':>8} {'p95 ms':>8} {'server CPU ms/answer':>21}"
    print(f"{'configuration':<42} {heads}  rounds (answers/s)")
    # An argument picks configurations by a word of their name: `bench/answers.py PostgreSQL`.
    wanted = sys.argv[1:]
    for name, env in CONFIGURATIONS:
        if wanted and not any(word in name for word in wanted):
            continue
        if "DATABASE_URL" in env:
            missing = postgres_database(create=True)
            if missing:
                print(f"{name:<42} skipped: {missing}")
                continue
        try:
            row = measure(name, env)
        finally:
            if "DATABASE_URL" in env:
                postgres_database(create=False)
        rounds = ", ".join(f"{rate:.0f}" for rate in row["rates"])
        print(
            f"{row['name']:<42} {row['rate']:>10.0f} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{row['cpu']:>21.2f}  {rounds}",
            flush=True,
        )
    print(f"\n{time.monotonic() - began:.0f} s in all.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
