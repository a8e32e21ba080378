"""Settings, read once from the environment, with defaults that run on a laptop."""

from __future__ import annotations

import os

ASYNC_MODES = ("gevent", "eventlet", "threading")


def async_mode() -> str:
    mode = os.environ.get("WORKSHOP_ASYNC_MODE", "gevent").strip().lower() or "gevent"
    if mode not in ASYNC_MODES:
        raise SystemExit(f"WORKSHOP_ASYNC_MODE={mode!r} is not one of {', '.join(ASYNC_MODES)}")
    return mode


class Config:
    """Every setting the app reads; tests pass overrides to ``create_app``."""

    def __init__(self, instance_path: str) -> None:
        env = os.environ.get
        self.HOST = env("HOST", "127.0.0.1")
        self.PORT = int(env("PORT", "5000"))
        self.DATABASE_URL = env("DATABASE_URL") or "sqlite:///" + os.path.join(
            instance_path, "workshop.sqlite3"
        )
        self.WORKSHOP_ASYNC_MODE = async_mode()
        self.WORKSHOP_MESSAGE_QUEUE = env("WORKSHOP_MESSAGE_QUEUE") or None
        self.WORKSHOP_EXPORT_DIR = env("WORKSHOP_EXPORT_DIR", "exports")
        self.WORKSHOP_ORGANISER_PASSCODE = env("WORKSHOP_ORGANISER_PASSCODE") or None
        # The address phones use, when the server cannot work it out (a reverse proxy).
        self.WORKSHOP_PUBLIC_URL = (env("WORKSHOP_PUBLIC_URL") or "").rstrip("/") or None
        self.SECRET_KEY = env("WORKSHOP_SECRET_KEY") or None
        # How often at most the console and screen get fresh results (seconds).
        self.WORKSHOP_RESULTS_INTERVAL = float(env("WORKSHOP_RESULTS_INTERVAL", "0.25"))
        # Answers arriving together share one commit (on by default; off only to measure).
        self.WORKSHOP_GROUP_COMMIT = env("WORKSHOP_GROUP_COMMIT", "1") != "0"
        # FULL: an acked answer survives a power cut. Lower it only for measurements.
        self.WORKSHOP_SQLITE_SYNCHRONOUS = env("WORKSHOP_SQLITE_SYNCHRONOUS", "FULL").upper()
        # How long a write waits for SQLite's lock before the answer is refused as unavailable.
        self.WORKSHOP_SQLITE_BUSY_TIMEOUT = float(env("WORKSHOP_SQLITE_BUSY_TIMEOUT", "10"))
        # Events per connection: a burst, then so many a second ("too fast" beyond that).
        self.WORKSHOP_EVENT_BURST = float(env("WORKSHOP_EVENT_BURST", "10"))
        self.WORKSHOP_EVENT_RATE = float(env("WORKSHOP_EVENT_RATE", "5"))
        # The facilitator's commands have a budget of their own, one per session shared by its
        # consoles: large enough that tidying the wall at human speed is never refused.
        self.WORKSHOP_COMMAND_BURST = float(env("WORKSHOP_COMMAND_BURST", "60"))
        self.WORKSHOP_COMMAND_RATE = float(env("WORKSHOP_COMMAND_RATE", "20"))
        # Wrong join codes per address: a burst, then so many a minute (docs/security.md).
        self.WORKSHOP_GUESS_BURST = float(env("WORKSHOP_GUESS_BURST", "100"))
        self.WORKSHOP_GUESS_PER_MINUTE = float(env("WORKSHOP_GUESS_PER_MINUTE", "30"))
        # Wrong organiser passcodes per address: a burst, then so many a minute.
        self.WORKSHOP_PASSCODE_BURST = float(env("WORKSHOP_PASSCODE_BURST", "10"))
        self.WORKSHOP_PASSCODE_PER_MINUTE = float(env("WORKSHOP_PASSCODE_PER_MINUTE", "2"))
        # What one connection may cost everyone (realtime/guard.py, docs/security.md):
        # Engine.IO messages per connection, counted before they are decoded; past them the
        # connection is cut off.
        self.WORKSHOP_FRAME_BURST = float(env("WORKSHOP_FRAME_BURST", "200"))
        self.WORKSHOP_FRAME_RATE = float(env("WORKSHOP_FRAME_RATE", "50"))
        # Seconds a new connection has to ask to join before it is closed.
        self.WORKSHOP_JOIN_WITHIN = float(env("WORKSHOP_JOIN_WITHIN", "10"))
        # And seconds from asking to join to having joined (a refused ask is closed then).
        self.WORKSHOP_CONNECT_WITHIN = float(env("WORKSHOP_CONNECT_WITHIN", "30"))
        # Connections that have not joined yet, per address (a room arriving at once fits).
        self.WORKSHOP_UNJOINED_PER_ADDRESS = int(env("WORKSHOP_UNJOINED_PER_ADDRESS", "1000"))
        # Open sockets per participant token in one server process.
        self.WORKSHOP_SOCKETS_PER_PARTICIPANT = int(env("WORKSHOP_SOCKETS_PER_PARTICIPANT", "10"))
        # The most participants one session takes; the console says when it is full.
        self.WORKSHOP_MAX_PARTICIPANTS = int(env("WORKSHOP_MAX_PARTICIPANTS", "3000"))
        # Newcomers per session: a burst, then so many a minute (a room, not a script).
        self.WORKSHOP_JOIN_BURST = float(env("WORKSHOP_JOIN_BURST", "1000"))
        self.WORKSHOP_JOIN_PER_MINUTE = float(env("WORKSHOP_JOIN_PER_MINUTE", "1200"))
        # Ended sessions are deleted this many days after they ended, unless kept (0: never).
        self.WORKSHOP_RETENTION_DAYS = int(env("WORKSHOP_RETENTION_DAYS", "365"))
        # Reverse proxies in front of the app whose X-Forwarded-* headers are believed.
        self.WORKSHOP_TRUSTED_PROXIES = int(env("WORKSHOP_TRUSTED_PROXIES", "0"))
        # Host names the app answers to, comma-separated; empty: the public URL's host,
        # localhost and this machine's own names and addresses.
        self.WORKSHOP_ALLOWED_HOSTS = env("WORKSHOP_ALLOWED_HOSTS", "")
        # Where the shared budgets live in Redis (several installations on one Redis).
        self.WORKSHOP_BUDGET_PREFIX = env("WORKSHOP_BUDGET_PREFIX", "workshop:budget:")
        # This process's name behind a proxy with several processes (docs/deployment.md).
        self.WORKSHOP_ROUTE = env("WORKSHOP_ROUTE", "")
        self.BABEL_DEFAULT_LOCALE = "da"
        self.BABEL_TRANSLATION_DIRECTORIES = "translations"
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.MAX_CONTENT_LENGTH = 1024 * 1024
        self.JSON_SORT_KEYS = False

    def as_dict(self) -> dict:
        return {key: value for key, value in vars(self).items() if key.isupper()}
