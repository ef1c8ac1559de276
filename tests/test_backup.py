"""backup and restore: an online copy that restores to the same rows, plain or age-encrypted;
a restore checks the backup first, keeps the journal it replaces, and never changes anything
when the key is wrong or the file is not a whole journal."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from helpers import age_key, fill_disk, small_filesystem, snapshot
from mentorlog.journal.store.migrations import APPLICATION_ID

pyrage = pytest.importorskip("pyrage")


@pytest.fixture
def filled(made_once, cli, ada, db_path):
    made_once(_filled)
    return db_path


def _filled(cli):
    cli("log", "ada", "--on", "2026-11-10 15:00", "--notes", "Notes é", "--todo", "Draft (due 2026-11-20)")
    cli("advice", "add", "ada", "Write first")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def backups(db_path):
    return sorted((db_path.parent / "backups").iterdir())


def test_backup_to_the_default_folder_and_restore_the_same_rows(cli, filled, db_path):
    out = cli("backup").stdout
    [copy] = backups(db_path)
    assert copy.name == "journal-backup-20261124-100000.db" and f"to {copy}" in out
    assert mode(copy) == 0o600 and mode(copy.parent) == 0o700
    saved = snapshot(db_path)
    cli("todo", "add", "After the backup")
    cli("meeting", "delete", "1", "--yes")
    out = cli("restore", str(copy), "--force").stdout
    assert snapshot(db_path) == saved
    kept = db_path.parent / "backups" / "journal-before-restore-20261124-100000.db"
    assert f"kept as {kept}" in out and mode(kept) == 0o600
    assert "After the backup" in str(snapshot(kept)["todos"])  # the replaced journal is kept whole
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(".")) == []  # no temporaries


def test_a_backup_leaves_no_wal_or_shm_beside_the_journal(cli, filled, db_path):
    cli("backup")
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)] == [db_path.name]


def test_two_backups_in_the_same_second_do_not_collide(cli, filled, db_path):
    cli("backup")
    cli("backup")
    assert [p.name for p in backups(db_path)] == [
        "journal-backup-20261124-100000-2.db",
        "journal-backup-20261124-100000.db",
    ]


def test_backup_to_a_path_or_folder_never_over_a_file(cli, filled, tmp_path):
    target = tmp_path / "elsewhere" / "copy.db"
    cli("backup", str(target))
    assert mode(target) == 0o600 and snapshot(target)["todos"]
    result = cli("backup", str(target), code=2)
    assert "exists already" in result.stderr
    folder = tmp_path / "sync"
    folder.mkdir()
    cli("backup", str(folder))
    assert [p.name for p in folder.iterdir()] == ["journal-backup-20261124-100000.db"]


def test_backup_without_a_journal_says_so(cli, db_path):
    assert "no journal" in cli("backup", code=1).stderr
    assert not db_path.exists()


def test_restore_refuses_to_replace_without_force_when_not_asked(cli, filled, db_path):
    cli("backup")
    [copy] = backups(db_path)
    cli("todo", "add", "Keep me")
    before = snapshot(db_path)
    result = cli("restore", str(copy), code=2)
    assert "--force" in result.stderr and snapshot(db_path) == before
    assert backups(db_path) == [copy]  # nothing kept either: nothing happened


def test_restore_asks_on_a_terminal(cli, filled, db_path, monkeypatch):
    cli("backup")
    [copy] = backups(db_path)
    cli("todo", "add", "Keep me")
    before = snapshot(db_path)
    import mentorlog.cli.backups as backups_cli
    import mentorlog.cli.common as common

    monkeypatch.setattr(backups_cli, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    result = cli("restore", str(copy), input="n\n", code=1)
    assert "Not restored." in result.stderr
    assert "Replace the journal" in result.stdout and snapshot(db_path) == before
    cli("restore", str(copy), input="y\n")
    assert "Keep me" not in str(snapshot(db_path)["todos"])


def test_restore_into_a_missing_journal(cli, filled, db_path, tmp_path):
    cli("backup")
    [copy] = backups(db_path)
    saved = snapshot(db_path)
    new = tmp_path / "new" / "journal.db"
    cli("--db", str(new), "restore", str(copy))
    assert snapshot(new) == saved and mode(new) == 0o600


def test_a_reader_with_the_journal_open_sees_the_restored_rows(cli, filled, db_path):
    cli("backup")
    [copy] = backups(db_path)
    cli("todo", "add", "Gone after the restore")
    reader = sqlite3.connect(db_path)  # another program holding the journal open
    try:
        assert reader.execute("SELECT count(*) FROM todos").fetchone()[0] == 2
        cli("restore", str(copy), "--force")
        assert reader.execute("SELECT count(*) FROM todos").fetchone()[0] == 1
    finally:
        reader.close()
    assert cli("todo", "add", "Written after").stdout.startswith("Added todo 2")


SHAPES = {  # a backup with mentorlog's marker whose schema is not whole (issue 23)
    "marker only": ["DROP TABLE IF EXISTS {t}"],
    "no history": ["DROP TABLE change_rows", "DROP TABLE changes"],
    "no thanks": ["DROP TABLE thanks"],
    "a column less": [
        *(f"DROP TRIGGER history_goals_{op}" for op in ("insert", "update", "delete")),
        "ALTER TABLE goals DROP COLUMN closed_on",
    ],
    "a trigger of its own": ["CREATE TRIGGER wipe AFTER INSERT ON todos BEGIN DELETE FROM meetings; END"],
    "no index": ["DROP INDEX todos_by_status"],
}


@pytest.mark.parametrize("kind", ["text", "sqlite", "newer", "negative", "damaged", *SHAPES])
def test_restore_refuses_what_is_not_a_whole_journal(cli, filled, db_path, tmp_path, kind):
    bad = tmp_path / "bad.db"
    if kind in SHAPES:
        cli("backup", str(bad))
        conn = sqlite3.connect(bad, isolation_level=None)
        statements = SHAPES[kind]
        if kind == "marker only":  # every table gone, the marker and the version kept
            conn.execute("PRAGMA writable_schema = OFF")
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite%' AND name NOT LIKE '%!_fts!_%' ESCAPE '!'"
                )
            ]
            statements = [statements[0].format(t=n) for n in names]
        for sql in statements:
            conn.execute(sql)
        conn.execute("VACUUM")
        conn.close()
        if kind == "marker only":
            check = sqlite3.connect(bad)
            assert (
                check.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                ).fetchone()[0]
                == 0
            )
            check.close()
    elif kind == "text":
        bad.write_text("not a database\n" * 100)
    elif kind == "sqlite":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    else:
        cli("backup", str(bad))
        conn = sqlite3.connect(bad)
        if kind == "newer":
            conn.execute("PRAGMA user_version = 99")
        if kind == "negative":  # no mentorlog writes one (found by the hostile pass)
            conn.execute("PRAGMA user_version = -1")
        conn.commit()
        conn.close()
        if kind == "damaged":
            raw = bytearray(bad.read_bytes())
            for page in range(1, len(raw) // 4096):  # every page header but the first's
                raw[page * 4096 : page * 4096 + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"
            bad.write_bytes(bytes(raw))
    before = snapshot(db_path)
    bad_bytes = bad.read_bytes()
    result = cli("restore", str(bad), "--force", code=1)
    assert "nothing was changed" in result.stderr
    assert snapshot(db_path) == before and bad.read_bytes() == bad_bytes
    assert not (db_path.parent / "backups").exists()
    assert not list(tmp_path.glob("bad.db-*"))  # no -wal/-shm left beside the backup


def test_restore_refuses_the_journal_itself(cli, filled, db_path):
    assert "the journal itself" in cli("restore", str(db_path), "--force", code=2).stderr


def test_restore_of_a_missing_file(cli, filled, tmp_path):
    assert "There is no file" in cli("restore", str(tmp_path / "nope.db"), code=1).stderr


# --- encrypted ------------------------------------------------------------------------------


def test_encrypted_backup_round_trip_with_an_identity(cli, filled, db_path, tmp_path):
    key, public = age_key(tmp_path)
    out = cli("backup", "--encrypt-to", public).stdout
    [sealed] = backups(db_path)
    assert sealed.name.endswith(".db.age") and "encrypted" in out and mode(sealed) == 0o600
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(".")] == []  # plain copy gone
    saved = snapshot(db_path)
    cli("todo", "add", "After")
    assert "--identity" in cli("restore", str(sealed), "--force", code=1).stderr
    cli("restore", str(sealed), "--force", "--identity", str(key))
    assert snapshot(db_path) == saved


def test_a_wrong_key_restores_nothing(cli, filled, db_path, tmp_path):
    _, public = age_key(tmp_path)
    wrong, _ = age_key(tmp_path, "wrong.txt")
    cli("backup", "--encrypt-to", public)
    [sealed] = backups(db_path)
    cli("todo", "add", "After")
    before = snapshot(db_path)
    result = cli("restore", str(sealed), "--force", "--identity", str(wrong), code=1)
    assert "could not be decrypted" in result.stderr and snapshot(db_path) == before
    assert backups(db_path) == [sealed]


def test_passphrase_backup_round_trip(cli, filled, db_path, monkeypatch):
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse")
    cli("backup", "--passphrase")
    [sealed] = backups(db_path)
    saved = snapshot(db_path)
    cli("todo", "add", "After")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "wrong horse")
    assert "could not be decrypted" in cli("restore", str(sealed), "--force", code=1).stderr
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse")
    cli("restore", str(sealed), "--force")
    assert snapshot(db_path) == saved


def test_an_encrypted_backup_that_is_not_a_journal_is_refused(cli, filled, db_path, tmp_path):
    key, public = age_key(tmp_path)
    sealed = tmp_path / "fake.age"
    sealed.write_bytes(pyrage.encrypt(b"hello", [pyrage.x25519.Recipient.from_str(public)]))
    before = snapshot(db_path)
    result = cli("restore", str(sealed), "--force", "--identity", str(key), code=1)
    assert "not a whole mentorlog journal" in result.stderr and snapshot(db_path) == before


def test_the_backup_is_marked_as_a_journal(cli, filled, tmp_path):
    target = tmp_path / "copy.db"
    cli("backup", str(target))
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()


@pytest.mark.parametrize("encrypted", [False, True])
def test_a_full_disk_under_the_backup_is_named_as_such(
    cli, filled, db_path, tmp_path, monkeypatch, encrypted
):
    """Not 'The journal could not be used' (issue 23): the journal is fine, the backup's disk
    is full; nothing is left there."""
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse battery staple")
    with small_filesystem(tmp_path, monkeypatch, size="256k") as fs:
        monkeypatch.setenv("MENTORLOG_DB", str(db_path))  # the journal stays where it is
        fill_disk(fs.folder)
        before = set(fs.folder.iterdir())
        target = fs.folder / "b.db"
        result = cli("backup", str(target), *(["--passphrase"] if encrypted else []), code=1)
        assert "full" in result.stderr and str(fs.folder) in result.stderr, result.stderr
        assert "journal could not be used" not in result.stderr and "damaged" not in result.stderr
        assert set(fs.folder.iterdir()) == before
        assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]
