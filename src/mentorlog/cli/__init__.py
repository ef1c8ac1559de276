"""The command line: the Typer app, the global options and the single error boundary.

``COMMANDS`` maps each command word to the object that defines it (a Typer sub-app for a
group such as ``todo``, a function for a single command such as ``log``), and ``HELP_GROUPS``
puts each word in one section of the root's ``--help`` (SPEC §2). The root group loads a
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

# Command word → "module:attribute" under mentorlog.cli, in --help order.
COMMANDS = {
    "log": "log:log",
    "meeting": "meetings:app",
    "recap": "letters:recap",
    "todo": "todos:app",
    "advice": "advice:app",
    "topic": "topics:app",
    "thanks": "thanks:app",
    "goal": "goals:app",
    "note": "notes:app",
    "mentor": "mentors:app",
    "agreement": "agreements:app",
    "closure": "closures:app",
    "update": "updates:app",
    "skill": "skills:app",
    "feedback": "feedback:app",
    "offer": "offers:app",
    "review": "views:review",
    "remind": "views:remind",
    "progress": "views:progress",
    "report": "views:report",
    "search": "search:search",
    "tags": "tags:tags",
    "history": "history:history",
    "undo": "history:undo",
    "export": "exports:export",
    "import": "imports:import_",
    "backup": "backups:backup",
    "restore": "backups:restore",
    "doctor": "doctor:doctor",
    "config": "settings:config",
    "demo": "demo:demo",
    "sync": "sync:app",
    "inbox": "inbox:inbox",
}
# The root --help's sections (SPEC §2), each word of COMMANDS in exactly one, in that order.
HELP_GROUPS = {
    "After a check-in": ("log", "meeting", "recap"),
    "Between check-ins": ("todo", "advice", "topic", "thanks", "goal", "note"),
    "The relationship": ("mentor", "agreement", "closure", "update"),
    "Growth": ("skill", "feedback", "offer"),
    "Views": ("review", "remind", "progress", "report", "search", "tags"),
    "Your data": ("history", "undo", "export", "import", "backup", "restore", "doctor", "config", "demo"),
    "More than one machine": ("sync", "inbox"),
}


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

        write_groups(formatter, HELP_GROUPS)

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
