"""Getting text from the user — the editor or stdin — and then filing it or keeping it.

Typed text is never lost (SPEC §6). Once the user has typed something, every way the command
can end without filing it (a line that cannot be filed, an editor that fails, Ctrl-C, SIGHUP
or SIGTERM while the editor is open, bytes that are not UTF-8, a meeting changed meanwhile)
saves the exact bytes to a recovery file whose path is printed: in ``recovery/`` beside the
journal, else in the temporary folder, and when nothing can be written, on stderr. The file
starts with the header the command gives (``Keeping``: what its command line said, see
``mentorlog.io.recovery``), and the error says how to file it, in the command's words.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from mentorlog.core import dates
from mentorlog.core.errors import Interrupted, MentorlogError, NotFound, NothingWritten, UsageError
from mentorlog.core.record import Record

T = TypeVar("T")
ON_STDERR = "the text printed above on stderr"  # where ``keep`` put it when no file could be written
SIGNAL_EXIT = {1: 129, 15: 143}  # SIGHUP, SIGTERM (numbers: importing signal costs start-up)


class Signalled(MentorlogError):
    """SIGHUP (the terminal closed) or SIGTERM arrived while the user's text was in play."""

    def __init__(self, message: str, signum: int):
        super().__init__(message)
        self.exit_code = SIGNAL_EXIT.get(signum, 128 + signum)


class NotText(UsageError):
    """What the user typed is not valid UTF-8; the message names the line."""


class Keeping(Record):
    """How a command keeps typed text it could not file: the header its recovery file starts
    with (``recovery.header``), the file's name, and ``how_to_file(path)``, the sentence that
    says how to file the file at ``path`` (worded by the command)."""

    header: bytes = b""
    name: str = "log"
    how_to_file: Callable[[str], str] | None = None

    def hint(self, kept: str, hint=None):
        """``hint`` (the error's own: words or a ``Suggest``) followed by how to file ``kept``,
        when it is a file; a list of parts the CLI words and joins."""
        how = self.how_to_file(kept) if self.how_to_file and kept != ON_STDERR else None
        parts = [*(hint if isinstance(hint, list) else [hint]), how]
        return [part for part in parts if part] or None


def recovery_dir(journal: Path) -> Path:
    return journal.parent / "recovery"


def _write_new(folder: Path, name: str, raw: bytes) -> Path:
    from mentorlog.core.files import write_private

    when = dates.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        path = folder / (f"{name}-{when}.txt" if n == 0 else f"{name}-{when}-{n}.txt")
        try:
            return write_private(path, raw, parents=True)
        except FileExistsError:
            continue
    raise FileExistsError(folder)


def _temporary_folder() -> Path:
    import tempfile  # imported here: a log without the editor never needs it

    return Path(tempfile.gettempdir())


