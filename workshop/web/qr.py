"""The QR code of a join link, as an SVG drawn by segno (no image library needed)."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=10, border=2, dark="#111111", light="#ffffff", xmldecl=False
    )
    return buffer.getvalue()
