"""The one error boundary: every way a command can end becomes one or two lines on stderr and
an exit code (SPEC §6), and the journal is committed only once the command's output is out.

A write command's transaction stays open until the command has returned and stdout has been
flushed: if the echo line cannot be written (a full disk, a closed pipe), the change is rolled
back, so a command that failed has changed nothing. No traceback reaches the user on any
path unless ``MENTORLOG_DEBUG`` is set. Typer is never imported here, so the fast paths in
``__main__`` share this boundary.
"""

from __future__ import annotations

import errno
import os
import sys

from mentorlog.core.errors import MentorlogError, OutputClosed
from mentorlog.core.record import Record, field

TYPE_CHECKING = False  # importing typing costs start-up; type checkers take this as True
if TYPE_CHECKING:  # kept out of start-up: --version runs through here too
    from collections.abc import Callable
    from pathlib import Path

INTERRUPTED = "Interrupted; nothing was changed."
_SIGNALS = {1: "SIGHUP", 15: "SIGTERM"}  # numbers: importing signal costs start-up


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP (a ``timeout``, a shutdown, the terminal closed), raised where the
    command is as Ctrl-C raises KeyboardInterrupt: every ``except KeyboardInterrupt`` and
    ``finally`` on the way out runs, so a transaction is rolled back and a temporary file or a
    half-written export is removed, not left behind by the default action (an instant death)."""

    def __init__(self, signum: int):
        super().__init__(_SIGNALS.get(signum, f"signal {signum}"))
        self.signum = signum
        self.exit_code = 128 + signum  # 129, 143 (SPEC §6)


_last: list[Stopped] = []  # the Stopped raised, for when Typer has turned it into Exit(130)


def _stop(signum, frame):
    if _last:  # stopping already: a second SIGTERM must not cut the cleanup of the first short
        return
    _last[:] = [Stopped(signum)]
    raise _last[0]


def catch_signals() -> dict:
    """Turn SIGTERM and SIGHUP into ``Stopped`` for the rest of the command; the handlers they
    had, for ``restore_signals``. A signal someone chose to ignore (``nohup``) stays ignored."""
    try:
        import _signal  # built in: no start-up cost, unlike signal's enums

        previous = {}
        for signum in _SIGNALS:
            if _signal.getsignal(signum) == _signal.SIG_DFL:
                previous[signum] = _signal.signal(signum, _stop)
        return previous
    except (ImportError, ValueError, OSError):  # not the main thread, or no such signal here
        return {}


def restore_signals(previous: dict) -> None:
    try:
        import _signal

        for signum, handler in previous.items():
            _signal.signal(signum, handler)
    except (ImportError, ValueError, OSError):
        pass


class Session(Record):
    """One run of mentorlog: the journal it works on, the command line, and the write
    transactions to finish. The root group makes it; the root callback says which journal
    (``use_journal``)."""

    db: Path | None = None  # the journal --db or MENTORLOG_DB names; None: the default journal
    db_typed: bool = False  # --db was on the command line (not MENTORLOG_DB): hints repeat it
    path: Path | None = None  # where the journal is, once resolved from ``db`` (``cli.common``)
    argv: list[str] = field(default_factory=list)  # as typed, without the program name: the history's command
    held: list = field(default_factory=list)  # write transactions waiting for the output to be out
    after_commit: list = field(default_factory=list)  # work that can only follow the commit (VACUUM)
    committed: bool = False  # a held transaction was committed: an interrupt now comes too late
    # How errors are worded: (message, hint) for a MentorlogError; the CLI gives its own
    # (``core.words.word``), which turns the domain's data into option names and commands.
    word: Callable | None = None
    undoable: bool = True  # what was committed is a change undo reverts (not history --clear)
    if_lost: list = field(default_factory=list)  # keep typed text when the commit fails: paths

    def use_journal(self, db: Path | None, *, typed: bool) -> None:
        """Work on the journal ``db`` (None: the default one) from now on; ``typed``: it was
        named on the command line, so hints name it too."""
        self.db, self.db_typed, self.path = db, typed, None

    @property
    def db_shown(self) -> Path | None:
        """The ``--db`` that hints repeat: the one typed on the command line, not MENTORLOG_DB."""
        return self.db if self.db_typed else None

    @property
    def pending(self) -> int:
        return len(self.held)

    def hold(self, transaction):
        """Enter ``transaction`` (a context manager) and keep it open until ``finish``."""
        conn = transaction.__enter__()
        self.held.append(transaction)
        return conn

    def release(self, transaction, error: BaseException) -> None:
        """Roll ``transaction`` back now: the block that used it failed. Its own error (a
        translated sqlite3 error) may be raised from here."""
        self.held.remove(transaction)
        transaction.__exit__(type(error), error, error.__traceback__)

    def finish(self, error: BaseException | None) -> None:
        """Commit what is held (``error`` None) or roll it back, newest first."""
        while self.held:
            transaction = self.held.pop()
            if error is None:
                transaction.__exit__(None, None, None)
                self.committed = True
            else:
                transaction.__exit__(type(error), error, error.__traceback__)


def report(message: str, hint: str | None = None) -> None:
    from mentorlog.render.text import warn

    try:
        warn(f"mentorlog: {message}")
        if hint:
            warn(hint)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # stderr is gone too: the exit code still tells


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so Python's exit flush stays quiet."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass


def _flush_stdout() -> None:
    if sys.stdout is not None:
        sys.stdout.flush()


def check_argv(argv: list[str]) -> None:
    """Arguments that are not valid UTF-8 (decoded by Python with surrogate escapes) are a usage
    problem, reported before anything runs."""
    from mentorlog.core.errors import UsageError

    for n, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(
                f"Argument {n} is not valid UTF-8 text.", hint="Check the terminal's encoding."
            ) from None


def guarded(invoke: Callable[[], object], session: Session | None = None) -> int:
    """Run ``invoke``, finish the session's writes, and return the exit code."""
    session = session or Session()
    _last.clear()
    previous = catch_signals()
    try:
        return _guarded(invoke, session)
    finally:
        # Once stopped, the handlers stay: the process is on its way out, and a second SIGTERM
        # landing between a restore and the exit would kill it by the default action (-15).
        if not _last:
            restore_signals(previous)


