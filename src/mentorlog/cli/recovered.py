"""Filing a recovery file again (``log --from``, ``meeting edit --from``): reading it, and
moving it to ``recovery/filed/`` once its change is committed, so that the same text cannot be
filed twice by accident (SPEC §6). The header's format is ``mentorlog.io.recovery``'s.
"""

from collections.abc import Callable
from pathlib import Path

from mentorlog.cli.common import session
from mentorlog.core.errors import NotFound, UsageError
from mentorlog.io import capture, recovery
from mentorlog.render.text import warn


def read_file(path: Path) -> bytes:
    """The bytes of the file given to ``--from``."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"--from: there is no file {path}.") from None
    except OSError as e:
        raise UsageError(f"--from: {path} cannot be read ({e.strerror}).") from None


def after_commit(work: Callable[[], None]) -> None:
    """Run ``work`` once the command's change is committed (at once outside a command)."""
    current = session()
    if current is None:
        work()
    else:
        current.after_commit.append(work)


def move_filed(kept: Path, journal: Path) -> None:
    """Move a filed recovery file to ``recovery/filed/`` beside the journal (else to ``filed/``
    beside the file), and say where it went. Its change is committed already: a file that
    cannot be moved is named, never an error."""
    for folder in (capture.recovery_dir(journal) / recovery.FILED, kept.parent / recovery.FILED):
        if kept.resolve().parent == folder.resolve():
            return  # filed again from filed/ itself: it stays there
        try:
            moved = recovery.move_filed(kept, folder)
        except OSError:
            continue
        warn(f"Note: the recovery file is filed; it moved to {moved}.")
        return
    warn(
        f"Note: {kept} is filed but could not be moved to {recovery.FILED}/; "
        "delete it, so that it is not filed twice."
    )
