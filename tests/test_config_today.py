"""The config file (``mentorlog config``, as ``git config``) and today's view (``mentorlog``
alone)."""

from __future__ import annotations

import json
import os

import pytest

from helpers import editor_script, run_in_terminal, run_process, snapshot


@pytest.fixture
def config_file(tmp_path):
    return tmp_path / "config.toml"  # conftest points MENTORLOG_CONFIG here


def test_config_sets_reads_and_unsets_keys_keeping_the_rest_of_the_file(cli, config_file):
    config_file.write_text('# my settings\neditor = "nano"\n\n[sync]\nmachine = "laptop" # this one\n')
    assert "Set remind.within = 7" in cli("config", "remind.within", "7").stdout
    assert cli("config", "remind.within").stdout == "7\n"
    cli("config", "sync.machine", "desk")
    text = config_file.read_text()
    assert text.startswith('# my settings\neditor = "nano"\n') and 'machine = "desk"' in text
    assert "[remind]\nwithin = 7" in text
    assert oct(config_file.stat().st_mode & 0o777) == "0o600"
    assert json.loads(cli("config", "--json").stdout) == {
        "editor": "nano",
        "sync.machine": "desk",
        "remind.within": 7,
    }
    assert "Removed editor" in cli("config", "--unset", "editor").stdout
    assert "editor is not set" in cli("config", "editor", code=1).stderr


def test_lock_wait_is_written_as_a_toml_number(cli, config_file):
    cli("config", "lock.wait", "0.5")
    assert "[lock]\nwait = 0.5" in config_file.read_text()
    assert json.loads(cli("config", "--json").stdout) == {"lock.wait": 0.5}
    cli("config", "lock.wait", "30")
    assert json.loads(cli("config", "--json").stdout) == {"lock.wait": 30}


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("remind.within", "x", "whole number of days"),
        ("remind.within", "99999", "0 to 3660"),
        ("remind.within", "-1", "0 to 3660, not '-1'"),  # a value, not an option "-1"
        ("remind.within", "-2.5", "not '-2.5'"),
        ("lock.wait", "soon", "number of seconds from 0 to 3600, not 'soon'"),
        ("lock.wait", "-0.5", "0 to 3600, not '-0.5'"),
        ("lock.wait", "nan", "0 to 3600, not 'nan'"),
        ("lock.wait", "1_000", "0 to 3600, not '1_000'"),
        ("lock.wait", "１２", "0 to 3600, not '１２'"),
        ("lock.wait", "4000", "0 to 3600, not '4000'"),
        ("nope", "1", "Unknown config key 'nope'"),
        ("editor", "  ", "non-empty text"),
    ],
)
def test_a_bad_key_or_value_is_a_usage_error_and_the_file_stays(cli, config_file, key, value, says):
    config_file.write_text('editor = "nano"\n')
    assert says in cli("config", key, value, code=2).stderr
    assert config_file.read_text() == 'editor = "nano"\n'


BROKEN = [
    ('[remind]\nwithin = "soon"\n', "line 2: remind.within must be a whole number"),
    ('editor = "vi"\ncolour = "blue"\n', "line 2: unknown key 'colour'"),
    ("editor = [\n", "Invalid value"),
    (b'editor = "caf\xe9"\n', "line 1: not UTF-8"),
]


@pytest.mark.parametrize(("text", "says"), BROKEN)
def test_a_broken_file_is_named_with_its_line(cli, ada, config_file, db_path, text, says):
    # every command that reads it says so once and goes on; config and doctor report it
    from mentorlog.io import config

    before = snapshot(db_path)
    (config_file.write_bytes if isinstance(text, bytes) else config_file.write_text)(text)
    err = cli("remind").stderr
    assert str(config_file) in err and says in err and "Traceback" not in err
    assert len(err.splitlines()) == 1 and "is ignored." in err
    assert says in cli("config", code=2).stderr
    config.reset()
    doctor = cli("doctor", code=1)
    assert f"FAIL  config: {config_file}" in doctor.stdout and says in doctor.stdout
    assert str(config_file) not in doctor.stderr.splitlines()[0]  # a finding, not a warning too
    assert cli("config", "--path").stdout.strip() == str(config_file)  # still works, to find it
    assert snapshot(db_path) == before


def test_a_broken_file_never_stops_a_command_but_never_picks_another_journal(
    cli, ada, config_file, db_path, monkeypatch
):
    monkeypatch.delenv("MENTORLOG_DB")
    from mentorlog.io import config

    config_file.write_text(f'journal = "{db_path}"\ncolour = "blue"\n')
    result = cli("todo", "list")
    assert "unknown key 'colour'; that line is ignored." in result.stderr
    cli("todo", "add", "Still filed")
    monkeypatch.setenv("MENTORLOG_DB", str(db_path))
    assert "Still filed" in cli("todo", "list").stdout
    monkeypatch.delenv("MENTORLOG_DB")
    # a file whose journal line cannot be read: no journal is guessed, not even by remind
    for text in ("journal = 5\n", f'journal = "{db_path}"\neditor = [\n'):
        config_file.write_text(text)
        config.reset()
        before = snapshot(db_path)
        err = cli("todo", "add", "Where would it go?", code=2).stderr
        assert str(config_file) in err and "no journal was opened" in err
        config.reset()
        err = cli("remind").stderr
        assert "no journal was opened" in err and len(err.splitlines()) == 1
        assert snapshot(db_path) == before


