"""HTTP: the pages of each surface and the JSON API, with their shared safety rules."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import get_locale
from flask_compress import Compress
from flask_wtf.csrf import CSRFError, CSRFProtect

from ..domain.kinds import answer_limits
from ..messages import error_body
from . import bundles, drawn_pages
from .api import api
from .kind_words import kind_words
from .origins import protect
from .overview import overview
from .pages import home_page, pages
from .security import add_security_headers, register_error_pages
from .tool_drafts import tool_drafts

csrf = CSRFProtect()
compress = Compress()
ANSWER_LIMITS = answer_limits()
STATIC = Path(__file__).resolve().parents[2] / "static"


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed cookie, marked Secure whenever the request came over https."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return has_request_context() and request.is_secure


def register(app: Flask) -> None:
    app.session_interface = SessionCookies()
    # A form's token stays good as long as its page is open; https posts carry no Referer
    # (Referrer-Policy: no-referrer), so the token alone is the check.
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    app.config.setdefault("WTF_CSRF_SSL_STRICT", False)
    csrf.init_app(app)
    # Pages and JSON go out compressed as the browser asks; the pages' scripts and stylesheets
    # are compressed once, when made (workshop/web/assets.py).
    app.config.setdefault("COMPRESS_MIMETYPES", ["text/html", "application/json"])
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    compress.init_app(app)
    bundles.register(app, STATIC)
    drawn_pages.register(app)
    csrf.exempt(api)  # API posts are checked by content type and Origin instead
    csrf.exempt(tool_drafts)
    app.register_blueprint(pages)
    app.register_blueprint(overview)
    app.register_blueprint(api)
    app.register_blueprint(tool_drafts)
    app.after_request(add_security_headers)
    register_error_pages(app)
    app.register_error_handler(CSRFError, lambda _error: home_page(error_body("form_expired"), 400))
    # Every page knows the answer lengths the server takes (docs/protocol.md, "Pages").
    app.context_processor(lambda: {"get_locale": get_locale, "answer_limits": ANSWER_LIMITS})
    # The kinds' names and browser strings in a page's language (templates/base.html).
    app.jinja_env.globals["kind_words"] = kind_words
    protect(app)
