"""``doctor``: is the journal whole, and can what is wrong be mended?

Each check gives a ``Finding`` (its name, whether it passed, what it saw, and the next step when
it did not): the file is a mentorlog journal; SQLite's ``integrity_check`` and
``foreign_key_check``; the schema version; each full-text index against its table (FTS5's
``integrity-check``) with its three triggers; the history, when the journal has one; and the
modes of the journal, its -wal/-shm, its folder and ``backups/``. Damage to the file itself
cannot be mended here, and the next step is to restore a backup; a stale full-text index (it is
derived data) is rebuilt and loose modes are tightened by ``repair``. The journal is opened
directly rather than through ``db.open_journal``, so that a damaged or too-new journal can still
be examined and no migration runs.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

from mentorlog.journal.backup import backups_dir
from mentorlog.journal.concepts import fts_config
from mentorlog.journal.schema import APPLICATION_ID, SCHEMA_VERSION
from mentorlog.record import Record

RESTORE = "restore"
REPAIR = "repair"
UPGRADE = "upgrade"


class Finding(Record):
    check: str
    ok: bool
    detail: str
    fix: str | None = None  # RESTORE, REPAIR or UPGRADE when not ok
    repaired: bool = False

    def to_json(self) -> dict:
        return {"check": self.check, "ok": self.ok, "detail": self.detail}


def _connect(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A connection and whether it may write (a read-only journal is still examined)."""
    from mentorlog.journal.db import open_for_reading

    writable = os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)
    if writable:
        old_umask = os.umask(0o077)  # a -wal or -shm SQLite makes stays private
        try:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None, timeout=5.0
            )
            conn.execute("PRAGMA application_id")
            return conn, True
        except sqlite3.OperationalError:  # a read-only file system, a full disk: examined read-only
            pass
        finally:
            os.umask(old_umask)
    return open_for_reading(path), False


def examine(path: Path, *, repair: bool = False, tick: Callable[[], None] | None = None) -> list[Finding]:
    """Every finding about the journal at ``path`` (which must exist), repairing what ``repair``
    allows; ``tick`` is called after each check, for a progress bar."""
    tick = tick or (lambda: None)
    try:
        conn, writable = _connect(path)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as e:
        return [Finding("journal", False, f"{path} cannot be read as a database ({e}).", RESTORE)]
    try:
        if app_id != APPLICATION_ID:
            return [
                Finding(
                    "journal", False, f"{path} is not a mentorlog journal (no mentorlog marker).", RESTORE
                )
            ]
        findings = [Finding("journal", True, f"{path} is a mentorlog journal.")]
        tick()
        whole = _integrity(conn)
        findings.append(whole)
        tick()
        findings.append(_foreign_keys(conn))
        tick()
        findings.append(_schema(conn))
        tick()
        if whole.ok:
            findings.append(_full_text(conn, writable, repair=repair))
            tick()
            history = _history(conn, writable, repair=repair)
            if history is not None:
                findings.append(history)
            clashes = _sync_clashes(conn)
            if clashes is not None:
                findings.append(clashes)
        else:  # a damaged file is only read: rebuilding an index there could spread the damage
            findings.append(Finding("full-text index", False, "Not checked: the file is damaged.", RESTORE))
        tick()
    finally:
        conn.close()
    findings.append(_permissions(path, repair=repair))
    tick()
    return findings


CHECKS = 6  # the ticks ``examine`` gives


def _integrity(conn: sqlite3.Connection) -> Finding:
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(10)")]
    except sqlite3.DatabaseError as e:
        problems = [str(e)]
    if problems == ["ok"]:
        return Finding("integrity", True, "SQLite finds the file whole.")
    shown = "; ".join(p.replace("\n", " ") for p in problems[:3])
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return Finding("integrity", False, f"The file is damaged: {shown}{more}.", RESTORE)


def _foreign_keys(conn: sqlite3.Connection) -> Finding:
    try:
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as e:
        return Finding("foreign keys", False, f"The references could not be checked ({e}).", RESTORE)
    if not problems:
        return Finding("foreign keys", True, "Every reference points to a row that exists.")
    shown = ", ".join(f"{table} {rowid} → {parent}" for table, rowid, parent, _ in problems[:5])
    return Finding(
        "foreign keys", False, f"{len(problems)} rows refer to rows that do not exist: {shown}.", RESTORE
    )


def _schema(conn: sqlite3.Connection) -> Finding:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return Finding("schema", True, f"Version {version}, this mentorlog's.")
    if version < SCHEMA_VERSION:
        return Finding(
            "schema", True, f"Version {version}; the next command that writes brings it to {SCHEMA_VERSION}."
        )
    return Finding(
        "schema",
        False,
        f"Version {version}, from a newer mentorlog (this one knows {SCHEMA_VERSION}).",
        UPGRADE,
    )


def _fts_problem(conn: sqlite3.Connection, table: str, names: set[str]) -> str | None:
    fts = f"{table}_fts"
    if table not in names:
        return None  # an older schema without this table
    missing = [n for n in (fts, f"{table}_ai", f"{table}_ad", f"{table}_au") if n not in names]
    if missing:
        return f"{table}: {', '.join(missing)} missing"
    conn.execute("SAVEPOINT doctor")
    try:
        conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES('integrity-check', 1)")
        return None
    except sqlite3.DatabaseError:
        return f"{table}: the index does not match the table"
    finally:
        conn.execute("ROLLBACK TO doctor")
        conn.execute("RELEASE doctor")


