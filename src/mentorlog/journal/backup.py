"""Copies of the journal: the online backup (SQLite's backup API) and where copies go.

Backups sit in ``backups/`` beside the journal, named after the journal and the moment, and
are private files like every file mentorlog writes (``mentorlog.files``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mentorlog import dates
from mentorlog.files import create_private


def backups_dir(journal: Path) -> Path:
    return journal.parent / "backups"


def backup_name(journal: Path, label: str) -> Path:
    """``backups/<stem>-<label>-YYYYmmdd-HHMMSS.db`` beside ``journal``."""
    when = dates.now().strftime("%Y%m%d-%H%M%S")
    return backups_dir(journal) / f"{journal.stem}-{label}-{when}.db"


def copy_to(source: Path, target: Path) -> Path:
    """An online copy of the journal at ``source`` at ``target`` (a new file, mode 0600).

    It reads through a connection of its own: SQLite refuses to back up from a connection that
    holds the write lock, and a separate reader still sees a consistent snapshot meanwhile.
    """
    import os

    os.close(create_private(target))
    try:
        reader = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
        copy = sqlite3.connect(str(target))
        try:
            reader.backup(copy)
        finally:
            copy.close()
            reader.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def before_migration(journal: Path, version: int) -> Path:
    """The automatic copy taken before migrating a journal at schema ``version``."""
    return copy_to(journal, backup_name(journal, f"v{version}"))
