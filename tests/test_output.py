"""User text is data: stored exactly, printed literally (SPEC §4), and help exists for all."""

from __future__ import annotations

import json

import pytest

from helpers import run_process, snapshot
from mentorlog.cli import COMMANDS, app

NASTY = "[bold]x[/] [/] \x1b[31mred\x1b[0m ✨ \x07bell\x9b tab\there"


def test_markup_and_escapes_are_stored_exactly_and_shown_literally(cli, ada):
    out = cli("todo", "add", NASTY).stdout
    assert "[bold]x[/] [/]" in out and "\x1b" not in out and "\\x1b[31mred" in out and "\\x9b" in out
    [t] = json.loads(cli("todo", "list", "--json").stdout)
    assert t["text"] == NASTY  # JSON is exact
    table = cli("todo", "list").stdout
    assert "[bold]x[/]" in table and "\x1b" not in table and "\\x07bell" in table and "✨" in table


def test_long_text_is_kept_whole(cli, ada):
    long = "word " * 2000
    cli("log", "ada", "--notes", long)
    assert json.loads(cli("meeting", "list", "--json").stdout)[0]["notes"] == long  # exactly as typed


def test_no_colour_when_piped(ada, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    result = run_process("mentor", "list")
    assert result.returncode == 0 and "\x1b[" not in result.stdout


def test_long_lists_are_cut_but_json_is_not(cli):
    for i in range(55):
        cli("todo", "add", f"t{i}")
    assert "… and 5 more" in cli("todo", "list").stdout
    assert len(json.loads(cli("todo", "list", "--json").stdout)) == 55


def test_every_command_has_help_with_text(cli):
    import click
    from typer.main import get_command

    root = get_command(app)
    ctx = click.Context(root)
    assert set(COMMANDS) <= set(root.list_commands(ctx))
    for name in root.list_commands(ctx):
        command = root.get_command(ctx, name)
        subcommands = getattr(command, "commands", {None: command})
        for sub in subcommands:
            args = [name, sub, "--help"] if sub else [name, "--help"]
            result = cli(*args)
            assert "Usage:" in result.stdout
            target = subcommands[sub]
            assert (target.help or "").strip(), f"{' '.join(args[:-1])} has no help"


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_root_help(cli, flag):
    out = cli(flag).stdout
    assert "mentee" in out and "log" in out and "review" in out


def test_version():
    result = run_process("--version")
    assert result.returncode == 0 and result.stdout.startswith("mentorlog ")


def test_unknown_option_is_a_short_usage_error(cli):
    result = cli("todo", "add", "x", "--bogus", code=2)
    assert "No such option" in result.stderr and "--help" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


def test_unknown_command_suggests(cli):
    result = cli("tood", code=2)
    assert "todo" in result.stderr


def test_interrupt_exits_130_and_writes_nothing(ada, tmp_path, db_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    before = snapshot(db_path)
    started = tmp_path / "editor-started"
    script = tmp_path / "slow.py"
    script.write_text(
        f"import pathlib, time\npathlib.Path({str(started)!r}).touch()\n"
        "try:\n    for _ in range(600):\n        time.sleep(0.05)\n"  # in steps: see test_signals' nap
        "except KeyboardInterrupt:\n    raise SystemExit(130)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "mentorlog", "log", "ada", "--edit"],
        env={**os.environ, "EDITOR": f"{sys.executable} {script}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # A background shell starts its children with SIGINT ignored; a terminal's Ctrl-C does not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Interrupted" in err
    assert snapshot(db_path) == before


@pytest.mark.parametrize("args", [[], ["todo"], ["mentor"]])
def test_bare_command_prints_help(cli, args):
    result = cli(*args)
    assert result.stdout.startswith("Usage: mentorlog") and result.stderr == ""


def test_empty_lists_say_so(cli, ada):
    assert cli("todo", "list").stdout == "No todos here (--all shows every todo).\n"
    assert cli("meeting", "list").stdout == "No check-ins match.\n"
    assert cli("todo", "list", "--json").stdout.strip() == "[]"
