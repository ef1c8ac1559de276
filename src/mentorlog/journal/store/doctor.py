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

from mentorlog.core.errors import Suggest
from mentorlog.core.record import Record
from mentorlog.journal.concepts import fts_config
from mentorlog.journal.store.backup import backups_dir
from mentorlog.journal.store.migrations import APPLICATION_ID, SCHEMA_VERSION

RESTORE = "restore"
REPAIR = "repair"
UPGRADE = "upgrade"


class Finding(Record):
    check: str
    ok: bool
    detail: str
    fix: str | None = None  # RESTORE, REPAIR or UPGRADE when not ok
    repaired: bool = False
    hint_step: Suggest | None = None  # the step to take by hand, when it is none of those

    def to_json(self) -> dict:
        return {"check": self.check, "ok": self.ok, "detail": self.detail}


def _connect(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A connection and whether it may write (a read-only journal is still examined)."""
    from mentorlog.journal.store.db import open_for_reading

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
    # Before SQLite opens the journal: on closing, it removes a -wal, even one that is a link.
    permissions = _permissions(path, repair=repair)
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
            # The tables first: the search index and the history hang on them.
            findings.append(_shape(conn, writable, repair=repair))
            findings.append(_full_text(conn, writable, repair=repair))
            tick()
            history = _history(conn, writable, repair=repair)
            if history is not None:
                findings.append(history)
            clashes = _sync_clashes(conn)
            if clashes is not None:
                findings.append(clashes)
            findings.append(_dates(conn, writable, repair=repair))
        else:  # a damaged file is only read: rebuilding an index there could spread the damage
            findings.append(Finding("full-text index", False, "Not checked: the file is damaged.", RESTORE))
        tick()
    finally:
        conn.close()
    findings.append(permissions)
    findings.append(_leftovers(path, repair=repair))
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
    if version < 0:
        return Finding("schema", False, f"Version {version}, which no mentorlog writes.", RESTORE)
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
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        # A table that is missing (or a view in its place) is the tables check's to mend first.
        problems = [p for t in fts_config() if t in tables and (p := _fts_problem(conn, t, names))]
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
    """Rebuild the index of ``tables`` from their rows, in one transaction. A table whose index
    or triggers are not all there has what is left of them dropped first (its triggers outlive a
    dropped index, and would clash with the ones made again), then made again the way the
    migration made them."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        broken = [t for t in tables if any(f"{t}_{s}" not in names for s in ("fts", "ai", "ad", "au"))]
        if broken:
            from sqlite_utils import Database

            from mentorlog.journal.store.searchindex import TOKENIZE

            db = Database(conn)
            for table in broken:
                for suffix in ("ai", "ad", "au"):
                    conn.execute(f'DROP TRIGGER IF EXISTS "{table}_{suffix}"')
                conn.execute(f'DROP TABLE IF EXISTS "{table}_fts"')
                for shadow in ("data", "idx", "docsize", "config", "content"):  # left by a DROP of the index
                    conn.execute(f'DROP TABLE IF EXISTS "{table}_fts_{shadow}"')
                db[table].enable_fts(
                    fts_config()[table], create_triggers=True, tokenize=TOKENIZE, replace=True
                )
        for table in tables:
            conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES('rebuild')")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


READ_ONLY_STEP = Suggest("doctor_read_only")


def _mendable(check: str, detail: str, writable: bool) -> Finding:
    """A finding ``--repair`` mends, where it can write; else the step that makes it able to."""
    if writable:
        return Finding(check, False, detail, REPAIR)
    return Finding(check, False, detail, None, hint_step=READ_ONLY_STEP)


def _fts_names(table: str) -> set[str]:
    parts = ("fts", "fts_data", "fts_idx", "fts_docsize", "fts_config", "ai", "ad", "au")
    return {f"{table}_{p}" for p in parts}


def _shape(conn: sqlite3.Connection, writable: bool, *, repair: bool) -> Finding:
    """The tables, columns, indexes and triggers against a new journal of the same version
    (``schema.gaps``). The search index and the history triggers are the next two checks';
    a missing table or index is made again (a table empty: its rows went with it), a trigger
    mentorlog did not make is dropped; a table that lacks a column needs a backup."""
    from mentorlog.journal.store import schema

    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION or version <= 0:
        return Finding("tables", True, "Not checked: " + ("a newer schema." if version > 0 else "no schema."))
    model = schema.reference(version)
    owned = set().union(*(_fts_names(t) for t in fts_config()))
    found = [
        g
        for g in schema.gaps(conn, version, model)
        if g.kind != "missing" or not (g.name in owned or g.name.startswith("history_"))
    ]
    if not found:
        return Finding(
            "tables", True, "Every table, column, index and trigger is there, and no other trigger."
        )
    shown = "; ".join(g.words() for g in found[:4]) + (
        f" (and {len(found) - 4} more)" if len(found) > 4 else ""
    )
    lost = [g.name for g in found if g.kind == "missing" and g.type == "table"]
    if lost:
        shown += f". The rows of {', '.join(lost)} are gone: restore a backup to get them back"
    if any(g.kind == "columns" for g in found):
        return Finding("tables", False, shown + ".", RESTORE)
    if not (repair and writable):
        return _mendable("tables", shown + ".", writable)
    sql = {name: text for name, (_, _, text) in schema.objects(model).items()}
    conn.execute("BEGIN IMMEDIATE")
    try:
        for g in found:
            if g.kind == "foreign":
                conn.execute(f'DROP {g.type.upper()} IF EXISTS "{g.name.replace(chr(34), chr(34) * 2)}"')
        for kind in ("table", "index", "trigger", "view"):  # tables before what hangs on them
            for g in found:
                if g.kind == "missing" and g.type == kind and sql.get(g.name):
                    conn.execute(sql[g.name])
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    made = [g.words().replace(" is missing", "") for g in found if g.kind == "missing"]
    dropped = [g.name for g in found if g.kind == "foreign"]
    said = (["made again: " + ", ".join(made)] if made else []) + (
        ["dropped: " + ", ".join(dropped)] if dropped else []
    )
    return Finding("tables", True, "Repaired; " + "; ".join(said) + ".", repaired=True)


def _history(conn: sqlite3.Connection, writable: bool, *, repair: bool) -> Finding | None:
    """The history's own check (``history.check``: a list of problems), each one mended
    by ``--repair``: missing triggers are made again from the tables, a change left recording
    is closed, and a change holding rows that cannot be undone is forgotten (undo would fail on
    it). None when the journal keeps no history."""
    from mentorlog.journal.store import history

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
    if problems and repair and writable:
        conn.execute("BEGIN IMMEDIATE")
        try:
            history.mend(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        triggers_only = all(p.startswith("no history triggers") for p in problems)
        mended = "Re-created the history's triggers" if triggers_only else "Mended: " + "; ".join(problems)
        problems = history.check(conn)
        if not problems:
            return Finding("history", True, f"{mended}.", repaired=True)
    if problems:
        return Finding("history", False, "; ".join(problems) + ".", REPAIR)
    what = "1 change" if count == 1 else f"{count} changes"
    return Finding("history", True, f"{what} recorded, readable.")


def _sync_clashes(conn: sqlite3.Connection) -> Finding | None:
    """Texts a sync merged with lines that clash (both kept between markers): listed until
    someone edits them, so none is forgotten."""
    from mentorlog.journal.store.sync import conflicts

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


def _date_columns(conn: sqlite3.Connection) -> list[tuple[str, str, bool]]:
    """(table, column, NOT NULL) of every column that holds a day, an instant or a slot."""
    from mentorlog.journal.store.importer import DAYS, INSTANTS

    wanted = DAYS | INSTANTS | {"slot"}
    found = []
    for (table,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' "
        "AND name NOT LIKE '%!_fts%' ESCAPE '!'"
    ):
        info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        if any(r[1] == "id" for r in info):
            found += [(table, r[1], bool(r[3])) for r in info if r[1] in wanted]
    return found


def _readable(column: str, value) -> bool:
    """Whether ``value`` is a date of ``column``'s kind within ``dates.YEARS``."""
    from datetime import date, datetime

    from mentorlog.core import cadences, dates
    from mentorlog.journal.store.importer import DAYS

    if not isinstance(value, str):
        return False
    try:
        if column in DAYS:
            return len(value) == 10 and dates.in_bounds(date.fromisoformat(value))
        if column == "slot":
            return dates.in_bounds(cadences.slot_from_db(value))
        return dates.in_bounds(datetime.fromisoformat(value))
    except (ValueError, TypeError, OverflowError):
        return False


def _mended(column: str, value, notnull: bool) -> str | None:
    """What ``--repair`` puts in place of a date out of bounds: nothing where nothing may be
    (a next check-in, a due day), the nearest bound where a date must be, now for a row's stamps."""
    from mentorlog.core import dates
    from mentorlog.journal.store.importer import DAYS

    if not notnull:
        return None
    if column in ("created_at", "updated_at"):
        return dates.stamp()
    low, high = dates.YEARS
    early = isinstance(value, str) and value[:4] < f"{(low + high) // 2:04d}"
    if column in DAYS:
        return f"{low:04d}-01-02" if early else f"{high:04d}-12-30"
    if column == "slot":
        return f"{low:04d}-01-02T12:00" if early else f"{high:04d}-12-30T12:00"
    return f"{low:04d}-01-02T12:00:00+00:00" if early else f"{high:04d}-12-30T12:00:00+00:00"


def _dates(conn: sqlite3.Connection, writable: bool, *, repair: bool) -> Finding:
    """Rows whose dates lie outside ``dates.YEARS`` (in UTC or local time) or cannot be read:
    an older mentorlog, another program or a hand edit put them there, and every view that
    computes from them (the next occurrence, "in 30 days") would fail."""
    from mentorlog.core import dates

    low, high = dates.YEARS
    bad = []
    for table, column, notnull in _date_columns(conn):
        q = f'"{column}"'
        # Candidates in SQL (the text sorts as the date does), each then read exactly.
        for row_id, value in conn.execute(
            f"SELECT id, {q} FROM \"{table}\" WHERE {q} IS NOT NULL AND (typeof({q}) != 'text' "
            f"OR {q} < '{low:04d}-01-03' OR {q} >= '{high:04d}-12-30' OR length({q}) < 10)"
        ):
            if not _readable(column, value):
                bad.append((table, row_id, column, value, notnull))
    if not bad:
        return Finding("dates", True, f"Every date lies between {low} and {high}.")
    shown = ", ".join(f"{t} {i} {c} {v!r}" for t, i, c, v, _ in bad[:4])
    more = f" (and {len(bad) - 4} more)" if len(bad) > 4 else ""
    if not (repair and writable):
        return _mendable("dates", f"Dates outside {low}-{high} or unreadable: {shown}{more}.", writable)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table, row_id, column, value, notnull in bad:
            conn.execute(
                f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', (_mended(column, value, notnull), row_id)
            )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return Finding("dates", True, f"Cleared or moved within {low}-{high}: {shown}{more}.", repaired=True)


def _loose(path: Path, want: int) -> int | None:
    """The mode of ``path`` when it grants more than ``want`` allows, else None."""
    try:
        mode = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        return None
    return mode if mode & ~want & 0o777 else None


def _permissions(path: Path, *, repair: bool) -> Finding:
    """The modes of the journal, its -wal/-shm, its folder and backups/. A journal that is a
    symbolic link is judged by the file it points to (a link's own mode is always 0777, and
    SQLite keeps the -wal/-shm beside the real file); a -wal or -shm that is itself a link is
    never mentorlog's, and ``--repair`` removes the link rather than chmod what it points to."""
    real = path.resolve()
    wanted: list[tuple[Path, int]] = [(real, 0o600)]
    wanted += [(Path(f"{real}{s}"), 0o600) for s in ("-wal", "-shm")]
    folder = real.parent
    # mentorlog's own data folder is private; a folder the user chose (their home, a projects
    # folder) keeps its mode, as long as nobody else can write into it and swap the journal.
    own = folder.name == "mentorlog"
    wanted.append((folder, 0o700 if own else 0o755))
    backups = backups_dir(path)
    if backups.is_dir() and not backups.is_symlink():
        wanted.append((backups, 0o700))
        wanted += [(p, 0o600) for p in sorted(backups.iterdir()) if p.is_file() and not p.is_symlink()]
    links = [p for p, _ in wanted[1:3] if p.is_symlink()]
    loose = [
        (p, mode, want) for p, want in wanted if p not in links and (mode := _loose(p, want)) is not None
    ]
    through = f" (the journal is a link to {real})" if path.is_symlink() else ""
    if not loose and not links:
        return Finding("permissions", True, f"The journal and its backups are private (0600){through}.")
    problems = [f"{p} is a symbolic link" for p in links] + [f"{p} is {mode:04o}" for p, mode, _ in loose]
    shown = ", ".join(problems[:4])
    more = f" (and {len(problems) - 4} more)" if len(problems) > 4 else ""
    if not repair:
        return Finding("permissions", False, f"Others may use: {shown}{more}{through}.", REPAIR)
    failed, done = [], []
    for p in links:
        try:
            p.unlink()  # the link, never what it points to
            done.append(f"removed the link {p}")
        except OSError as e:
            failed.append(f"{p} ({e.strerror})")
    for p, mode, want in loose:
        try:
            os.chmod(p, mode & want)  # none of these is a link: links were set apart above
            done.append(f"{p} was {mode:04o}, now {mode & want:04o}")
        except OSError as e:
            failed.append(f"{p} ({e.strerror})")
    if failed:
        return Finding(
            "permissions",
            False,
            f"Could not make private: {', '.join(failed)}.",
            None,
            hint_step=Suggest("doctor_chmod"),
        )
    more = f" (and {len(done) - 4} more)" if len(done) > 4 else ""
    return Finding("permissions", True, f"Made private: {', '.join(done[:4])}{more}.", repaired=True)


STALE_S = 10 * 60  # a temporary file older than this belongs to no running mentorlog


def _leftovers(path: Path, *, repair: bool) -> Finding:
    """Temporary files a mentorlog that was killed (SIGKILL, a power cut) left behind: the
    decrypted copy a restore checks, the plain copy an encrypted backup seals, a backup not yet
    in place. They hold the journal's text in plain, so ``--repair`` removes them. A younger one
    may belong to a command running now, and is left alone."""
    import time

    now = time.time()
    found = []
    places = (
        (path.parent, f".{path.name}.*.tmp"),
        (path.parent, ".mentorlog.*.tmp"),
        (backups_dir(path), ".*.tmp"),
    )
    for folder, pattern in places:
        if folder.is_dir():
            for p in folder.glob(pattern):
                try:
                    if p.is_file() and not p.is_symlink() and now - p.lstat().st_mtime > STALE_S:
                        found.append(p)
                except OSError:
                    continue
    if not found:
        return Finding("temporary files", True, "No copy of the journal was left behind.")
    shown = ", ".join(str(p) for p in found[:3]) + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")
    if not repair:
        return Finding("temporary files", False, f"Left by a mentorlog that was stopped: {shown}.", REPAIR)
    for p in found:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{p}{suffix}").unlink(missing_ok=True)
    return Finding("temporary files", True, f"Removed: {shown}.", repaired=True)
