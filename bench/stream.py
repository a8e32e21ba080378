"""Memory and pauses under a steady stream of answers: `make bench-stream`.

    .venv/bin/python bench/stream.py [--phones 1000] [--seconds 60] [--every 4]

A fresh server (``python run.py``, gevent, SQLite) gets ``--phones`` phones, which then
answer without pause for a quiet second: each phone sends an answer every ``--every``
seconds, spread evenly, for ``--seconds``. Every second the server's resident memory is
read; one more phone measures the ack of an answer every quarter second. Printed, and
written as JSON to ``bench/results/stream.json``: memory before the stream, at its end and
at its peak (the kernel's high-water mark, ``VmHWM``), the probe's median and worst ack, and
the server's full garbage collections: how many, how many because memory grew, the longest.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
import requests  # noqa: E402
import socketio  # noqa: E402

from tests.e2e.server import ServerProcess  # noqa: E402

STEP = "ideer"
TOOL = {
    "id": "strom",
    "title": "Strøm af svar",
    "language": "da",
    "steps": [
        {"id": "velkommen", "kind": "info", "prompt": "Velkommen"},
        {"id": STEP, "kind": "open", "prompt": "Idéer?", "max_answers": 20},
    ],
}
GATE = 200


def memory_of(pid: int, field: str) -> int:
    """``VmRSS`` or ``VmHWM`` of a process, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


async def stream(url: str, created: dict, phones: int, seconds: float, every: float) -> dict:
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:

        def client() -> socketio.AsyncClient:
            return socketio.AsyncClient(reconnection=False, http_session=http, handle_sigint=False)

        console = client()
        await console.connect(
            url,
            auth={
                "role": "facilitator",
                "code": created["code"],
                "key": created["facilitator_key"],
            },
            transports=["websocket"],
        )
        for command in ({"action": "start"}, {"action": "goto", "step": STEP}):
            ack = await console.call("command", command)
            assert ack.get("ok"), ack
        gate = asyncio.Semaphore(GATE)

        async def join(n: int) -> socketio.AsyncClient:
            sio = client()
            async with gate:
                await sio.connect(
                    url,
                    auth={"role": "participant", "code": created["code"], "name": f"P{n}"},
                    transports=["websocket"],
                    wait_timeout=60,
                )
            return sio

        crowd = await asyncio.gather(*(join(n) for n in range(phones)))
        probe = await join(phones)
        await asyncio.sleep(2)
        stop = time.monotonic() + seconds
        acked = failed = 0

        async def answer(sio: socketio.AsyncClient, n: int, offset: float) -> None:
            nonlocal acked, failed
            await asyncio.sleep(offset)
            turn = 0
            while time.monotonic() < stop:
                value = f"Idé {n}.{turn}: " + "noget at tænke over " * (1 + turn % 4)
                try:
                    ack = await sio.call(
                        "answer",
                        {
                            "step_id": STEP,
                            "answer_id": f"stream-{n:05d}-{turn % 20:02d}",
                            "value": value,
                        },
                        timeout=60,
                    )
                    acked += bool(ack.get("ok"))
                    failed += not ack.get("ok")
                    if not ack.get("ok") and not failed % 500:
                        print("refused:", ack, file=sys.stderr)
                except socketio.exceptions.TimeoutError:
                    failed += 1
                turn += 1
                await asyncio.sleep(every)

        probe_acks: list[float] = []

        async def measure() -> None:
            turn = 0
            while time.monotonic() < stop:
                started = time.perf_counter()
                await probe.call(
                    "answer",
                    {
                        "step_id": STEP,
                        "answer_id": f"probe-{turn % 20:02d}",
                        "value": f"Måling {turn}",
                    },
                    timeout=60,
                )
                probe_acks.append(time.perf_counter() - started)
                turn += 1
                await asyncio.sleep(0.25)

        await asyncio.gather(
            measure(), *(answer(sio, n, every * n / phones) for n, sio in enumerate(crowd))
        )
        for sio in (*crowd, probe, console):
            await sio.disconnect()
        return {"acked": acked, "failed": failed, "probe_acks": probe_acks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--every", type=float, default=4.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server = ServerProcess(
            Path(folder),
            WORKSHOP_EVENT_BURST="1000",
            WORKSHOP_EVENT_RATE="1000",
            WORKSHOP_JOIN_BURST="5000",
            WORKSHOP_REPORT_COLLECTIONS="1",
        ).start()
        try:
            requests.post(server.url + "/api/dialogues", json=TOOL, timeout=10).raise_for_status()
            created = requests.post(
                server.url + "/api/sessions", json={"dialogue": TOOL["id"]}, timeout=10
            ).json()
            pid = server.process.pid
            before = memory_of(pid, "VmRSS")
            samples: list[int] = []

            async def run() -> dict:
                async def sample() -> None:
                    while True:
                        samples.append(memory_of(pid, "VmRSS"))
                        await asyncio.sleep(1)

                sampler = asyncio.create_task(sample())
                try:
                    return await stream(server.url, created, args.phones, args.seconds, args.every)
                finally:
                    sampler.cancel()

            outcome = asyncio.run(run())
            acks = outcome.pop("probe_acks")
            result = {
                "phones": args.phones,
                "seconds": args.seconds,
                "answers_per_second": outcome["acked"] / args.seconds,
                "failed": outcome["failed"],
                "memory_before_mb": before / 2**20,
                "memory_end_mb": memory_of(pid, "VmRSS") / 2**20,
                "memory_peak_mb": memory_of(pid, "VmHWM") / 2**20,
                "memory_samples_mb": [round(s / 2**20) for s in samples],
                "probe_ack_median_ms": statistics.median(acks) * 1000 if acks else None,
                "probe_ack_worst_ms": max(acks) * 1000 if acks else None,
            }
            # The server's own account of its full garbage collections (run.py prints them).
            lines = [line for line in server.output().splitlines() if "full collection" in line]
            pauses = [float(re.search(r": (\d+) ms", line).group(1)) for line in lines]
            result["full_collections"] = len(lines)
            result["for_growth"] = sum("memory grew" in line for line in lines)
            result["longest_collection_ms"] = max(pauses) if pauses else None
        finally:
            server.stop()
    for key, value in result.items():
        if key != "memory_samples_mb":
            print(f"{key:>22}: {value:.1f}" if isinstance(value, float) else f"{key:>22}: {value}")
    print(f"{'memory every second':>22}: {result['memory_samples_mb']}")
    out = ROOT / "bench" / "results" / "stream.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
