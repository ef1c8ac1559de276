"""A journal another program holds locked: every command that copies, vacuums or waits on it
gives up after the busy timeout with a one-line error (exit 1, SPEC §5), answers Ctrl-C and
SIGTERM at once while it waits, and leaves no temporary copy behind.

The wait is 5 seconds unless the config file's ``lock.wait`` says otherwise; one test waits the
default out, the others set one second (``short_wait``) so that giving up is seen sooner."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import snapshot

HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":  # a program that keeps even readers out
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE mentors SET name = name")
else:
    conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(60)
"""


@pytest.fixture
def filled(made_once, cli, ada, db_path):
    made_once(_filled)
    return db_path


WAIT = 1  # seconds: the config file's lock.wait in every test but the one of the default


@pytest.fixture
def short_wait(cli):
    cli("config", "lock.wait", str(WAIT))


def _filled(cli):
    cli("log", "ada", "--on", "2026-11-10 15:00", "--notes", "Roadmap talk")


@pytest.fixture
def holder(db_path):
    """Start a second process holding the journal's write lock (``holder()``, or
    ``holder("exclusive")`` to keep readers out too); it is ended afterwards."""
    started = []

    def start(kind: str = "write"):
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(db_path), kind], stdout=subprocess.PIPE, text=True
        )
        started.append(proc)
        assert proc.stdout.readline().strip() == "held"
        return proc

    yield start
    for proc in started:
        proc.kill()
        proc.wait()


def mentorlog(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mentorlog", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def finished(proc: subprocess.Popen, within: float, at_least: float = 0) -> tuple[int, str, str]:
    start = time.monotonic()
    out, err = proc.communicate(timeout=within + 10)
    took = time.monotonic() - start
    assert at_least <= took < within, f"took {took:.1f}s: {err}"
    return proc.returncode, out, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp") or "-journal" in p.name)


def test_restore_under_a_held_write_lock_gives_up_with_a_lock_error(cli, filled, db_path, holder, short_wait):
    cli("backup", str(db_path.parent / "b.db"))
    cli("todo", "add", "after the backup")
    holder()
    before = snapshot(db_path)
    restoring = mentorlog("restore", str(db_path.parent / "b.db"), "--force")
    code, _, err = finished(restoring, within=WAIT + 4, at_least=WAIT)
    assert code == 1, err
    assert "locked by another program" in err and "nothing was changed" in err
    assert snapshot(db_path) == before
    assert leftovers(db_path.parent) == []
    kept = db_path.parent / "backups"
    assert not kept.exists() or not any(p.name.startswith("journal-before-restore") for p in kept.iterdir())


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_restore_waiting_for_a_lock_answers_ctrl_c_and_sigterm(cli, filled, db_path, holder, signum, code):
    cli("backup", str(db_path.parent / "b.db"))
    holder()
    proc = mentorlog("restore", str(db_path.parent / "b.db"), "--force")
    assert proc.stdout.readline().startswith("Restoring")  # it is waiting for the lock now
    time.sleep(0.3)
    proc.send_signal(signum)
    got, _, err = finished(proc, within=3)
    assert got == code, err
    assert "nothing was changed" in err
    assert leftovers(db_path.parent) == []  # no plaintext copy of the backup stays beside it


def test_a_write_waiting_for_a_lock_answers_ctrl_c_at_once(cli, filled, db_path, holder):
    holder()
    proc = mentorlog("todo", "add", "x")
    time.sleep(1)
    proc.send_signal(signal.SIGINT)
    got, _, err = finished(proc, within=3)
    assert got == 130 and "Interrupted; nothing was changed" in err


def test_a_write_under_a_held_lock_is_a_lock_error_after_the_timeout(cli, filled, db_path, holder):
    holder()
    got, _, err = finished(mentorlog("todo", "add", "x"), within=10, at_least=5)  # the default wait
    assert got == 1 and "locked by another program" in err


def test_the_config_file_sets_how_long_a_write_waits(cli, filled, db_path, holder, short_wait):
    holder()
    got, _, err = finished(mentorlog("todo", "add", "x"), within=WAIT + 3, at_least=WAIT)
    assert got == 1 and "locked by another program" in err


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_backup_of_a_journal_held_exclusively_answers_signals(cli, filled, db_path, holder, signum):
    holder("exclusive")
    target = db_path.parent / "b.db"
    proc = mentorlog("backup", str(target))
    time.sleep(1)
    proc.send_signal(signum)
    got, _, err = finished(proc, within=3)
    assert got == (130 if signum == signal.SIGINT else 143), err
    assert not target.exists() and leftovers(db_path.parent) == []


def test_backup_of_a_journal_held_exclusively_gives_up(cli, filled, db_path, holder, short_wait):
    holder("exclusive")
    target = db_path.parent / "b.db"
    got, _, err = finished(mentorlog("backup", str(target)), within=WAIT + 4, at_least=WAIT)
    assert got == 1 and "locked by another program" in err
    assert not target.exists() and leftovers(db_path.parent) == []


def test_history_clear_under_a_held_lock_gives_up_and_answers_sigterm(
    cli, filled, db_path, holder, short_wait
):
    holder()
    got, _, err = finished(mentorlog("history", "--clear", "--yes"), within=WAIT + 4, at_least=WAIT)
    assert got == 1 and "locked by another program" in err
    cli("config", "lock.wait", "5")  # long enough to be still waiting when SIGTERM comes
    proc = mentorlog("history", "--clear", "--yes")
    time.sleep(1)
    proc.send_signal(signal.SIGTERM)
    got, _, err = finished(proc, within=3)
    assert got == 143 and "Stopped by SIGTERM; nothing was changed" in err


def test_compacting_under_a_held_lock_has_a_deadline(cli, filled, db_path, holder, short_wait):
    from mentorlog.core.errors import JournalError
    from mentorlog.journal.store.db import compact

    holder()
    start = time.monotonic()
    with pytest.raises(JournalError, match="locked by another program"):
        compact(db_path)
    assert WAIT <= time.monotonic() - start < WAIT + 4


def test_copying_a_locked_journal_has_a_deadline(cli, filled, db_path, holder, tmp_path, short_wait):
    """The migration's backup and ``keep_before_restore`` copy through ``copy_to`` too."""
    from mentorlog.journal.store.backup import copy_to

    holder("exclusive")
    start = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        copy_to(db_path, tmp_path / "copy.db")
    assert WAIT <= time.monotonic() - start < WAIT + 4
    assert not (tmp_path / "copy.db").exists() and leftovers(tmp_path) == []
