"""Security headers on every response, and errors as JSON for the API and pages for people."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..messages import error_body

# Our own origin only: no CDN, no inline script, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

HTTP_CODES = {404: "not_found", 405: "bad_payload", 413: "too_large", 400: "bad_payload"}


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # Console and screen links carry keys: never leak them to another site.
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if request.path.startswith(("/c/", "/s/", "/api/")):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def register_error_pages(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = HTTP_CODES.get(error.code or 500, "internal_error")
        if wants_json():
            return jsonify(error=error_body(code)), error.code
        return render_template("error.html", error=error_body(code)), error.code

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.exception("unexpected error", exc_info=error)
        if wants_json():
            return jsonify(error=error_body("internal_error")), 500
        return render_template("error.html", error=error_body("internal_error")), 500
