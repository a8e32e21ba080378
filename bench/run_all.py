"""Every benchmark in one run, side by side with a bare Flask-SocketIO server: `make bench`.

    .venv/bin/python bench/run_all.py [--sizes 100,300,1000,2000] [--configs sqlite,postgres,two]

For each configuration and each number of phones a fresh server (``python run.py``, gevent)
with a fresh database gets the swarm of ``bench/swarm.py``. The bare server
(``bench/bare_server.py``) gets the same swarm before and after ours, and every throughput is
shown as a share of its rate, so the figures mean something on a busy machine. The table is
printed and written as JSON to ``bench/results/``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import psycopg  # noqa: E402
import redis  # noqa: E402
import requests  # noqa: E402
import swarm  # noqa: E402

from tests.e2e.server import ServerProcess, free_port  # noqa: E402

POSTGRES = "postgresql://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/0"
# Phones here send faster than any hand: the event budget stays, with room for the preload.
# The room arrives at once, too: the newcomers' burst takes the largest room measured.
FAST = {
    "WORKSHOP_EVENT_BURST": "1000",
    "WORKSHOP_EVENT_RATE": "1000",
    "WORKSHOP_JOIN_BURST": "5000",
}
TOOL = {
    "id": "bench",
    "title": "Benchmark",
    "language": "da",
    "steps": [
        {"id": "velkommen", "kind": "info", "prompt": "Velkommen"},
        {"id": swarm.STEP, "kind": "open", "prompt": "Idéer?", "max_answers": 20},
    ],
}
CONFIGURATIONS = {
    "sqlite": ("SQLite (default, synchronous=FULL)", 1, {}),
    "postgres": ("PostgreSQL", 1, {"DATABASE_URL": "postgres"}),
    "two": ("2 processes, Redis + PostgreSQL", 2, {"DATABASE_URL": "postgres", "REDIS": "1"}),
}


def rss(pids: list[int]) -> int:
    """Resident memory of the server processes, in bytes."""
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def peak(pids: list[int]) -> int:
    """The most resident memory each server process has held so far (VmHWM), summed, bytes."""
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) * 1024
    return total


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """User and system time the server processes have used so far (all threads), seconds.

    The kernel counts it in clock ticks (10 ms): over a burst of 1,000 answers at about
    0.3 ms each that is one part in thirty per process.
    """
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / TICKS


class Bare:
    """The baseline server in a process of its own."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "bare_server.py"), str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.url)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def wait_for(url: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def measure_bare(phones: int) -> dict:
    server = Bare()
    try:
        session = {"code": "000000", "facilitator_key": "-", "screen_key": "-"}
        return asyncio.run(
            swarm.run(
                [server.url],
                session,
                phones,
                lambda: rss([server.process.pid]),
                cpu=lambda: cpu_seconds([server.process.pid]),
            )
        )
    finally:
        server.stop()


