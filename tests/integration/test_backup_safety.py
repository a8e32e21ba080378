"""Backup and restore cannot destroy the database or take in what is not a sound copy of it."""

from __future__ import annotations

from .helpers import database_file


def test_backup_never_destroys_the_database_or_an_existing_file(make_app, tmp_path):
    """Finding 11: `backup` onto its own database left it at 0 bytes; any file was replaced."""
    import os

    app = make_app()
    created = app.test_client().post("/api/sessions", json={"dialogue": "testmoede"}).json
    database = database_file(app)
    runner = app.test_cli_runner()
    for target in (database, os.path.relpath(database), database + "-wal"):
        refused = runner.invoke(args=["backup", target])
        assert refused.exit_code == 1 and "the database itself" in refused.output
        assert not isinstance(refused.exception, (OSError, AssertionError, KeyError))
    linked = tmp_path / "link.sqlite3"
    os.symlink(database, linked)
    assert "the database itself" in runner.invoke(args=["backup", str(linked)]).output
    assert app.test_client().get(f"/j/{created['code']}").status_code == 200  # still there

    precious = tmp_path / "notes.txt"
    precious.write_text("mine")
    refused = runner.invoke(args=["backup", str(precious)])
    assert refused.exit_code == 1 and "--force" in refused.output
    assert precious.read_text() == "mine"
    assert runner.invoke(args=["backup", str(precious), "--force"]).exit_code == 0
    assert precious.read_bytes().startswith(b"SQLite format 3\x00")
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".backup-")]


def test_restore_takes_only_a_sound_backup_of_this_tool(make_app, tmp_path):
    """Finding 11: restore accepted an empty database, a non-database (a traceback) and one
    with triggers that then rewrote stored answers."""
    import sqlite3

    app = make_app()
    runner = app.test_cli_runner()
    good = tmp_path / "good.sqlite3"
    assert runner.invoke(args=["backup", str(good)]).exit_code == 0

    empty_file = tmp_path / "empty.sqlite3"
    empty_file.write_bytes(b"")
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database at all\n" * 20)
    empty_database = tmp_path / "nothing.sqlite3"
    sqlite3.connect(empty_database).execute("CREATE TABLE t (x)").connection.close()
    with_trigger = tmp_path / "trigger.sqlite3"
    with_trigger.write_bytes(good.read_bytes())
    conn = sqlite3.connect(with_trigger)
    conn.execute(
        "CREATE TRIGGER rewrite AFTER INSERT ON answers BEGIN "
        "UPDATE answers SET value = '\"pwned\"' WHERE id = NEW.id; END"
    )
    conn.commit()
    conn.close()
    with_view = tmp_path / "view.sqlite3"
    with_view.write_bytes(good.read_bytes())
    conn = sqlite3.connect(with_view)
    conn.execute("CREATE VIEW everything AS SELECT * FROM answers")
    conn.commit()
    conn.close()

    cases = {
        empty_file: "is empty",
        text: "not an SQLite database",
        empty_database: "more than this tool's own tables",
        with_trigger: "trigger rewrite",
        with_view: "view everything",
    }
    for source, said in cases.items():
        refused = runner.invoke(args=["restore", str(source)])
        assert refused.exit_code == 1, (source, refused.output)
        assert said in refused.output and "Traceback" not in refused.output
        assert isinstance(refused.exception, SystemExit)
    no_sessions = tmp_path / "no-sessions.sqlite3"
    with sqlite3.connect(no_sessions) as conn:
        conn.execute("CREATE TABLE dialogue_tools (id TEXT)")
    conn.close()
    assert "holds no sessions" in runner.invoke(args=["restore", str(no_sessions)]).output
    assert runner.invoke(args=["restore", str(good)]).exit_code == 0
