"""The command line: the Typer app, the global options and the single error boundary.

``SECTIONS`` is the one table of the commands: the root ``--help``'s sections (SPEC §2), and in
each a command word with the object that defines it and its one-line summary; ``COMMANDS`` and
``SUMMARIES`` are read from it. The root group loads a
command's module only when that command runs (Click's lazy-loading group pattern), so a
``todo add`` does not pay for building every other command; ``--help`` loads them all from
the same map.
"""

import importlib
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer import _click as click  # Typer 0.28 ships its own copy of Click; its types are these
from typer.core import TyperGroup

from mentorlog import __version__
from mentorlog.cli import common
from mentorlog.core.boundary import Session, check_argv, guarded

# The root --help's sections (SPEC §2), in order. Each command word → the "module:attribute"
# under mentorlog.cli that defines it (a Typer sub-app for a group such as ``todo``, a function
# for a single command such as ``log``), and its one-line summary: the first paragraph of its
# own help, written here too so that the root's --help need not import and build every command
# to show it (tests/test_help.py checks each against the command's help).
SECTIONS = {
    "After a check-in": {
        "log": ("log:log", "Record a check-in that just happened."),
        "meeting": ("meetings:app", "Check-ins that happened: list, show, edit, delete."),
        "recap": ("letters:recap", "A follow-up to send a mentor after a check-in."),
    },
    "Between check-ins": {
        "todo": ("todos:app", "Action items: add, list, tick off, drop, reopen, edit, delete."),
        "advice": ("advice:app", "Advice you got, and each time you applied it."),
        "topic": ("topics:app", "What to raise at the next check-in: questions, concerns, wins."),
        "thanks": ("thanks:app", "Thanks you gave your mentors."),
        "goal": ("goals:app", "Goals: what the mentoring is for."),
        "note": ("notes:app", "Private notes between check-ins."),
    },
    "The relationship": {
        "mentor": ("mentors:app", "Add, list, show, edit, end, resume and delete mentors."),
        "agreement": ("agreements:app", "What you and a mentor agreed, every revision kept."),
        "closure": ("closures:app", "How a mentoring came to a close."),
        "update": ("updates:app", "Updates you sent a mentor, and drafts to send."),
    },
    "Growth": {
        "skill": ("skills:app", "Skills you are building, with dated self-ratings."),
        "feedback": ("feedback:app", "Feedback a mentor gave you, or you gave them."),
        "offer": ("offers:app", "What a mentor offered to do for you: an intro, a review."),
    },
    "Views": {
        "review": ("views:review", "The one-screen brief before a check-in."),
        "remind": ("views:remind", "What needs you now: check-ins, todos, advice, thanks."),
        "progress": ("views:progress", "The long view: check-ins per month, activity and figures."),
        "report": ("views:report", "A Markdown letter for MENTOR: their advice and what it led to."),
        "search": ("search:search", "Search everything you wrote, best match first."),
        "tags": ("tags:tags", "List the tags you used, most used first, with their counts."),
    },
    "Your data": {
        "history": ("history:history", "The changes write commands made, newest first."),
        "undo": ("history:undo", "Revert the newest change not undone yet."),
        "export": ("exports:export", "Write the journal out as json, Markdown, csv or a calendar."),
        "import": ("imports:import_", "Merge a json export into the journal, matching rows by uuid."),
        "backup": ("backups:backup", "Copy the journal safely, even while it is in use."),
        "restore": ("backups:restore", "Put a backup in the journal's place, once it is checked."),
        "doctor": ("doctor:doctor", "Check that the journal is whole; --repair fixes what it can."),
        "config": ("settings:config", "Read or set the defaults in your config file."),
        "demo": ("demo:demo", "Try mentorlog on a throwaway journal with a three-month story."),
    },
    "More than one machine": {
        "sync": ("sync:app", "Send and take what changed, through git."),
        "inbox": ("inbox:inbox", "File the notes written elsewhere (a phone)."),
    },
}
COMMANDS = {word: target for words in SECTIONS.values() for word, (target, _) in words.items()}
SUMMARIES = {word: summary for words in SECTIONS.values() for word, (_, summary) in words.items()}


