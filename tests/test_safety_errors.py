"""Honest errors (SPEC §5, §6): each failure is named for what it is, in one or two lines, with
the right exit code and no traceback — on every path, ``--version`` included."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from helpers import fill_disk, run_process, small_filesystem, snapshot


def raw(args: list, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        capture_output=True,
        env=os.environ.copy(),
        timeout=60,
        **kw,
    )


def test_version_into_a_full_device_or_a_closed_pipe_has_no_traceback():
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "mentorlog", "--version"], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert result.returncode == 1 and "Traceback" not in result.stderr and "disk is full" in result.stderr
    read, write = os.pipe()
    os.close(read)
    with os.fdopen(write, "w") as pipe:
        result = subprocess.run(
            [sys.executable, "-m", "mentorlog", "--version"], stdout=pipe, stderr=subprocess.PIPE, text=True
        )
    assert result.stderr == ""


def closed(args: list, stream: str) -> subprocess.CompletedProcess:
    """mentorlog started with its stdout (``>&-``) or stderr (``2>&-``) closed."""
    import shlex

    line = " ".join(map(shlex.quote, [sys.executable, "-m", "mentorlog", *args]))
    shell = f"exec {line} {stream}"
    return subprocess.run(["sh", "-c", shell], capture_output=True, text=True, timeout=60)


def test_a_closed_stream_is_named_and_a_closed_stderr_costs_nothing(cli, ada, db_path):
    for args in (["--version"], ["todo", "list"], ["todo", "add", "Said without stderr"]):
        assert closed(args, "2>&-").returncode == 0, args
    assert "Said without stderr" in cli("todo", "list").stdout
    before = snapshot(db_path)
    for args in (["todo", "add", "Never said"], ["todo", "list"], [], ["todo"]):
        result = closed(args, ">&-")
        assert result.returncode == 1, args
        assert (
            result.stderr
            == "mentorlog: Could not write the output: standard output is closed; nothing was changed.\n"
        )
    assert snapshot(db_path) == before
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "mentorlog"], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert result.returncode == 1 and result.stderr.startswith(
        "mentorlog: Could not write the output: the disk is full"
    )


def test_an_interrupt_after_the_commit_does_not_say_nothing_was_changed(cli, ada, db_path, capsys):
    """Ctrl-C a moment after a write committed (a race a real terminal can win): the change is
    saved, so the message says so and points at undo."""
    from mentorlog.core.boundary import Session, guarded

    class Committed:
        def __exit__(self, *exc):
            cli("todo", "add", "Saved just before Ctrl-C")  # the commit itself

    def interrupted_after_commit():
        raise KeyboardInterrupt

    session = Session()
    session.held.append(Committed())
    session.after_commit.append(interrupted_after_commit)
    assert guarded(lambda: None, session) == 130
    assert (
        capsys.readouterr().err
        == "mentorlog: Interrupted after the change was saved (mentorlog undo reverts it).\n"
    )
    assert "Saved just before Ctrl-C" in cli("todo", "list").stdout


def test_an_argument_that_is_not_utf8_is_a_usage_error(cli, ada, db_path):
    before = snapshot(db_path)
    result = raw([b"todo", b"add", b"caf\xe9"])
    assert result.returncode == 2, result.stderr
    assert b"not valid UTF-8" in result.stderr and b"Traceback" not in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize("command", [["remind"], ["progress"], ["advice", "park", "1"], ["todo", "add", "x"]])
def test_a_pinned_clock_out_of_range_is_a_usage_error(cli, ada, command, monkeypatch):
    cli("advice", "add", "ada", "Something")
    monkeypatch.setenv("MENTORLOG_NOW", "9999-12-31T20:00")
    result = run_process(*command)
    assert result.returncode == 2, result.stderr
    assert "MENTORLOG_NOW" in result.stderr and "Traceback" not in result.stderr


def test_log_with_stdin_closed_writes_nothing(cli, ada, db_path):
    before = snapshot(db_path)
    result = subprocess.run(
        [sys.executable, "-m", "mentorlog", "log", "ada"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert result.returncode == 1 and "Nothing written: the note was empty." in result.stderr
    closed = subprocess.run(
        f"{sys.executable} -m mentorlog log ada <&-", shell=True, capture_output=True, text=True, timeout=60
    )
    assert closed.returncode == 1 and "Traceback" not in closed.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "ada", "-o", "{tmp}/no/such/folder/r.md"], "does not exist"),
        (["report", "ada", "-o", "{tmp}"], "is a folder"),
        (["report", "ada", "-o", "{tmp}/exists.md"], "exists already"),
    ],
)
def test_output_files_name_the_problem(cli, ada, tmp_path, args, message):
    (tmp_path / "exists.md").write_text("mine")
    result = cli(*[a.format(tmp=tmp_path) for a in args], code=2)
    assert message in result.stderr
    assert (tmp_path / "exists.md").read_text() == "mine"


def test_a_migration_whose_backup_cannot_be_written_says_so(cli, db_path):
    from mentorlog.journal.store.db import open_journal
    from mentorlog.journal.store.migrations import MIGRATIONS

    cli("todo", "add", "Keep me")
    (db_path.parent / "backups").write_text("a file where the folder should be")
    before = snapshot(db_path)

    def m999_more(db):
        db.execute("ALTER TABLE todos ADD COLUMN colour TEXT")

    from mentorlog.core.errors import JournalError

    with (
        pytest.raises(JournalError, match="Could not back up"),
        open_journal(db_path, write=True, migrations=[*MIGRATIONS, m999_more]),
    ):
        pass
    assert snapshot(db_path) == before


def test_an_empty_file_adopted_as_the_journal_becomes_private(cli, db_path):
    db_path.write_bytes(b"")
    os.chmod(db_path, 0o644)
    cli("todo", "add", "x")
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_missing_parent_folders_are_created_private(cli, tmp_path):
    deep = tmp_path / "a" / "b" / "c" / "journal.db"
    cli("--db", str(deep), "todo", "add", "x")
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_piped_output_is_not_padded_or_cut(cli, ada):
    long = "A todo with a long text " * 8
    cli("todo", "add", long.strip(), "-m", "ada")
    result = run_process("todo", "list", env={"COLUMNS": ""})
    lines = result.stdout.splitlines()
    assert any(long.strip() in line for line in lines), result.stdout
    assert all(line == line.rstrip(" ") for line in lines)
    mentors = run_process("mentor", "list", env={"COLUMNS": ""}).stdout.splitlines()
    assert all(line == line.rstrip(" ") for line in mentors)


def test_reads_work_on_a_read_only_file_system_and_writes_say_why(tmp_path, monkeypatch):
    with small_filesystem(tmp_path, monkeypatch) as fs:
        for args in (["mentor", "add", "Ada Lovelace", "--next", "2026-11-25 15:00"], ["todo", "add", "x"]):
            assert run_process(*args).returncode == 0
        fs.remount(True)
        for args in (["todo", "list"], ["remind"], ["mentor", "list"], ["review", "ada"], ["progress"]):
            result = run_process(*args)
            assert result.returncode == 0, (args, result.stderr)
            assert "damaged" not in result.stderr
        assert json.loads(run_process("todo", "list", "--json").stdout)[0]["text"] == "x"
        result = run_process("todo", "add", "y")
        assert result.returncode == 1 and "read-only file system" in result.stderr


def test_a_read_only_folder_is_named(tmp_path, monkeypatch):
    if os.geteuid() == 0:
        pytest.skip("root can write into a read-only folder; the file-system case covers root")
    folder = tmp_path / "ro"
    folder.mkdir()
    journal = folder / "journal.db"
    monkeypatch.setenv("MENTORLOG_DB", str(journal))
    assert run_process("todo", "add", "x").returncode == 0
    os.chmod(folder, 0o500)
    try:
        assert run_process("todo", "list").returncode == 0
        result = run_process("todo", "add", "y")
        assert result.returncode == 1 and "read-only" in result.stderr
    finally:
        os.chmod(folder, 0o700)


def test_reads_work_on_a_full_disk(tmp_path, monkeypatch):
    with small_filesystem(tmp_path, monkeypatch, "2m") as fs:
        assert run_process("todo", "add", "x").returncode == 0
        fill_disk(fs.folder)
        result = run_process("todo", "list")
        assert result.returncode == 0 and "x" in result.stdout, result.stderr
        result = run_process("todo", "add", "y " * 50000)
        assert result.returncode == 1 and "full" in result.stderr


LONG = "x" * 300  # more than the 255 bytes a file name may have


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-o", "{tmp}/" + LONG],
        ["export", "--format", "markdown", "-o", "{tmp}/" + LONG + "/"],
        ["export", "--format", "csv", "-o", "{tmp}/" + LONG + "/"],
        ["backup", "{tmp}/" + LONG],
        ["report", "ada", "-o", "{tmp}/" + LONG],
        ["progress", "--save", "{tmp}/" + LONG + ".svg"],
        ["--db", "{tmp}/" + LONG, "todo", "add", "x"],
        ["--db", "{tmp}/" + LONG, "todo", "list"],
        ["--db", "{tmp}/" + LONG + "/journal.db", "mentor", "add", "Ada"],
        ["--db", "{tmp}/" + LONG, "doctor"],
    ],
)
def test_a_name_too_long_is_a_usage_error_not_an_internal_one(cli, ada, tmp_path, args):
    """Errno 36 was 'internal error: OSError' (issue 23)."""
    result = run_process(*(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert result.returncode == 2, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "too long" in result.stderr or "is not" in result.stderr


def test_a_journal_named_too_long_leaves_remind_silent(cli, tmp_path):
    for env in ({"MENTORLOG_DB": str(tmp_path / LONG)},):
        result = run_process("remind", env=env)
        assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result.stderr
    result = run_process("--db", str(tmp_path / LONG), "remind")
    assert result.returncode == 0 and result.stderr == ""


def test_a_long_name_that_fits_is_written_though_its_temporary_name_would_not(cli, ada, tmp_path):
    """A 250-byte name is allowed; the hidden file written first must fit too."""
    name = "y" * 250
    cli("export", "-o", str(tmp_path / name))
    cli("backup", str(tmp_path / (name[:-3] + ".db")))
    assert (tmp_path / name).exists() and (tmp_path / (name[:-3] + ".db")).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
