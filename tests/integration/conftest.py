"""Fixtures for the integration tests of the exports: bare apps with and without Danish."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel

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
