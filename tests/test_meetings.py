"""`meeting list|show|edit|delete`."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from helpers import run_process, snapshot
from mentorlog.io import recovery


def test_list_filters_and_order(cli, ada):
    cli("log", "ada", "--on", "2026-10-01 10:00", "--notes", "first")
    cli("log", "grace", "--on", "2026-11-01", "--notes", "second")
    cli("log", "ada", "--on", "2026-11-20 15:00", "--notes", "third", "--minutes", "20")
    data = json.loads(cli("meeting", "list", "--json").stdout)
    assert [m["notes"] for m in data] == ["third", "second", "first"]
    assert [m["notes"] for m in json.loads(cli("meeting", "list", "ada", "--json").stdout)] == [
        "third",
        "first",
    ]
    since = json.loads(cli("meeting", "list", "--since", "2026-11-01", "--json").stdout)
    assert [m["notes"] for m in since] == ["third", "second"]
    until = json.loads(cli("meeting", "list", "--until", "2026-11-01", "--json").stdout)
    assert [m["notes"] for m in until] == ["second", "first"]
    assert len(json.loads(cli("meeting", "list", "--limit", "1", "--json").stdout)) == 1
    assert "--since" in cli("meeting", "list", "--since", "later", code=2).stderr


def test_show_renders_markdown_and_filed_items(cli, ada):
    cli("log", "ada", "--notes", "# Heading\n\n* point [bold]x[/]", "--todo", "Do it", "--advice", "Be brief")
    out = cli("meeting", "show", "1").stdout
    assert "Heading" in out and "point [bold]x[/]" in out
    assert "todo 1: Do it (open)" in out and "advice 1: Be brief" in out
    data = json.loads(cli("meeting", "show", "1", "--json").stdout)
    assert data["notes"] == "# Heading\n\n* point [bold]x[/]" and data["todos"][0]["text"] == "Do it"
    assert "no meeting 7" in cli("meeting", "show", "7", code=1).stderr


def test_delete_keeps_filed_items_unlinked(cli, ada, db_path):
    cli("log", "ada", "--notes", "x", "--todo", "Keep me")
    before = snapshot(db_path)
    assert "--yes" in cli("meeting", "delete", "1", code=1).stderr  # SPEC §2: refused, exit 1
    assert snapshot(db_path) == before
    cli("meeting", "delete", "1", "--yes")
    assert json.loads(cli("meeting", "list", "--json").stdout) == []
    [t] = json.loads(cli("todo", "list", "--json").stdout)
    assert t["text"] == "Keep me" and t["meeting"] is None
    assert "no meeting 1" in cli("meeting", "delete", "1", "--yes", code=1).stderr


def test_delete_says_what_stays_unlinked_in_its_echo_and_its_question(cli, ada, monkeypatch):
    import mentorlog.cli.common

    cli("topic", "add", "ada", "Promotion?")
    cli("log", "ada", "--notes", "x", "--todo", "A", "--todo", "B", "--advice", "Be brief", "--raised", "1")
    cli("log", "ada", "--on", "yesterday", "--notes", "y")  # meeting 2: nothing filed in it
    monkeypatch.setattr(mentorlog.cli.common, "stdin_is_terminal", lambda: True)
    asked = cli("meeting", "delete", "1", input="n\n", code=1).stdout
    assert "What was filed in it stays, unlinked: todos 1, 2, advice 1, topic 1 (raised in it).\n" in asked
    out = cli("meeting", "delete", "1", "--yes").stdout
    assert out == (
        "Deleted meeting 1 with Ada Lovelace on Tue 24 Nov 2026 10:00; what was filed in it stays, "
        "unlinked: todos 1, 2, advice 1, topic 1 (raised in it).\n"
    )
    assert cli("meeting", "delete", "2", "--yes").stdout.endswith("12:00.\n")  # nothing to name


def test_the_duplicate_hint_removes_the_duplicate_whole(cli, ada):
    text = "Talked RFCs\ntodo: Draft it\nadvice: Write first\n"
    cli("log", "ada", input=text)
    second = cli("log", "ada", input=text)
    assert "`mentorlog undo`" in second.stderr
    cli("undo", "--yes")  # what the hint says
    assert [m["id"] for m in json.loads(cli("meeting", "list", "--json").stdout)] == [1]
    assert [t["id"] for t in json.loads(cli("todo", "list", "--all", "--json").stdout)] == [1]
    assert [a["id"] for a in json.loads(cli("advice", "list", "--json").stdout)] == [1]


NOTES = "# Decisions\nWe agreed.\ntodo: a quote\n[x] todo 1\n- advice: keep it"


def editor(tmp_path, body: str, name: str = "ed.py") -> str:
    script = tmp_path / name
    script.write_text("import sys, os, time\np = sys.argv[1]\n" + body + "\n")
    return f"{sys.executable} {script}"


def test_edit_opens_the_notes_exactly_and_an_unchanged_buffer_writes_nothing(cli, ada, db_path, tmp_path):
    cli("todo", "add", "Open one", "-m", "ada")
    cli("log", "ada", "--notes", NOTES)
    before = snapshot(db_path)
    seen = tmp_path / "seen.txt"
    result = run_process(
        "meeting",
        "edit",
        "1",
        env={"EDITOR": editor(tmp_path, f"open({str(seen)!r}, 'w').write(open(p).read())")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Nothing changed in meeting 1.\n"
    assert seen.read_text() == NOTES + "\n"  # no template around it
    assert snapshot(db_path) == before
    assert (
        run_process("meeting", "edit", "1", env={"EDITOR": "true"}).stdout
        == "Nothing changed in meeting 1.\n"
    )
    assert snapshot(db_path) == before
    [t] = json.loads(cli("todo", "list", "--json").stdout)
    assert t["status"] == "open"  # the "[x] todo 1" line in the notes ticked nothing


def test_edit_replaces_the_notes_verbatim(cli, ada, tmp_path):
    cli("log", "ada", "--notes", NOTES)
    result = run_process(
        "meeting", "edit", "1", env={"EDITOR": editor(tmp_path, "open(p, 'a').write('todo: more\\n')")}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Updated meeting 1 with Ada Lovelace")
    assert json.loads(cli("meeting", "show", "1", "--json").stdout)["notes"] == NOTES + "\ntodo: more"
    assert json.loads(cli("todo", "list", "--json").stdout) == []  # nothing filed from the notes


def test_two_editors_at_once_the_second_save_is_kept_not_written(cli, ada, db_path, tmp_path):
    import subprocess

    cli("log", "ada", "--notes", "Shared notes")
    go, started = tmp_path / "go", tmp_path / "started"
    slow = editor(
        tmp_path,
        f"open(p, 'a').write('from the slow editor\\n')\nopen({str(started)!r}, 'w').close()\n"
        f"while not os.path.exists({str(go)!r}): time.sleep(0.05)",
        "slow.py",
    )
    env = {**os.environ, "EDITOR": slow}
    first = subprocess.Popen(
        [sys.executable, "-m", "mentorlog", "meeting", "edit", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    while not started.exists():
        time.sleep(0.05)
    fast = run_process(
        "meeting", "edit", "1", env={"EDITOR": editor(tmp_path, "open(p, 'a').write('fast\\n')", "fast.py")}
    )
    assert fast.returncode == 0, fast.stderr
    go.write_text("")
    _, err = first.communicate(timeout=60)
    assert first.returncode == 1, err
    assert "changed while you were editing" in err
    kept = Path(err.split("your text is in ")[1].split()[0])
    assert recovery.split(kept.read_bytes())[1] == b"Shared notes\nfrom the slow editor\n"
    assert json.loads(cli("meeting", "show", "1", "--json").stdout)["notes"] == "Shared notes\nfast"


def test_edit_with_options_corrects_the_meeting(cli, ada):
    cli("log", "ada", "--notes", "n", "--on", "2026-11-20 15:00")
    out = cli(
        "meeting", "edit", "1", "--on", "2026-11-19 15:30", "--minutes", "45", "--late", "--rescheduled"
    ).stdout
    assert out.startswith("Updated meeting 1 with Ada Lovelace on Thu 19 Nov 2026 15:30")
    m = json.loads(cli("meeting", "show", "1", "--json").stdout)
    assert (m["minutes"], m["late"], m["rescheduled"], m["notes"]) == (45, True, True, "n")
    cli("meeting", "edit", "1", "--minutes", "none", "--on-time", "--not-rescheduled")
    m = json.loads(cli("meeting", "show", "1", "--json").stdout)
    assert (m["minutes"], m["late"], m["rescheduled"]) == (None, False, False)
    assert cli("meeting", "edit", "1", "--notes", "n").stdout == "Nothing changed in meeting 1.\n"


def test_meeting_list_limit_says_how_many_more(cli, ada):
    for n in range(1, 6):
        cli("log", "ada", "--on", f"{n} days ago", "--notes", f"check-in {n}")
    lines = cli("meeting", "list", "--limit", "3").stdout.splitlines()
    assert len(lines) == 1 + 3 + 1 and "check-in 3" in lines[3]
    assert lines[-1] == "… and 2 more (a larger --limit shows more)"
    assert "more" not in cli("meeting", "list", "--limit", "5").stdout
    assert len(json.loads(cli("meeting", "list", "--limit", "3", "--json").stdout)) == 3
