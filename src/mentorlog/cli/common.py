"""What the command modules share: the running session and its journal (opened in exactly one
place), date options, mentor arguments, and the reusable option types.

The root group makes one ``Session`` per run and the root callback tells it the journal
(``--db``, MENTORLOG_DB); ``session()`` is the one way a command reaches it, and ``journal()`` /
``journal_path()`` read the journal's path from it. Below the CLI nothing reads the session: the
journal, capture and views take the path, and what the session must do later, as arguments."""

import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from typer import _click as click  # Typer 0.28 ships its own copy of Click; its types are these
from typer.core import TyperCommand, TyperGroup

from mentorlog.core import dates
from mentorlog.core.boundary import Session
from mentorlog.core.dates import When


def session() -> Session | None:
    """The running command's session; None outside a command (a test calling a function)."""
    from typer._click.globals import get_current_context  # Typer 0.28's own Click

    ctx = get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    return root.obj if root is not None and isinstance(root.obj, Session) else None


SETTINGS = {
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,  # help is plain text; user text never meets Rich markup
}


class Context(click.Context):
    """Every command's context: its help is laid out by ``cli.help`` (at the terminal's width,
    a command in it kept whole), which only ``--help`` loads."""

    def make_formatter(self):
        from mentorlog.cli.help import Formatter

        return Formatter()


class Command(TyperCommand):
    """Every mentorlog command, so that ``--help`` reads like the README.

    Typer names a parameter that has no metavar by its Python type (``--todo <str>``,
    ``--minutes <int range>``, ``{text}``) and wraps a required argument in braces in the usage
    line (``{MENTOR}``). Here an option without a metavar is named by what it takes (TEXT, N,
    PATH, its choices), an argument by its name in capitals, and the usage line shows
    ``MENTOR TEXT`` and ``[MENTOR]`` as Click and the README write them. A metavar a command
    sets itself (WHEN, ID, FILE.ics) is kept.
    """

    context_class = Context

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.metavar is None and not getattr(param, "is_flag", False):
                param.metavar = _metavar(param)

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                shown = param.metavar or param.name.upper()
                optional = not param.required and not shown.startswith("[")
                pieces.append(f"[{shown}]" if optional else shown)
        return pieces


def _metavar(param) -> str:
    """What a parameter takes, in the words the README uses."""
    if param.param_type_name == "argument":
        return (param.name or "value").upper() + ("..." if param.nargs != 1 else "")
    choices = getattr(param.type, "choices", None)  # an enum option (Typer's own Choice type)
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    # Typer 0.28 names its types "int", "int range", "float", "path", "str"
    words = {"int": "N", "int range": "N", "float": "NUMBER", "float range": "NUMBER", "path": "PATH"}
    return words.get(param.type.name, "TEXT")


class CommandGroup(typer.Typer):
    """A Typer app whose commands are ``Command``s."""

    def command(self, *args, **kwargs):
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)


class LazyGroup(TyperGroup):
    """A command group (``todo``, ``advice``) that builds a subcommand only when it is asked
    for: Typer reads every command's signature to build a group, a few milliseconds a write
    command would pay for commands it does not run. ``--help`` lists them all, from ``source``."""

    context_class = Context
    source: typer.Typer | None = None

    def _names(self) -> list[str]:
        if self.source is None:
            return list(self.commands)
        return [c.name for c in self.source.registered_commands] + [
            g.name for g in self.source.registered_groups
        ]

    def list_commands(self, ctx) -> list[str]:
        return self._names()

    def get_command(self, ctx, cmd_name: str):
        if cmd_name not in self.commands and self.source is not None and cmd_name in self._names():
            self.commands.update(build_group(self.source, only=cmd_name).commands)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except Exception as e:  # Typer's usage error: suggest from every name, built or not
            from difflib import get_close_matches

            message = getattr(e, "message", None)
            matches = get_close_matches(args[0], self._names()) if args and message else []
            if matches and "Did you mean" not in message:
                e.message = message.rstrip(".") + f". Did you mean {', '.join(map(repr, matches))}?"
            raise


def build_group(app: typer.Typer, *, only: str | None = None):
    """The Click group of a Typer sub-app: empty and lazy (``only`` None), or with just the
    command or sub-group named ``only``."""
    import copy

    shell = copy.copy(app)
    shell.registered_commands = [c for c in app.registered_commands if only is not None and c.name == only]
    shell.registered_groups = [g for g in app.registered_groups if only is not None and g.name == only]
    group = typer.main.get_group(shell)
    if only is None:
        group.source = app
    return group


