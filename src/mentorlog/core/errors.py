"""The exception family: each error carries the message the user sees and the exit code.

Domain code raises these; the CLI's single error boundary (``mentorlog.cli``) prints the
message on stderr and exits with the code. Codes follow SPEC §6: 1 for a runtime or data
problem, 2 for a usage problem, 130 for an interrupt.

The domain speaks data: an error names the concept, the field and the value (``NotFound``,
``BadValue``, ``Ambiguous``), and a next step is a ``Suggest`` (an action and its arguments),
never a command line. The CLI words them (``core/words.py``: a concept's list command, a field's
option, an action's command), so a rename there cannot leave a stale hint here, and callers that
are not command lines (sync, the inbox) get the plain message.
"""


class Suggest:
    """A next step as data: ``Suggest("resume", mentor="ada")``; the CLI words it as a command."""

    __slots__ = ("action", "args")

    def __init__(self, action: str, **args):
        self.action = action
        self.args = args

    def __repr__(self) -> str:
        return f"Suggest({self.action!r}, {self.args!r})"


class MentorlogError(Exception):
    """A problem the user can act on; ``str(err)`` is the message."""

    exit_code = 1

    def __init__(self, message: str, hint: str | Suggest | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint  # plain advice in words, or a Suggest the CLI words


class UsageError(MentorlogError):
    """The input was wrong: a bad date, cadence, id or option value."""

    exit_code = 2


class DateError(UsageError):
    """A WHEN or cadence that the grammar does not accept."""


class NotFound(MentorlogError):
    """A mentor, id or journal that does not exist: ``concept`` and ``ref`` say which."""

    def __init__(self, message: str, hint=None, *, concept: str | None = None, ref=None):
        super().__init__(message, hint)
        self.concept = concept
        self.ref = ref


class BadValue(UsageError):
    """A value a field cannot take: ``field`` (the domain's name for it), ``value``, and ``why``
    (``is negative``). The CLI names the option the field came from."""

    def __init__(self, field: str, value, why: str, hint=None):
        super().__init__(f"The {field.replace('_', ' ')} {value} {why}.", hint)
        self.field = field
        self.value = value
        self.why = why


class BadDate(BadValue, DateError):
    """A date field whose value the grammar does not accept."""


class Ambiguous(UsageError):
    """A reference that matches more than one row: ``candidates`` are what it could mean."""

    def __init__(self, message: str, candidates: list[str], hint=None):
        super().__init__(message, hint)
        self.candidates = candidates


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
