"""HTTP: the pages of each surface and the JSON API, with their shared safety rules."""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale

from .api import api
from .pages import pages
from .security import add_security_headers, register_error_pages


def register(app: Flask) -> None:
    app.register_blueprint(pages)
    app.register_blueprint(api)
    app.after_request(add_security_headers)
    register_error_pages(app)
    app.context_processor(lambda: {"get_locale": get_locale})
