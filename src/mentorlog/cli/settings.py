"""``config [KEY [VALUE]]``: read and write the config file, as ``git config`` does."""

from typing import Annotated

import typer

from mentorlog.cli.common import Command
from mentorlog.render.text import echo


def config(
    key: Annotated[str | None, typer.Argument(metavar="[KEY]", help="A key, e.g. remind.within.")] = None,
    value: Annotated[str | None, typer.Argument(metavar="[VALUE]", help="Set KEY to this.")] = None,
    unset: Annotated[bool, typer.Option("--unset", help="Remove KEY from the file.")] = False,
    show_path: Annotated[bool, typer.Option("--path", help="Print where the config file is.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of lines.")] = False,
) -> None:
    """Read or set the defaults in your config file.

    With no KEY, every key the file sets and the keys it may hold; with KEY, its value (exit 1
    when it is not set); with KEY VALUE, sets it. Options and environment variables always win
    over the file.

    Example: mentorlog config remind.within 7
    """
    import sys

    from mentorlog.core.errors import MentorlogError, UsageError
    from mentorlog.io import config as cfg
    from mentorlog.render.text import INDENT_ROOM, emit_json, terminal_width, visible

    if show_path:  # before anything reads the file: it works when the file is broken
        echo(str(cfg.path()))
        return
    if unset:
        if key is None or value is not None:
            raise UsageError("--unset takes one KEY.", hint="Example: mentorlog config --unset editor")
        cfg.check_key(key)
        was = cfg.get(key)
        file = cfg.write(key, None)
        echo(f"Removed {key} from {file}." if was is not None else f"{key} was not set in {file}.")
        return
    if key is None:
        cfg.check_file()  # where other commands say what is wrong and go on, config stops at it
        values = cfg.load()
        if as_json:
            emit_json(values)
            return
        echo(f"# {cfg.path()}")
        for name, (what, _) in cfg.KEYS.items():
            shown = f"{name} = {cfg._toml_value(values[name])}" if name in values else f"# {name} (not set)"
            if (terminal_width(sys.stdout) or 200) < 41 + INDENT_ROOM:  # too narrow for column 41
                echo(visible(shown))
                echo(f"  # {what}", indent="  # ")
            else:
                echo(f"{visible(shown):<40} # {what}", indent=" " * 41 + "# ")  # wrapped as a comment
        return
    if value is None:
        cfg.check_key(key)
        cfg.check_file()
        found = cfg.get(key)
        if found is None:
            raise MentorlogError(f"{key} is not set in {cfg.path()}.")
        if as_json:
            emit_json(found)
        else:
            echo(visible(str(found)))
        return
    typed = cfg.check(key, value)
    file = cfg.write(key, typed)
    echo(f"Set {key} = {visible(cfg._toml_value(typed))} in {file}.")


class ConfigCommand(Command):
    """A VALUE that is a negative number (``config remind.within -1``) is a value to check, not
    an option: Click would say "No such option: -1" instead of what is wrong with it."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        import re

        if "--" not in args:
            at = next((i for i, a in enumerate(args) if re.fullmatch(r"-\d+(\.\d+)?", a)), None)
            if at is not None:
                args = [*args[:at], *args[at + 1 :], "--", args[at]]
        return super().parse_args(ctx, args)


config.command_class = ConfigCommand
