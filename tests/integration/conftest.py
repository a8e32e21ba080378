"""Fixtures of the integration tests: bare apps with and without Danish for the exports, and
the server a meeting moves to."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel

from tests.conftest import postgres_database

TRANSLATIONS = Path(__file__).resolve().parents[2] / "workshop" / "translations"


@pytest.fixture
def babel_app():
    """A bare Flask app with Flask-Babel and no catalogue: every string stays English."""
    app = Flask(__name__)
    Babel(app)
    with app.app_context():
        yield app


@pytest.fixture
def danish_app():
    """A Flask app with the project's Danish catalogue."""
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    Babel(app)
    with app.app_context():
        yield app


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def other_server(request, make_app, tmp_path):
    """Makes the server a meeting moves to: an SQLite file, or a PostgreSQL database of its
    own (so no other test's tables are touched)."""
    made = []
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
        else:
            url = stack.enter_context(postgres_database("workshop_transfer"))
        yield lambda: made.append(make_app(DATABASE_URL=url)) or made[-1]
        for app in made:
            app.extensions["workshop.store"].dispose()
