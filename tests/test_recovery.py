"""Recovery files (SPEC §6): the header keeps what the command line said, `--from` uses it,
every message says how to file the file, and a filed file moves to `recovery/filed/`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import editor_script, run_process, snapshot
from mentorlog.io import recovery


def kept_path(stderr: str) -> Path:
    m = re.search(r"[Yy]our text is in (\S+)", stderr)
    assert m, stderr
    return Path(m.group(1))


def failing_editor(tmp_path, text: str) -> str:
    """An editor that appends ``text`` and then exits 1, as vim's :cq does."""
    return editor_script(tmp_path, f"open(p, 'a', encoding='utf-8').write({text!r})\nsys.exit(1)")


def meetings(cli) -> list[dict]:
    return json.loads(cli("meeting", "list", "--json").stdout)


def test_a_meeting_filed_the_next_morning_keeps_its_day_time_and_options(cli, ada, db_path, tmp_path):
    # Thu 26 Nov, 16:00: the check-in was at 15:00; the editor is quit with :cq
    env = {"MENTORLOG_NOW": "2026-11-26T16:00:00", "EDITOR": failing_editor(tmp_path, "Good talk\n")}
    args = ("--on", "3pm", "--minutes", "50", "--late", "--rescheduled", "--next", "2026-12-17 15:00")
    result = run_process("log", "ada", *args, "--edit", env=env)
    assert result.returncode == 1, result.stderr
    kept = kept_path(result.stderr)
    assert f"mentorlog log ada --from {kept}" in result.stderr
    fields, body = recovery.split(kept.read_bytes())
    assert fields == {
        "on": "2026-11-26T15:00:00+00:00",
        "minutes": "50",
        "late": "yes",
        "rescheduled": "yes",
        "next": "2026-12-17T15:00:00+00:00",
    }
    assert body.startswith(b"# Meeting with Ada Lovelace \xe2\x80\x94 Thu 26 Nov 2026 15:00\n")
    assert body.endswith(b"Good talk\n")
    # Fri 27 Nov, 09:00: filed as it was
    result = run_process("log", "ada", "--from", str(kept), env={"MENTORLOG_NOW": "2026-11-27T09:00:00"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Logged meeting 1 with Ada Lovelace on Thu 26 Nov 2026 15:00.")
    assert "Next check-in: Thu 17 Dec 2026 15:00." in result.stdout
    [m] = meetings(cli)
    assert (m["held_at"], m["minutes"], m["late"], m["rescheduled"], m["notes"]) == (
        "2026-11-26T15:00:00+00:00",
        50,
        True,
        True,
        "Good talk",
    )
    # it moved to recovery/filed/, so the same text cannot be filed twice by accident
    filed = db_path.parent / "recovery" / "filed" / kept.name
    assert not kept.exists() and filed.read_bytes().endswith(b"Good talk\n")
    assert str(filed) in result.stderr
    before = snapshot(db_path)
    assert "no file" in cli("log", "ada", "--from", str(kept), code=1).stderr
    assert snapshot(db_path) == before


def test_options_given_with_from_win_over_the_header(cli, ada, db_path):
    result = cli("log", "ada", "--minutes", "50", "--late", input="Notes\ntodo: x (due someday)\n", code=2)
    kept = kept_path(result.stderr)
    kept.write_text(kept.read_text().replace("(due someday)", "(due fri)"))
    out = cli("log", "ada", "--from", str(kept), "--on", "2026-11-23 11:00", "--minutes", "20").stdout
    assert out.startswith("Logged meeting 1 with Ada Lovelace on Mon 23 Nov 2026 11:00: todo 1 due")
    [m] = meetings(cli)
    assert (m["minutes"], m["late"]) == (20, True)  # --minutes from the command line, --late kept


def test_options_with_from_add_to_what_the_file_files(cli, ada, tmp_path):
    mine = tmp_path / "notes.txt"  # a file of one's own, not a recovery file: it stays where it is
    mine.write_text("Notes of my own\ntodo: one\n")
    out = cli("log", "ada", "--from", str(mine), "--todo", "two", "--advice", "Be brief").stdout
    assert "todo 1, todo 2, 1 advice" in out
    assert mine.exists() and not (tmp_path / "recovery" / "filed").exists()


def test_feedback_offers_and_the_rating_in_a_file_are_filed_with_the_options(cli, ada, tmp_path):
    mine = tmp_path / "notes.txt"
    mine.write_text("Notes\nfeedback: Speak slower\noffer: A review of the RFC\nrating: 2\n")
    cli("log", "ada", "--from", str(mine), "--feedback", "Clear slides")
    [m] = meetings(cli)
    assert m["rating"] == 2
    feedback = [f["text"] for f in json.loads(cli("feedback", "list", "--json").stdout)]
    assert sorted(feedback) == ["Clear slides", "Speak slower"]
    assert [o["text"] for o in json.loads(cli("offer", "list", "--json").stdout)] == ["A review of the RFC"]


def test_feedback_and_offers_given_with_notes_from_stdin_are_filed(cli, ada):
    cli("log", "ada", "--notes", "-", "--feedback", "Clear slides", "--offer", "An intro", input="Notes\n")
    assert [f["text"] for f in json.loads(cli("feedback", "list", "--json").stdout)] == ["Clear slides"]
    assert [o["text"] for o in json.loads(cli("offer", "list", "--json").stdout)] == ["An intro"]


def test_no_next_and_the_default_time_are_kept_too(cli, ada, db_path, monkeypatch):
    result = cli("log", "ada", "--no-next", input="Notes\n[x] todo 9\n", code=2)
    kept = kept_path(result.stderr)
    assert recovery.split(kept.read_bytes())[0] == {"on": "2026-11-24T10:00:00+00:00", "next": "none"}
    kept.write_text(kept.read_text().replace("[x] todo 9\n", ""))
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-25T08:00:00")  # the next morning
    out = cli("log", "ada", "--from", str(kept)).stdout
    assert out == "Logged meeting 1 with Ada Lovelace on Tue 24 Nov 2026 10:00. No next check-in scheduled.\n"


def test_notes_from_stdin_are_refiled_as_typed(cli, ada):
    typed = "# A heading, not a comment\ntodo: a line of the notes\n"
    result = cli("log", "ada", "--notes", "-", "--todo", "x (due someday)", input=typed, code=2)
    kept = kept_path(result.stderr)
    assert recovery.split(kept.read_bytes()) == (
        {"on": "2026-11-24T10:00:00+00:00", "notes-only": "yes"},
        typed.encode(),
    )
    cli("log", "ada", "--from", str(kept), "--todo", "x (due fri)")
    [m] = meetings(cli)
    assert m["notes"] == "# A heading, not a comment\ntodo: a line of the notes"


def test_every_message_naming_a_recovery_file_says_how_to_file_it(cli, ada, tmp_path):
    # a buffer that cannot be filed: the date's own hint, then how to file the file
    result = cli("log", "Ada", input="todo: x (due 31/12)\n", code=2)
    kept = kept_path(result.stderr)
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 2 and lines[1].endswith(
        f"Once mended, file it with: mentorlog log Ada --from {kept}"
    )
    # the editor failing
    result = run_process("log", "ada", "--edit", env={"EDITOR": failing_editor(tmp_path, "x\n")})
    assert f"mentorlog log ada --from {kept_path(result.stderr)}" in result.stderr
    # the journal chosen with --db: the command says so too
    db = tmp_path / "journal.db"
    result = cli("--db", str(db), "log", "ada", input="[x] todo 7\n", code=2)
    assert f"mentorlog --db {db} log ada --from {kept_path(result.stderr)}" in result.stderr


def test_interrupted_editor_says_how_to_file_it(cli, ada, tmp_path):
    import signal

    started = tmp_path / "started"
    editor = editor_script(
        tmp_path, f"open(p, 'a').write('typed\\n')\nopen({str(started)!r}, 'w').close()\ntime.sleep(30)"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "mentorlog", "log", "ada", "--edit"],
        env={**os.environ, "EDITOR": editor},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143, err
    assert f"Once mended, file it with: mentorlog log ada --from {kept_path(err)}" in err


def test_a_header_key_this_version_does_not_know_is_named_and_ignored(cli, ada, tmp_path):
    kept = tmp_path / "from-a-newer-mentorlog.txt"
    kept.write_bytes(recovery.header({"on": "2026-11-23T09:00:00+00:00", "mood": "great"}) + b"Notes\n")
    result = cli("log", "ada", "--from", str(kept))
    assert result.stdout.startswith("Logged meeting 1 with Ada Lovelace on Mon 23 Nov 2026 09:00.")
    assert "'mood'" in result.stderr and "ignored" in result.stderr


def test_a_bad_header_value_is_a_usage_error_that_changes_nothing(cli, ada, db_path, tmp_path):
    kept = tmp_path / "mended.txt"
    kept.write_bytes(recovery.header({"minutes": "fifty"}) + b"Notes\n")
    before = snapshot(db_path)
    result = cli("log", "ada", "--from", str(kept), code=2)
    assert "'minutes'" in result.stderr and "fifty" in result.stderr
    assert snapshot(db_path) == before and kept.exists()


def test_a_header_mended_to_a_later_time_is_refused_like_on(cli, ada, db_path, tmp_path):
    kept = tmp_path / "mended.txt"
    kept.write_bytes(recovery.header({"on": "2026-11-30 15:00"}) + b"Notes\n")
    result = cli("log", "ada", "--from", str(kept), code=2)
    assert "later than now" in result.stderr and kept.exists()


def test_meeting_edit_recovery_says_how_to_put_it_back_and_from_does(cli, ada, db_path, tmp_path):
    cli("log", "ada", "--notes", "Shared notes")
    go, started = tmp_path / "go", tmp_path / "started"
    slow = editor_script(
        tmp_path,
        f"open(p, 'a').write('from the slow editor\\n')\nopen({str(started)!r}, 'w').close()\n"
        f"while not os.path.exists({str(go)!r}): time.sleep(0.05)",
        "slow.py",
    )
    first = subprocess.Popen(
        [sys.executable, "-m", "mentorlog", "meeting", "edit", "1"],
        env={**os.environ, "EDITOR": slow},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert cli("meeting", "edit", "1", "--notes", "Changed meanwhile").exit_code == 0
    go.write_text("")
    _, err = first.communicate(timeout=60)
    assert first.returncode == 1, err
    kept = kept_path(err)
    assert f"Once mended, make it the notes with: mentorlog meeting edit 1 --from {kept}" in err
    assert recovery.split(kept.read_bytes()) == (
        {"meeting": "1", "added-line-end": "yes"},
        b"Shared notes\nfrom the slow editor\n",
    )
    out = cli("meeting", "edit", "1", "--from", str(kept)).stdout
    assert out.startswith("Updated meeting 1 with Ada Lovelace")
    [m] = meetings(cli)
    assert m["notes"] == "Shared notes\nfrom the slow editor"  # as saving from the editor gives
    assert not kept.exists() and (db_path.parent / "recovery" / "filed" / kept.name).exists()


def test_meeting_edit_from_a_file_of_ones_own_keeps_it_verbatim(cli, ada, tmp_path):
    cli("log", "ada", "--notes", "old")
    mine = tmp_path / "notes.md"
    mine.write_text("# Decisions\ntodo: stays a note\n")
    cli("meeting", "edit", "1", "--from", str(mine))
    assert meetings(cli)[0]["notes"] == "# Decisions\ntodo: stays a note\n"
    assert mine.exists()
    assert "not both" in cli("meeting", "edit", "1", "--from", str(mine), "--notes", "x", code=2).stderr


def test_a_file_filed_again_from_filed_stays_there(cli, ada, db_path):
    kept = kept_path(cli("log", "ada", input="[x] todo 3\nNotes\n", code=2).stderr)
    kept.write_text(kept.read_text().replace("[x] todo 3\n", ""))
    cli("log", "ada", "--from", str(kept))
    filed = db_path.parent / "recovery" / "filed" / kept.name
    cli("undo", "--yes")
    cli("log", "ada", "--from", str(filed))  # on purpose, after an undo
    assert filed.exists() and len(meetings(cli)) == 1


def test_a_second_file_of_the_same_name_in_filed_does_not_replace_the_first(cli, ada, db_path):
    folder = db_path.parent / "recovery"
    folder.mkdir()
    kept = folder / "log-20261124-100000.txt"
    for text in (b"First\n", b"Second\n"):
        kept.write_bytes(recovery.header({}) + text)
        cli("log", "ada", "--from", str(kept))
    first, second = folder / "filed" / kept.name, folder / "filed" / "log-20261124-100000-1.txt"
    assert first.read_bytes().endswith(b"First\n") and second.read_bytes().endswith(b"Second\n")


# --- the header, as a pure format ------------------------------------------------------------


def test_header_round_trips_and_the_text_below_is_untouched():
    typed = b"# Meeting with Ada\n# on: not a field, the text's own\n\xff bytes as typed\n"
    raw = recovery.header({"on": "2026-11-26T15:00:00+00:00", "late": "yes"}, ["To file it: do so"]) + typed
    assert recovery.split(raw) == ({"on": "2026-11-26T15:00:00+00:00", "late": "yes"}, typed)


def test_a_file_without_the_header_is_all_text():
    raw = b"# on: 2026-11-26\nNotes\n"
    assert recovery.split(raw) == (None, raw)


def test_a_header_whose_last_line_was_deleted_keeps_every_other_line_as_text():
    raw = recovery.header({"minutes": "50"}, ["To file it: do so"]) + b"Notes\n"
    mended = raw.replace(recovery.LAST.encode() + b"\n", b"")
    assert recovery.split(mended) == ({"minutes": "50"}, b"# To file it: do so\nNotes\n")


@pytest.mark.parametrize("value", ["two\nlines", "  spaced   out  "])
def test_a_header_value_stays_on_its_line(value):
    raw = recovery.header({"on": value}) + b"x"
    assert recovery.split(raw) == ({"on": " ".join(value.split())}, b"x")


def test_each_kind_of_recovery_file_is_refused_by_the_other_command(cli, ada, db_path, tmp_path):
    cli("log", "ada", "--notes", "n")
    notes = tmp_path / "meeting-kept.txt"
    notes.write_bytes(recovery.header({"meeting": "1"}) + b"Kept notes\n")
    checkin = tmp_path / "log-kept.txt"
    checkin.write_bytes(recovery.header({"on": "2026-11-23T09:00:00+00:00"}) + b"A check-in\n")
    before = snapshot(db_path)
    result = cli("log", "ada", "--from", str(notes), code=2)
    assert f"mentorlog meeting edit 1 --from {notes}" in result.stderr
    result = cli("meeting", "edit", "1", "--from", str(checkin), code=2)
    assert f"mentorlog log MENTOR --from {checkin}" in result.stderr
    assert snapshot(db_path) == before and notes.exists() and checkin.exists()


def test_the_recovery_header_keeps_the_rating_and_from_uses_it(cli, ada, tmp_path):
    """SPEC §6: the header keeps --rating too, so a check-in filed from it keeps how useful it was."""
    import json

    from helpers import run_process

    result = run_process("log", "ada", "--rating", "3", input="todo: x (due 31/12/2026)\n")
    assert result.returncode == 2, result.stderr
    kept = next((tmp_path / "recovery").glob("log-*.txt"))
    assert "# rating: 3" in kept.read_text()
    kept.write_text(kept.read_text().replace("(due 31/12/2026)", "(due 2026-12-31)"))
    cli("log", "ada", "--from", str(kept))
    assert json.loads(cli("meeting", "list", "--json").stdout)[0]["rating"] == 3
