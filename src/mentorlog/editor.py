"""Running the user's editor on a buffer, and keeping what they typed safe.

The buffer lives in a private temporary file while ``$VISUAL``/``$EDITOR`` runs. If anything
goes wrong after that (the editor fails, Ctrl-C, the buffer cannot be filed), the text is
copied to a recovery file beside the journal first: typed text is never thrown away.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from mentorlog import dates
from mentorlog.errors import Interrupted, MentorlogError


def editor_command() -> list[str]:
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        return shlex.split(chosen)
    except ValueError:
        raise MentorlogError(
            f"Can't read the editor command {chosen!r}.", hint="Check $VISUAL and $EDITOR."
        ) from None


def save_recovery(text: str, folder: Path, name: str = "log") -> Path:
    """Write ``text`` to a new 0600 file in ``folder`` and return its path."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    when = dates.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        path = folder / (f"{name}-{when}.txt" if n == 0 else f"{name}-{when}-{n}.txt")
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        return path
    raise MentorlogError(f"Can't create a recovery file in {folder}.")


def edit(buffer: str, recovery_dir: Path) -> str:
    """Open the editor on ``buffer``; return what was saved."""
    command = editor_command()
    workdir = Path(tempfile.mkdtemp(prefix="mentorlog-"))
    path = workdir / "checkin.md"
    try:
        path.write_text(buffer, encoding="utf-8")
        try:
            result = subprocess.run([*command, str(path)])
        except FileNotFoundError:
            raise MentorlogError(
                f"The editor {command[0]!r} was not found.",
                hint="Set $EDITOR (e.g. export EDITOR=nano), or pass the note with --notes.",
            ) from None
        except KeyboardInterrupt:
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            if text != buffer:
                kept = save_recovery(text, recovery_dir)
                raise Interrupted(f"Interrupted; nothing was written. Your text is in {kept}") from None
            raise
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        if result.returncode != 0:
            message = f"The editor exited with status {result.returncode}; nothing was written."
            if text != buffer:
                message += f" Your text is in {save_recovery(text, recovery_dir)}"
            raise MentorlogError(message)
        return text
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
