"""Every file mentorlog writes is created here: private (0600, its folder 0700), never over
an existing file unless asked, never through a symlink.

The journal, its backups, recovery files, reports, saved pictures and exports all go through
``create_private`` so that there is one place to get these rules right.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) as 0700 folders; an existing one is left as is."""
    missing = []
    cursor = folder
    while not cursor.exists() and not cursor.is_symlink() and cursor != cursor.parent:
        missing.append(cursor)
        cursor = cursor.parent
    for part in reversed(missing):
        try:
            part.mkdir(mode=0o700)
        except FileExistsError:
            continue  # another process made it first
        os.chmod(part, 0o700)  # mkdir's mode is masked by the umask


def create_private(path: Path, *, replace: bool = False, parents: bool = True) -> int:
    """Open a new file at ``path`` for writing, mode 0600, and return its descriptor.

    Raises FileExistsError when ``path`` exists (or is a symlink, dangling or not) unless
    ``replace``; even then a symlink is never followed. Missing folders are created 0700, or,
    with ``parents=False`` (a path the user named), FileNotFoundError.
    """
    if parents:
        private_folder(path.parent)
    flags = os.O_CREAT | os.O_WRONLY | _NOFOLLOW
    if replace:
        if path.is_symlink():
            raise FileExistsError(f"{path} is a symbolic link")
        flags |= os.O_TRUNC
    else:
        flags |= os.O_EXCL
    fd = os.open(path, flags, 0o600)
    if replace:
        os.fchmod(fd, 0o600)  # an existing file keeps its mode otherwise
    return fd


def write_private(path: Path, data: bytes | str, *, replace: bool = False, parents: bool = False) -> Path:
    """Write ``data`` (text is UTF-8) to a new private file at ``path``; on any failure the
    partial file is removed, so a file mentorlog wrote is always whole. By default the folder
    must exist: this is for files the user asked for by name."""
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    fd = create_private(path, replace=replace, parents=parents)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return path


def output_error(path: Path, e: OSError, *, force_hint: bool = True):
    """A failure to write a file the user named, as the message they should see."""
    from mentorlog.core.errors import MentorlogError, UsageError

    if path.is_dir() and not path.is_symlink():
        return UsageError(f"{path} is a folder; give a file name.")
    if isinstance(e, FileExistsError):
        hint = "Choose another name" + (", or pass --force to replace it." if force_hint else ".")
        what = "is a symbolic link" if path.is_symlink() else "exists already"
        return UsageError(f"{path} {what}; nothing was written.", hint=hint)
    if isinstance(e, FileNotFoundError) and not path.parent.is_dir():
        return UsageError(
            f"The folder {path.parent} does not exist; nothing was written.", hint="Create it first."
        )
    return MentorlogError(f"Could not write {path}: {e.strerror or e}; nothing was written.")


NAME_MAX = 255  # bytes in one file name, on nearly every file system


def temp_beside(path: Path, label: str = "") -> Path:
    """A hidden temporary name in ``path``'s folder: ``.NAME.LABEL-RANDOM.tmp``, or, when that
    would pass the 255 bytes one name may have (a long name the user chose is fine on its own),
    ``.mentorlog.LABEL-RANDOM.tmp``."""
    tail = f".{label}-{os.urandom(4).hex()}.tmp" if label else f".{os.urandom(4).hex()}.tmp"
    name = f".{path.name}{tail}"
    if len(os.fsencode(name)) > NAME_MAX:
        name = f".mentorlog{tail}"
    return path.with_name(name)


@contextlib.contextmanager
def private_output(path: Path, *, replace: bool = False) -> Iterator[BinaryIO]:
    """A binary file that becomes ``path`` only when the block ends without an error.

    It is written to a hidden private file beside ``path`` (the same filesystem, so the move is
    atomic), synced, then moved into place: a reader never sees half a file, and a failure
    leaves ``path`` as it was. Without ``replace`` an existing ``path`` is never overwritten,
    not even one that appears while writing (FileExistsError); a symlink at ``path`` is never
    followed nor replaced.
    """
    if path.is_symlink():
        raise FileExistsError(f"{path} is a symbolic link")
    if not replace and path.exists():
        raise FileExistsError(f"{path} exists")
    temp = temp_beside(path)
    fd = create_private(temp)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        move_into_place(temp, path, replace=replace)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _sync_folder(path.parent)


def move_into_place(temp: Path, path: Path, *, replace: bool = False) -> None:
    """Move the finished file ``temp`` to ``path``, never over a file (unless ``replace``) nor
    a symlink."""
    if path.is_symlink():  # one appeared meanwhile: os.replace would replace the link itself
        raise FileExistsError(f"{path} is a symbolic link")
    if replace:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)  # fails when path exists: never overwrites
    except FileExistsError:
        raise
    except OSError:  # a filesystem without hard links (FAT, some network shares)
        if path.exists():
            raise FileExistsError(f"{path} exists") from None
        os.replace(temp, path)
        return
    os.unlink(temp)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