def _guarded(invoke: Callable[[], object], session: Session) -> int:
    try:
        result = invoke()
        code = result if isinstance(result, int) else 0
        if code == 130:  # Typer turns Ctrl-C (and a Stopped) into Exit(130) before we see it
            raise _last[0] if _last else KeyboardInterrupt
        _flush_stdout()
        session.finish(None)
        while session.after_commit:
            session.after_commit.pop(0)()
        return code
    except BaseException as e:  # every way out: each gets its message and code below
        stopped = _stopped(e)
        if session.committed and (isinstance(e, KeyboardInterrupt) or stopped is not None):
            # never "nothing was changed" once it was
            what = "Interrupted" if stopped is None else f"Stopped by {stopped}"
            tail = " (mentorlog undo reverts it)." if session.undoable else "; it cannot be undone."
            report(f"{what} after the change was saved{tail}")
            return 130 if stopped is None else stopped.exit_code
        wrote = session.pending > 0
        try:
            session.finish(e)
        except Exception as rollback_error:  # the rollback's own failure is reported instead
            e = rollback_error
        code = _exit_code(e, wrote, session.db_shown, session.word)
        if not session.committed:
            for keep in session.if_lost:  # typed text filed by a write that did not commit
                report(f"Your text is in {keep()}")
        return code


def _plain(e: MentorlogError) -> tuple[str, str | None]:
    """The message and the hint's words, when nothing words the domain's suggestions."""
    parts = e.hint if isinstance(e.hint, list) else [e.hint]
    return e.message, " ".join(p for p in parts if isinstance(p, str)) or None


