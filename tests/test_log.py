"""`log`: options, stdin, the editor template, recovery files, and the next check-in."""

from __future__ import annotations

import json
import stat
import sys
import textwrap

from helpers import modules_loaded, run_process, snapshot
from mentorlog.io import recovery


def meetings(cli):
    return json.loads(cli("meeting", "list", "--json").stdout)


def next_checkin(cli, handle="ada"):
    return json.loads(cli("mentor", "show", handle, "--json").stdout)["next_checkin"]


def test_log_with_options_files_everything(cli, ada):
    cli("topic", "add", "ada", "Promotion?")
    cli("todo", "add", "Old one", "-m", "ada")
    out = cli(
        "log", "ada", "--on", "today 9am", "--minutes", "30", "--notes", "Talked RFCs",
        "--todo", "Draft RFC (due fri)", "--advice", "Write first", "--ask", "Hiring?",
        "--thanks", "for the time", "--raised", "1", "--done", "1", "--late",
    ).stdout  # fmt: skip
    assert out.startswith("Logged meeting 1 with Ada Lovelace on Tue 24 Nov 2026 09:00: ")
    assert "todo 2 due Fri 27 Nov 2026" in out and "1 advice" in out and "thanks" in out
    # the fortnightly cadence moved it, at the slot (Thu 15:00, from --next): a meeting two days
    # before the planned check-in stands for it, so the next one is a fortnight after that
    assert "Next check-in: Thu 10 Dec 2026 15:00." in out
    [m] = meetings(cli)
    assert m["minutes"] == 30 and m["notes"] == "Talked RFCs" and m["late"] is True
    assert m["held_at"] == "2026-11-24T09:00:00+00:00"
    for key in ("id", "mentor", "held_at", "minutes", "notes", "late", "rescheduled", "prepared"):
        assert key in m
    topics = json.loads(cli("topic", "list", "--all", "--json").stdout)
    assert {t["text"]: (t["status"], t["raised_in"]) for t in topics} == {
        "Promotion?": ("raised", 1),
        "Hiring?": ("open", None),
    }
    todos = {t["text"]: t for t in json.loads(cli("todo", "list", "--all", "--json").stdout)}
    assert todos["Old one"]["status"] == "done" and todos["Old one"]["done_on"] == "2026-11-24"
    assert todos["Draft RFC"]["meeting"] == 1 and todos["Draft RFC"]["due"] == "2026-11-27"
    [advice] = json.loads(cli("advice", "list", "--json").stdout)
    assert advice["text"] == "Write first" and advice["given_on"] == "2026-11-24"
    assert json.loads(cli("thanks", "list", "--json").stdout)[0]["text"] == "for the time"


def test_next_option_and_no_next(cli, ada):
    cli("log", "grace", "--notes", "coffee", "--next", "2026-12-15 10:00")
    assert next_checkin(cli, "grace") == "2026-12-15T10:00:00+00:00"
    cli("log", "grace", "--notes", "again")  # no cadence: stays as it was
    assert next_checkin(cli, "grace") == "2026-12-15T10:00:00+00:00"
    cli("log", "ada", "--notes", "x", "--no-next")
    assert next_checkin(cli) is None
    assert "not both" in cli("log", "ada", "--notes", "x", "--next", "fri", "--no-next", code=2).stderr


def test_stdin_format(cli, ada):
    cli("topic", "add", "ada", "Promotion?")
    buffer = textwrap.dedent(
        """\
        # a comment
        [x] topic 1: Promotion?
        todo: Send summary (due mon)
        advice: Ask for the decision early

        Notes [bold]stay[/] literal.
        """
    )
    out = cli("log", "ada", input=buffer).stdout
    assert "todo 1 due Mon 30 Nov 2026" in out and "1 topic raised" in out
    assert meetings(cli)[0]["notes"] == "Notes [bold]stay[/] literal."


def test_empty_note_writes_nothing(cli, ada, db_path):
    before = snapshot(db_path)
    result = cli("log", "ada", input="# only a comment\n\n", code=1)
    assert "Nothing written: the note was empty." in result.stderr
    assert snapshot(db_path) == before


def test_unfileable_buffer_is_kept_in_a_recovery_file(cli, ada, db_path):
    before = snapshot(db_path)
    buffer = "Precious notes I typed.\ntodo: x (due someday)\n"
    result = cli("log", "ada", input=buffer, code=2)
    assert "'someday'" in result.stderr and "Nothing was written" in result.stderr
    [kept] = (db_path.parent / "recovery").iterdir()
    # the typed text exactly, after the header that keeps what the command line said (SPEC §6)
    assert recovery.split(kept.read_bytes()) == ({"on": "2026-11-24T10:00:00+00:00"}, buffer.encode())
    assert str(kept) in result.stderr
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert snapshot(db_path) == before


def test_unknown_tick_id_is_kept_too(cli, ada, db_path):
    before = snapshot(db_path)
    result = cli("log", "ada", input="[x] todo 42\nnotes\n", code=2)
    assert "no todo 42" in result.stderr and "recovery" in result.stderr
    assert snapshot(db_path) == before


