"""Building an export, keeping it in the export folder, listing and sending the kept files."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime

from flask import abort, current_app, request, send_file

from ..domain.languages import LANGUAGES
from ..export.clock import held
from ..export.files import build_export, export_name, files_of, remove_files, save_export
from ..export.spreadsheet import separator_for
from ..services.errors import Refused
from ..services.reports import report_of
from ..storage import SessionRecord
from .access import store

MIME_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv",  # the server adds "; charset=utf-8" to text types itself
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# The CSV separators a request may ask for by name (``?sep=semicolon``).
SEPARATOR_NAMES = {"semicolon": ";", "comma": ","}


def reader_separator(meeting_language: str) -> str:
    """The CSV separator of whoever asked for the export, not of the meeting: the one named
    in ``?sep=``; else the one of the language they read the app in (``?lang=`` or the
    language cookie, then their browser's Accept-Language); else, for a request that says
    nothing of its reader, the meeting's."""
    named = request.args.get("sep")
    if named is not None:
        if named not in SEPARATOR_NAMES:
            raise Refused("bad_separator")
        return SEPARATOR_NAMES[named]
    chosen = request.args.get("lang") or request.cookies.get("lang")
    if chosen in LANGUAGES:
        return separator_for(chosen)
    if request.accept_languages:
        browser = request.accept_languages.best_match(LANGUAGES)
        # A browser in neither language reads a comma-separated file like an English one.
        return separator_for(browser or "en")
    return separator_for(meeting_language)


def send_export(session: SessionRecord, fmt: str):
    if fmt not in MIME_TYPES:
        raise Refused("unknown_format")
    delimiter = reader_separator(session.language) if fmt == "csv" else None
    report = report_of(store(), session)
    data = build_export(fmt, report, session.dialogue, delimiter)
    name = export_name(held(report)[0], report.exported_at, report.title, report.code, fmt)
    save_export(current_app.config["WORKSHOP_EXPORT_DIR"], name, data)
    return _no_store(
        send_file(
            io.BytesIO(data), mimetype=MIME_TYPES[fmt], as_attachment=True, download_name=name
        )
    )


def _no_store(response):
    """An export holds names and answers: no browser or proxy keeps a copy of it."""
    response.headers["Cache-Control"] = "no-store"
    response.headers.pop("ETag", None)
    response.headers.pop("Last-Modified", None)
    return response


def kept_exports(session: SessionRecord) -> list[dict]:
    """The files kept for this session, newest first."""
    directory = current_app.config["WORKSHOP_EXPORT_DIR"]
    kept = []
    for name in files_of(directory, session.code, MIME_TYPES):
        try:
            info = os.stat(os.path.join(directory, name))
        except FileNotFoundError:
            continue
        kept.append(
            {
                "name": name,
                "format": name.rpartition(".")[2],
                "size": info.st_size,
                "created_at": datetime.fromtimestamp(info.st_mtime, UTC).isoformat(),
                "url": f"/api/sessions/{session.code}/exports/{name}",
            }
        )
    return sorted(kept, key=lambda entry: entry["name"], reverse=True)


def send_kept(session: SessionRecord, name: str):
    if name not in {entry["name"] for entry in kept_exports(session)}:
        abort(404)
    path = os.path.join(current_app.config["WORKSHOP_EXPORT_DIR"], name)
    return _no_store(
        send_file(
            path,
            mimetype=MIME_TYPES[name.rpartition(".")[2]],
            as_attachment=True,
            download_name=name,
            conditional=False,
            etag=False,
        )
    )


def remove_exports(code: str) -> int:
    """Delete the files kept for a session (when the session itself is deleted)."""
    return remove_files(current_app.config["WORKSHOP_EXPORT_DIR"], code, MIME_TYPES)
