"""Every hint mentorlog prints is a command that works: each ``mentorlog …`` written anywhere in
the source (error hints, nudges, reminders, help) names a real command and real options."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

import mentorlog
from mentorlog.cli import COMMANDS, app

SOURCE = Path(mentorlog.__file__).parent
# "mentorlog" then command words and options; stops at the first placeholder or argument.
HINT = re.compile(r"mentorlog((?: (?:[a-z][a-z-]*|--?[a-z][a-z-]*)(?=[\s\"'`)\]:,.]|$))+)")


def hints() -> list[tuple[str, str]]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for line in path.read_text().splitlines():
            for m in HINT.finditer(line):
                words = m.group(1).split()
                if words[0] not in COMMANDS:  # prose such as "a mentorlog journal"
                    continue
                found.append((f"{path.relative_to(SOURCE)}", " ".join(words)))
    return sorted(set(found))


def resolve(words: list[str]):
    import typer._click as click

    command = get_command(app)
    ctx = click.Context(command, info_name="mentorlog")
    rest = list(words)
    while rest and not rest[0].startswith("-") and hasattr(command, "get_command"):
        sub = command.get_command(ctx, rest[0])
        if sub is None and getattr(command, "default_command", None):  # `note ada …` is `note add ada …`
            sub = command.get_command(ctx, command.default_command)
            command, ctx = sub, click.Context(sub, parent=ctx, info_name=command.default_command)
            break
        if sub is None:
            return None, rest
        command, ctx = sub, click.Context(sub, parent=ctx, info_name=rest[0])
        rest.pop(0)
    return command, rest


def test_there_are_hints_to_check():
    assert len(hints()) >= 10


@pytest.mark.parametrize(("where", "hint"), hints())
def test_hint_names_a_real_command_and_real_options(where, hint):
    command, rest = resolve(hint.split())
    assert command is not None, f"{where}: 'mentorlog {hint}' names no command"
    known = {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)} | {"--help", "-h"}
    for word in rest:
        if word.startswith("-"):
            assert word in known, f"{where}: 'mentorlog {hint}': {word} is not an option of {command.name}"


@pytest.mark.parametrize(
    "argv",
    [
        ["todo", "done", "9"],
        ["advice", "show", "9"],
        ["meeting", "show", "9"],
        ["goal", "done", "9"],
        ["topic", "drop", "9"],
        ["topic", "delete", "9", "--yes"],
        ["thanks", "edit", "9", "--text", "x"],
        ["goal", "delete", "9", "--yes"],
        ["todo", "delete", "9", "--yes"],
        ["advice", "edit", "9", "--text", "x"],
        ["advice", "application", "edit", "9", "--what", "x"],
        ["review"],
    ],
)
def test_hints_printed_for_unknown_ids_run(cli, ada, argv, tmp_path):
    if argv == ["review"]:  # a journal with no active mentor
        cli("mentor", "end", "ada")
        cli("mentor", "end", "grace")
    err = cli(*argv, code=None).stderr
    commands = re.findall(r"mentorlog ([a-z][^\n]*?)(?:$|\n|  )", err)
    assert commands, err
    for text in commands:
        import shlex

        words = [w for w in shlex.split(text) if w != "ADVICE-ID"]
        if words[:2] == ["advice", "show"]:
            words.append("1")
        result = cli(*words, code=None)
        assert result.exit_code in (0, 1) or "is taken by" in result.stderr, (
            f"mentorlog {text}: {result.stderr}"
        )
        assert "No such" not in result.stderr, text


def test_hints_repeat_a_db_given_on_the_command_line(cli, tmp_path):
    other = str(tmp_path / "other.db")
    err = cli("--db", other, "todo", "list", code=1).stderr
    assert f"mentorlog --db {other} mentor add" in err
    cli("--db", other, "todo", "add", "x")
    err = cli("--db", other, "todo", "done", "9", code=1).stderr
    assert f"mentorlog --db {other} todo list --all" in err
    # from MENTORLOG_DB (the tests' own journal) the hint needs no --db
    cli("todo", "add", "y")
    assert "List them with: mentorlog todo list --all" in cli("todo", "done", "9", code=1).stderr
