"""Typed text is never lost (SPEC §6): whatever stops a command after the user typed, the exact
bytes are in the file whose path was printed — or, when nothing can be written, on stderr."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import editor_script, fill_disk, run_process, small_filesystem, snapshot
from mentorlog.io import recovery

TYPED = "Notes I typed — café ✨\n[bold]kept[/]\n"


def kept_path(stderr: str) -> Path:
    m = re.search(r"[Yy]our text is in (\S+)", stderr)
    assert m, stderr
    return Path(m.group(1))


def run_bytes(args: list[str], stdin: bytes | None = None, env: dict | None = None, **kw):
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        **kw,
    )


def appending_editor(tmp_path, text: str = TYPED, then: str = "") -> str:
    return editor_script(tmp_path, f"open(p, 'a', encoding='utf-8').write({text!r})\n{then}")


def test_unfileable_editor_text_is_kept_exactly(cli, ada, db_path, tmp_path):
    before = snapshot(db_path)
    editor = appending_editor(tmp_path, TYPED + "todo: x (due 31/12)\n")
    result = run_process("log", "ada", "--edit", env={"EDITOR": editor})
    assert result.returncode == 2, result.stderr
    kept = kept_path(result.stderr)
    assert kept.parent == db_path.parent / "recovery"
    assert TYPED + "todo: x (due 31/12)\n" in kept.read_text(encoding="utf-8")
    assert snapshot(db_path) == before


def test_recovery_folder_blocked_by_a_file_falls_back_to_the_temporary_folder(cli, ada, db_path, tmp_path):
    (db_path.parent / "recovery").write_text("I am a file, not a folder")
    editor = appending_editor(tmp_path, TYPED + "todo: x (due 31/12)\n")
    result = run_process("log", "ada", "--edit", env={"EDITOR": editor, "TMPDIR": str(tmp_path / "tmp")})
    (tmp_path / "tmp").mkdir(exist_ok=True)
    assert result.returncode == 2, result.stderr
    kept = kept_path(result.stderr)
    assert kept.is_relative_to(tmp_path / "tmp") or kept.is_relative_to(Path("/tmp")), kept
    assert TYPED in kept.read_text(encoding="utf-8")


def test_nothing_writable_prints_the_text_on_stderr(cli, ada, db_path, tmp_path, monkeypatch):
    from mentorlog.io import capture

    (db_path.parent / "recovery").write_text("a file")
    blocked_tmp = tmp_path / "tmpfile"
    blocked_tmp.write_text("a file too")
    # The editor's own temporary folder works; the fallback folder for recovery files does not.
    monkeypatch.setattr(capture, "_temporary_folder", lambda: blocked_tmp)
    monkeypatch.setenv("EDITOR", appending_editor(tmp_path, TYPED + "todo: x (due 31/12)\n"))
    result = cli("log", "ada", "--edit", code=2)
    assert "no file could be written; here is your text" in result.stderr
    assert TYPED in result.stderr and "printed above on stderr" in result.stderr


def test_bytes_that_are_not_utf8_from_the_editor_are_kept_and_the_line_named(cli, ada, db_path, tmp_path):
    before = snapshot(db_path)
    editor = editor_script(tmp_path, "open(p, 'ab').write(b'first line\\nsecond caf\\xe9\\n')")
    result = run_process("log", "ada", "--edit", env={"EDITOR": editor})
    assert result.returncode == 2, result.stderr
    assert "not valid UTF-8" in result.stderr and "Line" in result.stderr
    assert kept_path(result.stderr).read_bytes().endswith(b"first line\nsecond caf\xe9\n")
    assert snapshot(db_path) == before


def test_bytes_that_are_not_utf8_on_stdin_are_kept(cli, ada, db_path):
    before = snapshot(db_path)
    typed = b"Notes\nd\xe9j\xe0 vu\ntodo: call back\n"
    result = run_bytes(["log", "ada"], stdin=typed)
    assert result.returncode == 2, result.stderr
    stderr = result.stderr.decode()
    assert "Line 2 of stdin is not valid UTF-8" in stderr
    assert recovery.split(kept_path(stderr).read_bytes())[1] == typed
    assert snapshot(db_path) == before


def test_notes_dash_with_bad_bytes_is_kept(cli, ada, db_path):
    typed = b"caf\xe9 au lait\n"
    result = run_bytes(["log", "ada", "--notes", "-"], stdin=typed)
    assert result.returncode == 2
    assert recovery.split(kept_path(result.stderr.decode()).read_bytes())[1] == typed


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGHUP, 129), (signal.SIGTERM, 143)])
def test_terminal_closed_or_terminated_while_editing_keeps_the_text(
    cli, ada, db_path, tmp_path, signum, code
):
    started = tmp_path / "started"
    editor = appending_editor(tmp_path, then=f"open({str(started)!r}, 'w').close()\ntime.sleep(30)")
    before = snapshot(db_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mentorlog", "log", "ada", "--edit"],
        env={**os.environ, "EDITOR": editor},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # nohup and background shells start children with signals ignored; a terminal does not.
        preexec_fn=lambda: [signal.signal(s, signal.SIG_DFL) for s in (signal.SIGHUP, signal.SIGINT)],
    )
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signum)  # the whole group, as a closing terminal does
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert TYPED in kept_path(err).read_text(encoding="utf-8")
    assert snapshot(db_path) == before


def test_a_mended_recovery_file_is_filed_with_from(cli, ada, db_path, tmp_path):
    editor = appending_editor(tmp_path, "Good notes\ntodo: x (due 31/12)\n")
    kept = kept_path(run_process("log", "ada", "--edit", env={"EDITOR": editor}).stderr)
    kept.write_text(kept.read_text().replace("(due 31/12)", "(due 2026-12-31)"))
    out = cli("log", "ada", "--from", str(kept)).stdout
    assert out.startswith("Logged meeting 1 with Ada Lovelace") and "todo 1 due Thu 31 Dec 2026" in out
    assert cli("meeting", "show", "1", "--json").stdout.count("Good notes") == 1


def test_from_a_missing_file_is_not_found(cli, ada, db_path, tmp_path):
    before = snapshot(db_path)
    result = cli("log", "ada", "--from", str(tmp_path / "nope.txt"), code=1)
    assert "no file" in result.stderr and "nope.txt" in result.stderr
    assert snapshot(db_path) == before


def test_read_only_journal_folder_keeps_text_in_the_temporary_folder(tmp_path, monkeypatch):
    with small_filesystem(tmp_path, monkeypatch) as fs:
        assert run_process("mentor", "add", "Ada Lovelace").returncode == 0
        fs.remount(True)
        editor = appending_editor(tmp_path)
        result = run_process("log", "ada", "--edit", env={"EDITOR": editor, "TMPDIR": str(tmp_path)})
        assert result.returncode == 1, result.stderr
        assert "read-only file system" in result.stderr
        kept = kept_path(result.stderr)
        assert not kept.is_relative_to(fs.folder)
        assert TYPED in kept.read_text(encoding="utf-8")


def test_full_disk_keeps_text_in_the_temporary_folder(tmp_path, monkeypatch):
    with small_filesystem(tmp_path, monkeypatch, "2m") as fs:
        journal = fs.journal
        assert run_process("mentor", "add", "Ada Lovelace").returncode == 0
        fill_disk(fs.folder)
        before = snapshot(journal)
        big = "A long thought. " * 4000 + "\n"
        editor = appending_editor(tmp_path, big)
        result = run_process("log", "ada", "--edit", env={"EDITOR": editor, "TMPDIR": str(tmp_path)})
        assert result.returncode == 1, result.stderr
        assert "full" in result.stderr and "Traceback" not in result.stderr
        kept = kept_path(result.stderr)
        assert not kept.is_relative_to(fs.folder)
        assert big in kept.read_text(encoding="utf-8")
        assert snapshot(journal) == before


def test_a_file_size_limit_does_not_cut_the_kept_text(cli, ada, db_path, tmp_path):
    import resource

    big = "x" * 20000 + "\ntodo: y (due 31/12)\n"
    # The editor lifts its own soft limit, as a real editor outside the limit would write.
    lift = "import resource\nresource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)"
    editor = editor_script(tmp_path, f"{lift}\nopen(p, 'a').write({big!r})")

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, resource.RLIM_INFINITY))

    result = subprocess.run(
        [sys.executable, "-m", "mentorlog", "log", "ada", "--edit"],
        env={**os.environ, "EDITOR": editor, "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
    )
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
    if "printed above" in result.stderr:
        assert big in result.stderr  # no file could hold it whole: all of it is on stderr
    else:
        assert big in kept_path(result.stderr).read_text()


def test_a_date_out_of_range_in_the_journal_keeps_the_text_from_stdin(cli, ada, db_path):
    """A next check-in in year 9999 (from an older mentorlog, an edit by hand) with a cadence:
    logging computes the one after it, which overflows. The text typed on stdin is kept."""
    import sqlite3

    conn = sqlite3.connect(db_path)
    conn.execute(
        "UPDATE mentors SET next_checkin = '9999-12-30T10:00:00+00:00', slot = '9999-12-30T10:00' "
        "WHERE handle = 'ada'"
    )
    conn.commit()
    conn.close()
    before = snapshot(db_path)
    result = run_bytes(["log", "ada"], stdin=TYPED.encode())
    assert result.returncode == 2, result.stderr
    stderr = result.stderr.decode()
    assert "out of range" in stderr and "Traceback" not in stderr
    assert recovery.split(kept_path(stderr).read_bytes())[1] == TYPED.encode()  # below its header
    assert snapshot(db_path) == before


def test_a_commit_that_fails_after_the_echo_keeps_the_text(cli, ada, db_path, tmp_path):
    """With a file-size limit smaller than the note, the write fails only at the commit, after
    "Logged meeting 1" is out: the text typed on stdin is kept, not rolled back with it."""
    import resource

    big = "x" * 300_000 + "\n"

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (db_path.stat().st_size + 4096, resource.RLIM_INFINITY))

    before = snapshot(db_path)
    result = subprocess.run(
        [sys.executable, "-m", "mentorlog", "log", "ada"],
        input=big.encode(),
        env={**os.environ, "TMPDIR": str(tmp_path)},
        capture_output=True,
        timeout=60,
        preexec_fn=limit,
    )
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, stderr
    assert "nothing was changed" in stderr and "Traceback" not in stderr
    if "printed above" in stderr:
        assert big in stderr
    else:
        assert kept_path(stderr).read_text() == big
    assert snapshot(db_path) == before
