"""Command-line use: ``flask --app workshop export CODE``, ``backup FILE``, ``restore FILE``."""

from __future__ import annotations

import click
from flask import Flask, current_app

from .domain.errors import DomainError
from .export.clock import held
from .export.files import build_export, export_name, save_export
from .messages import error_body
from .services.reports import report_of
from .services.sessions import find_session
from .storage.backup import NotSQLite, backup, restore


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

    @app.cli.command("backup")
    @click.argument("target", type=click.Path(dir_okay=False))
    def backup_command(target: str) -> None:
        """Copy the SQLite database to TARGET, consistently, while the server runs."""
        try:
            size = backup(current_app.config["DATABASE_URL"], target)
        except NotSQLite:
            raise click.ClickException(POSTGRES_ADVICE) from None
        click.echo(f"{target} ({size // 1024} KB)")

    @app.cli.command("restore")
    @click.argument("source", type=click.Path(exists=True, dir_okay=False))
    def restore_command(source: str) -> None:
        """Put the backup SOURCE back as the SQLite database (stop the server first)."""
        current_app.extensions["workshop.store"].dispose()  # this process lets go of it too
        try:
            restore(current_app.config["DATABASE_URL"], source)
        except NotSQLite:
            raise click.ClickException(POSTGRES_ADVICE) from None
        click.echo(f"restored from {source}")


POSTGRES_ADVICE = (
    "The database is not an SQLite file. For PostgreSQL use its own tools: "
    "pg_dump -Fc DBNAME > backup.dump while the server runs, pg_restore -d DBNAME backup.dump "
    "to put it back."
)