def _exit_code(e: BaseException, wrote: bool, db=None, word: Callable | None = None) -> int:
    debug = bool(os.environ.get("MENTORLOG_DEBUG"))
    if isinstance(e, SystemExit):
        return e.code if isinstance(e.code, int) else 1
    if isinstance(e, OutputClosed) or (isinstance(e, OSError) and e.errno == errno.EPIPE):
        _silence_stdout()  # the reader went away (`| head`): stop quietly
        return 1 if wrote else 0
    stopped = _stopped(e)
    if stopped is not None:
        report(f"Stopped by {stopped}; nothing was changed.")
        return stopped.exit_code
    if isinstance(e, KeyboardInterrupt) or type(e).__name__ == "Abort":
        report(INTERRUPTED)
        return 130
    if debug and not isinstance(e, MentorlogError | SystemExit):
        import traceback

        traceback.print_exception(e)
        return 1
    if isinstance(e, MentorlogError):
        if debug:
            import traceback

            traceback.print_exception(e)
        from mentorlog.render.text import with_db

        message, hint = (word or _plain)(e)
        report(message, with_db(hint, db) if hint else None)
        return e.exit_code
    if "typer" in sys.modules:
        code = _typer_error(e)
        if code is not None:
            return code
    if isinstance(e, OSError) and e.errno == errno.ENAMETOOLONG:
        report(f"{_too_long(e.filename)}; nothing was changed.", "Give a shorter name.")
        return 2
    if isinstance(e, OSError) and e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        where = f" {e.filename}" if e.filename else ""
        what = "is on a read-only file system" if e.errno == errno.EROFS else "may not be written"
        report(f"Could not write{where}: it {what}; nothing was changed.", "Choose a place you can write to.")
        return 1
    if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO):
        _silence_stdout()
        what = "the disk is full" if e.errno in (errno.ENOSPC, errno.EDQUOT) else e.strerror
        report(f"Could not write the output: {what}; nothing was changed.")
        return 1
    if isinstance(e, AttributeError) and sys.stdout is None:  # started with stdout closed (>&-)
        report("Could not write the output: standard output is closed; nothing was changed.")
        return 1
    if isinstance(e, OverflowError):
        report(f"A date is out of range ({e}); nothing was changed.", "Use dates between 1900 and 9000.")
        return 2
    if "sqlite3" in sys.modules and isinstance(e, sys.modules["sqlite3"].Error):
        report(f"The journal could not be used: {e}; nothing was changed.", "MENTORLOG_DEBUG=1 shows why.")
        return 1
    report(
        f"internal error: {type(e).__name__}: {e}", "Please report it; MENTORLOG_DEBUG=1 shows the traceback."
    )
    return 1


def _too_long(filename) -> str:
    """Which name is too long, and by how much: a file system takes at most 255 bytes in one
    name (NAME_MAX) and 4096 in a path."""
    if not filename:
        return "A file name is too long for its file system"
    path = os.fsdecode(filename)
    longest = max(path.split(os.sep), key=lambda part: len(os.fsencode(part)))
    size = len(os.fsencode(longest))
    if size > 255:
        shown = longest[:40] + "…"
        return f"The name {shown!r} is too long: {size} bytes, where file systems take at most 255"
    return f"The path {path[:60]}… is too long for its file system ({len(os.fsencode(path))} bytes)"


def _stopped(e: BaseException) -> Stopped | None:
    """The SIGTERM or SIGHUP behind ``e`` (Click wraps a KeyboardInterrupt in Abort)."""
    for _ in range(10):
        if e is None or isinstance(e, Stopped):
            return e
        e = e.__cause__ or e.__context__
    return None


def _typer_error(e: BaseException) -> int | None:
    import typer

    if not isinstance(e, typer.TyperException):
        return None
    if type(e).__name__ == "NoArgsIsHelpError":  # `mentorlog` or `mentorlog todo` alone
        try:
            sys.stdout.write(e.format_message() + "\n")
            _flush_stdout()
        except (OSError, ValueError, AttributeError) as write_error:  # full, closed or no stdout
            return _exit_code(write_error, False)
        return 0
    ctx = getattr(e, "ctx", None)
    hint = f"See: {ctx.command_path} --help" if ctx is not None else None
    report(e.format_message() if hasattr(e, "format_message") else str(e), hint)
    return getattr(e, "exit_code", 2)
