"""Copies of the journal: the online backup (SQLite's backup API) and where copies go.

Backups sit in ``backups/`` beside the journal, named after the journal and the moment, and
are private files like every file mentorlog writes (``mentorlog.core.files``).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from mentorlog.core import dates
from mentorlog.core.files import create_private


def backups_dir(journal: Path) -> Path:
    return journal.parent / "backups"


def backup_name(journal: Path, label: str) -> Path:
    """``backups/<stem>-<label>-YYYYmmdd-HHMMSS.db`` beside ``journal``; ``-2``, ``-3``… when
    one of that name exists already (two in the same second)."""
    when = dates.now().strftime("%Y%m%d-%H%M%S")
    first = backups_dir(journal) / f"{journal.stem}-{label}-{when}.db"
    target, n = first, 2
    while target.exists() or target.is_symlink():
        target = first.with_name(f"{first.stem}-{n}.db")
        n += 1
    return target


def copy_to(source: Path, target: Path) -> Path:
    """An online copy of the journal at ``source`` at ``target`` (a new file, mode 0600).

    It reads through a connection of its own: SQLite refuses to back up from a connection that
    holds the write lock, and a separate reader still sees a consistent snapshot meanwhile. The
    copy is made in a hidden file beside ``target`` and linked into place when whole, so that an
    interrupted backup (Ctrl-C, SIGTERM, a full disk, a kill) never leaves half a journal at the
    path named; a lock that outlasts the busy timeout is an error, not a wait without end.
    """
    from mentorlog.core.files import move_into_place, temp_beside
    from mentorlog.journal.store.locks import copy_database

    if target.exists() or target.is_symlink():
        raise FileExistsError(f"{target} exists")
    temp = temp_beside(target)
    os.close(create_private(temp))
    try:
        try:  # read-write when it may, so that closing tidies away the -wal and -shm files
            reader = _connect(source)
        except sqlite3.OperationalError:  # a read-only file, folder or file system
            reader = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(str(temp))
            try:
                copy_database(reader, copy)
            finally:
                copy.close()
        finally:
            reader.close()
        with open(temp, "rb+") as f:
            os.fsync(f.fileno())
        move_into_place(temp, target)
    except BaseException:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{temp}{suffix}").unlink(missing_ok=True)
        raise
    return target


def before_migration(journal: Path, version: int) -> Path:
    """The automatic copy taken before migrating a journal at schema ``version``."""
    return copy_to(journal, backup_name(journal, f"v{version}"))


def _connect(path: Path, *, timeout: float = 5.0) -> sqlite3.Connection:
    old_umask = os.umask(0o077)  # any -wal, -shm or -journal file SQLite makes stays private
    try:
        return sqlite3.connect(
            path.resolve().as_uri() + "?mode=rw", uri=True, timeout=timeout, isolation_level=None
        )
    finally:
        os.umask(old_umask)


def check_journal(candidate: Path, shown: str) -> int:
    """Raise JournalError unless ``candidate`` is a whole mentorlog journal this mentorlog can
    use; returns its schema version. ``candidate`` must be a private copy: checking it leaves it
    in rollback-journal mode, one self-contained file. ``shown`` names it in messages."""
    from mentorlog.core.errors import JournalError
    from mentorlog.journal.store.migrations import APPLICATION_ID, SCHEMA_VERSION

    conn = _connect(candidate)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise JournalError(f"{shown} is not a mentorlog journal; nothing was changed.")
        if version > SCHEMA_VERSION:
            raise JournalError(
                f"{shown} was written by a newer mentorlog (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); nothing was changed.",
                hint="Upgrade mentorlog, then restore it.",
            )
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            raise JournalError(f"{shown} is damaged ({problems[0]}); nothing was changed.")
        if version <= 0:  # 0: the marker and nothing more; below 0: no version mentorlog wrote
            raise JournalError(
                f"{shown} is marked as a mentorlog journal but holds none; nothing was changed."
            )
        from mentorlog.journal.store.schema import gaps

        found = gaps(conn, version)  # every write would fail on a journal without its tables
        if found:
            shown_gaps = "; ".join(g.words() for g in found[:3])
            more = f" (and {len(found) - 3} more)" if len(found) > 3 else ""
            raise JournalError(
                f"{shown} is not a whole mentorlog journal: {shown_gaps}{more}; nothing was changed.",
                hint="Restore another backup.",
            )
        conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.DatabaseError as e:
        raise JournalError(f"{shown} is not a whole mentorlog journal ({e}); nothing was changed.") from None
    finally:
        conn.close()
    return version


def keep_before_restore(journal: Path) -> Path:
    """A copy of the journal about to be replaced, in ``backups/``. A journal too damaged for
    SQLite to copy is copied byte for byte (with its -wal), so nothing is ever thrown away."""
    import shutil

    from mentorlog.core.files import create_private

    target = backup_name(journal, "before-restore")
    try:
        return copy_to(journal, target)
    except sqlite3.DatabaseError:
        pass
    for suffix in ("", "-wal"):
        source = Path(f"{journal}{suffix}")
        if source.exists():
            with source.open("rb") as f, os.fdopen(create_private(Path(f"{target}{suffix}")), "wb") as out:
                shutil.copyfileobj(f, out)
    return target


def restore_into(candidate: Path, journal: Path) -> None:
    """Make the journal at ``journal`` hold what the checked ``candidate`` holds.

    A live journal is overwritten through SQLite's backup API, as one write transaction under
    the journal's own lock: a concurrent mentorlog waits for it, then sees the restored journal
    (never a mix, never a file swapped under its open connection), and a crash halfway leaves
    the old journal whole. Only a journal SQLite cannot open at all (damaged beyond that, so no
    other command can be using it) is replaced by renaming ``candidate`` over it, after
    removing its stale -wal and -shm, which SQLite would otherwise replay into the restored file.
    """
    if not journal.exists():
        try:
            os.link(candidate, journal)  # never over a journal that appeared meanwhile
        except FileExistsError:
            raise
        except OSError:  # a filesystem without hard links
            os.replace(candidate, journal)
        return
    from mentorlog.journal.store.locks import checkpoint, copy_database

    source = sqlite3.connect(candidate.resolve().as_uri() + "?mode=ro", uri=True)  # never a new file
    try:
        target = _connect(journal)
        try:
            copy_database(source, target)
            checkpoint(target)
            return
        except sqlite3.DatabaseError as e:
            text = str(e)
            if not any(s in text for s in ("not a database", "malformed", "disk image")):
                raise
        finally:
            target.close()
    finally:
        source.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{journal}{suffix}").unlink(missing_ok=True)
    os.replace(candidate, journal)
