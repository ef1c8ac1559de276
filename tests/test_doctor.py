"""doctor: passes on a healthy journal; damaged pages fail with the advice to restore a backup;
a stale search index and loose permissions fail and --repair mends them."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

import pytest

from helpers import small_filesystem, snapshot


@pytest.fixture
def filled(made_once, cli, ada, db_path):
    made_once(_filled)
    os.chmod(db_path.parent, 0o700)
    return db_path


def _filled(cli):
    cli(
        "log",
        "ada",
        "--on",
        "2026-11-10 15:00",
        "--notes",
        "Roadmap talk",
        "--todo",
        "Draft (due 2026-11-20)",
    )
    cli("advice", "add", "ada", "Write first")


def checks(cli, *args, code=0) -> dict:
    result = cli("doctor", "--json", *args, code=code)
    return {f["check"]: f for f in json.loads(result.stdout)}


def test_a_healthy_journal_passes(cli, filled):
    out = cli("doctor").stdout
    for name in ("integrity", "foreign keys", "schema", "full-text index", "permissions"):
        assert f"ok    {name}:" in out
    found = checks(cli)
    assert all(f["ok"] for f in found.values())
    assert set(next(iter(found.values()))) == {"check", "ok", "detail"}
    assert found["history"]["ok"] and "changes recorded" in found["history"]["detail"]


def test_a_history_left_recording_is_found(cli, filled, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE changes SET recording = 1 WHERE id = (SELECT max(id) FROM changes)")
    conn.execute("DROP TRIGGER history_todos_insert")
    conn.commit()
    conn.close()
    result = cli("doctor", code=1)
    assert "left recording" in result.stdout and "no history triggers on todos" in result.stdout


def big_journal(path):
    """Enough rows that the file has many pages, written straight to the file."""
    conn = sqlite3.connect(path)
    mentor = conn.execute("SELECT id FROM mentors").fetchone()[0]
    conn.executemany(
        "INSERT INTO todos (uuid, created_at, updated_at, text, mentor_id) VALUES (?, ?, ?, ?, ?)",
        [(f"u{i}", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00", f"todo {i} " * 20, mentor)
         for i in range(3000)],
    )  # fmt: skip
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_damaged_pages_fail_with_the_advice_to_restore(cli, filled, db_path):
    cli("backup")
    big_journal(db_path)
    size = db_path.stat().st_size
    with db_path.open("r+b") as f:
        f.seek(size // 2 // 4096 * 4096)
        f.write(b"\xa5" * 4096 * 3)  # three pages in the middle
    result = cli("doctor", code=1)
    assert "FAIL  integrity: The file is damaged" in result.stdout
    assert (
        "mentorlog restore BACKUP" in result.stderr and "journal-backup-20261124-100000.db" in result.stderr
    )
    assert "--repair" not in result.stderr
    before = db_path.read_bytes()
    cli("doctor", "--repair", code=1)
    assert db_path.read_bytes() == before  # a damaged file is only read


def test_a_stale_index_fails_and_repair_rebuilds_it(cli, filled, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER todos_ai")
    conn.execute(
        "INSERT INTO todos (uuid, created_at, updated_at, text)"
        " VALUES ('x', '2026-01-01', '2026-01-01', 'unindexed')"
    )
    conn.execute(
        "CREATE TRIGGER todos_ai AFTER INSERT ON todos BEGIN INSERT INTO todos_fts (rowid, text, note)"
        " VALUES (new.rowid, new.text, new.note); END"
    )
    conn.commit()
    conn.close()
    found = checks(cli, code=1)
    assert not found["full-text index"]["ok"] and "todos" in found["full-text index"]["detail"]
    result = cli("doctor", code=1)
    assert "mentorlog doctor --repair" in result.stderr and "restore" not in result.stderr
    out = cli("doctor", "--repair").stdout
    assert "ok    full-text index: Rebuilt: todos." in out
    assert all(f["ok"] for f in checks(cli).values())
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT rowid FROM todos_fts WHERE todos_fts MATCH 'unindexed'").fetchall()
    conn.close()


def test_a_missing_trigger_is_made_again(cli, filled, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER meetings_au")
    conn.commit()
    conn.close()
    found = checks(cli, code=1)
    assert "meetings_au missing" in found["full-text index"]["detail"]
    cli("doctor", "--repair")
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meetings_au'").fetchone()
    conn.close()
    assert all(f["ok"] for f in checks(cli).values())


def test_loose_permissions_are_found_and_repaired(cli, filled, db_path):
    cli("backup")
    os.chmod(db_path, 0o644)
    os.chmod(db_path.parent, 0o775)  # a folder others may write into could swap the journal
    [copy] = (db_path.parent / "backups").iterdir()
    os.chmod(copy, 0o640)
    found = checks(cli, code=1)
    detail = found["permissions"]["detail"]
    assert f"{db_path} is 0644" in detail and "0775" in detail and f"{copy} is 0640" in detail
    assert "mentorlog doctor --repair" in cli("doctor", code=1).stderr
    out = cli("doctor", "--repair").stdout
    assert "Made private" in out and f"{db_path} was 0644, now 0600" in out
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o755  # the user's folder keeps its mode
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_mentorlogs_own_folder_must_be_private_but_a_users_folder_may_be_readable(cli, tmp_path):
    own = tmp_path / "data" / "mentorlog"
    cli("--db", str(own / "journal.db"), "todo", "add", "x")
    os.chmod(own, 0o755)
    assert "is 0755" in cli("--db", str(own / "journal.db"), "doctor", code=1).stdout
    cli("--db", str(own / "journal.db"), "doctor", "--repair")
    assert stat.S_IMODE(own.stat().st_mode) == 0o700
    mine = tmp_path / "projects"
    cli("--db", str(mine / "journal.db"), "todo", "add", "x")
    os.chmod(mine, 0o755)
    cli("--db", str(mine / "journal.db"), "doctor")


def test_doctor_changes_no_row(cli, filled, db_path):
    before = snapshot(db_path)
    cli("doctor")
    cli("doctor", "--repair")
    assert snapshot(db_path) == before


def test_a_newer_journal_says_upgrade(cli, filled, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    result = cli("doctor", code=1)
    assert "FAIL  schema" in result.stdout and "Upgrade mentorlog" in result.stderr


def test_not_a_journal(cli, db_path):
    db_path.write_text("hello\n" * 1000)
    result = cli("doctor", code=1)
    assert "FAIL  journal" in result.stdout and "mentorlog restore" in result.stderr
    assert db_path.read_text() == "hello\n" * 1000


def test_no_journal(cli, db_path):
    assert "no journal" in cli("doctor", code=1).stderr
    assert not db_path.exists()


def test_a_missing_history_trigger_is_re_created_by_repair(cli, filled, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER history_todos_update")
    conn.commit()
    conn.close()
    result = cli("doctor", code=1)
    assert "no history triggers on todos" in result.stdout and "--repair" in result.stderr
    assert "Re-created the history's triggers" in cli("doctor", "--repair").stdout
    cli("doctor")
    cli("todo", "add", "x")
    cli("todo", "edit", "1", "--text", "y")
    assert "Undid" in cli("undo", "--yes").stdout


def _damage(db_path, *statements):
    conn = sqlite3.connect(db_path)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def _stale_temp(db_path, name):
    temp = db_path.parent / name
    temp.write_bytes(b"SQLite format 3\0 plaintext of the journal")
    os.utime(temp, (1, 1))  # long ago: no running mentorlog owns it
    return temp


def _wal_link(db_path):
    (db_path.parent / "elsewhere").write_text("not the journal's")
    os.symlink(db_path.parent / "elsewhere", f"{db_path}-wal")


DAMAGE = {
    # repaired by --repair
    "search index dropped": lambda p: _damage(p, "DROP TABLE meetings_fts"),
    "search trigger dropped": lambda p: _damage(p, "DROP TRIGGER todos_ad"),
    "concept table dropped": lambda p: _damage(p, "DROP TABLE thanks"),
    "history tables dropped": lambda p: _damage(p, "DROP TABLE change_rows", "DROP TABLE changes"),
    "index dropped": lambda p: _damage(p, "DROP INDEX todos_by_status"),
    "a view in a table's place": lambda p: _damage(
        p, "DROP TABLE thanks", "CREATE VIEW thanks AS SELECT 1 AS id, 'x' AS text"
    ),
    "a foreign trigger": lambda p: _damage(
        p, "CREATE TRIGGER wipe AFTER INSERT ON todos BEGIN DELETE FROM advice; END"
    ),
    "a change left recording": lambda p: _damage(p, "UPDATE changes SET recording = 1"),
    "a history row undo cannot read": lambda p: _damage(p, "UPDATE change_rows SET after = 'not json'"),
    "a meeting in year 1": lambda p: _damage(p, "UPDATE meetings SET held_at = '0001-01-01T00:00:00+00:00'"),
    "a todo made in 9999": lambda p: _damage(p, "UPDATE todos SET created_at = '9999-12-31T23:59:59-12:00'"),
    "a next check-in in 9999": lambda p: _damage(
        p, "UPDATE mentors SET next_checkin = '9999-12-30T10:00:00+00:00', slot = '9999-12-30T10:00'"
    ),
    "a date that is no date": lambda p: _damage(p, "UPDATE advice SET given_on = 'soon'"),
    "a loose mode": lambda p: os.chmod(p, 0o644),
    "a -wal that is a link": _wal_link,
    "a plaintext copy left by a killed restore": lambda p: _stale_temp(p, f".{p.name}.restore-1a2b3c4d.tmp"),
    "a plaintext copy left by a killed backup": lambda p: _stale_temp(p, f".{p.name}.backup-1a2b3c4d.tmp"),
    # mended by restoring a backup
    "a column dropped": lambda p: _damage(
        p,
        *(f"DROP TRIGGER history_goals_{op}" for op in ("insert", "update", "delete")),
        "ALTER TABLE goals DROP COLUMN closed_on",
    ),
    "a reference to nothing": lambda p: _damage(
        p, "PRAGMA foreign_keys = OFF", "UPDATE todos SET mentor_id = 999"
    ),
    "not a journal any more": lambda p: p.write_text("hello\n" * 1000),
    "a version no mentorlog writes": lambda p: _damage(p, "PRAGMA user_version = -1"),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_every_finding_is_mended_by_the_step_doctor_names(cli, filled, db_path, tmp_path, damage):
    """Each damage: doctor finds it, names a step, the step works, and doctor then says all is
    well (issue 23: a repair that does not repair is worse than none)."""
    cli("thanks", "add", "ada", "Thank you")
    cli("goal", "add", "Lead", "--mentor", "ada")
    backup = tmp_path / "good.db"
    cli("backup", str(backup))
    DAMAGE[damage](db_path)
    result = cli("doctor", code=1)
    assert "FAIL" in result.stdout, result.stdout
    if "mentorlog doctor --repair" in result.stderr:
        out = cli("doctor", "--repair").stdout
        assert "FAIL" not in out, out
    else:
        assert "Restore a backup: mentorlog restore BACKUP" in result.stderr, result.stderr
        cli("restore", str(backup), "--force")
    after = cli("doctor")
    assert "FAIL" not in after.stdout, after.stdout
    cli("todo", "add", "a write works")
    cli("thanks", "add", "ada", "and so does this")
    assert "Undid" in cli("undo", "--yes").stdout
    for view in (["review", "ada"], ["remind"], ["mentor", "list"], ["meeting", "list"], ["progress"]):
        cli(*view)
    cli("export", "--format", "markdown")


def test_a_journal_that_is_a_symbolic_link_is_judged_by_its_file(cli, filled, tmp_path):
    real = tmp_path / "real" / "journal.db"
    real.parent.mkdir(mode=0o700)
    os.replace(filled, real)
    os.symlink(real, filled)
    found = checks(cli)  # not the link's own 0777
    assert found["permissions"]["ok"] and str(real) in found["permissions"]["detail"]
    os.chmod(real, 0o644)
    assert f"{real} is 0644" in checks(cli, code=1)["permissions"]["detail"]
    cli("doctor", "--repair")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    cli("doctor")


def test_repair_never_chmods_what_a_wal_link_points_to(cli, filled, db_path):
    _wal_link(db_path)
    target = db_path.parent / "elsewhere"
    os.chmod(target, 0o644)
    cli("doctor", "--repair")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 and target.read_text() == "not the journal's"
    assert not os.path.lexists(f"{db_path}-wal")


def test_on_a_read_only_journal_the_step_is_to_make_it_writable_first(cli, tmp_path, monkeypatch):
    """`doctor --repair` cannot mend a journal it may not write: the step says what will work
    (found by the hostile pass: it said 'Run: mentorlog doctor --repair' for ever)."""
    with small_filesystem(tmp_path, monkeypatch) as fs:
        cli("mentor", "add", "Ada Lovelace")
        _damage(fs.journal, "UPDATE mentors SET next_checkin = '9999-01-01T00:00:00+00:00'")
        fs.remount(readonly=True)
        result = cli("doctor", "--repair", code=1)
        assert "FAIL  dates" in result.stdout
        assert "read-only here" in result.stderr and "Run: mentorlog doctor --repair" not in result.stderr
        fs.remount(readonly=False)
        cli("doctor", "--repair")
        cli("doctor")