def test_remind_within_comes_from_the_file_and_the_option_wins(cli, ada, config_file, monkeypatch):
    cli("todo", "add", "Due in five days", "--due", "in 5 days")
    assert "Due in five days" not in cli("remind").stdout  # default 3 days
    config_file.write_text("[remind]\nwithin = 7\n")
    assert "Due in five days" in cli("remind").stdout
    assert "Due in five days" in run_process("remind").stdout  # the fast path reads it too
    assert "Due in five days" not in cli("remind", "--within", "2").stdout


def test_journal_and_editor_come_from_the_file_after_the_environment(cli, tmp_path, config_file, monkeypatch):
    other = tmp_path / "elsewhere.db"
    editor = editor_script(tmp_path, "open(p, 'a').write('from the config editor')")
    config_file.write_text(f'journal = "{other}"\neditor = "{editor}"\n')
    monkeypatch.delenv("MENTORLOG_DB")
    cli("mentor", "add", "Ada Lovelace")
    assert other.exists()
    env = {k: v for k, v in os.environ.items() if k not in ("MENTORLOG_DB", "EDITOR", "VISUAL")}
    result = run_process("note", "ada", "--edit", env=env)
    assert result.returncode == 0, result.stderr
    monkeypatch.setenv("MENTORLOG_DB", str(other))
    assert json.loads(cli("note", "show", "1", "--json").stdout)["text"] == "from the config editor"


@pytest.fixture
def terminal(monkeypatch):
    """Standard output is a terminal, as when a person types `mentorlog`."""
    from mentorlog.cli import common

    monkeypatch.setattr(common, "stdout_is_terminal", lambda: True)


def test_today_in_a_real_terminal_and_help_when_piped(cli, ada):
    code, out = run_in_terminal()
    assert code == 0 and "Check-in with Ada Lovelace in 2 days" in out
    assert cli().stdout.startswith("Usage: mentorlog")  # piped: the help, as before


def test_today_with_no_journal_says_how_to_start(cli, db_path, terminal):
    out = cli().stdout
    assert "No journal yet" in out and "mentorlog demo" in out
    assert not db_path.exists()


def test_today_shows_remind_then_the_brief_for_a_check_in_within_three_days(cli, ada, db_path, terminal):
    cli("topic", "add", "ada", "How do I say no [bold]?")
    cli("todo", "add", "Draft RFC", "--due", "yesterday", "-m", "ada")
    before = snapshot(db_path)
    out = cli().stdout
    assert out.index("Check-in with Ada Lovelace in 2 days") < out.index("Ada Lovelace (ada) · formal")
    assert "Todo 1 overdue by 1 day" in out and "How do I say no [bold]?" in out
    assert "Action items" not in out  # the brief's header and "to raise" only
    assert snapshot(db_path) == before  # today's view records no review


def test_today_without_a_check_in_soon_shows_no_brief(cli, ada, monkeypatch, terminal):
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-20T10:00:00")  # ada's check-in is 6 days off
    assert "Nothing needs you today" in cli().stdout


def test_today_wraps_remind_lines_at_the_terminal_width(cli, ada):
    """As remind does on a terminal: no word broken by the terminal (issue 21, finding 5)."""
    cli("todo", "add", "Write the one-page review checklist for the platform team", "--due", "yesterday")
    code, out = run_in_terminal(env={"COLUMNS": "40"})
    lines = out.splitlines()
    todo = next(i for i, line in enumerate(lines) if line.startswith("Todo 1 overdue"))
    assert code == 0 and len(lines[todo]) <= 40 and lines[todo + 1].startswith("  ")


def test_today_names_the_journal_typed_with_db_in_its_hints(cli, tmp_path, monkeypatch, terminal):
    other = tmp_path / "other.db"
    monkeypatch.delenv("MENTORLOG_DB")
    cli("--db", str(other), "mentor", "add", "Ada Lovelace")
    for n in range(12):
        cli("--db", str(other), "todo", "add", f"Step {n}", "--due", "tomorrow")
    out = cli("--db", str(other)).stdout
    assert f"mentorlog --db {other} remind --json lists them all" in out


@pytest.mark.parametrize("key", ["lock.wait", "remind.within"])
def test_a_number_key_is_read_and_removed(cli, config_file, key):
    cli("config", key, "2")
    assert cli("config", key).stdout == "2\n"
    assert f"Removed {key}" in cli("config", "--unset", key).stdout
    assert f"{key} is not set" in cli("config", key, code=1).stderr


def test_another_key_can_be_set_beside_a_wrong_line_but_not_a_wrong_value(cli, config_file):
    config_file.write_text('[lock]\nwait = "x"\n')
    assert "Set editor" in cli("config", "editor", "vim").stdout
    assert config_file.read_text() == 'editor = "vim"\n[lock]\nwait = "x"\n'
    # the wrong line stays as it was, and is still said (with its own line)
    assert "line 3: lock.wait must be a number" in cli("config", code=2).stderr
    assert "Set lock.wait = 1" in cli("config", "lock.wait", "1").stdout  # mended by config