def load_command(name: str) -> click.Command | None:
    """The Click command for the word ``name``, importing only its module."""
    target = COMMANDS.get(name)
    if target is None:
        return None
    module, attr = target.split(":")
    obj = getattr(importlib.import_module(f"mentorlog.cli.{module}"), attr)
    if isinstance(obj, typer.Typer):
        command = common.build_group(obj)  # its subcommands are built when they run
    else:
        single = typer.Typer(add_completion=False, **common.SETTINGS)  # completion is the root's
        # a command may need its own parsing (search reads "-word" as a word): its command_class
        single.command(name, cls=getattr(obj, "command_class", common.Command))(obj)
        command = typer.main.get_command(single)
    command.name = name
    return command


class MentorlogGroup(TyperGroup):
    """The root command: loads subcommands lazily and runs everything inside the one error
    boundary."""

    context_class = common.Context

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter) -> None:
        from mentorlog.cli.help import write_groups

        write_groups(formatter, SECTIONS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            command = load_command(cmd_name)
            if command is None:
                return None
            self.add_command(command, cmd_name)
        return self.commands[cmd_name]

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as e:  # past Click, which would exit 1 whatever the command was
            from mentorlog.core.errors import OutputClosed

            raise OutputClosed from e

    def resolve_command(self, ctx: click.Context, args: list[str]):
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.UsageError as e:
            from difflib import get_close_matches

            matches = get_close_matches(args[0], list(COMMANDS)) if args else []
            if matches and "Did you mean" not in e.message:
                e.message = e.message.rstrip(".") + f". Did you mean {', '.join(map(repr, matches))}?"
            raise

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra: Any):
        argv = list(sys.argv[1:] if args is None else args)
        session = Session(argv=argv, word=_word)

        def invoke() -> Any:
            check_argv(argv)
            return super(MentorlogGroup, self).main(
                args=argv,
                prog_name="mentorlog",  # also under CliRunner, which would say "root"
                complete_var=complete_var,
                standalone_mode=False,
                obj=session,
                **extra,
            )

        code = guarded(invoke, session)
        if standalone_mode:
            sys.exit(code)
        return code


def _word(e):
    """How an error is worded (``core.words.word``), imported only when there is one to word."""
    from mentorlog.core.words import word

    return word(e)


def _version(value: bool) -> None:
    if value:
        print(f"mentorlog {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="MENTORLOG_DB",
            metavar="PATH",
            help="The journal file (default: journal.db in your user data folder).",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """A terminal journal for mentees: log each check-in with a mentor, track the action
    items and advice, and get a one-screen brief before the next one. Alone, `mentorlog`
    shows today: what needs you now and the brief for a check-in in the next three days.

    Start with `mentorlog demo`, or `mentorlog mentor add "Ada Lovelace" --every 2weeks`.

    Example: mentorlog log ada --minutes 30 --todo "Send the notes (due fri)"
    """
    source = ctx.get_parameter_source("db")
    ctx.obj.use_journal(db, typed=source is not None and source.name == "COMMANDLINE")
    if ctx.invoked_subcommand is None:
        # `mentorlog` alone: today's view in a terminal; the help when piped, as before
        # (SPEC §2), so a script that runs it to read the usage still gets it.
        if not common.stdout_is_terminal():
            sys.stdout.write(ctx.get_help() + "\n")  # a closed stdout fails here, as it should
            return
        from mentorlog.cli.views import today

        today()


# The one root app: the console script (``run``) and the tests (CliRunner) both invoke it.
app = typer.Typer(
    cls=MentorlogGroup,
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=True,
    **common.SETTINGS,
)
app.callback()(root)


def run(argv: list[str]) -> int:
    """Run one command line; its exit code (SPEC §6)."""
    return typer.main.get_command(app).main(args=argv, prog_name="mentorlog", standalone_mode=False)