def _full_text(conn: sqlite3.Connection, writable: bool, *, repair: bool) -> Finding:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < 2:
        return Finding("full-text index", True, "Not there yet; the next command that writes adds it.")
    if not writable:
        return Finding("full-text index", True, "Not checked: the journal is read-only here.")
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        problems = [p for t in fts_config() if (p := _fts_problem(conn, t, names))]
    except sqlite3.DatabaseError as e:
        return Finding("full-text index", False, f"The index could not be checked ({e}).", RESTORE)
    if not problems:
        return Finding("full-text index", True, f"The search index matches all {len(fts_config())} tables.")
    if not repair:
        return Finding("full-text index", False, "; ".join(problems) + ".", REPAIR)
    rebuild_full_text(conn, [p.split(":", 1)[0] for p in problems], names)
    return Finding(
        "full-text index",
        True,
        "Rebuilt: " + ", ".join(p.split(":", 1)[0] for p in problems) + ".",
        repaired=True,
    )


def rebuild_full_text(conn: sqlite3.Connection, tables: list[str], names: set[str]) -> None:
    """Rebuild the index of ``tables`` from their rows, in one transaction; a missing index or
    trigger is made again the way the migration made it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if any(f"{t}_{s}" not in names for t in tables for s in ("fts", "ai", "ad", "au")):
            from sqlite_utils import Database

            from mentorlog.journal.search import enable_search

            enable_search(Database(conn))
        for table in tables:
            conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES('rebuild')")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _history(conn: sqlite3.Connection, writable: bool, *, repair: bool) -> Finding | None:
    """The history's own check (``journal.history.check``: a list of problems). Missing
    triggers are what ``--repair`` can mend (re-created from the tables); the rest needs a backup.
    None when the journal keeps no history."""
    from mentorlog.journal import history

    if (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'changes'").fetchone()
        is None
    ):
        return None
    try:
        problems = history.check(conn)
        count = conn.execute("SELECT count(*) FROM changes").fetchone()[0]
    except sqlite3.DatabaseError as e:
        return Finding("history", False, f"The history cannot be read ({e}).", RESTORE)
    triggers = [p for p in problems if p.startswith("no history triggers")]
    if triggers and repair and writable:
        conn.execute("BEGIN IMMEDIATE")
        history.install_triggers(conn)
        conn.execute("COMMIT")
        problems = history.check(conn)
        if not problems:
            return Finding("history", True, "Re-created the history's triggers.", repaired=True)
    if problems:
        next_step = REPAIR if problems == triggers else RESTORE
        return Finding("history", False, "; ".join(problems) + ".", next_step)
    what = "1 change" if count == 1 else f"{count} changes"
    return Finding("history", True, f"{what} recorded, readable.")


def _sync_clashes(conn: sqlite3.Connection) -> Finding | None:
    """Texts a sync merged with lines that clash (both kept between markers): listed until
    someone edits them, so none is forgotten."""
    from mentorlog.journal.sync import conflicts

    found = conflicts(conn)
    if not found:
        return None
    shown = ", ".join(f"{concept} {row_id} ({column})" for concept, row_id, column in found[:10])
    more = f" and {len(found) - 10} more" if len(found) > 10 else ""
    return Finding(
        "sync clashes",
        False,
        f"Lines that clash between two machines are kept between markers in {shown}{more};"
        " edit them to resolve.",
    )


def _loose(path: Path, want: int) -> int | None:
    """The mode of ``path`` when it grants more than ``want`` allows, else None."""
    try:
        mode = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        return None
    return mode if mode & ~want & 0o777 else None


def _permissions(path: Path, *, repair: bool) -> Finding:
    wanted: list[tuple[Path, int]] = [(path, 0o600)]
    wanted += [(Path(f"{path}{s}"), 0o600) for s in ("-wal", "-shm")]
    folder = path.resolve().parent
    # mentorlog's own data folder is private; a folder the user chose (their home, a projects
    # folder) keeps its mode, as long as nobody else can write into it and swap the journal.
    own = folder.name == "mentorlog"
    wanted.append((folder, 0o700 if own else 0o755))
    backups = backups_dir(path)
    if backups.is_dir() and not backups.is_symlink():
        wanted.append((backups, 0o700))
        wanted += [(p, 0o600) for p in sorted(backups.iterdir()) if p.is_file() and not p.is_symlink()]
    loose = [(p, mode, want) for p, want in wanted if (mode := _loose(p, want)) is not None]
    if not loose:
        return Finding("permissions", True, "The journal and its backups are private (0600).")
    shown = ", ".join(f"{p} is {mode:04o}" for p, mode, _ in loose[:4])
    done = ", ".join(f"{p} was {mode:04o}, now {mode & want:04o}" for p, mode, want in loose[:4])
    more = f" (and {len(loose) - 4} more)" if len(loose) > 4 else ""
    if not repair:
        return Finding("permissions", False, f"Others may use: {shown}{more}.", REPAIR)
    failed = []
    for p, mode, want in loose:
        try:
            os.chmod(p, mode & want)
        except OSError as e:
            failed.append(f"{p} ({e.strerror})")
    if failed:
        return Finding("permissions", False, f"Could not make private: {', '.join(failed)}.", None)
    return Finding("permissions", True, f"Made private: {done}{more}.", repaired=True)
