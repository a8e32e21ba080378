"""The browser's files, one script and one stylesheet per page: joined from the pieces that
scripts/build_assets.mjs builds (static/build/), named by their content, kept in memory with
their gzip and brotli forms and cached by browsers for a year (docs/protocol.md, "Pages").

A page's script is the Socket.IO client (when the page connects), the shared modules (core),
the pieces of the step kinds its session has, then the page's own piece: in that order every
kind has registered itself before the page first asks for one. Its stylesheet is the page's
shared sheets in cascade order, then its kinds' sheets.

The name says what a file holds and its digest (``phone~choice.open-<digest>.js``), so any
process can make it again from the name alone; a name whose digest is not what this server
would send (an older build, a made-up name) is a 404.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import brotli

# The shared sheets, in the one order the cascade relies on: later refine earlier.
SHEETS = ("base", "home", "phone", "results", "console", "screen", "editor")
# A page with any of these shows steps, so it gets its kinds' sheets too.
STEP_SHEETS = frozenset({"phone", "results", "console", "screen"})
SOCKET_CLIENT = "vendor/socket.io/socket.io.min.js"
MEDIA_TYPES = {"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8"}
DIGEST_LENGTH = 16
# Brotli's best takes a third of a second for a console's script: spent once for each file a
# page of this process names; a file asked for by name alone (made by another process, or by
# anyone who read the pieces) gets a quick level, so no request buys that much work.
BEST, QUICK = 11, 5
# Bundles kept in memory: every page and kind set in use, with room to spare.
KEPT = 64
# Digests remembered of bundles asked for by name, so a made-up name costs a lookup, not a read.
DIGESTS_KEPT = 1024


@dataclass(frozen=True)
class Bundle:
    """One joined file and its compressed forms."""

    name: str
    media_type: str
    digest: str
    body: bytes
    gzip: bytes
    brotli: bytes
    brotli_quality: int = BEST

    def etag(self, encoding: str | None) -> str:
        """A tag for each form of the file (brotli's by its level: other bytes, other tag)."""
        if encoding == "br":
            return f"{self.digest}.br{self.brotli_quality}"
        return f"{self.digest}.{encoding}" if encoding else self.digest


@dataclass(frozen=True)
class Wanted:
    """What a bundle holds: its parts (page scripts or sheets) and step kinds, and its type."""

    parts: tuple[str, ...]
    kinds: tuple[str, ...]
    extension: str

    @property
    def stem(self) -> str:
        stem = "+".join(self.parts)
        return f"{stem}~{'.'.join(self.kinds)}" if self.kinds else stem


def digest_of(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:DIGEST_LENGTH]


def name_of(wanted: Wanted, body: bytes) -> str:
    return f"{wanted.stem}-{digest_of(body)}.{wanted.extension}"


def parse_name(name: str) -> tuple[Wanted, str] | None:
    """The bundle a name asks for and the digest it names; None for a name of no bundle."""
    stem, dot, extension = name.rpartition(".")
    if not dot or extension not in MEDIA_TYPES:
        return None
    stem, dash, digest = stem.rpartition("-")
    if not dash or len(digest) != DIGEST_LENGTH:
        return None
    parts, _, kinds = stem.partition("~")
    wanted = Wanted(tuple(parts.split("+")), tuple(kinds.split(".")) if kinds else (), extension)
    return wanted, digest


def script_parts(manifest: dict, pages: Sequence[str], kinds: Sequence[str]) -> list[str]:
    """The files, under static/, that make a page's script, in the order they must run."""
    found = [manifest["pages"][page] for page in pages]
    files = [SOCKET_CLIENT] if any(page["socket"] for page in found) else []
    if any(page["core"] for page in found):
        files.append("build/js/core.js")
        files.extend(f"build/js/kinds/{kind}.js" for kind in kinds)
    files.extend(f"build/js/{page}.js" for page in pages)
    return files


def sheet_parts(
    sheets: Sequence[str], kinds: Sequence[str], kind_sheets: Iterable[str]
) -> list[str]:
    """The files, under static/, that make a page's stylesheet, in cascade order."""
    files = [f"build/css/{sheet}.css" for sheet in SHEETS if sheet in sheets]
    if STEP_SHEETS.intersection(sheets):
        files.extend(f"build/css/kinds/{kind}.css" for kind in kinds if kind in kind_sheets)
    return files


def join(texts: Iterable[bytes]) -> bytes:
    """Pieces one after the other, each on lines of its own; a source map link (to a file the
    app does not serve) is left out."""
    lines = []
    for text in texts:
        lines.extend(
            line for line in text.splitlines() if not line.startswith(b"//# sourceMappingURL=")
        )
    return b"\n".join(lines) + b"\n"


def compressed(name: str, media_type: str, body: bytes, quality: int = BEST) -> Bundle:
    return Bundle(
        name=name,
        media_type=media_type,
        digest=digest_of(body),
        body=body,
        gzip=gzip.compress(body, compresslevel=9, mtime=0),
        brotli=brotli.compress(body, quality=quality),
        brotli_quality=quality,
    )


def data_uri(svg: bytes) -> str:
    """An SVG as a data: address, for a favicon that costs no request ("#" would end the
    address and start a fragment, so it is escaped with everything else but plain marks)."""
    return "data:image/svg+xml," + quote(svg.decode("utf-8").strip(), safe="/:=,.-")


class Assets:
    """The bundles of one static folder (its build/ and the vendored socket client)."""

    def __init__(self, static: Path, kind_order: Sequence[str]) -> None:
        self.static = static
        self.manifest = json.loads((static / "build" / "manifest.json").read_text("utf-8"))
        built = set(self.manifest["kinds"])
        # The server's registry order, as the pages always loaded them.
        self.kind_order = [kind for kind in kind_order if kind in built]
        self.kind_sheets = {
            sheet.removeprefix("kinds/")
            for sheet in self.manifest["sheets"]
            if sheet.startswith("kinds/")
        }
        self._names: dict[Wanted, str] = {}
        self._bundles: OrderedDict[str, Bundle] = OrderedDict()
        self._digests: OrderedDict[Wanted, str] = OrderedDict()
        self._lock = threading.Lock()

    def kinds(self, wanted: Iterable[str]) -> tuple[str, ...]:
        """The kinds among `wanted` that have a piece, in registry order."""
        wanted = set(wanted)
        return tuple(kind for kind in self.kind_order if kind in wanted)

    def script(self, pages: Sequence[str], kinds: Iterable[str]) -> str:
        """The name of a page's script, made on first use."""
        return self._name(Wanted(tuple(pages), self.kinds(kinds), "js"))

    def stylesheet(self, sheets: Sequence[str], kinds: Iterable[str]) -> str:
        ordered = tuple(sheet for sheet in SHEETS if sheet in sheets)
        kinds = self.kinds(kinds) if STEP_SHEETS.intersection(ordered) else ()
        return self._name(Wanted(ordered, tuple(k for k in kinds if k in self.kind_sheets), "css"))

    def find(self, name: str) -> Bundle | None:
        """The bundle of that name, made from the name if this process has not made it yet;
        None for a name of no bundle this build would send."""
        with self._lock:
            bundle = self._bundles.get(name)
            if bundle is not None:
                self._bundles.move_to_end(name)
                return bundle
        parsed = parse_name(name)
        if parsed is None or not self._valid(parsed[0]):
            return None
        wanted, digest = parsed
        if self._known_digest(wanted) not in (None, digest):
            return None  # an older build's name, or a made-up one: no reading the pieces again
        body = self._body(wanted)
        self._remember_digest(wanted, digest_of(body))
        if digest_of(body) != digest:
            return None
        quality = BEST if self._names.get(wanted) == name else QUICK
        return self._keep(compressed(name, MEDIA_TYPES[wanted.extension], body, quality))

    def _valid(self, wanted: Wanted) -> bool:
        """Only what a page could ask for: known parts once each, known kinds in order."""
        known = self.manifest["pages"] if wanted.extension == "js" else SHEETS
        if len(set(wanted.parts)) != len(wanted.parts) or not set(wanted.parts) <= set(known):
            return False
        if wanted.extension == "css":
            if list(wanted.parts) != [sheet for sheet in SHEETS if sheet in wanted.parts]:
                return False
            if wanted.kinds and not STEP_SHEETS.intersection(wanted.parts):
                return False
            return wanted.kinds == tuple(
                k for k in self.kinds(wanted.kinds) if k in self.kind_sheets
            )
        return wanted.kinds == self.kinds(wanted.kinds)

    def _name(self, wanted: Wanted) -> str:
        name = self._names.get(wanted)
        if name is None:
            body = self._body(wanted)
            name = name_of(wanted, body)
            self._remember_digest(wanted, digest_of(body))
            self._keep(compressed(name, MEDIA_TYPES[wanted.extension], body))
            self._names[wanted] = name
        return name

    def _body(self, wanted: Wanted) -> bytes:
        if wanted.extension == "js":
            files = script_parts(self.manifest, wanted.parts, wanted.kinds)
        else:
            files = sheet_parts(wanted.parts, wanted.kinds, self.kind_sheets)
        return join((self.static / file).read_bytes() for file in files)

    def _known_digest(self, wanted: Wanted) -> str | None:
        with self._lock:
            return self._digests.get(wanted)

    def _remember_digest(self, wanted: Wanted, digest: str) -> None:
        with self._lock:
            self._digests[wanted] = digest
            self._digests.move_to_end(wanted)
            while len(self._digests) > DIGESTS_KEPT:
                self._digests.popitem(last=False)

    def _keep(self, bundle: Bundle) -> Bundle:
        with self._lock:
            self._bundles[bundle.name] = bundle
            self._bundles.move_to_end(bundle.name)
            while len(self._bundles) > KEPT:
                self._bundles.popitem(last=False)
        return bundle
