"""The journal file: creation, permissions, pragmas, refusals, locking (SPEC §5)."""

from __future__ import annotations

import sqlite3
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import run_process, snapshot
from mentorlog.journal.store import db as journal_db


def test_reads_never_create_the_journal(cli, db_path):
    for args in (
        ["mentor", "list"],
        ["todo", "list"],
        ["advice", "list"],
        ["meeting", "list"],
        ["goal", "list"],
    ):
        result = cli(*args, code=1)
        assert "no journal" in result.stderr and str(db_path) in result.stderr
    assert not db_path.exists()


@pytest.mark.real_creation  # a user's first run makes its journal from blank.sql
def test_first_write_creates_private_folder_and_file(cli, tmp_path, monkeypatch):
    path = tmp_path / "new" / "deeper" / "journal.db"
    monkeypatch.setenv("MENTORLOG_DB", str(path))
    cli("todo", "add", "Something")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_wal_and_shm_files_are_private_while_open(cli, db_path):
    from mentorlog.journal.store.db import open_journal

    cli("todo", "add", "Something")
    with open_journal(db_path, write=True) as conn:
        conn.execute("UPDATE todos SET text = 'changed'")
        sidecars = sorted(p.name for p in db_path.parent.glob("journal.db-*"))
        assert sidecars == ["journal.db-shm", "journal.db-wal"]
        for name in sidecars:
            assert stat.S_IMODE((db_path.parent / name).stat().st_mode) == 0o600


def test_a_new_migration_runs_after_a_backup(cli, db_path):
    from mentorlog.journal.store.db import open_journal
    from mentorlog.journal.store.migrations import MIGRATIONS

    cli("todo", "add", "Keep me")

    def m999_test(db):
        # A trigger body holds ';' inside BEGIN … END: the runner must not split it.
        db.executescript(
            """
            ALTER TABLE todos ADD COLUMN colour TEXT;
            CREATE TRIGGER todos_colour AFTER INSERT ON todos BEGIN
                UPDATE todos SET colour = 'blue' WHERE id = new.id;
                UPDATE todos SET colour = colour || '!' WHERE id = new.id;
            END;
            """
        )

    migrations = [*MIGRATIONS, m999_test]
    with open_journal(db_path, write=True, migrations=migrations) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(todos)")}
        assert "colour" in columns
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations)
        conn.execute("INSERT INTO todos (uuid, created_at, updated_at, text) VALUES ('u', 'x', 'x', 't')")
        assert conn.execute("SELECT colour FROM todos WHERE uuid = 'u'").fetchone()[0] == "blue!"
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert names == [m.__name__ for m in migrations]
    [backup] = (db_path.parent / "backups").iterdir()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    old = sqlite3.connect(backup)
    assert old.execute("SELECT text FROM todos").fetchall() == [("Keep me",)]
    assert "colour" not in {r[1] for r in old.execute("PRAGMA table_info(todos)")}


def test_a_failing_migration_changes_nothing(cli, db_path):
    from mentorlog.journal.store.db import open_journal
    from mentorlog.journal.store.migrations import MIGRATIONS

    cli("todo", "add", "Keep me")
    before = snapshot(db_path)

    def m999_broken(db):
        db.execute("ALTER TABLE todos ADD COLUMN colour TEXT")
        raise RuntimeError("half-way")

    with (
        pytest.raises(RuntimeError),
        open_journal(db_path, write=True, migrations=[*MIGRATIONS, m999_broken]),
    ):
        pass
    assert snapshot(db_path) == before
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_db_option_beats_environment(cli, tmp_path, db_path):
    other = tmp_path / "other.db"
    cli("--db", str(other), "todo", "add", "Here")
    assert other.exists() and not db_path.exists()


def test_pragmas_and_schema(cli, db_path):
    cli("todo", "add", "x")
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == journal_db.SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == journal_db.APPLICATION_ID
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "mentors",
        "meetings",
        "todos",
        "advice",
        "applications",
        "topics",
        "thanks",
        "goals",
        "reviews",
    } <= tables
    for table in (
        "mentors",
        "meetings",
        "todos",
        "advice",
        "applications",
        "topics",
        "thanks",
        "goals",
        "reviews",
    ):
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        assert {"id", "uuid", "created_at", "updated_at"} <= columns, table
    row = conn.execute("SELECT uuid, created_at, updated_at FROM todos").fetchone()
    assert len(row[0]) == 36 and row[1] == row[2]
    from mentorlog.journal.store.migrations import MIGRATIONS

    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names[0] == "m001_initial" and names == [m.__name__ for m in MIGRATIONS]


