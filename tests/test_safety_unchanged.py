"""A failed command has changed nothing (SPEC §5, §6): the echo line is written before the
commit, and a command whose output cannot be written is rolled back."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import fill_disk, run_process, small_filesystem, snapshot

WRITES = [
    ["todo", "add", "Draft the RFC"],
    ["log", "ada", "--notes", "n", "--todo", "Follow up (due fri)"],
    ["advice", "add", "ada", "Write it down"],
    ["topic", "add", "ada", "Ask about scope"],
    ["thanks", "add", "ada", "Thank you"],
    ["goal", "add", "Ship it"],
    ["mentor", "add", "Barbara Liskov"],
    ["todo", "done", "1"],
    ["mentor", "end", "grace"],
]


@pytest.fixture
def seeded(made_once, cli, ada):
    made_once(_seeded)
    return ada


def _seeded(cli):
    cli("todo", "add", "An open todo", "-m", "ada")


def run_to(args: list[str], stdout) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )


@pytest.mark.parametrize("args", WRITES, ids=" ".join)
def test_output_to_a_full_device_changes_nothing(seeded, db_path, args):
    before = snapshot(db_path)
    with open("/dev/full", "w") as full:
        result = run_to(args, full)
    assert result.returncode == 1, result.stderr
    assert "Could not write the output" in result.stderr and "nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize("args", WRITES[:3], ids=" ".join)
def test_output_to_a_closed_pipe_changes_nothing(seeded, db_path, args):
    before = snapshot(db_path)
    read, write = os.pipe()
    os.close(read)  # the reader is gone before we write
    with os.fdopen(write, "w") as pipe:
        result = run_to(args, pipe)
    assert result.returncode == 1 and result.stderr == ""
    assert snapshot(db_path) == before


def test_retrying_after_a_failed_echo_makes_no_duplicate(seeded, cli, db_path):
    with open("/dev/full", "w") as full:
        assert run_to(["todo", "add", "Only once"], full).returncode == 1
    cli("todo", "add", "Only once")
    texts = [t["text"] for t in json.loads(cli("todo", "list", "--json").stdout)]
    assert texts.count("Only once") == 1


def test_a_long_list_into_head_ends_quietly(cli, db_path):
    for i in range(60):
        cli("todo", "add", f"todo {i}")
    result = subprocess.run(
        f"{sys.executable} -m mentorlog todo list | head -n 2",
        shell=True,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert result.stderr == "" and len(result.stdout.splitlines()) == 2
    # a reader gone before the output is half written: a read still ends quietly with 0 (Click
    # alone would say 1 when the pipe breaks inside the command)
    for line in ("todo list --json --all", "export"):
        shell = f"{sys.executable} -m mentorlog {line} | true; exit ${{PIPESTATUS[0]}}"
        result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
        assert (result.returncode, result.stderr) == (0, ""), line


def test_writes_on_a_read_only_file_system_change_nothing(tmp_path, monkeypatch):
    with small_filesystem(tmp_path, monkeypatch) as fs:
        journal = fs.journal
        assert run_process("mentor", "add", "Ada Lovelace").returncode == 0
        fs.remount(True)
        before = snapshot(journal)
        for args in (
            ["todo", "add", "x"],
            ["log", "ada", "--notes", "n"],
            ["mentor", "edit", "ada", "--org", "X"],
        ):
            result = run_process(*args)
            assert result.returncode == 1, result.stderr
            assert "read-only file system" in result.stderr and "damaged" not in result.stderr
        assert snapshot(journal) == before


def test_writes_on_a_full_disk_change_nothing(tmp_path, monkeypatch):
    with small_filesystem(tmp_path, monkeypatch, "2m") as fs:
        journal = fs.journal
        assert run_process("mentor", "add", "Ada Lovelace").returncode == 0
        fill_disk(fs.folder)
        before = snapshot(journal)
        result = run_process("log", "ada", "--notes", "word " * 20000)
        assert result.returncode == 1, result.stderr
        assert "full" in result.stderr and "damaged" not in result.stderr
        assert snapshot(journal) == before


def test_history_clear_into_a_full_device_keeps_the_history(seeded, cli, db_path):
    before = cli("history", "--json").stdout
    with open("/dev/full", "w") as full:
        result = run_to(["history", "--clear", "--yes"], full)
    assert result.returncode == 1 and "nothing was changed" in result.stderr
    assert cli("history", "--json").stdout == before


def test_restore_into_a_full_device_leaves_the_journal(seeded, cli, db_path, tmp_path):
    cli("backup", str(tmp_path / "b.db"))
    cli("todo", "add", "MARKER")
    before = snapshot(db_path)
    with open("/dev/full", "w") as full:
        result = run_to(["restore", str(tmp_path / "b.db"), "--force"], full)
    assert result.returncode == 1 and "nothing was changed" in result.stderr
    assert snapshot(db_path) == before
    assert not list((db_path.parent / "backups").glob("*before-restore*"))


def test_backup_into_a_full_device_leaves_no_file(seeded, tmp_path):
    with open("/dev/full", "w") as full:
        result = run_to(["backup", str(tmp_path / "x.db")], full)
    assert result.returncode == 1 and not (tmp_path / "x.db").exists()


def test_two_restores_in_the_same_second_keep_both_journals(seeded, cli, db_path, tmp_path):
    cli("backup", str(tmp_path / "b.db"))
    cli("restore", str(tmp_path / "b.db"), "--force")
    cli("restore", str(tmp_path / "b.db"), "--force")  # the clock is pinned: the same second
    assert len(list((db_path.parent / "backups").glob("*before-restore*"))) == 2


def test_delete_prompts_escape_user_text(seeded, cli, monkeypatch):
    import mentorlog.cli.common as common

    cli("todo", "add", "\x1b]0;pwned\x07\x1b[2J evil")
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    result = cli("todo", "delete", "2", input="n\n", code=1)
    assert "\x1b" not in result.stdout and "\\x1b]0;pwned" in result.stdout
