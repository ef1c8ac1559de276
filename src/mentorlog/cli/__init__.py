"""The command line: the Typer app, the global options and the single error boundary.

Each command group lives in its own module with a ``register(app)`` function. ``run`` loads
only the module that the first word on the command line names, so a ``todo add`` does not pay
for building every other command; ``--help`` and unknown words load them all.
"""

import importlib
import os
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from mentorlog import __version__
from mentorlog.cli import common
from mentorlog.errors import MentorlogError

# The first word on the command line → the module that defines it, in --help order.
COMMANDS = {
    "log": "log",
    "review": "views",
    "remind": "views",
    "mentor": "mentors",
    "todo": "todos",
    "advice": "advice",
    "topic": "topics",
    "thanks": "thanks",
    "goal": "goals",
    "meeting": "meetings",
    "progress": "views",
    "report": "views",
    "demo": "data",
}


class MentorlogGroup(TyperGroup):
    """The root command: runs everything inside the one error boundary."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra: Any):
        def invoke() -> Any:
            return super(MentorlogGroup, self).main(
                args=args,
                prog_name="mentorlog",  # also under CliRunner, which would say "root"
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )

        code = guarded(invoke)
        if standalone_mode:
            sys.exit(code)
        return code


def _report(message: str, hint: str | None = None) -> None:
    from mentorlog.render.text import warn

    warn(f"mentorlog: {message}")
    if hint:
        warn(hint)


def guarded(invoke) -> int:
    """Run ``invoke`` and turn every failure into a message on stderr and an exit code."""
    try:
        result = invoke()
        if result == 130:  # Typer turns Ctrl-C into Exit(130) before we see it
            _report("Interrupted; nothing was changed.")
        return result if isinstance(result, int) else 0
    except MentorlogError as e:
        if os.environ.get("MENTORLOG_DEBUG"):
            raise
        _report(e.message, e.hint)
        return e.exit_code
    except typer.TyperException as e:  # Typer's usage errors: bad option, missing argument
        if type(e).__name__ == "NoArgsIsHelpError":  # `mentorlog` or `mentorlog todo` alone
            sys.stdout.write(e.format_message() + "\n")
            return 0
        ctx = getattr(e, "ctx", None)
        hint = f"See: {ctx.command_path} --help" if ctx is not None else None
        _report(e.format_message() if hasattr(e, "format_message") else str(e), hint)
        return getattr(e, "exit_code", 2)
    except (KeyboardInterrupt, typer.Abort):
        _report("Interrupted; nothing was changed.")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly.
        sys.stderr.close()
        return 0
    except sqlite3.Error as e:
        if os.environ.get("MENTORLOG_DEBUG"):
            raise
        _report(f"The journal could not be used: {e}.", "Run with MENTORLOG_DEBUG=1 to see why.")
        return 1
    except Exception as e:
        if os.environ.get("MENTORLOG_DEBUG"):
            raise
        _report(
            f"internal error: {type(e).__name__}: {e}",
            "Please report it; MENTORLOG_DEBUG=1 shows the traceback.",
        )
        return 1


def _version(value: bool) -> None:
    if value:
        print(f"mentorlog {__version__}")
        raise typer.Exit()


def root(
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
    items and advice, and get a one-screen brief before the next one.

    Start with `mentorlog demo`, or `mentorlog mentor add "Ada Lovelace" --every 2weeks`.
    """
    common.set_db(db)


def build_app(first_word: str | None = None) -> typer.Typer:
    """The app with the module for ``first_word`` registered (all of them when None)."""
    app = typer.Typer(
        cls=MentorlogGroup,
        context_settings={"help_option_names": ["-h", "--help"]},
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        add_completion=True,
    )
    app.callback()(root)
    wanted = [COMMANDS[first_word]] if first_word in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in wanted:
        importlib.import_module(f"mentorlog.cli.{name}").register(app)
    return app


def first_word(argv: list[str]) -> str | None:
    """The command word in ``argv``, skipping the global options."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def run(argv: list[str]) -> None:
    app = build_app(first_word(argv))
    command = typer.main.get_command(app)
    command.main(args=argv, prog_name="mentorlog")