def test_not_a_journal_is_refused_and_untouched(cli, db_path):
    db_path.write_bytes(b"this is my shopping list\n" * 100)
    before = db_path.read_bytes()
    result = cli("todo", "add", "x", code=1)
    assert "not a mentorlog journal" in result.stderr and str(db_path) in result.stderr
    assert "Traceback" not in result.output
    assert db_path.read_bytes() == before


def test_a_device_pipe_or_folder_is_never_taken_for_a_journal(cli, tmp_path, monkeypatch):
    """--db /dev/null once made a "new journal" of the device (chmod 0600) and restore renamed
    a backup over it; a FIFO stands in for the device here."""
    import os

    cli("mentor", "add", "Ada Lovelace")
    cli("backup")
    (backup,) = tmp_path.rglob("journal-backup-*.db")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo, 0o644)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target, kind in ((fifo, "not a regular file"), (folder, "a folder")):
        monkeypatch.setenv("MENTORLOG_DB", str(target))
        commands = (
            ["mentor", "add", "Grace"],
            ["todo", "list"],
            ["restore", str(backup), "--force"],
            ["doctor"],
        )
        for args in commands:
            result = cli(*args, code=1)
            assert f"{target} is {kind}, not a journal file" in result.stderr, args
            assert "Traceback" not in result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_IMODE(fifo.stat().st_mode) == 0o644
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_foreign_sqlite_database_is_refused(cli, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    result = cli("mentor", "add", "Ada", code=1)
    assert "not a mentorlog journal" in result.stderr
    assert db_path.read_bytes() == before


def test_newer_journal_is_refused_for_writing(cli, db_path):
    cli("mentor", "add", "Ada Lovelace")
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version={journal_db.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = snapshot(db_path)
    result = cli("todo", "add", "x", code=1)
    assert "newer mentorlog" in result.stderr
    assert snapshot(db_path) == before
    assert "ada" in cli("mentor", "list").stdout  # reading still works


def test_locked_journal_fails_cleanly(cli, db_path, monkeypatch):
    cli("mentor", "add", "Ada Lovelace")
    cli("config", "lock.wait", "0.2")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = cli("todo", "add", "x", code=1)
    finally:
        holder.rollback()
        holder.close()
    assert "locked" in result.stderr and str(db_path) in result.stderr
    assert cli("todo", "list", "--json").stdout.strip() == "[]"


def test_concurrent_writers_lose_nothing(cli, db_path):
    import subprocess
    import sys

    cli("mentor", "add", "Ada Lovelace")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "mentorlog", "todo", "add", f"t{i}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i in range(8)
    ]
    for p in procs:
        assert p.wait(timeout=60) == 0, p.stderr.read()
    import json

    assert len(json.loads(cli("todo", "list", "--json").stdout)) == 8


def test_migration_from_blank_records_version(tmp_path):
    from mentorlog.journal.store.db import open_journal

    path = tmp_path / "fresh.db"
    with open_journal(path, write=True, create=True) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == journal_db.SCHEMA_VERSION
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_debug_shows_traceback(db_path):
    db_path.write_text("junk" * 500)
    quiet = run_process("todo", "list")
    assert quiet.returncode == 1 and "Traceback" not in quiet.stderr
    loud = run_process("todo", "list", env={"MENTORLOG_DEBUG": "1"})
    assert "Traceback" in loud.stderr


def test_uuids_are_random_version_4(cli, db_path):
    import uuid

    cli("todo", "add", "a")
    cli("todo", "add", "b")
    conn = sqlite3.connect(db_path)
    ids = [r[0] for r in conn.execute("SELECT uuid FROM todos")]
    assert len(set(ids)) == 2
    assert all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in ids)


_FRAGMENTS = [
    "CREATE TABLE t (a)",
    ";",
    "'",
    "';'",
    "--",
    " -- a; comment\n",
    "\n",
    " ",
    "x",
    "BEGIN",
    "END",
    "/*",
    "*/",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map("".join))
def test_migration_scripts_split_into_the_statements_sqlite_utils_finds(sql):
    """The one-pass splitter the migrations run with finds the statements sqlite-utils' own
    does (comments, strings and trigger bodies included), ignoring empty ones."""
    from sqlite_utils.db import _iter_complete_sql_statements

    from mentorlog.journal.store.schema import statements

    theirs = [s for s in _iter_complete_sql_statements(sql) if s.strip(";").strip()]
    assert list(statements(sql)) == theirs


