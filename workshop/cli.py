"""Command-line use: ``flask --app workshop export CODE --format pdf``."""

from __future__ import annotations

import click
from flask import Flask, current_app

from .domain.errors import DomainError
from .export.clock import held
from .export.files import build_export, export_name, save_export
from .messages import error_body
from .services.reports import report_of
from .services.sessions import find_session


def register_cli(app: Flask) -> None:
    @app.cli.command("export")
    @click.argument("code")
    @click.option(
        "--format", "fmt", type=click.Choice(["pdf", "csv", "xlsx", "json"]), default="pdf"
    )
    def export_command(code: str, fmt: str) -> None:
        """Write the report of session CODE to the export folder and print its path."""
        store = current_app.extensions["workshop.store"]
        try:
            session = find_session(store, code)
        except DomainError as error:
            raise click.ClickException(error_body(error)["message"]) from None
        report = report_of(store, session)
        name = export_name(held(report)[0], report.exported_at, report.title, report.code, fmt)
        data = build_export(fmt, report, session.dialogue)
        click.echo(save_export(current_app.config["WORKSHOP_EXPORT_DIR"], name, data))
