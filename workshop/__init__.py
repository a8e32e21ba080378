"""The live dialogue tool: a Flask app with Socket.IO for facilitated meetings."""

from __future__ import annotations

import os
import secrets
from typing import Any

from flask import Flask, g, has_request_context, request

from .config import Config
from .domain.languages import DEFAULT_LANGUAGE, LANGUAGES
from .extensions import babel, socketio
from .limits import budgets_for
from .services.guesses import Guesses, GuessLimits
from .storage import Store
from .storage.revisions import SharedRevisions


def select_locale() -> str:
    """Danish first: an explicit choice wins, then (on a phone) the phone's own language,
    then the session's."""
    if has_request_context():
        wanted = request.args.get("lang") or request.cookies.get("lang")
        if wanted in LANGUAGES:
            return wanted
        if g.get("follow_browser"):
            browser = request.accept_languages.best_match(LANGUAGES)
            if browser:
                return browser
    language = g.get("session_language")
    if language in LANGUAGES:
        return language
    return DEFAULT_LANGUAGE


def _secret_key(instance_path: str) -> str:
    """A key kept in the instance folder, so cookies outlive a restart."""
    path = os.path.join(instance_path, "secret_key")
    try:
        with open(path, encoding="ascii") as handle:
            key = handle.read().strip()
            if key:
                return key
    except FileNotFoundError:
        pass
    key = secrets.token_hex(32)
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
        handle.write(key)
    return key


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    app = Flask(
        __name__,
        instance_relative_config=True,
        static_folder=os.path.join(root, "static"),
        template_folder=os.path.join(root, "templates"),
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(Config(app.instance_path).as_dict())
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app.instance_path)
    export_dir = app.config["WORKSHOP_EXPORT_DIR"]
    if not os.path.isabs(export_dir):
        app.config["WORKSHOP_EXPORT_DIR"] = os.path.join(root, export_dir)

    store = Store(
        app.config["DATABASE_URL"],
        group_commit=app.config["WORKSHOP_GROUP_COMMIT"],
        sqlite_synchronous=app.config["WORKSHOP_SQLITE_SYNCHRONOUS"],
        sqlite_busy_timeout=app.config["WORKSHOP_SQLITE_BUSY_TIMEOUT"],
        # Several processes share the database through a message queue: none of them may
        # answer from its own memory (storage/memory.py).
        shared=bool(app.config["WORKSHOP_MESSAGE_QUEUE"]),
    )
    store.create_schema()
    queue = app.config["WORKSHOP_MESSAGE_QUEUE"]
    if queue and queue.startswith(("redis://", "rediss://", "unix://")):
        # The processes tell each other the revisions they save (storage/revisions.py).
        prefix = app.config["WORKSHOP_BUDGET_PREFIX"]
        store.share_revisions(SharedRevisions(queue, prefix).start())
    app.extensions["workshop.store"] = store
    budgets = budgets_for(
        app.config["WORKSHOP_MESSAGE_QUEUE"], app.config["WORKSHOP_BUDGET_PREFIX"]
    )
    app.extensions["workshop.budgets"] = budgets
    app.extensions["workshop.guesses"] = Guesses(
        budgets,
        codes=GuessLimits(
            app.config["WORKSHOP_GUESS_BURST"], app.config["WORKSHOP_GUESS_PER_MINUTE"]
        ),
        passcodes=GuessLimits(
            app.config["WORKSHOP_PASSCODE_BURST"], app.config["WORKSHOP_PASSCODE_PER_MINUTE"]
        ),
    )

    # Handlers must be known before init_app, so every app (and every test app) gets them.
    from . import realtime, web
    from .cli import register_cli
    from .realtime.wire import TextPacket, WireJSON

    babel.init_app(app, locale_selector=select_locale)
    socketio.init_app(
        app,
        async_mode=app.config["WORKSHOP_ASYNC_MODE"],
        message_queue=app.config["WORKSHOP_MESSAGE_QUEUE"],
        # Answers are small; a large frame is junk or an attack.
        max_http_buffer_size=64 * 1024,
        # Phones sleep and venue Wi-Fi stalls: notice a dead link within ~45 s.
        ping_interval=20,
        ping_timeout=25,
        cors_allowed_origins=None,
        # JSON only, encoded fast (realtime/wire.py).
        serializer=TextPacket,
        json=WireJSON,
    )

    web.register(app)
    realtime.register(app)
    register_cli(app)
    return app
