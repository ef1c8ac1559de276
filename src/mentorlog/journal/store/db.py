"""Where the journal lives and how it is opened: path, pragmas, permissions, transactions.

Every command opens the journal exactly once, through ``open_journal``, which yields a
connection inside one transaction: ``BEGIN IMMEDIATE`` for commands that write (so that two
concurrent commands never lose a write), a plain ``BEGIN`` for reads (a consistent
snapshot). Reads never create a file; nothing that is not a mentorlog journal is ever
modified; a journal from a newer mentorlog is refused for writing, and one from an older
mentorlog is brought up to date first (``upgrade``: a backup, then ``schema.migrate``). Waiting
for a lock another program holds is ``locks``' part.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from mentorlog.core.errors import CannotWrite, JournalError, NotFound, Suggest
from mentorlog.journal.store.locks import BUSY_TIMEOUT_S, checkpoint, is_busy, patiently
from mentorlog.journal.store.migrations import APPLICATION_ID, SCHEMA_VERSION

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "compact", "open_journal", "resolve_path"]


def default_path() -> Path:
    """``MENTORLOG_DB``, else the config file's ``journal``, else ``journal.db`` in the
    platform's user data directory."""
    env = os.environ.get("MENTORLOG_DB")
    if env:
        return Path(env).expanduser()
    from mentorlog.io import config

    configured = config.journal()
    if configured:
        return Path(configured).expanduser()
    if sys.platform.startswith("linux"):
        # platformdirs' answer on Linux, without importing it (a write's start-up budget is tight)
        data = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return Path(data) / "mentorlog" / "journal.db"
    from platformdirs import user_data_dir

    return Path(user_data_dir("mentorlog", appauthor=False)) / "journal.db"


def resolve_path(option: str | os.PathLike | None) -> Path:
    return Path(option).expanduser() if option else default_path()


def no_journal(path: Path) -> NotFound:
    return NotFound(
        f"There is no journal at {path} yet.",
        hint=Suggest("start"),
    )


def require_file(path: Path) -> None:
    """Refuse a journal path that is a folder, a device or a pipe: mentorlog would otherwise
    adopt it as a new journal (chmod, then write) or, in ``restore``, rename over it."""
    import stat

    if not stat.S_ISREG(path.stat().st_mode):
        kind = "a folder" if path.is_dir() else "not a regular file"
        raise JournalError(
            f"{path} is {kind}, not a journal file; nothing was changed.",
            hint=Suggest("point_db"),
        )


def _create_file(path: Path) -> None:
    from mentorlog.core.files import create_private

    try:
        os.close(create_private(path))
    except FileExistsError:
        return  # another mentorlog created it first: fine, it is checked below


def _connect(path: Path, mode: str = "rw") -> sqlite3.Connection:
    # mode=rw: never create a file here (creation is explicit, with mode 0600)
    uri = path.resolve().as_uri() + "?mode=" + mode
    old_umask = os.umask(0o077)  # the -wal and -shm files SQLite creates stay private
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    finally:
        os.umask(old_umask)
    conn.row_factory = sqlite3.Row
    return conn


