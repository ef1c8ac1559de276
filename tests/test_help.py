"""Help that reads like the README: no internal placeholders (``{MENTOR}``, ``{text}``,
``<str>``, ``<int range>``), capture options described as what they set, descriptions never cut
with ``...``, and the demo's closing hint is a command that runs as printed."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import run_in_terminal
from mentorlog.cli import COMMANDS, SECTIONS


def command_tree() -> list[tuple[list[str], object]]:
    """Every command and group as a user reaches it: walked through ``list_commands`` and
    ``get_command``, as Click does when it runs one (a lazy group's ``.commands`` is empty
    until a command is asked for)."""
    import typer._click as click
    from typer.main import get_command

    from mentorlog.cli import app

    def walk(command, ctx, path):
        found = [(path, command)]
        if hasattr(command, "list_commands"):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, f"mentorlog {' '.join([*path, name])} is listed but cannot be built"
                found += walk(sub, click.Context(sub, parent=ctx, info_name=name), [*path, name])
        return found

    root = get_command(app)
    return walk(root, click.Context(root, info_name="mentorlog"), [])


def every_command() -> list[list[str]]:
    return [path for path, _ in command_tree()]


# The commands mentorlog has, as the README's command reference lists them: a command removed
# (or one added without its help) fails here.
EXPECTED = """
log review remind recap
agreement agreement.set agreement.show closure closure.show update update.add update.list
mentor mentor.add mentor.list mentor.show mentor.edit mentor.end mentor.resume mentor.delete
todo todo.add todo.list todo.show todo.done todo.drop todo.reopen todo.edit todo.delete
advice advice.add advice.list advice.show advice.apply advice.park advice.unpark advice.edit
advice.delete advice.application advice.application.edit advice.application.delete
topic topic.add topic.list topic.drop topic.edit topic.delete
thanks thanks.add thanks.list thanks.edit thanks.delete
goal goal.add goal.list goal.show goal.done goal.drop goal.edit goal.delete
note note.add note.list note.show note.edit note.delete
skill skill.add skill.rate skill.list skill.show skill.edit skill.drop skill.reopen skill.delete
feedback feedback.add feedback.list feedback.edit feedback.delete
offer offer.add offer.list offer.done offer.decline offer.edit offer.delete
meeting meeting.list meeting.show meeting.edit meeting.delete
progress report search tags history undo export import backup restore doctor config demo
sync sync.init sync.join sync.status inbox
"""


def test_every_command_is_there_and_has_help():
    tree = command_tree()
    assert sorted(".".join(path) for path, _ in tree if path) == sorted(EXPECTED.split())
    for path, command in tree:
        name = " ".join(["mentorlog", *path])
        assert (command.help or "").strip(), f"{name} has no help"
        assert command.get_short_help_str(limit=80).strip(), f"{name} has no one-line summary"


@pytest.mark.parametrize("limit", [12, 30, 45, 60, 200])
def test_the_root_help_summaries_are_the_commands_own(limit):
    """The root's --help takes each summary from ``cli.SECTIONS`` so that it need not build
    every command; each must read as the command's own one-line help would, cut at any width."""
    from typer._click.utils import make_default_short_help

    from mentorlog.cli import SUMMARIES, load_command

    assert list(SUMMARIES) == list(COMMANDS)
    for name in COMMANDS:
        command = load_command(name)
        assert not command.hidden and not command.deprecated, name
        assert make_default_short_help(SUMMARIES[name], limit) == command.get_short_help_str(limit), (
            f"The summary of {name!r} in cli.SECTIONS is not the first paragraph of `mentorlog {name} --help`"
        )


def test_the_root_help_builds_no_command():
    from helpers import modules_loaded

    result, loaded = modules_loaded(
        "--help", watch=tuple(f"mentorlog.cli.{m.split(':')[0]}" for m in COMMANDS.values())
    )
    assert result.returncode == 0 and "After a check-in" in result.stdout
    assert loaded == "[]", loaded


