"""The exception family: each error carries the message the user sees and the exit code.

Domain code raises these; the CLI's single error boundary (``mentorlog.cli``) prints the
message on stderr and exits with the code. Codes follow SPEC §6: 1 for a runtime or data
problem, 2 for a usage problem, 130 for an interrupt.
"""


class MentorlogError(Exception):
    """A problem the user can act on; ``str(err)`` is the message."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(MentorlogError):
    """The input was wrong: a bad date, cadence, id or option value."""

    exit_code = 2


class DateError(UsageError):
    """A WHEN or cadence that the grammar does not accept."""


class NotFound(MentorlogError):
    """A mentor, id or journal that does not exist."""


class NothingWritten(MentorlogError):
    """The user gave nothing to store (an empty note)."""


class JournalError(MentorlogError):
    """The journal file is missing, corrupt, locked, foreign or too new."""


class CannotWrite(JournalError):
    """The journal can be read but not changed: a read-only file, folder or file system, a
    full disk, a permission."""


class Interrupted(MentorlogError):
    """Ctrl-C: nothing was written (typed text, if any, was saved first)."""

    exit_code = 130


class OutputClosed(Exception):
    """The reader of stdout went away (``| head``). Raised in place of the BrokenPipeError,
    which Click would otherwise turn into exit 1 on its own, to end quietly in the boundary."""