def test_a_new_journal_has_the_schema_sqlite_utils_makes(tmp_path):
    """Made with the one-pass splitter, a new journal holds exactly what the migrations make
    through sqlite-utils' own ``Database``."""
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

    from mentorlog.journal.store import migrations, schema

    ours = schema.reference()
    theirs = sqlite3.connect(":memory:", isolation_level=None)
    theirs.execute("BEGIN")
    runner = Migrations("mentorlog")
    for migration in migrations.MIGRATIONS:
        runner()(migration)
    db = sqlite_utils.Database(theirs)
    runner.apply(db)
    schema.rebuild_derived(db)
    theirs.commit()
    query = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    assert ours.execute(query).fetchall() == theirs.execute(query).fetchall()


def _everything(conn: sqlite3.Connection) -> tuple:
    """A journal's schema, rows (each migration's, without the time it was applied) and header."""
    schema_rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
    schema_rows = schema_rows.fetchall()
    tables = [r[1] for r in schema_rows if r[0] == "table"]
    rows = {}
    for table in tables:
        picked = "id, migration_set, name" if table == "_sqlite_migrations" else "*"
        rows[table] = sorted(conn.execute(f'SELECT {picked} FROM "{table}"').fetchall(), key=repr)
    header = [conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("application_id", "user_version")]
    return schema_rows, rows, header


def test_blank_sql_is_what_the_migrations_make():
    """A new journal is made from blank.sql; it must be exactly what the shipped migrations and
    today's registry make (after adding a migration: python -m mentorlog.journal.store.blank)."""
    from mentorlog.journal.store import blank, migrations, schema

    made = blank.script_of(schema.reference(), migrations.MIGRATIONS)
    assert blank.SCRIPT.read_text(encoding="utf-8") == made, (
        "blank.sql is out of date: run python -m mentorlog.journal.store.blank"
    )
    assert blank.script(migrations.MIGRATIONS) is not None
    assert blank.script(migrations.MIGRATIONS[:-1]) is None


def test_blank_sql_is_not_used_for_another_registry_or_when_damaged(tmp_path, monkeypatch):
    """A concept added without a migration changes the derived state, and a file cut short or
    edited no longer matches its digest: either way the migrations make the journal."""
    from mentorlog.journal import concepts
    from mentorlog.journal.store import blank, migrations

    shipped = migrations.MIGRATIONS
    extra = concepts.register(concepts.Concept("pebble", "pebbles", section="Pebbles"))
    try:
        assert blank.script(shipped) is None
    finally:
        concepts.unregister(extra)
    whole = blank.SCRIPT.read_text(encoding="utf-8")
    for damaged in (whole[: len(whole) // 2], whole.replace("CREATE INDEX", "CREATE  INDEX", 1)):
        copy = tmp_path / "blank.sql"
        copy.write_text(damaged, encoding="utf-8")
        monkeypatch.setattr(blank, "SCRIPT", copy)
        assert blank.script(shipped) is None
    copy.write_bytes(whole.replace("\n", "\r\n").encode("utf-8"))  # a checkout with CRLF
    assert blank.script(shipped) is not None


def test_a_marked_journal_at_version_0_with_tables_is_migrated_not_made_again(db_path):
    """A file another tool reset to version 0 still has its tables: sqlite-utils skips the
    migrations it recorded, as before blank.sql; making it again would fail on them."""
    with journal_db.open_journal(db_path, write=True, create=True) as conn:
        conn.execute(
            "INSERT INTO mentors (uuid, created_at, updated_at, handle, name) "
            "VALUES ('u', 'x', 'x', 'ada', 'Ada')"
        )
    reset = sqlite3.connect(db_path)
    reset.execute("PRAGMA user_version = 0")
    reset.commit()
    reset.close()
    with journal_db.open_journal(db_path, write=True) as conn:
        assert conn.execute("SELECT handle FROM mentors").fetchall()[0][0] == "ada"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == journal_db.SCHEMA_VERSION


@pytest.mark.real_creation
def test_a_journal_made_from_blank_sql_holds_what_a_migrated_one_holds(cli, db_path):
    from mentorlog.journal.store import schema

    with journal_db.open_journal(db_path, write=True, create=True):
        pass  # what a first write does before it writes
    assert _everything(sqlite3.connect(db_path)) == _everything(schema.reference())
    assert "FAIL" not in cli("doctor").stdout
    cli("todo", "add", "A first todo")
    assert "A first todo" in cli("todo", "list").stdout


def test_a_new_journal_is_made_without_sqlite_utils(db_path):
    """Creating a journal costs a first write neither sqlite-utils' import (150 ms) nor its
    memory (SPEC §7: an import into a new journal stays within 40 MiB)."""
    import subprocess
    import sys

    probe = (
        "import sys; from pathlib import Path; from mentorlog.journal.store.db import open_journal\n"
        f"with open_journal(Path({str(db_path)!r}), write=True, create=True): pass\n"
        "print('sqlite_utils' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == journal_db.SCHEMA_VERSION
