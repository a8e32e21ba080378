"""Serving the pages' joined scripts and stylesheets (workshop/web/assets.py) at
/assets/<name>: compressed as the browser asks, cached for a year, never changed in place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, request, url_for
from werkzeug.datastructures import Accept

from ..domain.kinds import KINDS
from .assets import Assets, data_uri

bundles = Blueprint("bundles", __name__)

# A bundle's name changes with its content, so a browser may keep it as long as it likes.
IMMUTABLE = "public, max-age=31536000, immutable"


def chosen_encoding(accepted: Accept) -> str | None:
    """Brotli when the browser takes it, else gzip, else the bytes as they are."""
    for encoding in ("br", "gzip"):
        if accepted[encoding] > 0:
            return encoding
    return None


def assets() -> Assets:
    return current_app.extensions["workshop_assets"]


def script_url(pages: Sequence[str], kinds: Iterable[str] = ()) -> str:
    return url_for("bundles.bundle", name=assets().script(pages, kinds))


def stylesheet_url(sheets: Sequence[str], kinds: Iterable[str] = ()) -> str:
    return url_for("bundles.bundle", name=assets().stylesheet(sheets, kinds))


@bundles.get("/assets/<name>")
def bundle(name: str):
    found = assets().find(name)
    if found is None:
        abort(404)
    encoding = chosen_encoding(request.accept_encodings)
    body = {"br": found.brotli, "gzip": found.gzip}.get(encoding, found.body)
    etag = found.etag(encoding)
    headers = {"Cache-Control": IMMUTABLE, "Vary": "Accept-Encoding", "ETag": f'"{etag}"'}
    if request.if_none_match.contains(etag):
        return Response(status=304, headers=headers)
    response = Response(body, headers=headers, content_type=found.media_type)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    return response


def register(app: Flask, static: Path) -> None:
    app.extensions["workshop_assets"] = Assets(static, list(KINDS))
    app.register_blueprint(bundles)
    app.jinja_env.globals["script_url"] = script_url
    app.jinja_env.globals["stylesheet_url"] = stylesheet_url
    # The icon rides in every page: no request for it, first visit or return.
    app.jinja_env.globals["favicon"] = data_uri((static / "favicon.svg").read_bytes())
