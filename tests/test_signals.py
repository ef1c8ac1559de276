"""SIGTERM (a ``timeout``, a shutdown) or SIGHUP in the middle of writing a file: the command
cleans up as it does on Ctrl-C, and no half file, hidden temporary file or partial notes folder
stays behind; a second run then works (SPEC §6: exit 143 / 129).

A step is slowed down in the mentorlog process by a preamble, so that the signal surely arrives
while the file is being written: the copy sleeps once it is made, the export once its first file
is out. The step is patched where both the code before this test and after it call it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SLOW_COPY = """
import sqlite3, sys, time
import mentorlog.journal.store.backup as backup
class Slow(sqlite3.Connection):
    def backup(self, *args, **kwargs):
        super().backup(*args, **kwargs)
        print("copied", file=sys.stderr, flush=True)
        nap()
real = sqlite3.connect
class Patched:
    def __getattr__(self, name):
        return getattr(sqlite3, name)
    def connect(self, *args, **kwargs):
        return real(*args, factory=Slow, **kwargs)
backup.sqlite3 = Patched()
"""

SLOW_EXPORT = """
import sys, time
import mentorlog.cli.transfer as transfer
real = transfer.output_file
from contextlib import contextmanager
@contextmanager
def slow(target, force):
    with real(target, force) as f:
        yield f
        f.flush()
        print("writing", file=sys.stderr, flush=True)
        nap()
transfer.output_file = slow
"""

RUN = """
sys.argv = ["mentorlog", *sys.argv[1:]]
from mentorlog.__main__ import main
main()
"""


NAP = """
import time as _time
def nap():
    # In short steps: a signal landing just before one long sleep would not end it, and the
    # process would sleep on with the handler unrun (the check is between bytecodes).
    for _ in range(600):
        _time.sleep(0.05)
"""


def slowed(preamble: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", NAP + preamble + RUN, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def stop_when_said(proc: subprocess.Popen, word: str, signum=signal.SIGTERM) -> tuple[int, str]:
    line = proc.stderr.readline()
    assert line.strip() == word, line + proc.stderr.read()
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=10)
    return proc.returncode, err


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if p.is_file())


@pytest.fixture
def filled(made_once, cli, ada, db_path):
    made_once(_filled)
    return db_path


def _filled(cli):
    cli("log", "ada", "--on", "2026-11-10 15:00", "--notes", "Roadmap talk", "--todo", "Draft")
    cli("advice", "add", "ada", "Write first")


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_during_backup_leaves_no_half_file(cli, filled, tmp_path, signum, code):
    target = tmp_path / "out" / "b.db"
    target.parent.mkdir()
    code_got, err = stop_when_said(slowed(SLOW_COPY, "backup", str(target)), "copied", signum)
    assert code_got == code, err
    assert "nothing was changed" in err and "Traceback" not in err
    assert list(target.parent.iterdir()) == []  # neither the file named nor a hidden temp
    cli("backup", str(target))  # and a second backup is not refused
    assert target.exists()


def test_sigterm_during_an_encrypted_backup_leaves_no_plaintext(cli, filled, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse battery staple")
    target = tmp_path / "b.db.age"
    code, err = stop_when_said(slowed(SLOW_COPY, "backup", str(target), "--passphrase"), "copied")
    assert code == 143, err
    assert not target.exists() and hidden(tmp_path) == []


def test_sigterm_during_the_backup_before_a_migration(cli, filled, db_path, tmp_path):
    """An old journal is copied to backups/ before it is upgraded: stopped there, no half copy."""
    import sqlite3

    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("DROP INDEX advice_parked")
    conn.commit()
    conn.close()
    code, err = stop_when_said(slowed(SLOW_COPY, "todo", "add", "x"), "copied")
    assert code == 143, err
    backups = db_path.parent / "backups"
    assert not backups.exists() or list(backups.iterdir()) == []
    assert hidden(db_path.parent) == []


def test_sigterm_during_a_json_export_leaves_no_temporary_file(cli, filled, tmp_path):
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    code, err = stop_when_said(slowed(SLOW_EXPORT, "export", "-o", str(target)), "writing")
    assert code == 143, err
    assert list(target.parent.iterdir()) == []
    cli("export", "-o", str(target))


def test_sigterm_during_a_notes_folder_export_takes_the_folder_back(cli, filled, tmp_path):
    folder = tmp_path / "notes"
    code, err = stop_when_said(
        slowed(SLOW_EXPORT, "export", "--format", "markdown", "-o", f"{folder}/"), "writing"
    )
    assert code == 143, err
    assert not folder.exists()
    cli("export", "--format", "markdown", "-o", f"{folder}/")
    assert any(folder.iterdir())


SLOW_ADD = """
import sys, time
import mentorlog.journal.todos as todos
real = todos.add
def add(*args, **kwargs):
    row = real(*args, **kwargs)
    print("added", file=sys.stderr, flush=True)
    nap()
    return row
todos.add = add
"""


def test_sigterm_during_a_write_rolls_it_back_and_says_so(cli, filled, db_path):
    """Not the silent default death: rolled back, named, 143."""
    from helpers import snapshot

    before = snapshot(db_path)
    code, err = stop_when_said(slowed(SLOW_ADD, "todo", "add", "x"), "added")
    assert code == 143 and "Stopped by SIGTERM; nothing was changed." in err
    assert snapshot(db_path) == before


def test_a_second_sigterm_does_not_cut_the_cleanup_short(cli, filled, tmp_path):
    """`timeout` and service managers may signal twice; the second used to land in the cleanup of
    the first now and then and leave the hidden copy behind (found by the hostile pass)."""
    for n in range(12):
        target = tmp_path / f"out{n}" / "b.db"
        target.parent.mkdir()
        proc = slowed(SLOW_COPY, "backup", str(target))
        assert proc.stderr.readline().strip() == "copied"
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.0005 * n)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
        assert proc.returncode == 143, err
        assert list(target.parent.iterdir()) == [], n


SLOW_COMPACT = """
import sys, time
import mentorlog.journal.store.db as db
real = db.compact
def compact(path):
    print("compacting", file=sys.stderr, flush=True)
    nap()
    real(path)
db.compact = compact
"""


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_stopped_while_compacting_after_history_clear_does_not_promise_an_undo(cli, filled, signum, code):
    """The history is gone by then: 'mentorlog undo reverts it' would be false (hostile pass)."""
    got, err = stop_when_said(slowed(SLOW_COMPACT, "history", "--clear", "--yes"), "compacting", signum)
    assert got == code, err
    assert "after the change was saved; it cannot be undone." in err and "undo reverts" not in err
    assert "No changes" in cli("history").stdout
