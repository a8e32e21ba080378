"""Makes the drawn report a PDF/A-2b file an archive accepts.

ReportLab draws the pages; this step, with pikepdf (qpdf), writes the file again around them:
- the document information dictionary and the XMP packet say the same thing, to the second,
  with the software's name and version, and the packet says PDF/A-2, level B;
- an sRGB output intent carries the colour profile shipped beside this module (``srgb.icc``,
  see ``srgb.icc.txt``), so the RGB colours of the report have a defined meaning;
- qpdf writes every stream with an end-of-line before ``endstream`` (ReportLab does not),
  a binary comment after the header and the file identifier in the trailer.

docs/report.md lists the PDF/A-2b clauses and which of them the tests check.
"""

from __future__ import annotations

import io
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import metadata as installed
from pathlib import Path

import pikepdf
import reportlab
from pikepdf import Dictionary, Name, String

from .clock import LOCAL_TIME
from .xmp import xmp_packet

PROFILE = Path(__file__).with_name("srgb.icc")
PROFILE_NAME = "sRGB IEC61966-2.1"
# Metadata values are cut here: a PDF string may hold at most 32,767 bytes, and no reader
# shows a title of a thousand characters anyway.
TEXT_LIMIT = 1000


@dataclass(frozen=True)
class Metadata:
    """What the information dictionary and the XMP packet both say about the report."""

    title: str
    author: str  # the facilitator, else the organisation, else the software
    subject: str
    keywords: str
    language: str
    created: datetime  # to the second, in the meeting's time zone
    creator: str  # the software that made the document: name and version
    producer: str  # the same, with the libraries that wrote the PDF

    @classmethod
    def of(
        cls,
        *,
        title: tuple[object, ...],
        author: tuple[object, ...],
        subject: object,
        keywords: object,
        language: str,
        created: datetime,
        product: str,
    ) -> Metadata:
        """``title`` and ``author`` are candidates, best first: the first with text is used."""
        if created.tzinfo is None:  # the store keeps UTC
            created = created.replace(tzinfo=UTC)
        software = f"{product} {version()}".strip()
        libraries = f"ReportLab {reportlab.Version}, pikepdf {pikepdf.__version__}"
        return cls(
            title=first_text(*title),
            author=first_text(*author),
            subject=metadata_text(subject),
            keywords=metadata_text(keywords),
            language=metadata_text(language),
            created=created.astimezone(LOCAL_TIME).replace(microsecond=0),
            creator=software,
            producer=f"{software} ({libraries})",
        )


def metadata_text(value: object) -> str:
    """Text for a metadata field: one line, only characters XML 1.0 and a PDF text string
    can hold (no controls, no surrogates, no noncharacters), at most TEXT_LIMIT long."""
    kept = "".join(
        char
        for char in str(value or "")
        if unicodedata.category(char) not in ("Cc", "Cf", "Cs") and not _noncharacter(char)
    )
    text = " ".join(kept.split())
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1].rstrip() + "\u2026"


def first_text(*candidates: object) -> str:
    """The first candidate with any text left once made metadata text (a facilitator's name
    of only spaces gives way to the organisation)."""
    return next((text for text in map(metadata_text, candidates) if text), "")


def _noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


@cache
def version() -> str:
    """The software's version, from pyproject.toml beside the package (or as installed)."""
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    try:
        return installed.version("workshop")
    except installed.PackageNotFoundError:
        return ""


def pdf_date(moment: datetime) -> str:
    """A PDF date with its offset: D:20250304183000+01'00'."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{rest:02d}'"


def archival(drawn: bytes, meta: Metadata) -> bytes:
    """``drawn`` (a PDF from ReportLab) as a PDF/A-2b file described by ``meta``."""
    with pikepdf.open(io.BytesIO(drawn)) as pdf:
        info = {
            "/Title": meta.title,
            "/Author": meta.author,
            "/Subject": meta.subject,
            "/Keywords": meta.keywords,
            "/Creator": meta.creator,
            "/Producer": meta.producer,
            "/CreationDate": pdf_date(meta.created),
            "/ModDate": pdf_date(meta.created),
        }
        pdf.docinfo = pdf.make_indirect(
            Dictionary({key: String(value) for key, value in info.items() if value})
        )
        pdf.Root.Metadata = pdf.make_stream(
            xmp_packet(meta).encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML
        )
        profile = pdf.make_stream(PROFILE.read_bytes(), N=3, Alternate=Name.DeviceRGB)
        pdf.Root.OutputIntents = [
            Dictionary(
                Type=Name.OutputIntent,
                S=Name.GTS_PDFA1,
                OutputConditionIdentifier=String(PROFILE_NAME),
                Info=String(PROFILE_NAME),
                RegistryName=String("http://www.color.org"),
                DestOutputProfile=profile,
            )
        ]
        out = io.BytesIO()
        pdf.save(
            out,
            # The packet is written as made: qpdf would otherwise add its own version field.
            fix_metadata_version=False,
            compress_streams=True,
            # ReportLab's ASCII85 text layer is undone, so streams are only compressed.
            stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        return out.getvalue()