def _header(conn: sqlite3.Connection) -> tuple[int, int, bool]:
    """(application_id, user_version, has_tables) without changing the file."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    return app_id, version, has_tables


def open_for_reading(path: Path) -> tuple[sqlite3.Connection, tuple[int, int, bool]]:
    """A connection that can read a journal mentorlog may not write to (a read-only file or
    folder, a full disk): read-only, and as a last resort immutable, since a WAL journal wants
    to create its ``-shm`` file even to be read. With it, the journal's ``_header``, read to
    know that the connection can read."""
    last: sqlite3.Error | None = None
    for mode in ("rw", "ro", "ro&immutable=1"):
        conn = None
        try:
            conn = _connect(path, mode)
            return conn, patiently(conn, lambda c=conn: _header(c))
        except sqlite3.Error as e:
            if conn is not None:
                conn.close()
            if _damaged(e) or is_busy(e):
                raise
            last = e
    raise last  # type: ignore[misc]


def not_a_journal(path: Path, cause: Exception | str) -> JournalError:
    return JournalError(
        f"{path} is not a mentorlog journal or is damaged ({cause}); it was not changed.",
        hint=Suggest("restore"),
    )


def locked(path: Path) -> JournalError:
    return JournalError(
        f"The journal {path} is locked by another program; nothing was changed.",
        hint="Wait for the other mentorlog command to finish, then try again.",
    )


def _damaged(e: sqlite3.Error) -> bool:
    text = str(e)
    return "not a database" in text or "malformed" in text


def translate(path: Path, e: sqlite3.Error) -> JournalError:
    """A sqlite3 error as the user-facing journal error, naming the real cause: a lock, a
    damaged file, a full disk, a read-only file, folder or file system, a permission."""
    if is_busy(e):
        return locked(path)
    if _damaged(e):
        return not_a_journal(path, e)
    folder = path.parent
    try:
        fs = os.statvfs(folder)
    except OSError:
        fs = None
    if fs is not None and fs.f_flag & os.ST_RDONLY:
        return CannotWrite(
            f"The journal {path} is on a read-only file system; nothing was changed.",
            hint=Suggest("copy_writable"),
        )
    if "full" in str(e) or (fs is not None and fs.f_bavail * fs.f_frsize < 64 * 1024):
        return CannotWrite(
            f"The disk holding {path} is full; nothing was changed.", hint="Free some space and try again."
        )
    if _size_limited():
        return CannotWrite(
            f"A file-size limit (ulimit -f) keeps the journal {path} from growing; nothing was changed.",
            hint="Raise the limit (ulimit -f unlimited) and try again.",
        )
    if not os.access(path, os.R_OK):
        return JournalError(
            f"Permission denied: {path} cannot be read.", hint="Check the file's owner and mode."
        )
    if not os.access(folder, os.W_OK) or not os.access(path, os.W_OK):
        which = f"The folder {folder}" if not os.access(folder, os.W_OK) else f"The journal {path}"
        return CannotWrite(
            f"{which} is read-only; nothing was changed.", hint="mentorlog can read it but not change it."
        )
    return JournalError(f"The journal {path} could not be used ({e}); nothing was changed.")


def _size_limited() -> bool:
    try:
        import resource

        return resource.getrlimit(resource.RLIMIT_FSIZE)[0] != resource.RLIM_INFINITY
    except (ImportError, OSError, ValueError):
        return False


@contextmanager
def open_journal(
    path: Path,
    *,
    write: bool,
    create: bool = False,
    migrations: Sequence | None = None,
    command: str | None = None,
) -> Iterator[sqlite3.Connection]:
    """The journal at ``path`` inside one transaction, committed if the block succeeds.

    ``write`` takes the write lock up front; ``create`` makes a new journal when none is
    there (only write commands pass it); ``migrations`` is the schema to bring it to (tests
    pass their own list); ``command`` (the command line as typed) records the write as one
    change in the history, which ``undo`` can revert. A journal that can only be read (a
    read-only file, folder or file system, a full disk) still opens for reading.
    """
    if migrations is None:
        from mentorlog.journal.store import migrations as shipped

        migrations = shipped.MIGRATIONS  # looked up now: a test may add a migration of its own
    target = len(migrations)
    if not path.exists():
        if not create:
            raise no_journal(path)
        try:
            _create_file(path)
        except OSError as e:
            raise JournalError(
                f"Cannot create the journal {path}: {e.strerror}; nothing was changed.",
                hint=Suggest("writable_place"),
            ) from None
    require_file(path)
    conn = None
    try:
        if write:
            conn = _connect(path)
            app_id, version, has_tables = patiently(conn, lambda: _header(conn))
        else:
            conn, (app_id, version, has_tables) = open_for_reading(path)
        fresh = app_id == 0 and version == 0 and not has_tables
        if not fresh and app_id != APPLICATION_ID:
            raise not_a_journal(path, "it has no mentorlog marker")
        if version < 0:  # no mentorlog writes one; MIGRATIONS[:version] would read it from the end
            raise not_a_journal(path, f"its schema version is {version}")
        if fresh and not write:
            raise no_journal(path)
        if version > target and write:
            raise JournalError(
                f"{path} was written by a newer mentorlog (schema {version}, this one "
                f"knows {target}); it was not changed.",
                hint="Upgrade mentorlog to write to this journal.",
            )
        if fresh:
            os.chmod(path, 0o600)  # an empty file someone made is adopted, privately
        if write:
            for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL"):
                patiently(conn, lambda p=pragma: conn.execute(f"PRAGMA {p}"))
        else:
            conn.execute("PRAGMA foreign_keys=ON")
        if version < target:
            upgrade(conn, path, migrations)
        patiently(conn, lambda: conn.execute("BEGIN IMMEDIATE" if write else "BEGIN"))
        try:
            change = None
            if write and command is not None:
                from mentorlog.journal.store import history

                change = history.begin(conn, command)
            yield conn
            if change is not None:
                history.finish(conn, change)
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
    except sqlite3.Error as e:
        raise translate(path, e) from None
    finally:
        if conn is not None:
            conn.close()


def upgrade(conn: sqlite3.Connection, path: Path, migrations: Sequence) -> None:
    """Bring the journal to ``len(migrations)`` in one transaction under the write lock, after
    copying a journal that already holds data to ``backups/``; ``schema.migrate`` runs them
    (importing sqlite-utils, which is why an up-to-date journal never loads it). A new journal
    is made from ``blank.sql`` instead, when that holds what these migrations make."""
    from mentorlog.journal.store import blank
    from mentorlog.journal.store.backup import before_migration

    target = len(migrations)
    patiently(conn, lambda: conn.execute("BEGIN IMMEDIATE"))
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= target:  # another mentorlog migrated it while we waited
            conn.rollback()
            return
        if version > 0:
            try:
                before_migration(path, version)
            except OSError as e:
                raise JournalError(
                    f"Could not back up {path} before upgrading it ({e.strerror or e}); it was not changed.",
                    hint="Make room in the backups/ folder beside it (or free disk space), then try again.",
                ) from None
        empty = version == 0 and conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is None
        body = blank.script(migrations) if empty else None
        if body is not None:
            blank.make(conn, migrations, body)  # a new journal: today's schema, without sqlite-utils
        else:
            from mentorlog.journal.store.schema import migrate

            migrate(conn, migrations, version)
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def compact(path: Path) -> None:
    """Rewrite the journal file without its free pages (``VACUUM``) and empty the write-ahead log,
    so that deleted text is gone from the file and from the ``-wal`` beside it."""
    conn = None
    try:
        conn = _connect(path)
        patiently(conn, lambda: conn.execute("VACUUM"))
        emptied = checkpoint(conn)
    except sqlite3.Error as e:
        raise translate(path, e) from None
    finally:
        if conn is not None:
            conn.close()
    if not emptied:
        raise JournalError(
            f"Another program is reading {path}, so the old pages are still in its -wal file.",
            hint="Run the same command again once it has finished.",
        )
