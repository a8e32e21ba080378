"""A table of labelled bars with their numbers: how the option kinds show their results."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table

from . import charts
from .fonts import INK, RULE
from .layout import WIDTH, Kit, padding, percent, shorten


def bar_table(kit: Kit, heads: list[str], rows: list[tuple[Any, float, list[str]]]) -> Table:
    """Rows of label, bar and numbers: ``heads`` names the label and number columns.

    Each row is ``(label text, share from 0 to 1, [number cells])``.
    """
    head = kit.styles["head"]
    number_ws = [max(54.0, stringWidth(h, head.fontName, head.fontSize) + 10) for h in heads[1:]]
    bar_w = 140 if len(number_ws) < 3 else 112
    label_w = WIDTH - bar_w - sum(number_ws)
    data: list[list[Any]] = [
        [kit.p(heads[0], "head"), ""] + [kit.p(h, "head_right") for h in heads[1:]]
    ]
    for label, share, cells in rows:
        data.append(
            [kit.para(label, "cell", label_w - 8), charts.bar(bar_w - 12, 9, share), *cells]
        )
    table = Table(data, colWidths=[label_w, bar_w, *number_ws], repeatRows=1, splitInRow=1)
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONT", (2, 1), (-1, -1), kit.fonts.regular, 9.5),
            ("TEXTCOLOR", (2, 1), (-1, -1), INK),
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            *padding(4, 4, 4, 5),
        ]
    )
    return table


def options_line(kit: Kit, options: list[Any], by: str, ranked: bool = False) -> str:
    """Options in a line with their percentages: in the step's own order, so the lines of
    several tables can be read down like columns; or, ``ranked``, largest ``by`` first."""
    if ranked:
        options = sorted(options, key=lambda o: -(o.get(by) or 0))
    return " \u00b7 ".join(
        f"{kit.text(shorten(str(o.get('label', '')), 80))} "
        f"<b>{percent(float(o.get('percent') or 0))}</b>"
        for o in options
    )
