"""The client swarm: N phones, a console and a screen on real Socket.IO connections.

One asyncio loop holds every client (python-socketio over websocket), so the same swarm runs
against the bare server and ours. What one run measures, in order:

1. join storm: every phone connects at once (at most ``GATE`` handshakes in flight, as venue
   Wi-Fi lets them in); seconds until every phone has its first ``state``; failures;
2. server memory per participant: resident memory after the joins less before, over N;
3. step fan-out: the console moves to the answer step; how long until each phone has it;
4. answer burst: every phone sends one answer at the same moment; answers acked per second
   (N over first send to last ack), ack latency, answers not acked ("lost");
5. screen freshness: from the last ack until the screen's count shows every answer;
6. server CPU per answer: the user and system time of every server process (all processes
   of a configuration summed) from the first send of the burst to its last ack, over the
   answers acked.

``preload`` answers per phone are sent (and acked) before the measured burst, so a row can
show what a step with many stored answers costs.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import aiohttp
import socketio

GATE = 200
TIMEOUT = 60.0
STEP = "ideer"


@dataclass
class Phone:
    sio: socketio.AsyncClient
    first_state: asyncio.Future
    step_seen: asyncio.Future | None = None
    token: str | None = None


@dataclass
class Screen:
    sio: socketio.AsyncClient
    counts: list[tuple[float, int]] = field(default_factory=list)
    reached: asyncio.Future | None = None
    target: int = 0


def quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


async def run(
    urls: list[str],
    session: dict,
    phones: int,
    memory: Callable[[], int],
    preload: int = 0,
    cpu: Callable[[], float] | None = None,
) -> dict:
    """One measured run against a server (or several processes of one) with a fresh session."""
    loop = asyncio.get_running_loop()
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as http:
        result: dict = {"phones": phones}

        def client() -> socketio.AsyncClient:
            return socketio.AsyncClient(reconnection=False, http_session=http, handle_sigint=False)

        console = client()
        await console.connect(
            urls[0],
            auth={
                "role": "facilitator",
                "code": session["code"],
                "key": session["facilitator_key"],
            },
            transports=["websocket"],
            wait_timeout=20,
        )
        screen = Screen(client())

        def shown(count: int) -> None:
            screen.counts.append((time.perf_counter(), count))
            if screen.reached and not screen.reached.done() and count >= screen.target:
                screen.reached.set_result(time.perf_counter())

        # The screen's count of answers: the progress line (people who answered, one answer
        # each in a plain burst), or the cards of the results when each phone gave several.
        screen.sio.on("progress", lambda data: shown(data.get("answered", 0)))
        screen.sio.on(
            "results", lambda data: shown(len((data.get("summary") or {}).get("answers") or ()))
        )
        await screen.sio.connect(
            urls[-1],
            auth={"role": "screen", "code": session["code"], "key": session["screen_key"]},
            transports=["websocket"],
            wait_timeout=20,
        )
        before = memory()

        # 1. Join storm ----------------------------------------------------------------------
        gate = asyncio.Semaphore(GATE)
        crowd: list[Phone] = []

        async def join(n: int) -> Phone | None:
            phone = Phone(client(), loop.create_future())

            def on_state(state: dict) -> None:
                if not phone.first_state.done():
                    phone.first_state.set_result(time.perf_counter())
                step = state.get("step") or {}
                you = state.get("you") or {}
                phone.token = you.get("token", phone.token)
                seen = phone.step_seen
                if seen is not None and not seen.done() and step.get("id") == STEP:
                    seen.set_result(time.perf_counter())

            phone.sio.on("state", on_state)
            url = urls[n % len(urls)]
            try:
                async with gate:
                    await phone.sio.connect(
                        url,
                        auth={"role": "participant", "code": session["code"], "name": f"P{n}"},
                        transports=["websocket"],
                        wait_timeout=TIMEOUT,
                    )
                await asyncio.wait_for(phone.first_state, TIMEOUT)
            except Exception:  # noqa: BLE001  (a failed join is counted, not raised)
                return None
            return phone

        began = time.perf_counter()
        joined = await asyncio.gather(*(join(n) for n in range(phones)))
        crowd = [phone for phone in joined if phone is not None]
        result["join_s"] = max(p.first_state.result() for p in crowd) - began if crowd else None
        result["join_failed"] = phones - len(crowd)
        await asyncio.sleep(1.0)  # let the coalesced presence updates settle before measuring
        result["memory_kb_per_phone"] = (memory() - before) / 1024 / max(1, len(crowd))
        # The swarm's own full garbage collections (a thousand clients are a big heap) would
        # stall every client at once and count against the server: none while measuring.
        gc.collect()
        gc.freeze()
        thresholds = gc.get_threshold()
        gc.set_threshold(thresholds[0], thresholds[1], 1_000_000_000)

        # 2. Step fan-out ----------------------------------------------------------------------
        ack = await console.call("command", {"action": "start"}, timeout=TIMEOUT)
        assert ack.get("ok"), ack
        await asyncio.sleep(1.0)
        for phone in crowd:
            phone.step_seen = loop.create_future()
        sent = time.perf_counter()
        ack = await console.call("command", {"action": "goto", "step": STEP}, timeout=TIMEOUT)
        assert ack.get("ok"), ack
        result["command_ack_ms"] = (time.perf_counter() - sent) * 1000
        try:
            await asyncio.wait_for(asyncio.gather(*(phone.step_seen for phone in crowd)), TIMEOUT)
        except TimeoutError:
            pass
        fanout = [p.step_seen.result() - sent for p in crowd if p.step_seen.done()]
        result["fanout_p50_ms"] = quantile(fanout, 0.5) * 1000
        result["fanout_p99_ms"] = quantile(fanout, 0.99) * 1000
        result["fanout_missing"] = len(crowd) - len(fanout)

        # 3. Stored answers first (not measured) --------------------------------------------
        async def send(phone: Phone, n: int, label: str) -> tuple[float, float, bool]:
            payload = {
                "step_id": STEP,
                "answer_id": f"{label}-{n:05d}",
                "value": f"Idé {label} {n}",
            }
            start = time.perf_counter()
            try:
                reply = await phone.sio.call("answer", payload, timeout=TIMEOUT)
            except Exception as error:  # noqa: BLE001
                refusals[type(error).__name__] += 1
                return start, time.perf_counter(), False
            ok = bool(reply and reply.get("ok"))
            if not ok:
                refusals[((reply or {}).get("error") or {}).get("code", "no reply")] += 1
            return start, time.perf_counter(), ok

        # Why answers were not acked: the error codes of refusals, and exceptions by name.
        refusals: Counter[str] = Counter()
        result["refusals"] = refusals

        stored = 0
        for round_number in range(preload):
            outcomes = await asyncio.gather(
                *(send(p, n, f"pre{round_number}") for n, p in enumerate(crowd))
            )
            stored += sum(ok for _s, _e, ok in outcomes)
        if preload:
            # A room stores its answers over minutes, and a burst follows a pause (the
            # facilitator moves on): the server's full collection that the stored answers
            # made due runs in a quiet second (workshop/realtime/collector.py), so the swarm
            # gives it two, as a step change would, instead of starting the burst at the
            # very moment the collector may decide the room has gone quiet.
            await asyncio.sleep(2.5)
        result["stored_before"] = stored

        # 4. Answer burst and 5. screen freshness ----------------------------------------
        screen.target = stored + len(crowd)
        screen.reached = loop.create_future()
        spent = cpu() if cpu else None
        result["burst_began_at"] = time.time()
        outcomes = await asyncio.gather(*(send(p, n, "burst") for n, p in enumerate(crowd)))
        first = min(start for start, _end, _ok in outcomes)
        last = (
            max(end for _start, end, ok in outcomes if ok) if any(o[2] for o in outcomes) else first
        )
        result["burst_ended_at"] = time.time()
        acked = sum(ok for _s, _e, ok in outcomes)
        if spent is not None:
            spent = cpu() - spent
            result["cpu_ms_per_answer"] = spent * 1000 / acked if acked else None
        latencies = [end - start for start, end, ok in outcomes if ok]
        result["acked"] = acked
        result["lost"] = len(crowd) - acked
        result["burst_rate"] = acked / (last - first) if last > first else float("nan")
        result["ack_p50_ms"] = quantile(latencies, 0.5) * 1000
        result["ack_p99_ms"] = quantile(latencies, 0.99) * 1000
        try:
            reached = await asyncio.wait_for(screen.reached, 20)
            result["screen_ms"] = max(0.0, reached - last) * 1000
        except TimeoutError:
            result["screen_ms"] = None
        result["expected_stored"] = stored + acked

        gc.set_threshold(*thresholds)
        gc.unfreeze()
        await asyncio.gather(
            *(p.sio.disconnect() for p in (*crowd, Phone(console, None), Phone(screen.sio, None))),
            return_exceptions=True,
        )
        return result
