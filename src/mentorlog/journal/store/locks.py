"""Waiting for a lock another program holds, in short steps that let Ctrl-C and SIGTERM in.

SQLite's own busy timeout waits inside one C call, deaf to signals until it returns; here every
wait is taken ``POLL_S`` at a time, with ``wait_s()`` as its deadline (SPEC §5):
``patiently`` for a statement, ``copy_database`` for SQLite's online backup and ``checkpoint``
for emptying the write-ahead log. ``db`` opens the journal with them and ``backup`` copies it
with them.
"""

from __future__ import annotations

import sqlite3

BUSY_TIMEOUT_S = 5.0  # how long a command waits for a lock another program holds (SPEC §5)
POLL_S = 0.05  # the steps it waits in: SQLite's own wait blocks in C, deaf to Ctrl-C and SIGTERM


def wait_s() -> float:
    """How long to wait for a lock: the config file's ``lock.wait``, else ``BUSY_TIMEOUT_S``."""
    from mentorlog.io import config

    return float(config.load().get("lock.wait", BUSY_TIMEOUT_S))


def patiently(conn: sqlite3.Connection, work, *, seconds: float | None = None):
    """``work()``, tried again while the journal is locked, for at most ``seconds`` (None: the
    config file's ``lock.wait``, read only once a lock is met); then the lock error is raised.

    SQLite's busy timeout waits inside one C call, where Python answers neither Ctrl-C nor
    SIGTERM until it returns; here SQLite waits ``POLL_S`` at a time and Python decides, so an
    interrupt ends the wait at once."""
    import time

    deadline = None
    conn.execute(f"PRAGMA busy_timeout={int(POLL_S * 1000)}")
    try:
        while True:
            try:
                return work()
            except sqlite3.OperationalError as e:
                if not is_busy(e):
                    raise
                if deadline is None:
                    deadline = time.monotonic() + (wait_s() if seconds is None else seconds)
                if time.monotonic() >= deadline:
                    raise
    finally:
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")


class Busy(sqlite3.OperationalError):
    """A copy waited ``wait_s()`` for a lock another program holds."""


def copy_database(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup from ``source`` into ``target``, with a deadline.

    ``Connection.backup`` retries a locked source or target without end and never looks at
    signals; its progress callback is Python, called after every step, so it is where the
    deadline is kept and where Ctrl-C and SIGTERM get their turn. Copied in steps of
    ``_PAGES`` pages, so an interrupt is answered during a long copy too."""
    import time

    deadline: list[float] = []  # set once a lock is met: the config file is read only then

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
            if not deadline:
                deadline.append(time.monotonic() + wait_s())
            if time.monotonic() >= deadline[0]:
                raise Busy("database is locked")

    for conn in (source, target):
        conn.execute(f"PRAGMA busy_timeout={int(POLL_S * 1000)}")
    source.backup(target, pages=_PAGES, progress=progress, sleep=POLL_S)


_PAGES = 4096  # 16 MiB a step at the default page size


def checkpoint(conn: sqlite3.Connection) -> bool:
    """Empty the write-ahead log into the file (``wal_checkpoint(TRUNCATE)``), waiting for
    readers in short steps as ``patiently`` does; False when one is still reading after the
    deadline."""
    import time

    deadline = None  # set once a reader is met: the config file is read only then
    conn.execute(f"PRAGMA busy_timeout={int(POLL_S * 1000)}")
    try:
        while True:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if busy and deadline is None:
                deadline = time.monotonic() + wait_s()
            if not busy or time.monotonic() >= deadline:
                return not busy
            time.sleep(POLL_S)
    finally:
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")


def is_busy(e: sqlite3.Error) -> bool:
    text = str(e)
    return "locked" in text or "busy" in text
