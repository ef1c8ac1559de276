"""``doctor``: is the journal whole, and can what is wrong be mended?

``examine`` runs every check in order, each giving a ``Finding`` (``doctorfindings``: its name,
whether it passed, what it saw, and the next step when it did not). This module checks the
journal's own structure: the file is a mentorlog journal; SQLite's ``integrity_check`` and
``foreign_key_check``; the schema version; the tables, columns, indexes and triggers against a
new journal of that version; each full-text index against its table (``searchindex.problem``);
the history, when the journal has one. What the rows hold (dates, sync's clash markers) is
``doctorrows``', the files around the journal (modes, copies left behind) ``doctorfiles``'.
Damage to the file itself cannot be mended here, and the next step is to restore a backup;
derived data (the search index, the history's triggers) is rebuilt and loose modes are
tightened by ``repair``. The journal is opened directly rather than through
``db.open_journal``, so that a damaged or too-new journal can still be examined and no
migration runs.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from mentorlog.journal.concepts import fts_config
from mentorlog.journal.store import doctorfiles, doctorrows, searchindex
from mentorlog.journal.store.doctorfindings import REPAIR, RESTORE, UPGRADE, Finding, mendable
from mentorlog.journal.store.locks import BUSY_TIMEOUT_S
from mentorlog.journal.store.migrations import APPLICATION_ID, SCHEMA_VERSION


def _connect(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A connection and whether it may write (a read-only journal is still examined)."""
    from mentorlog.journal.store.db import open_for_reading

    writable = os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)
    if writable:
        old_umask = os.umask(0o077)  # a -wal or -shm SQLite makes stays private
        try:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S
            )
            conn.execute("PRAGMA application_id")
            return conn, True
        except sqlite3.OperationalError:  # a read-only file system, a full disk: examined read-only
            pass
        finally:
            os.umask(old_umask)
    return open_for_reading(path)[0], False


def examine(path: Path, *, repair: bool = False, tick: Callable[[], None] | None = None) -> list[Finding]:
    """Every finding about the journal at ``path`` (which must exist), repairing what ``repair``
    allows; ``tick`` is called after each check, for a progress bar."""
    tick = tick or (lambda: None)
    # Before SQLite opens the journal: on closing, it removes a -wal, even one that is a link.
    permissions = doctorfiles.check_permissions(path, repair=repair)
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
            clashes = doctorrows.check_clashes(conn)
            if clashes is not None:
                findings.append(clashes)
            findings.append(doctorrows.check_dates(conn, writable, repair=repair))
        else:  # a damaged file is only read: rebuilding an index there could spread the damage
            findings.append(Finding("full-text index", False, "Not checked: the file is damaged.", RESTORE))
        tick()
    finally:
        conn.close()
    findings.append(permissions)
    findings.append(doctorfiles.check_leftovers(path, repair=repair))
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
        problems = [p for t in fts_config() if t in tables and (p := searchindex.problem(conn, t, names))]
    except sqlite3.DatabaseError as e:
        return Finding("full-text index", False, f"The index could not be checked ({e}).", RESTORE)
    if not problems:
        return Finding("full-text index", True, f"The search index matches all {len(fts_config())} tables.")
    if not repair:
        return Finding("full-text index", False, "; ".join(problems) + ".", REPAIR)
    searchindex.rebuild(conn, [p.split(":", 1)[0] for p in problems], names)
    return Finding(
        "full-text index",
        True,
        "Rebuilt: " + ", ".join(p.split(":", 1)[0] for p in problems) + ".",
        repaired=True,
    )


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
    owned = set().union(*(searchindex.owned_names(t) for t in fts_config()))
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
        return mendable("tables", shown + ".", writable)
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
