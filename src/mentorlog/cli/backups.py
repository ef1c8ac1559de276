"""``backup`` and ``restore``: online copies of the journal (SQLite's backup API), plain or
age-encrypted, and putting one back after checking it is a whole mentorlog journal."""

import errno
import os
import shutil
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli import transfer
from mentorlog.cli.common import confirm, journal, journal_path, stdin_is_terminal
from mentorlog.core.errors import UsageError
from mentorlog.render.text import echo

# --- backup and restore ------------------------------------------------------------------------


def backup(
    path: Annotated[
        str | None,
        typer.Argument(metavar="[PATH]", help="Where to write it (a file, or a folder); default: backups/."),
    ] = None,
    encrypt_to: transfer.EncryptToOpt = None,
    passphrase: transfer.PassphraseOpt = False,
) -> None:
    """Copy the journal safely, even while it is in use.

    Never over an existing file; the copy is private (0600), and encrypted with age when asked.

    Example: mentorlog backup ~/Sync/ --encrypt-to age1…
    """
    from mentorlog.journal.store.backup import backup_name

    source = journal_path()
    with journal():  # a mentorlog journal, there, readable
        pass
    seal = transfer.seal_for(encrypt_to, passphrase)
    suffix = ".age" if seal else ""
    if path is None or transfer.names_folder(path):
        default = backup_name(source, "backup")
        folder = default.parent if path is None else Path(path).expanduser()
        if folder.is_symlink() and path is not None:
            raise UsageError(f"{folder} is a symbolic link; mentorlog never writes through one.")
        target = folder / (default.name + suffix)
        n = 2
        while target.exists() or target.is_symlink():  # two backups in the same second
            target = folder / f"{default.stem}-{n}{default.suffix}{suffix}"
            n += 1
    else:
        target = Path(path).expanduser()
        if target.exists() or target.is_symlink():
            raise UsageError(
                f"{target} exists already; a backup never replaces a file.", hint="Give a new name."
            )
    if seal is None:
        try:
            _copy(source, target)
        except FileExistsError:
            raise UsageError(f"{target} exists already; a backup never replaces a file.") from None
    else:
        # The plain copy is made beside the journal, which holds the same text already, never
        # beside the target, which may be a synced or shared folder.
        from mentorlog.core.files import temp_beside

        plain = temp_beside(source, "backup")
        try:
            _copy(source, plain)
            try:
                with plain.open("rb") as f, transfer.output_file(target, False) as out:
                    seal.write(f, out)
            except OSError as e:
                if e.errno in (errno.ENOSPC, errno.EDQUOT):
                    raise _full(target) from None
                raise
        finally:
            plain.unlink(missing_ok=True)
    line = f"Backed up the journal to {target} ({transfer.kib(target)}" + (", encrypted)." if seal else ").")
    transfer.echo_or_take_back(line, lambda: target.unlink(missing_ok=True))


def _copy(source: Path, target: Path) -> None:
    """``copy_to``, its failures named for what they are: a lock held past the busy timeout, a
    full disk under the copy (not under the journal), a folder that cannot be written."""
    import sqlite3

    from mentorlog.core.files import output_error
    from mentorlog.journal.store.backup import copy_to
    from mentorlog.journal.store.db import locked, translate

    try:
        copy_to(source, target)
    except FileExistsError:
        raise
    except sqlite3.Error as e:
        if "locked" in str(e) or "busy" in str(e):
            raise locked(source) from None
        if "full" in str(e) or _nearly_full(target.parent):
            raise _full(target) from None
        raise translate(source, e) from None
    except OSError as e:
        if e.errno in (errno.ENOSPC, errno.EDQUOT):
            raise _full(target) from None
        raise output_error(target, e, force_hint=False) from None


def _full(target: Path):
    from mentorlog.core.errors import CannotWrite

    return CannotWrite(
        f"The disk holding {target.parent} is full; no backup was written.",
        hint="Free some space there, or back up to another disk.",
    )


def _nearly_full(folder: Path) -> bool:
    try:
        fs = os.statvfs(folder)
    except OSError:
        return False
    return fs.f_bavail * fs.f_frsize < 64 * 1024


def restore(
    backup_file: Annotated[Path, typer.Argument(metavar="BACKUP", help="A backup (plain or age-encrypted).")],
    force: Annotated[bool, typer.Option("--force", help="Replace the journal without asking.")] = False,
    identity: Annotated[
        Path | None,
        typer.Option("--identity", "-i", metavar="FILE", help="The age or SSH key that opens BACKUP."),
    ] = None,
) -> None:
    """Put a backup in the journal's place, once it is checked.

    The journal it replaces is kept in backups/ (journal-before-restore-….db).

    Example: mentorlog restore ~/Sync/journal-backup-20261124-100000.db.age -i ~/.age/key.txt
    """
    import sqlite3

    from mentorlog.core.errors import JournalError
    from mentorlog.core.files import create_private, temp_beside
    from mentorlog.io import crypto
    from mentorlog.journal.store import backup as backups

    target = journal_path()
    if target.exists():
        from mentorlog.journal.store.db import require_file

        require_file(target)  # never rename a backup over a device or a folder
    with transfer.open_input(backup_file, "a backup") as f:
        if _same_file(backup_file, target):
            raise UsageError(f"{backup_file} is the journal itself; give a backup.")
        head = f.read(4096)
        f.seek(0)
        # A private copy beside the journal is what gets checked and put in place: checking
        # the backup itself could leave -wal/-shm files beside it.
        candidate = temp_beside(target, "restore")
        try:
            with os.fdopen(create_private(candidate), "wb") as out:
                if crypto.is_age(head):
                    transfer.decrypt(backup_file, f, out, identity)
                else:
                    shutil.copyfileobj(f, out)
                out.flush()
                os.fsync(out.fileno())
            backups.check_journal(candidate, str(backup_file))
            kept = None
            if target.exists():
                if not force:
                    if not stdin_is_terminal():
                        raise UsageError(
                            f"Restoring replaces the journal {target}; nothing was changed.",
                            hint="Pass --force (the current journal is kept in backups/).",
                        )
                    confirm(
                        f"Replace the journal {target} with {backup_file}? (it is kept in backups/)",
                        action="Restoring",
                        yes=False,
                        refused="Not restored.",
                    )
                kept = backups.keep_before_restore(target)
            # Said before it is done: if the line cannot be written, the journal stays as it was.
            line = f"Restoring the journal {target} from {backup_file}"
            line += f"; the journal it replaces is kept as {kept}." if kept else "."
            transfer.echo_or_take_back(line, lambda: kept.unlink() if kept else None)
            try:
                backups.restore_into(candidate, target)
            except BaseException as e:  # a lock, an interrupt: the journal is as it was
                if kept is not None:
                    kept.unlink(missing_ok=True)
                if isinstance(e, FileExistsError):
                    raise JournalError(
                        f"A journal appeared at {target} meanwhile; nothing was changed."
                    ) from None
                if isinstance(e, sqlite3.Error):
                    from mentorlog.journal.store.db import translate

                    raise translate(target, e) from None
                raise
        finally:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{candidate}{suffix}").unlink(missing_ok=True)
    echo("Restored.")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
