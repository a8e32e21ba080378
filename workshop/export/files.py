"""Keeping exports on disk under names that sort by date and say what they are."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from datetime import datetime

from .clock import LOCAL_TIME


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe form of a title: Danish letters spelled out, the rest ASCII."""
    spelled = text.translate(
        str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
    )
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    if len(cleaned) > limit:
        cut = cleaned[: limit + 1]
        # Whole words only: back to the last word that fits (one long word is cut).
        cleaned = cut.rsplit("-", 1)[0] if "-" in cut else cleaned[:limit]
    return cleaned.rstrip("-") or "session"


def export_name(held_on: datetime, exported: datetime, title: str, code: str, ext: str) -> str:
    """``<meeting date>_<title>_<code>_<export date and time>.<ext>``: the files of one
    meeting sort together under the day it met, newest export last."""
    day = held_on.astimezone(LOCAL_TIME)
    made = exported.astimezone(LOCAL_TIME)
    return f"{day:%Y-%m-%d}_{slug(title)}_{code}_{made:%Y%m%d-%H%M%S}.{ext}"


def save_export(directory: str, name: str, data: bytes) -> str:
    """Write the file atomically, so a half-written export never lies in the folder."""
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        path = os.path.join(directory, name)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return path


def files_of(directory: str, code: str, extensions) -> list[str]:
    """The names of the files kept for the session with ``code``."""
    try:
        names = os.listdir(directory)
    except FileNotFoundError:
        return []
    kept = []
    for name in names:
        stem, _dot, extension = name.rpartition(".")
        # The code before the export time; or last, in names from before that.
        mine = f"_{code}_" in stem or stem.endswith(f"_{code}")
        if mine and extension in extensions:
            kept.append(name)
    return kept


def remove_files(directory: str, code: str, extensions) -> int:
    """Delete every file kept for the session with ``code``; how many went."""
    removed = 0
    for name in files_of(directory, code, extensions):
        try:
            os.unlink(os.path.join(directory, name))
            removed += 1
        except FileNotFoundError:
            pass
    return removed


def build_export(fmt: str, report, dialogue: dict, delimiter: str | None = None) -> bytes:
    """The bytes of one export format: pdf, csv, xlsx or json; ``delimiter`` separates the
    CSV's cells (by default the one of the meeting's language)."""
    if fmt == "pdf":
        from .pdf import build_pdf

        return build_pdf(report)
    if fmt == "csv":
        from .spreadsheet import build_csv

        return build_csv(report, delimiter)
    if fmt == "xlsx":
        from .workbook import build_xlsx

        return build_xlsx(report)
    from .document import build_json

    return build_json(report, dialogue)
