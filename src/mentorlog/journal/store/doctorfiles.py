"""``doctor``'s checks of the files around the journal: who may read them, and copies left behind.

The journal, its -wal and -shm, its folder and ``backups/`` must be private (a journal that is a
symbolic link is judged by the file it points to); a temporary copy a killed mentorlog left
behind holds the journal's text in plain. ``--repair`` tightens the modes, removes a -wal or
-shm that is a link, and removes the stale copies.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mentorlog.core.errors import Suggest
from mentorlog.journal.store.backup import backups_dir
from mentorlog.journal.store.doctorfindings import REPAIR, Finding


def _loose(path: Path, want: int) -> int | None:
    """The mode of ``path`` when it grants more than ``want`` allows, else None."""
    try:
        mode = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        return None
    return mode if mode & ~want & 0o777 else None


def check_permissions(path: Path, *, repair: bool) -> Finding:
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


def check_leftovers(path: Path, *, repair: bool) -> Finding:
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