PLACEHOLDER = re.compile(r"\{[^}]*\}|<[a-z][a-z |]*>")


@pytest.mark.parametrize("width", ["80", "100"])
@pytest.mark.parametrize("words", every_command(), ids=lambda w: " ".join(w) or "mentorlog")
def test_help_has_no_internal_placeholders_and_no_cut_descriptions(cli, monkeypatch, words, width):
    monkeypatch.setenv("COLUMNS", width)
    out = cli(*words, "--help").stdout
    assert not PLACEHOLDER.search(out), PLACEHOLDER.search(out).group()
    commands = out.split("Commands:\n", 1)[1] if "Commands:\n" in out else ""
    if not words:  # the root's commands are in groups
        commands = out.split(f"{next(iter(SECTIONS))}:\n", 1)[1]
    for line in commands.splitlines():
        assert not line.endswith("..."), line
    if words:  # completion is installed for mentorlog as a whole, not per command
        assert "--install-completion" not in out


def test_usage_lines_read_like_the_readme(cli):
    assert "Usage: mentorlog log [OPTIONS] MENTOR\n" in cli("log", "--help").stdout
    assert "Usage: mentorlog advice add [OPTIONS] MENTOR TEXT\n" in cli("advice", "add", "--help").stdout
    assert "Usage: mentorlog topic list [OPTIONS] [MENTOR]\n" in cli("topic", "list", "--help").stdout
    assert "Usage: mentorlog todo done [OPTIONS] ID...\n" in cli("todo", "done", "--help").stdout
    log = cli("log", "--help").stdout
    for shown in ("--todo TEXT", "--minutes N", "--on WHEN", "--raised ID"):
        assert shown in log
    assert "--outcome worked|mixed|failed|unsure" in cli("advice", "apply", "--help").stdout
    assert "--from-invite FILE.ics" in cli("mentor", "edit", "--help").stdout
    assert "--install-completion" in cli("--help").stdout


def test_capture_commands_say_whom_the_item_is_for(cli):
    for words in (["todo", "add"], ["todo", "edit"], ["goal", "add"]):
        out = cli(*words, "--help").stdout
        assert "-m, --mentor MENTOR" in out and "The mentor it is for" in out
        assert "Only this mentor" not in out
    assert "Only this mentor" in cli("todo", "list", "--help").stdout


