"""Exports of a session's outcome: the PDF report (and the other formats beside it)."""
