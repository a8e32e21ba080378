"""Command-line use: ``flask --app workshop export CODE``, ``import FILE``, ``backup FILE``,
``restore FILE``."""

from __future__ import annotations

import os

import click
from flask import Flask, current_app

from .domain.errors import DomainError
from .export.clock import held
from .export.files import build_export, export_name, save_export
from .messages import error_body
from .services.reports import report_of
from .services.session_file import MAX_BYTES
from .services.sessions import find_session
from .services.transfer import BadSessionFile, import_session
from .storage.backup import BackupRefused, NotSQLite, backup, restore
from .web.removal import database_in_hand


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

    @app.cli.command("import")
    @click.argument("source", type=click.Path(exists=True, dir_okay=False))
    def import_command(source: str) -> None:
        """Import a session from SOURCE, a JSON export of this or another server."""
        size = os.path.getsize(source)
        if size > MAX_BYTES:  # said before a byte is read
            raise click.ClickException(
                f"{source} was not imported: it is {size:,} bytes, over {MAX_BYTES:,}, more "
                "than any session file has"
            )
        with open(source, "rb") as file:
            data = file.read(MAX_BYTES + 1)  # one byte more says the file grew meanwhile
        store = current_app.extensions["workshop.store"]
        try:
            imported = import_session(store, data)
        except BadSessionFile as problem:
            raise click.ClickException(f"{source} was not imported, {problem}") from None
        except DomainError as error:
            raise click.ClickException(error_body(error)["message"]) from None
        session = imported.session
        base = current_app.config.get("WORKSHOP_PUBLIC_URL") or ""
        kept = "" if session.code == imported.code_before else f" (was {imported.code_before})"
        click.echo(f"Imported {session.title!r} as session {session.code}{kept}:")
        click.echo(
            f"{imported.participants} participants, {imported.answers} answers, "
            f"{imported.late_answers} late answers."
        )
        click.echo(f"Console: {base}/c/{session.code}?key={session.facilitator_key}")
        click.echo(f"Screen:  {base}/s/{session.code}?key={session.screen_key}")
        if imported.differing_steps:
            click.echo(
                "Note: the results of step(s) "
                + ", ".join(imported.differing_steps)
                + " differ from those in the file. One reason is known: someone answered a "
                "step both anonymously and, after it was switched to names, by name; the file "
                "does not link the two, so here they count as two. Otherwise the file was "
                "changed after it was exported: compare the step's results in both places."
            )

    @app.cli.command("backup")
    @click.argument("target", type=click.Path(dir_okay=False))
    @click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
    def backup_command(target: str, force: bool) -> None:
        """Copy the SQLite database to TARGET, consistently, while the server runs."""
        try:
            size = backup(current_app.config["DATABASE_URL"], target, force=force)
        except NotSQLite:
            raise click.ClickException(POSTGRES_ADVICE) from None
        except BackupRefused as refusal:
            raise click.ClickException(str(refusal)) from None
        click.echo(f"{target} ({size // 1024} KB)")

    @app.cli.command("restore")
    @click.argument("source", type=click.Path(exists=True, dir_okay=False))
    def restore_command(source: str) -> None:
        """Put the backup SOURCE back as the SQLite database (stop the server first)."""
        # Not while a retention sweep in this process has the file open.
        with database_in_hand(app):
            current_app.extensions["workshop.store"].dispose()  # this process lets go of it too
            try:
                restore(current_app.config["DATABASE_URL"], source)
            except NotSQLite:
                raise click.ClickException(POSTGRES_ADVICE) from None
            except BackupRefused as refusal:
                raise click.ClickException(str(refusal)) from None
        click.echo(f"restored from {source}")


POSTGRES_ADVICE = (
    "The database is not an SQLite file. For PostgreSQL use its own tools: "
    "pg_dump -Fc DBNAME > backup.dump while the server runs, pg_restore -d DBNAME backup.dump "
    "to put it back."
)
