"""Shell completion (SPEC §2, last bullet), through Typer's completion environment variables in a
real process, as a shell runs it: mentor handles, and the open ids with their text as the
description for `todo done`, `advice apply` and `log --raised/--done`."""

from __future__ import annotations

import sqlite3

import pytest

from helpers import run_process


def zsh(line: str, **env) -> str:
    """What mentorlog answers zsh for ``line`` (the words typed so far; a trailing space starts a
    new word). zsh shows the descriptions."""
    result = run_process(env={"_MENTORLOG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line, **env})
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout


def bash(line: str) -> list[str]:
    """What mentorlog answers bash (values only, one a line) for ``line``."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = {"_MENTORLOG_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)}
    result = run_process(env=env)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.split()


@pytest.fixture
def items(made_once, cli, ada):
    made_once(_items)
    return cli


def _items(cli):
    cli("todo", "add", "Draft the RFC", "--mentor", "ada")  # 1
    cli("todo", "add", "Book the offsite")  # 2
    cli("todo", "add", "Already finished")  # 3
    cli("todo", "done", "3")
    for n in range(4, 12):  # 4 … 11: ids that start with 1 are 1, 10, 11
        cli("todo", "add", f"Chore {n}")
    cli("advice", "add", "ada", "Keep a brag document")  # 1
    cli("advice", "add", "grace", "Ship small")  # 2
    cli("advice", "apply", "2", "Split the PR")
    cli("topic", "add", "ada", "How do promotions work?")  # 1
    cli("topic", "add", "grace", "Which conferences?")  # 2
    cli("topic", "add", "ada", "Raised already")  # 3
    cli("log", "ada", "--raised", "3", "--notes", "Met.")


def test_todo_done_offers_open_todos_with_their_text(items):
    out = zsh("mentorlog todo done ")
    assert '"1":"Draft the RFC"' in out and '"2":"Book the offsite"' in out
    assert "Already finished" not in out and '"3"' not in out
    assert bash("mentorlog todo done ") == ["1", "2", *map(str, range(4, 12))]
    assert bash("mentorlog todo done 1") == ["1", "10", "11"]
    assert bash("mentorlog todo done 2 1") == ["1", "10", "11"]  # every ID... word completes


def test_advice_apply_offers_untried_first_then_the_rest_with_status(items):
    out = zsh("mentorlog advice apply ")
    assert '"1":"Keep a brag document"' in out and '"2":"(applied) Ship small"' in out
    assert out.index('"1"') < out.index('"2"')
    assert bash("mentorlog advice apply ") == ["1", "2"]


def test_log_raised_offers_the_open_topics_of_the_mentor_on_the_line(items):
    assert bash("mentorlog log ada --raised ") == ["1"]
    assert '"1":"How do promotions work?"' in zsh("mentorlog log ada --notes x --raised ")
    assert bash("mentorlog log --on today grace --raised ") == ["2"]
    # No mentor yet, or one that is not known: every open topic, named by its mentor.
    out = zsh("mentorlog log --raised ")
    assert '"1":"ada\\\\: How do promotions work?"' in out and '"2":"grace\\\\: Which conferences?"' in out
    assert "Raised already" not in out
    assert bash("mentorlog log zed --raised ") == ["1", "2"]


def test_log_done_offers_open_todos(items):
    assert bash("mentorlog log ada --done ") == ["1", "2", *map(str, range(4, 12))]
    assert '"2":"Book the offsite"' in zsh("mentorlog log ada --raised 1 --done ")


def test_mentor_handles_with_their_names(items):
    out = zsh("mentorlog review ")
    assert '"ada":"Ada Lovelace"' in out and '"grace":"Grace Hopper"' in out
    assert bash("mentorlog todo add x --mentor g") == ["grace"]


def test_descriptions_are_escaped_one_line_and_literal(cli):
    cli("todo", "add", "Wipe \x1b[2J \x07 [b]x[/b] [/]\nnext")
    cli("todo", "add", "A " + "very " * 30 + "long todo")
    cli("todo", "add", "$(touch x) `y` 'q' \\[b]")
    out = zsh("mentorlog todo done ")
    assert "\x1b" not in out and "\x07" not in out
    assert '"1":"Wipe \\x1b[2J \\x07 [b]x[/b] [/] ⏎ next"' in out
    long = next(line for line in out.splitlines() if '"2"' in line)
    assert long.endswith('ve…"') and len(long) < 80  # cut to one short line
    # fish gets the same description after a tab.
    fish = run_process(
        env={
            "_MENTORLOG_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": "mentorlog todo done ",
        }
    ).stdout
    assert "1\tWipe \\x1b[2J \\x07 [b]x[/b] [/] ⏎ next\n" in fish
    assert "3\t$(touch x) `y` 'q' \\[b]\n" in fish
    assert "\x1b" not in fish and "\x07" not in fish


def test_unsafe_handles_are_not_offered(cli, ada, db_path):
    conn = sqlite3.connect(db_path)
    with conn:  # a handle written by something other than mentorlog's own checks
        conn.execute("UPDATE mentors SET handle = ? WHERE handle = 'grace'", ("gr\x1b]0;pwned\x07",))
    conn.close()
    out = zsh("mentorlog review ")
    assert '"ada"' in out and "gr" not in out and "\x1b" not in out
    assert bash("mentorlog review ") == ["ada"]


def test_no_journal_completes_nothing_and_creates_nothing(db_path):
    assert bash("mentorlog todo done ") == []
    assert bash("mentorlog review ") == []
    assert zsh("mentorlog log ada --raised ").strip() == "_files"  # zsh's own fallback
    assert not db_path.exists()


def test_a_journal_that_is_not_one_completes_nothing(db_path):
    db_path.write_text("not a journal")
    assert bash("mentorlog todo done ") == []
    assert db_path.read_text() == "not a journal"


def test_the_db_option_on_the_line_is_the_journal_completed(items, tmp_path, db_path):
    other = tmp_path / "other.db"
    run_process("todo", "add", "In the other journal", env={"MENTORLOG_DB": str(other)})
    out = zsh(f"mentorlog --db {other} todo done ")
    assert '"1":"In the other journal"' in out and "Draft the RFC" not in out