def command_group(help: str) -> typer.Typer:
    """A command group (``todo``, ``advice``, …) with the settings every group shares."""
    return CommandGroup(cls=LazyGroup, help=help, no_args_is_help=True, **SETTINGS)


def journal_path() -> Path:
    """The journal this command works on: the session's, resolved from ``--db`` or MENTORLOG_DB
    (else the config file's ``journal``, else the default) the first time a command asks, and
    kept. Not before: a command that never opens the journal (``config --path``) does not read
    the config file for it, and so still answers when that file is broken."""
    from mentorlog.journal.store.db import resolve_path

    current = session()
    if current is None:
        return resolve_path(None)
    if current.path is None:
        current.path = resolve_path(current.db)
    return current.path


def file_or_keep(typed: bytes | None, action: Callable, keeping=None):
    """``io.capture.file_or_keep`` on this command's journal: ``action`` files what the user
    typed, and if it fails, or the commit after the output does (the session is told), the text
    is kept as ``keeping`` says."""
    from mentorlog.io import capture

    current = session()
    if_lost = current.if_lost if current is not None else None
    return capture.file_or_keep(typed, journal_path(), action, keeping, if_lost=if_lost)


def command_line() -> str:
    """The running command as typed, from its command word on (what ``history`` shows): the
    program name and the global options before it (``--db PATH``) are not part of it."""
    import shlex

    current = session()
    words = list(current.argv) if current is not None else []
    while words and words[0].startswith("-"):
        if words.pop(0) == "--db" and words:
            words.pop(0)
    return shlex.join(words)


@contextmanager
def journal(
    *, write: bool = False, create: bool = False, record: bool = True, hold: bool = True
) -> Iterator[sqlite3.Connection]:
    """The journal inside one transaction; see ``journal.db.open_journal``.

    A write is recorded as one change in the history (``record=False`` for ``undo`` and
    ``history --clear``, which work on the history itself). A write transaction is held by the
    session and committed by the error boundary once the command's output is out
    (``mentorlog.core.boundary``): a command whose echo cannot be written changes nothing.
    ``hold=False`` commits at the end of the block instead, for work that must follow the commit
    (``VACUUM``).
    """
    from mentorlog.journal.store.db import open_journal

    command = command_line() if write and record else None
    transaction = open_journal(journal_path(), write=write, create=create, command=command)
    current = session()
    if write and hold and current is not None:
        conn = current.hold(transaction)
        try:
            yield conn
        except BaseException as e:
            current.release(transaction, e)  # roll back now (and name a journal error as such)
            raise
        return
    with transaction as conn:
        yield conn


def ask_first(yes: bool, question: Callable[[sqlite3.Connection], str], action: str) -> None:
    """Before a delete: unless ``--yes``, read what goes (an unknown id fails here, exit 1) and
    ask ``question(conn)`` about it."""
    if not yes:
        with journal() as conn:
            text = question(conn)
        confirm(text, action=action, yes=False)


def confirm(question: str, *, action: str, yes: bool, refused: str = "Not deleted.") -> None:
    """Ask ``question`` before a delete or an undo (SPEC §2): ``--yes`` skips it; without a
    terminal to ask on, ``action`` ("Deleting todo 5") is refused, exit 1; answering no is
    ``refused``, exit 1. Called before anything is written."""
    from mentorlog.core.errors import MentorlogError, NothingWritten

    if yes:
        return
    if not stdin_is_terminal():
        raise MentorlogError(
            f"{action} needs a yes, and there is no terminal to ask on; nothing was changed.",
            hint="Pass --yes to go ahead without being asked.",
        )
    from mentorlog.render.text import question as prompt

    # the question quotes user text (made visible), wrapped at the terminal's width
    if not typer.confirm(prompt(question), default=False):
        raise NothingWritten(refused)


def when(text: str | None, option: str, *, future: bool) -> When | None:
    """A WHEN option, within the years mentorlog keeps (``dates.YEARS``): the grammar reads
    9999-12-30, and a next check-in there made every later ``log`` overflow."""
    if text is None:
        return None
    resolved = dates.parse_when(text, future=future, option=option)
    dates.check_bounds(resolved.at, option)
    return resolved


