"""Pages drawn once for everyone who asks for the same one.

A room that scans the QR code together asks for one join page hundreds of times in a few
seconds: the same session, the same language, the same words. Drawing it is most of what a
phone's arrival costs the server (bench/arrival.py), so the page is drawn once for each set of
what it shows and kept, and every other phone gets the kept text. The key names everything the
page's template reads; a change to any of it (the title, the organisation, the language, the
kinds and so the script's name) is another key, so a kept page is never out of date. A kept
page is compressed once for each encoding browsers ask for, not once per phone.
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import brotli
from flask import current_app

# The join pages of the day's meetings in both languages, with room to spare.
KEPT = 256


# As Flask-Compress would compress the page for each request: quick levels, for a small text.
BROTLI_QUALITY = 4
GZIP_LEVEL = 6


class DrawnPage:
    """One drawn page: its text, and its compressed forms as they are first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.body = text.encode("utf-8")
        self._forms: dict[str, bytes] = {}

    def encoded(self, encoding: str | None) -> bytes:
        """The page's bytes in ``encoding`` ("br", "gzip"; None: as they are)."""
        if encoding is None:
            return self.body
        form = self._forms.get(encoding)
        if form is None:
            if encoding == "br":
                form = brotli.compress(self.body, quality=BROTLI_QUALITY)
            else:
                form = gzip.compress(self.body, compresslevel=GZIP_LEVEL, mtime=0)
            self._forms[encoding] = form
        return form


class DrawnPages:
    """The texts of drawn pages by what they show, the least recently used dropped first."""

    def __init__(self, kept: int = KEPT) -> None:
        self.kept = kept
        self._pages: OrderedDict[Hashable, DrawnPage] = OrderedDict()
        self._lock = threading.Lock()

    def page(self, key: Hashable, draw: Callable[[], str]) -> DrawnPage:
        """The page for ``key``, drawn by ``draw`` the first time (two phones that ask at the
        same moment may both draw it: the same text, kept once)."""
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
                return page
        page = DrawnPage(draw())
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.kept:
                self._pages.popitem(last=False)
        return page

    def __len__(self) -> int:
        return len(self._pages)


def drawn_pages() -> DrawnPages:
    return current_app.extensions["workshop_drawn_pages"]


def register(app) -> None:
    app.extensions["workshop_drawn_pages"] = DrawnPages()
