"""docs/deployment.md as written: nginx with its exact block in front of two processes."""

from __future__ import annotations

import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import time

import pytest
import requests

from tests.conftest import service_missing
from tests.tools import MEETING, meeting_file

from .clients import LiveClient
from .server import ROOT, free_port

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.nginx]


def documented_block() -> str:
    """The nginx configuration exactly as docs/deployment.md gives it."""
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```nginx\n(.*?)```", text, re.S)
    assert len(blocks) == 1, "docs/deployment.md should hold one nginx block"
    return blocks[0]


@pytest.fixture
def nginx(tmp_path):
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None
    )
    if binary is None:
        service_missing("nginx", "not installed (scripts/system-deps.sh installs nginx-light)")
    started: list[subprocess.Popen] = []

    def start(one: int, two: int) -> str:
        block = documented_block()
        for documented, port in (("127.0.0.1:5001", one), ("127.0.0.1:5002", two)):
            assert documented in block
            block = block.replace(documented, f"127.0.0.1:{port}")
        listen = free_port()
        assert "listen 8080;" in block
        block = block.replace("listen 8080;", f"listen 127.0.0.1:{listen};")
        home = tmp_path / "nginx"
        home.mkdir()
        temp = " ".join(
            f"{name}_temp_path {home / name};"
            for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        conf = home / "nginx.conf"
        conf.write_text(
            f"worker_processes 1;\npid {home / 'nginx.pid'};\nerror_log {home / 'error.log'};\n"
            "events { worker_connections 1024; }\n"
            f"http {{\n access_log off;\n {temp}\n{block}\n}}\n"
        )
        process = subprocess.Popen(
            [binary, "-p", str(home), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        url = f"http://127.0.0.1:{listen}"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"nginx stopped: {(home / 'error.log').read_text()}")
            try:
                if requests.get(url + "/healthz", timeout=1).ok:
                    return url
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("nginx did not answer")

    yield start
    for process in started:
        process.terminate()
        process.wait(10)


def test_two_processes_behind_the_documented_nginx_serve_websocket_and_polling_phones(
    server_factory, database_url, redis_url, nginx
):
    settings = {
        "DATABASE_URL": database_url,
        "WORKSHOP_MESSAGE_QUEUE": redis_url,
        "WORKSHOP_TRUSTED_PROXIES": "1",
    }
    one = server_factory(WORKSHOP_ROUTE="one", **settings).start()
    two = server_factory(WORKSHOP_ROUTE="two", **settings).start()
    url = nginx(one.port, two.port)

    upload = requests.post(
        url + "/api/dialogues", files={"file": ("meeting.yaml", meeting_file())}, timeout=10
    )
    assert upload.status_code == 201, upload.text
    created = requests.post(url + "/api/sessions", json={"dialogue": MEETING}, timeout=10).json()
    code = created["code"]
    assert created["join_url"].startswith(url)  # the proxy's address, not a process's
    console = LiveClient(
        url, role="facilitator", code=code, key=created["facilitator_key"]
    ).connect()
    websocket = [LiveClient(url, role="participant", code=code).connect() for _ in range(3)]
    # Long-polling only: every request of a connection must reach the process that opened it.
    polling = [
        LiveClient(url, role="participant", code=code).connect(transports=("polling",))
        for _ in range(3)
    ]
    phones = websocket + polling
    for phone in phones:
        phone.wait(lambda c: c.states)

    assert console.call("command", {"action": "goto", "step": "hvem-med"})["ok"]
    for phone in phones:
        phone.wait(lambda c: c.state["step"] and c.state["step"]["id"] == "hvem-med")
    for n, phone in enumerate(phones):
        ack = phone.call(
            "answer", {"step_id": "hvem-med", "answer_id": f"proxied-{n:04d}", "value": f"Idé {n}"}
        )
        assert ack["ok"], ack
    console.wait(lambda c: any(r["summary"]["count"] == 6 for r in c.results))
    console.wait(lambda c: c.presence and c.presence[-1]["connected"] == 6)

    for phone in polling:
        cookies = phone.sio.eio.http.cookies.get_dict()
        assert cookies.get("workshop_route") in ("one", "two")
        assert phone.connects == 1, "a polling phone lost its connection: routing is not sticky"
    for client in (console, *phones):
        client.close()
    for server in (one, two):  # both processes ran without a traceback
        assert "Traceback" not in server.output(), server.output()[-2000:]


def documented_unit() -> tuple[dict[str, str], dict[str, str]]:
    """The systemd unit as docs/deployment.md gives it: its [Service] keys and its environment."""
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```ini\n(.*?)```", text, re.S)
    assert len(blocks) == 1, "docs/deployment.md should hold one unit"
    service: dict[str, str] = {}
    environment: dict[str, str] = {}
    section = ""
    for line in blocks[0].splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line
            continue
        key, _, value = line.partition("=")
        if section == "[Service]" and key == "Environment":
            for assignment in shlex.split(value):
                name, _, setting = assignment.partition("=")
                environment[name] = setting
        elif section == "[Service]":
            service[key] = value
    return service, environment


def test_the_documented_systemd_unit_serves_and_stops_within_its_time_without_losing_an_answer(
    server_factory, database_url, redis_url
):
    """The unit's own command and environment, with this machine's database, port and folder.

    There is no systemd here, so the test does what the unit makes systemd do: start ExecStart
    in WorkingDirectory with Environment, stop it with KillSignal, and expect it gone within
    TimeoutStopSec. Every answer acknowledged before the stop is there after a restart.
    """
    service, environment = documented_unit()
    assert service["ExecStart"].endswith("/.venv/bin/python run.py")
    assert service["KillSignal"] == "SIGTERM"
    stop_within = float(service["TimeoutStopSec"])
    ours = {"PORT", "DATABASE_URL", "WORKSHOP_MESSAGE_QUEUE", "WORKSHOP_EXPORT_DIR"}
    assert ours <= environment.keys()
    kept = {name: value for name, value in environment.items() if name not in ours}
    server = server_factory(DATABASE_URL=database_url, WORKSHOP_MESSAGE_QUEUE=redis_url, **kept)
    # LimitNOFILE sets both limits, as far as this machine lets a test go.
    files = int(service["LimitNOFILE"])
    assert files >= 8192, "the unit should hold open files for a full session of phones"
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    files = files if hard == resource.RLIM_INFINITY else min(files, hard)
    server.preexec_fn = lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))
    server.start()
    assert f"Open files allowed: {files:,}" in server.output()
    public = environment["WORKSHOP_PUBLIC_URL"]

    created = server.create_session(title="Under systemd")
    assert created["join_url"].startswith(public + "/j/")  # phones get the public address
    first = requests.get(server.url + "/healthz", timeout=5)
    assert first.cookies.get("workshop_route") == environment["WORKSHOP_ROUTE"]

    code = created["code"]
    console = LiveClient(
        server.url, role="facilitator", code=code, key=created["facilitator_key"]
    ).connect()
    phones = [LiveClient(server.url, role="participant", code=code).connect() for _ in range(8)]
    for phone in phones:
        phone.wait(lambda c: c.states)
    assert console.call("command", {"action": "goto", "step": "hvem-med"})["ok"]
    acked = []
    for n, phone in enumerate(phones):
        phone.wait(lambda c: c.state["answering"])
        value = f"Svar før stop {n}"
        ack = phone.call(
            "answer", {"step_id": "hvem-med", "answer_id": f"unit-{n:04d}", "value": value}
        )
        assert ack["ok"], ack
        acked.append(value)

    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(stop_within)
    assert time.monotonic() - started < stop_within
    for client in (console, *phones):
        client.close()

    server.start()  # Restart=on-failure, or the next boot
    results = requests.get(
        f"{server.url}/api/sessions/{code}",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"},
        timeout=10,
    ).json()["results"]
    stored = next(r for r in results if r["step_id"] == "hvem-med")["summary"]
    assert stored["count"] == len(acked)
    assert "Traceback" not in server.output(), server.output()[-2000:]