def keep(text: str | bytes, journal: Path, name: str = "log", header: bytes = b"") -> str:
    """Save ``text`` byte for byte, after ``header``, and say where: a recovery file beside the
    journal, else one in the temporary folder, else the text itself on stderr."""
    raw = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    for folder in (recovery_dir(journal), _temporary_folder() / "mentorlog-recovery"):
        try:
            return str(_write_new(folder, name, header + raw))
        except OSError:
            continue
    try:
        sys.stderr.write("mentorlog: no file could be written; here is your text:\n")
        sys.stderr.flush()
        sys.stderr.buffer.write(raw + b"\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    return ON_STDERR


def decode(raw: bytes, where: str) -> str:
    """``raw`` as text, or NotText naming the first line that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise NotText(f"Line {line} of {where} is not valid UTF-8 text.", hint="Save it as UTF-8.") from None


def read_stdin() -> bytes:
    """All of stdin as bytes (empty when stdin is closed)."""
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is not None:
            return stream.read()
        return (sys.stdin.read() if sys.stdin is not None else "").encode("utf-8", "surrogateescape")
    except (OSError, ValueError):
        return b""


def editor_command() -> list[str]:
    import shlex

    from mentorlog.io import config

    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR") or config.get("editor") or "vi"
    try:
        return shlex.split(chosen)
    except ValueError:
        raise MentorlogError(
            f"Can't read the editor command {chosen!r}.",
            hint="Check $VISUAL, $EDITOR and the config file's editor.",
        ) from None


def _on_signal(signum, frame):
    import signal

    raise Signalled(f"Stopped by signal {signal.Signals(signum).name}", signum)


def _restore(signum: int, handler) -> None:
    import signal

    signal.signal(signum, handler)


def _catch_signals() -> dict:
    """Turn SIGHUP/SIGTERM into ``Signalled`` so typed text can be kept; returns the old
    handlers (none outside the main thread, where Python cannot set them)."""
    try:
        import signal

        return {s: signal.signal(s, _on_signal) for s in SIGNAL_EXIT}
    except ValueError:
        return {}


def edit(buffer: str, journal: Path, keeping: Keeping | None = None) -> bytes:
    """Open the editor on ``buffer`` and return the saved bytes.

    The buffer lives in a private temporary folder while the editor runs; if the command ends
    any other way than returning (the editor fails, Ctrl-C, SIGHUP, SIGTERM), what is in the
    file is kept first, as ``keeping`` says.
    """
    keeping = keeping or Keeping()
    command = editor_command()
    try:
        import tempfile

        workdir = Path(tempfile.mkdtemp(prefix="mentorlog-"))
    except OSError as e:
        raise MentorlogError(
            f"Cannot make a temporary file for the editor ({e.strerror}).",
            hint="Check $TMPDIR, or pass the note with --notes.",
        ) from None
    path = workdir / "checkin.md"
    original = buffer.encode("utf-8", "surrogateescape")
    previous = _catch_signals()
    try:
        path.write_bytes(original)
        try:
            result = subprocess.run([*command, str(path)])
        except FileNotFoundError:
            raise MentorlogError(
                f"The editor {command[0]!r} was not found.",
                hint="Set $EDITOR (e.g. export EDITOR=nano), or pass the note with --notes.",
            ) from None
        except (KeyboardInterrupt, Signalled) as stop:
            typed = _read(path)
            if typed is None or typed == original:
                raise
            kept = keep(typed, journal, keeping.name, keeping.header)
            message = "Interrupted" if isinstance(stop, KeyboardInterrupt) else stop.message
            err = Interrupted(f"{message}; nothing was written. Your text is in {kept}", keeping.hint(kept))
            if isinstance(stop, Signalled):
                err.exit_code = stop.exit_code
            raise err from None
        typed = _read(path) or b""
        if result.returncode != 0:
            message = f"The editor exited with status {result.returncode}; nothing was written."
            hint = None
            if typed != original:
                kept = keep(typed, journal, keeping.name, keeping.header)
                message += f" Your text is in {kept}"
                hint = keeping.hint(kept)
            raise MentorlogError(message, hint)
        return typed
    finally:
        for s, handler in previous.items():
            _restore(s, handler)
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def file_or_keep(
    typed: bytes | None,
    journal: Path,
    action: Callable[[], T],
    keeping: Keeping | None = None,
    *,
    if_lost: list | None = None,
) -> T:
    """Run ``action`` (which files the text); if it fails after the user typed ``typed``,
    keep the text first, as ``keeping`` says, and say where in the error and how to file it.
    Whatever the failure: a date out of range (year 9999 plus a cadence), or one no message was
    foreseen for, keeps the text too.

    The write is committed later, once the echo line is out (``mentorlog.core.boundary``): if that
    commit fails (a file-size limit, a full disk), the session keeps the text then, by the keep
    added to ``if_lost`` (its list of them)."""
    keeping = keeping or Keeping()
    previous = _catch_signals() if typed is not None else {}
    try:
        result = action()
    except (Exception, KeyboardInterrupt) as e:
        if typed is None or isinstance(e, NothingWritten):
            raise
        kept = keep(typed, journal, keeping.name, keeping.header)
        if isinstance(e, KeyboardInterrupt):
            message = f"Interrupted; nothing was written. Your text is in {kept}"
            raise Interrupted(message, keeping.hint(kept)) from None
        if isinstance(e, OverflowError):
            raise UsageError(
                f"A date is out of range ({e}); nothing was written. Your text is in {kept}",
                hint=keeping.hint(
                    kept, "Use dates between 1900 and 9000 (mentorlog doctor finds the ones that are not)."
                ),
            ) from None
        if isinstance(e, OSError):
            message = f"{e.strerror or e}; nothing was written. Your text is in {kept}"
            raise MentorlogError(message, keeping.hint(kept)) from None
        if not isinstance(e, MentorlogError):
            _say(f"mentorlog: nothing was written; your text is in {kept}")
            raise
        import copy

        from mentorlog.core.errors import BadValue

        # A BadValue is worded from its field by the CLI, and copying one fails (it takes more
        # arguments): keep its sentence instead.
        err = UsageError(e.message, e.hint) if isinstance(e, BadValue) else copy.copy(e)
        err.message = f"{e.message} Nothing was written; your text is in {kept}"
        err.hint = keeping.hint(kept, e.hint)
        # A buffer naming an unknown id cannot be filed as typed: a usage problem (SPEC §2).
        err.exit_code = 2 if isinstance(e, NotFound) else e.exit_code
        raise err from None
    finally:
        for s, handler in previous.items():
            _restore(s, handler)
    if typed is not None and if_lost is not None:
        # The echo line will say it was filed: the text must not be lost with a rollback.
        if_lost.append(lambda: keep(typed, journal))
    return result


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
