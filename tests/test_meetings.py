"""`meeting list|show|edit|delete`."""

from __future__ import annotations

import json
import sys

from helpers import run_process, snapshot


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
    assert "--yes" in cli("meeting", "delete", "1", code=2).stderr
    assert snapshot(db_path) == before
    cli("meeting", "delete", "1", "--yes")
    assert json.loads(cli("meeting", "list", "--json").stdout) == []
    [t] = json.loads(cli("todo", "list", "--json").stdout)
    assert t["text"] == "Keep me" and t["meeting"] is None
    assert "no meeting 1" in cli("meeting", "delete", "1", "--yes", code=1).stderr


def test_edit_replaces_notes_and_files_new_lines(cli, ada, tmp_path):
    cli("log", "ada", "--notes", "old notes")
    script = tmp_path / "ed.py"
    script.write_text(
        "import sys\np = sys.argv[1]\nt = open(p).read()\nassert 'old notes' in t\n"
        "open(p, 'w').write(t.replace('old notes', 'new notes') + 'todo: follow up\\n')\n"
    )
    result = run_process("meeting", "edit", "1", env={"EDITOR": f"{sys.executable} {script}"})
    assert result.returncode == 0, result.stderr
    assert "todo 1" in result.stdout
    assert json.loads(cli("meeting", "show", "1", "--json").stdout)["notes"] == "new notes"
    assert json.loads(cli("todo", "list", "--json").stdout)[0]["meeting"] == 1