def when_or_clear(text: str, option: str, *, future: bool) -> When | None:
    """For ``--next WHEN|none`` and ``--due WHEN|none``: None means 'none', i.e. clear it."""
    if text.strip().lower() == "none":
        return None
    return when(text, option, future=future)


def on_or_now(text: str | None, option: str = "--on") -> datetime:
    """An ``--on`` option: when something already happened, so never later than now."""
    if text is None:
        return dates.now()
    at = when(text, option, future=False).at
    dates.check_happened(at, option)
    return at


MAX_ID = 2**63 - 1  # SQLite's largest integer


def parse_id(text: str) -> int:
    """An id as typed: plain ASCII digits (not '٣', '３', '+3' or '3_0'), within SQLite's range."""
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        raise typer.BadParameter(
            f"{text!r} is not an id; ids are whole numbers like 12 (or 6+ hex digits of a uuid)."
        )
    return int(text)


def id_of(concept: str) -> Callable[[str], int]:
    """The parser of an id of ``concept`` (``todo``): plain digits are the id; a uuid prefix of
    at least six hex digits is looked up in the journal (SPEC §1) — the one place both are read."""

    def parse(text: str) -> int:
        from mentorlog.journal.common import by_uuid_prefix, is_uuid_prefix

        if not is_uuid_prefix(text):
            return parse_id(text)
        from mentorlog.journal import concepts

        found = concepts.by_name(concept)
        with journal() as conn:
            return by_uuid_prefix(conn, found.table, concept, text)

    parse.__name__ = f"{concept}_id"
    return parse


def unique(ids: list[int]) -> list[int]:
    """Ids in the order given, a repeated one counted once (SPEC §2)."""
    return list(dict.fromkeys(ids))


def day_bound(w: When | None, *, end_of_day: bool) -> datetime | None:
    """A --since/--until bound: a bare day covers the whole day."""
    if w is None:
        return None
    if w.has_time:
        return w.at
    bound = (
        w.at.replace(hour=23, minute=59, second=59)
        if end_of_day
        else w.at.replace(hour=0, minute=0, second=0)
    )
    return dates.local(bound.replace(tzinfo=None))


def stdout_is_terminal() -> bool:
    from mentorlog.render.text import is_terminal

    return is_terminal(sys.stdout)


def stdin_is_terminal() -> bool:
    from mentorlog.render.text import is_terminal

    return is_terminal(sys.stdin)


def completion(name: str):
    """The completion callback ``name`` of ``cli.complete``, imported only when the shell asks:
    completion code has no place in the start-up of every command."""

    def complete(ctx: typer.Context, incomplete: str):
        from mentorlog.cli import complete as completions

        return getattr(completions, name)(ctx, incomplete)

    return complete


complete_mentor = completion("complete_mentor")

MentorArg = Annotated[
    str,
    typer.Argument(
        metavar="MENTOR",
        help="A handle, a full name, a surname, or a unique prefix of any of them.",
        autocompletion=complete_mentor,
    ),
]
OptionalMentorArg = Annotated[
    str | None,
    typer.Argument(
        metavar="[MENTOR]", help="Only this mentor (handle, name or prefix).", autocompletion=complete_mentor
    ),
]
MentorOpt = Annotated[
    str | None,
    typer.Option(
        "--mentor",
        "-m",
        metavar="MENTOR",
        help="Only this mentor (handle, name or prefix).",
        autocompletion=complete_mentor,
    ),
]
# For commands that capture something: the mentor a new item belongs to, not a filter.
ForMentorOpt = Annotated[
    str | None,
    typer.Option(
        "--mentor",
        "-m",
        metavar="MENTOR",
        help="The mentor it is for (handle, name or prefix).",
        autocompletion=complete_mentor,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


# Tags: repeatable on what files a row, one to filter a list by.
def _checked_tags(tags: list[str] | None) -> list[str] | None:
    """Each --tag refused as it is read, before an editor opens (``journal.tags.check``)."""
    if tags:
        from mentorlog.journal.tags import check

        for tag in tags:
            check(tag)
    return tags


TagsOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", metavar="TAG", help="A tag, one word (repeatable).", callback=_checked_tags),
]
TagFilterOpt = Annotated[str | None, typer.Option("--tag", "-t", metavar="TAG", help="Only with this tag.")]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
ToMentorOpt = Annotated[
    str | None,
    typer.Option(
        "--mentor", "-m", metavar="MENTOR", help="Move it to this mentor.", autocompletion=complete_mentor
    ),
]
