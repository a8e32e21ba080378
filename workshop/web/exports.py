"""Building an export, keeping it in the export folder and sending it as a download."""

from __future__ import annotations

import io

from flask import current_app, send_file

from ..export.files import export_name, save_export
from ..services.errors import Refused
from ..services.reports import report_of
from ..storage import SessionRecord
from .access import store

MIME_TYPES = {"pdf": "application/pdf"}


def build(fmt: str, report) -> bytes:
    if fmt == "pdf":
        from ..export.pdf import build_pdf

        return build_pdf(report)
    raise Refused("unknown_format")


def send_export(session: SessionRecord, fmt: str):
    if fmt not in MIME_TYPES:
        raise Refused("unknown_format")
    report = report_of(store(), session)
    data = build(fmt, report)
    name = export_name(report.exported_at, report.title, report.code, fmt)
    save_export(current_app.config["WORKSHOP_EXPORT_DIR"], name, data)
    return send_file(
        io.BytesIO(data), mimetype=MIME_TYPES[fmt], as_attachment=True, download_name=name
    )