def test_topic_of_another_mentor_cannot_be_raised(cli, ada, db_path):
    cli("topic", "add", "grace", "For Grace")
    result = cli("log", "ada", "--notes", "x", "--raised", "1", code=2)
    assert "for grace" in result.stderr
    assert meetings(cli) == []


def test_bad_on_date_and_unknown_mentor(cli, ada, db_path):
    before = snapshot(db_path)
    assert "--on" in cli("log", "ada", "--on", "blursday", "--notes", "x", code=2).stderr
    assert "no mentor 'zed'" in cli("log", "zed", "--notes", "x", code=1).stderr
    assert "no journal" not in cli("log", "ada", "--minutes", "-3", "--notes", "x", code=2).stderr
    assert snapshot(db_path) == before


def test_notes_from_stdin_dash(cli, ada):
    cli("log", "ada", "--notes", "-", input="\nline one\n# not a comment here\n\n")
    assert meetings(cli)[0]["notes"] == "line one\n# not a comment here"


def write_editor(tmp_path, body: str):
    """An $EDITOR: a Python script that edits the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\npath = sys.argv[1]\ntext = open(path).read()\n{body}\n")
    return f"{sys.executable} {script}"


def test_edit_flow_ticks_and_files(cli, ada, tmp_path):
    cli("topic", "add", "ada", "Promotion?")
    cli("todo", "add", "Draft RFC", "-m", "ada", "--due", "2026-11-20")
    editor = write_editor(
        tmp_path,
        "assert '[ ] topic 1: Promotion?' in text\n"
        "assert '[ ] todo 1: Draft RFC (due Fri 20 Nov, overdue)' in text\n"
        "assert 'advice: prefilled' in text\n"
        "text = text.replace('[ ] topic 1', '[x] topic 1').replace('[ ] todo 1', '[x] todo 1')\n"
        "open(path, 'w').write(text + 'Typed in the editor.\\n')",
    )
    result = run_process("log", "ada", "--edit", "--advice", "prefilled", env={"EDITOR": editor})
    assert result.returncode == 0, result.stderr
    assert "1 topic raised" in result.stdout and "1 todo done" in result.stdout
    [m] = meetings(cli)
    assert m["notes"] == "Typed in the editor."


def test_editor_failure_keeps_text(cli, ada, tmp_path, db_path):
    editor = write_editor(tmp_path, "open(path, 'a').write('half a thought\\n')\nsys.exit(3)")
    result = run_process("log", "ada", "--edit", env={"EDITOR": editor})
    assert result.returncode == 1 and "status 3" in result.stderr
    [kept] = (db_path.parent / "recovery").iterdir()
    assert "half a thought" in kept.read_text()
    assert meetings(cli) == []


def test_editor_buffer_that_cannot_be_filed_exits_2(cli, ada, tmp_path, db_path):
    editor = write_editor(tmp_path, "open(path, 'a').write('todo: x (due 31/12)\\nMy notes\\n')")
    result = run_process("log", "ada", "--edit", env={"VISUAL": editor, "EDITOR": "false"})
    assert result.returncode == 2 and "'31/12' is refused" in result.stderr  # 31 is no month: one reading
    assert "did you mean 2026-12-31?" in result.stderr
    [kept] = (db_path.parent / "recovery").iterdir()
    assert "My notes" in kept.read_text()


def test_missing_editor_is_clear(cli, ada):
    result = run_process("log", "ada", "--edit", env={"EDITOR": "no-such-editor-xyz"})
    assert result.returncode == 1 and "no-such-editor-xyz" in result.stderr and "--notes" in result.stderr


def test_terminal_on_stdin_opens_the_editor(cli, ada, tmp_path):
    import os
    import pty
    import subprocess

    editor = write_editor(tmp_path, "open(path, 'a').write('From a terminal.\\n')")
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mentorlog", "log", "ada"],
            stdin=secondary,
            capture_output=True,
            text=True,
            env={**os.environ, "EDITOR": editor},
            timeout=30,
        )
    finally:
        os.close(primary)
        os.close(secondary)
    assert result.returncode == 0, result.stderr
    assert meetings(cli)[0]["notes"] == "From a terminal."


def test_a_log_loads_no_time_zone_database_for_a_local_slot(cli, ada):
    """Asking whether a slot is kept in a zone of its own does not import zoneinfo (about 3 ms,
    with sysconfig and weakref) when no zone was read: a slot from an invitation is the only
    way a ``ZoneInfo`` gets in. Nor does a weekly cadence need dateutil."""
    cli("log", "ada", "--on", "2026-11-19 15:00", "--notes", "First")
    result, loaded = modules_loaded(
        "log", "ada", "--notes", "Benchmark notes", "--todo", "Follow up (due fri)",
        watch=("zoneinfo", "dateutil.rrule", "rich", "sqlite_utils"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert loaded == "[]"


def test_every_thanks_given_is_filed(cli, ada):
    """--thanks repeats as --todo and --advice do: the second one used to replace the first."""
    out = cli(
        "log", "ada", "--notes", "Met", "--thanks", "for the intro", "--thanks", "for the review"
    ).stdout
    assert "2 thanks" in out
    given = json.loads(cli("thanks", "list", "--json").stdout)
    assert sorted(t["text"] for t in given) == ["for the intro", "for the review"]
