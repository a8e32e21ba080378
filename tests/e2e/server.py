"""A real server process for end-to-end tests: start ``run.py``, wait until it serves, kill it."""

from __future__ import annotations

import itertools
import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests

from tests.tools import MEETING, meeting_file

ROOT = Path(__file__).resolve().parents[2]


# Each test process (a pytest-xdist worker, or the only one) hands out ports from a range of
# its own, below the range the system picks client ports from: two workers never start servers
# on the same port, and a port the system just gave a client is never taken for a server.
# (Each process starts at a random place in its range: two test runs side by side rarely meet.)
PORTS_PER_WORKER = 500
_next_port = itertools.count(random.SystemRandom().randrange(PORTS_PER_WORKER))


def _port_range() -> range:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = int(worker.removeprefix("gw")) if worker.removeprefix("gw").isdigit() else 0
    first = 20_000 + (number % 24) * PORTS_PER_WORKER
    return range(first, first + PORTS_PER_WORKER)


def free_port() -> int:
    """A port of this worker's range that nothing listens on or lingers on."""
    ports = _port_range()
    for _ in range(len(ports)):
        port = ports[next(_next_port) % len(ports)]
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports}")


class ServerProcess:
    """``python run.py`` with its own port, database and log files."""

    def __init__(self, workdir: Path, port: int | None = None, **env: str) -> None:
        self.workdir = workdir
        self.port = port or free_port()
        self.env = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "DATABASE_URL": f"sqlite:///{workdir / 'workshop.sqlite3'}",
            "WORKSHOP_EXPORT_DIR": str(workdir / "exports"),
            "WORKSHOP_SECRET_KEY": "e2e",
            # Budgets kept in Redis (several processes) start afresh for every test.
            "WORKSHOP_BUDGET_PREFIX": f"e2e:{uuid.uuid4().hex}:",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self.process: subprocess.Popen | None = None
        self.starts = 0
        # Run in the child before run.py (a test lowers its open-file limit, say).
        self.preexec_fn = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> ServerProcess:
        self.starts += 1
        with (
            open(self.workdir / f"server-{self.starts}.out", "w") as stdout,
            open(self.workdir / f"server-{self.starts}.err", "w") as stderr,
        ):
            # The child keeps its own copies of the handles.
            self.process = subprocess.Popen(
                [sys.executable, "run.py"],
                cwd=ROOT,
                env=self.env,
                stdout=stdout,
                stderr=stderr,
                preexec_fn=self.preexec_fn,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.output()}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not answer within {timeout}s:\n{self.output()}")

    def output(self) -> str:
        out = (self.workdir / f"server-{self.starts}.out").read_text()
        err = (self.workdir / f"server-{self.starts}.err").read_text()
        return out + err

    def kill(self) -> None:
        """SIGKILL: no chance to flush or clean up, like a crash or a pulled plug."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def create_session(self, **body) -> dict:
        """A session of the tests' own meeting (uploaded first, as an organiser would)."""
        upload = requests.post(
            self.url + "/api/dialogues",
            files={"file": ("meeting.yaml", meeting_file())},
            timeout=10,
        )
        upload.raise_for_status()
        response = requests.post(
            self.url + "/api/sessions", json={"dialogue": MEETING, **body}, timeout=10
        )
        response.raise_for_status()
        return response.json()
