"""Hostile dialogue tool files against a real server: each is answered within a second and a
few megabytes, with a clear reason, while the server keeps serving everyone else."""

from __future__ import annotations

import json
import threading
import time

import psutil
import pytest
import requests

LIMIT = 256 * 1024


def alias_bomb() -> bytes:
    """Each list holds ten aliases of the one before: 10**9 items from a few kilobytes."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        aliases = ",".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    lines.append("id: bomb\ntitle: Bombe\nsteps: *a8")
    return "\n".join(lines).encode()


def many_problems() -> bytes:
    """Fifty steps, each with every field wrong: hundreds of problems."""
    steps = [
        {"id": "X" * 50, "kind": "choice", "prompt": "", "options": [{"id": "Y", "label": 5}] * 30}
        for _ in range(50)
    ]
    return json.dumps({"id": "mange", "title": 7, "steps": steps}).encode()


CORPUS = {
    "alias bomb": (alias_bomb(), "yaml_alias"),
    "one anchor": (b"id: &x a\ntitle: *x\nsteps: []\n", "yaml_alias"),
    "deep YAML": (b"[" * 100_000 + b"]" * 100_000, "too_deep"),
    "deep JSON": (b'{"a":' * 40_000 + b"1" + b"}" * 40_000, "too_deep"),
    "many items YAML": (b"steps:\n" + b"- a\n" * 60_000, "too_many_values"),
    "many items flow": (b"[" + b"1," * 125_000 + b"1]", "too_many_values"),
    "many items JSON": (b'{"steps": [' + b"1," * 120_000 + b"1]}", "too_many_values"),
    "huge key": (b"k" * (LIMIT - 100) + b": 1\n", "value_too_long"),
    "huge JSON string": (b'{"id": "' + b"x" * (LIMIT - 100) + b'"}', "value_too_long"),
    "huge number": (b"id: " + b"9" * 100_000 + b"\n", "value_too_long"),
    "too large": (b"#" * (LIMIT + 1), "file_too_large"),
    "many problems": (many_problems(), None),
    "binary": (bytes(range(256)) * 100, "not_utf8"),
}


@pytest.fixture(scope="module")
def server(module_server_factory):
    """One server takes the whole corpus, one file after another, as a server on the internet
    would; each file is measured from where the ones before left it."""
    return module_server_factory().start()


# It times the refusal and the server's answers meanwhile: other tests running beside it would
# be timed too, so make test runs it alone.
@pytest.mark.serial
@pytest.mark.parametrize("name", list(CORPUS))
def test_a_hostile_upload_is_refused_quickly_and_cheaply_while_the_server_serves(server, name):
    data, expected = CORPUS[name]
    assert len(data) <= LIMIT or expected == "file_too_large"
    process = psutil.Process(server.process.pid)
    before = process.memory_info().rss
    peak = [before]
    pings: list[float] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            started = time.monotonic()
            assert requests.get(server.url + "/healthz", timeout=5).ok
            pings.append(time.monotonic() - started)
            peak.append(process.memory_info().rss)
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        started = time.monotonic()
        response = requests.post(
            server.url + "/api/dialogues",
            files={"file": ("tool.yaml", data)},
            timeout=30,
        )
        took = time.monotonic() - started
    finally:
        done.set()
        watcher.join()
    body = response.json()
    assert response.status_code == 400, body
    problems = body["error"]["problems"]
    assert len(problems) <= 50
    if expected is None:
        assert body["error"]["more_problems"] > 0 and "fejl til" in body["error"]["more_message"]
    else:
        assert [problem["code"] for problem in problems] == [expected]
    assert len(response.content) < 20_000
    assert took < 1.0, f"{name} took {took:.2f}s"
    assert max(peak) - before < 50 * 1024 * 1024, f"{name} grew by {max(peak) - before} bytes"
    assert pings and max(pings) < 1.0
    assert requests.get(server.url + "/api/dialogues", timeout=5).ok