def postgres_database() -> str:
    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name: str) -> None:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def profiler(pid: int, path: Path) -> subprocess.Popen:
    """py-spy sampling the server while the swarm runs (collapsed stacks, for bench/profile.py)."""
    spy = Path(sys.executable).with_name("py-spy")
    return subprocess.Popen(
        [str(spy), "record", "-p", str(pid), "-o", str(path), "--format", "raw", "-r", "250"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextmanager
def installation(config: str, **settings: str) -> Iterator[list[ServerProcess]]:
    """``config``'s server processes, started on a fresh database with the bench's tool
    uploaded, and stopped (the database dropped) afterwards. The processes of one installation
    share their Redis keys (budgets, presence, revisions) as a real one's do; ``settings`` are
    more environment for every process."""
    _title, processes, wanted = CONFIGURATIONS[config]
    env = {
        **FAST,
        "WORKSHOP_BUDGET_PREFIX": f"bench:{uuid.uuid4().hex}:",
        "WORKSHOP_REPORT_COLLECTIONS": "1",  # when each full garbage collection came
        **settings,
    }
    database = None
    if wanted.get("DATABASE_URL") == "postgres":
        database = postgres_database()
        env["DATABASE_URL"] = f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}"
    if wanted.get("REDIS"):
        env["WORKSHOP_MESSAGE_QUEUE"] = REDIS
    with tempfile.TemporaryDirectory() as workdir:
        folders = [Path(workdir) / str(n) for n in range(processes)]
        for folder in folders:
            folder.mkdir()
        servers = [ServerProcess(folder, **env) for folder in folders]
        try:
            for server in servers:
                server.start()
            upload = requests.post(servers[0].url + "/api/dialogues", json=TOOL, timeout=10)
            assert upload.status_code == 201, upload.text
            yield servers
        finally:
            for server in servers:
                server.stop()
            if database:
                drop_database(database)


def profilers(pids: list[int], profile: Path | None) -> list[subprocess.Popen]:
    """py-spy on each process while a swarm runs, when ``profile`` names where to write."""
    if not profile:
        return []
    return [profiler(pid, profile.with_suffix(f".{i}.txt")) for i, pid in enumerate(pids)]


def stop_profilers(spies: list[subprocess.Popen]) -> None:
    for spy in spies:
        spy.send_signal(2)  # SIGINT: py-spy writes what it has and stops
        spy.wait(30)


def measure_ours(config: str, phones: int, preload: int = 0, profile: Path | None = None) -> dict:
    with installation(config) as servers:
        session = servers[0].create_session(dialogue=TOOL["id"])
        pids = [server.process.pid for server in servers]
        spies = profilers(pids, profile)
        result = asyncio.run(
            swarm.run(
                [server.url for server in servers],
                session,
                phones,
                lambda: rss(pids),
                preload=preload,
                cpu=lambda: cpu_seconds(pids),
            )
        )
        stop_profilers(spies)
        # The kernel's high-water mark: the most memory the servers held at any moment.
        result["peak_mb"] = peak(pids) / 2**20
        result["collections_in_burst"] = collections_within(
            servers, result["burst_began_at"], result["burst_ended_at"]
        )
        result["stored"] = stored(servers[0].url, session)
        result["lost"] += max(0, result["expected_stored"] - result["stored"])
    return result


COLLECTED_AT = re.compile(r"full collection .*, at (\d+\.\d+)")


def collections_within(servers: list[ServerProcess], began: float, ended: float) -> int:
    """Full garbage collections the servers made between ``began`` and ``ended`` (epoch)."""
    moments = [
        float(found[1]) for server in servers for found in COLLECTED_AT.finditer(server.output())
    ]
    return sum(began <= moment <= ended for moment in moments)


def stored(url: str, session: dict) -> int:
    bearer = {"Authorization": f"Bearer {session['facilitator_key']}"}
    detail = requests.get(f"{url}/api/sessions/{session['code']}", headers=bearer, timeout=60)
    step = next(r for r in detail.json()["results"] if r["step_id"] == swarm.STEP)
    return len(step["summary"]["answers"])


def fsync_ms(directory: str) -> float:
    path = os.path.join(directory, "fsync-probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        start = time.perf_counter()
        for _ in range(100):
            os.write(fd, b"x" * 4096)
            os.fsync(fd)
        return (time.perf_counter() - start) / 100 * 1000
    finally:
        os.close(fd)
        os.unlink(path)


def services_missing(configs: list[str]) -> str | None:
    try:
        if any(CONFIGURATIONS[c][2].get("DATABASE_URL") for c in configs):
            psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
        if any(CONFIGURATIONS[c][2].get("REDIS") for c in configs):
            redis.Redis.from_url(REDIS).ping()
    except Exception as error:  # noqa: BLE001
        return str(error).splitlines()[0]
    return None


def fmt(value, digits: int = 0) -> str:
    if value is None or value != value:  # None or NaN
        return "–"
    return f"{value:,.{digits}f}"


def print_table(rows: list[dict]) -> None:
    heads = (
        f"{'configuration':<34} {'N':>5} {'join s':>7} {'fail':>5} {'answers/s':>10} "
        f"{'× bare':>7} {'ack p50':>8} {'ack p99':>8} {'p99 × bare':>10} {'lost':>5} "
        f"{'fan-out p50':>11} {'p99':>7} {'screen ms':>9} {'KB/phone':>9} {'peak MB':>8} "
        f"{'CPU ms/answer':>13} {'× bare':>7}"
    )
    print(heads)
    print("-" * len(heads))
    for row in rows:
        print(
            f"{row['label']:<34} {row['phones']:>5} {fmt(row.get('join_s'), 2):>7} "
            f"{row['join_failed']:>5} {fmt(row['burst_rate']):>10} {fmt(row.get('ratio'), 2):>7} "
            f"{fmt(row['ack_p50_ms']):>8} {fmt(row['ack_p99_ms']):>8} "
            f"{fmt(row.get('p99_ratio'), 2):>10} {row['lost']:>5} {fmt(row['fanout_p50_ms']):>11} "
            f"{fmt(row['fanout_p99_ms']):>7} {fmt(row.get('screen_ms')):>9} "
            f"{fmt(row['memory_kb_per_phone']):>9} {fmt(row.get('peak_mb')):>8} "
            f"{fmt(row.get('cpu_ms_per_answer'), 3):>13} {fmt(row.get('cpu_ratio'), 2):>7}",
            flush=True,
        )


def markdown(rows: list[dict]) -> str:
    """The table for the README."""
    lines = [
        "| configuration | N | join s | failed | answers/s | × bare | ack p50 ms | ack p99 ms "
        "| p99 × bare | lost | fan-out p50 / p99 ms | screen ms | KB/phone | peak MB "
        "| CPU ms/answer | CPU × bare |",
        "| --- " + "| ---: " * 15 + "|",
    ]
    for row in rows:
        lines.append(
            f"| {row['label']} | {row['phones']:,} | {fmt(row.get('join_s'), 2)} "
            f"| {row['join_failed']} | {fmt(row['burst_rate'])} | {fmt(row.get('ratio'), 2)} "
            f"| {fmt(row['ack_p50_ms'])} | {fmt(row['ack_p99_ms'])} "
            f"| {fmt(row.get('p99_ratio'), 2)} | {row['lost']} "
            f"| {fmt(row['fanout_p50_ms'])} / {fmt(row['fanout_p99_ms'])} "
            f"| {fmt(row.get('screen_ms'))} | {fmt(row['memory_kb_per_phone'])} "
            f"| {fmt(row.get('peak_mb'))} | {fmt(row.get('cpu_ms_per_answer'), 3)} "
            f"| {fmt(row.get('cpu_ratio'), 2)} |"
        )
    return "\n".join(lines)


def run_arrival(configs: list[str], profile: Path | None) -> list[dict]:
    import arrival

    return arrival.rows(300, configs, profile)


def run_meetings(configs: list[str], profile: Path | None) -> list[dict]:
    import meetings

    return meetings.rows(tuple(config for config in meetings.CONFIGS if config in configs))


def run_summaries(configs: list[str], profile: Path | None) -> list[dict]:
    import summaries

    return summaries.rows()


def print_with(module: str, function: str):
    def show(table: list[dict]) -> None:
        getattr(__import__(module), function)(table)

    return show


# The benches beside the burst, each with its own table: a room of 300 arriving at once
# (bench/arrival.py), forty meetings of 25 at once (bench/meetings.py), and what one change
# costs with many answers stored (bench/summaries.py).
ALSO = {
    "arrival": (run_arrival, print_with("arrival", "print_table")),
    "meetings": (run_meetings, print_with("meetings", "print_rows")),
    "summaries": (run_summaries, print_with("summaries", "print_rows")),
}


def run_also(parts: list[str], configs: list[str], profile: str | None) -> dict[str, list[dict]]:
    measured = {}
    for part in parts:
        folder = Path(profile) / part if profile else None
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
        measured[part] = ALSO[part][0](configs, folder)
        print(f"  measured {part}", file=sys.stderr, flush=True)
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000,2000")
    parser.add_argument("--configs", default="sqlite,postgres,two")
    parser.add_argument("--preload", type=int, default=10, help="answers per phone stored first")
    parser.add_argument("--preload-size", type=int, default=1000)
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each configuration in a row (the spread)"
    )
    parser.add_argument("--profile", help="write py-spy samples of our servers to this folder")
    parser.add_argument(
        "--also",
        default=",".join(ALSO),
        help="the other benches run after the burst: arrival, meetings, summaries (or none)",
    )
    parser.add_argument("--markdown", help="print a results file as the README's table, and stop")
    args = parser.parse_args()
    if args.markdown:
        print(markdown(json.loads(Path(args.markdown).read_text())["rows"]))
        return 0
    sizes = [int(size) for size in args.sizes.split(",") if size]
    configs = [config for config in args.configs.split(",") if config]
    missing = services_missing(configs)
    if missing:
        print(f"PostgreSQL or Redis is not running: {missing}", file=sys.stderr)
        return 2
    os.chdir(ROOT)
    began = time.monotonic()
    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        "fsync_ms": round(fsync_ms(tempfile.gettempdir()), 2),
        "system": platform.platform(),
    }
    print(
        f"Python {machine['python']} on {machine['machine']}, {machine['cpus']} CPUs, "
        f"SQLite {machine['sqlite']}, one fsync {machine['fsync_ms']} ms. Server: gevent. "
        "Clients: one asyncio loop of python-socketio on the same machine.\n"
    )
    bare_before = {n: measure_bare(n) for n in sizes}
    rows = []
    for config in configs:
        for n in sizes:
            for run in range(1, args.repeat + 1):
                name = f"{config}-{n}" + (f"-{run}" if args.repeat > 1 else "")
                profile = Path(args.profile) / name if args.profile else None
                if profile:
                    profile.parent.mkdir(parents=True, exist_ok=True)
                row = measure_ours(config, n, profile=profile)
                row["label"] = CONFIGURATIONS[config][0]
                row["config"] = config
                row["run"] = run
                rows.append(row)
                print(f"  measured {row['label']}, {n} phones", file=sys.stderr, flush=True)
    if args.preload and "sqlite" in configs:
        profile = Path(args.profile) / "sqlite-preloaded" if args.profile else None
        row = measure_ours("sqlite", args.preload_size, preload=args.preload, profile=profile)
        row["label"] = f"SQLite, {args.preload * args.preload_size:,} answers stored"
        row["config"] = "sqlite-preloaded"
        rows.append(row)
    bare_after = {n: measure_bare(n) for n in sizes}
    bare_rows = []
    for n in sizes:
        for when, measured in (("before", bare_before[n]), ("after", bare_after[n])):
            bare_rows.append(
                {**measured, "label": f"bare Flask-SocketIO ({when})", "config": "bare"}
            )
    for row in rows:
        n = row["phones"]
        rate = (bare_before[n]["burst_rate"] + bare_after[n]["burst_rate"]) / 2
        p99 = (bare_before[n]["ack_p99_ms"] + bare_after[n]["ack_p99_ms"]) / 2
        row["bare_rate"] = rate
        row["ratio"] = row["burst_rate"] / rate if rate else None
        row["p99_ratio"] = row["ack_p99_ms"] / p99 if p99 else None
        spent = [bare[n].get("cpu_ms_per_answer") for bare in (bare_before, bare_after)]
        spent = [ms for ms in spent if ms]
        row["bare_cpu_ms_per_answer"] = sum(spent) / len(spent) if spent else None
        mine = row.get("cpu_ms_per_answer")
        row["cpu_ratio"] = mine / row["bare_cpu_ms_per_answer"] if mine and spent else None
    others = run_also(
        [part for part in args.also.split(",") if part in ALSO], configs, profile=args.profile
    )
    print()
    print_table(bare_rows + rows)
    for part, table in others.items():
        print()
        ALSO[part][1](table)
    for row in rows:
        if row.get("refusals"):
            print(f"  not acked in {row['label']} ({row['phones']}): {dict(row['refusals'])}")
        if row.get("collections_in_burst"):
            print(
                f"  full garbage collections during the burst in {row['label']} "
                f"({row['phones']}, run {row.get('run', 1)}): {row['collections_in_burst']}"
            )
    seconds = time.monotonic() - began
    print(f"\n{seconds:.0f} s in all.")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    path = out / f"{stamp}.json"
    record = json.dumps(
        {"machine": machine, "seconds": seconds, "rows": bare_rows + rows, **others}, indent=1
    )
    path.write_text(record)
    (out / "latest.json").write_text(record)  # the one the README quotes
    print(f"Written to bench/results/{path.name} and bench/results/latest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