def test_root_help_lists_every_command_in_full_at_100_columns(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    out = cli("--help").stdout
    rows = out.split(f"{next(iter(SECTIONS))}:\n", 1)[1].splitlines()
    assert [row.split()[0] for row in rows if row.startswith("  ")] == list(COMMANDS)
    assert "review     The one-screen brief before a check-in." in out


def test_the_root_help_shows_the_commands_in_the_groups_of_the_spec(cli, monkeypatch):
    """SPEC §2: after a check-in, between check-ins, the relationship, growth, views, your
    data, more than one machine; every command in exactly one of them."""
    grouped = [name for names in SECTIONS.values() for name in names]
    assert sorted(grouped) == sorted(COMMANDS) and len(grouped) == len(set(grouped))
    assert [title.lower() for title in SECTIONS] == [
        "after a check-in", "between check-ins", "the relationship", "growth", "views",
        "your data", "more than one machine",
    ]  # fmt: skip
    monkeypatch.setenv("COLUMNS", "100")
    out = cli("--help").stdout
    assert "Commands:" not in out
    sections = out.split("\n\n")
    for title, names in SECTIONS.items():
        section = next(s for s in sections if s.startswith(f"{title}:\n"))
        rows = section.splitlines()[1:]
        assert [row.split()[0] for row in rows] == list(names)
        assert all(len(row.split()) > 1 for row in rows)  # each with its one-line summary


@pytest.mark.parametrize("words", every_command(), ids=lambda w: " ".join(w) or "mentorlog")
def test_every_command_and_group_shows_an_example(cli, monkeypatch, words):
    monkeypatch.setenv("COLUMNS", "100")
    out = cli(*words, "--help").stdout
    assert "Example: mentorlog " in out or "Example:\n  mentorlog " in out, out


def test_help_says_what_the_commands_take_and_do(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    log = " ".join(cli("log", "--help").stdout.split())
    assert "a full name, a surname, or a unique prefix" in log  # a surname works: lovelace
    note = " ".join(cli("note", "--help").stdout.split())
    assert "mentorlog note [MENTOR] [TEXT] [--on WHEN] [--tag TAG]..." in note
    assert "Usage: mentorlog note [MENTOR] [TEXT] [OPTIONS] | COMMAND [ARGS]..." in note
    search = " ".join(cli("search", "--help").stdout.split())
    assert "tag:T" in search and "your notes" in search


@pytest.mark.parametrize("words", [[], ["log"], ["todo"], ["note"], ["todo", "add"]])
def test_help_is_as_wide_as_a_narrow_terminal(words):
    """Click lays help out at least 50 columns wide; at 40 the terminal cut its words."""
    code, out = run_in_terminal(*words, "--help", env={"COLUMNS": "40"})
    assert code == 0 and "Usage: mentorlog" in out
    for line in out.splitlines():
        assert len(line) <= 40, line


def script(folder: Path) -> Path:
    """A ``mentorlog`` console script like the one pip writes into ``.venv/bin``."""
    folder.mkdir()
    path = folder / "mentorlog"
    path.write_text(
        f"#!{sys.executable}\nimport sys\nfrom mentorlog.__main__ import main\nsys.exit(main())\n"
    )
    path.chmod(0o755)
    return path


def closing_hint(stdout: str) -> list[str]:
    line = next(line for line in stdout.splitlines() if line.startswith("Explore it: "))
    return shlex.split(line.removeprefix("Explore it: "))


@pytest.mark.parametrize("on_path", [False, True])
def test_the_demos_closing_hint_runs_as_printed(tmp_path, on_path):
    bin_dir = tmp_path / "venv-bin"
    mentorlog = script(bin_dir)
    env = {**os.environ, "MENTORLOG_NOW": "", "PATH": os.environ.get("PATH", "")}
    env.pop("MENTORLOG_DB", None)
    if on_path:
        env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    demo = subprocess.run(
        [str(mentorlog), "demo", "--db", str(tmp_path / "demo.db")],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    hint = closing_hint(demo.stdout)
    assert hint[0] == ("mentorlog" if on_path else str(mentorlog))
    assert hint[1:] == ["--db", str(tmp_path / "demo.db"), "progress"]
    explored = subprocess.run(hint, capture_output=True, text=True, env=env, timeout=60)
    assert explored.returncode == 0, explored.stderr
    assert explored.stdout.startswith("Progress with all mentors")


def test_the_demo_started_with_python_m_hints_python_m(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MENTORLOG_DB"} | {"MENTORLOG_NOW": ""}
    db = tmp_path / "a folder" / "demo.db"
    db.parent.mkdir()
    demo = subprocess.run(
        [sys.executable, "-m", "mentorlog", "demo", "--db", str(db)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    hint = closing_hint(demo.stdout)
    assert hint == [sys.executable, "-m", "mentorlog", "--db", str(db), "progress"]
    assert subprocess.run(hint, capture_output=True, env=env, timeout=60).returncode == 0


def test_the_root_help_wraps_a_summary_on_a_narrow_terminal_rather_than_cut_it():
    from helpers import run_process
    from mentorlog.cli import SUMMARIES

    out = run_process("--help", env={"COLUMNS": "40"}).stdout
    commands = out.split(f"{next(iter(SECTIONS))}:\n", 1)[1]
    assert "..." not in commands and max(map(len, commands.splitlines())) <= 40
    flat = " ".join(commands.split())
    for name, summary in SUMMARIES.items():
        assert f"{name} {summary}" in flat, name
