"""``note``: private entries between check-ins, filed like ``git stash`` files (the default
action), listed, shown, corrected, deleted and undone; searched and exported; never sent."""

from __future__ import annotations

import json

import pytest

from helpers import editor_script, run_process, snapshot


@pytest.fixture
def notes(made_once, cli, ada):
    made_once(_notes)
    return cli


def _notes(cli):
    cli("note", "ada", "She seemed [bold]stretched[/] thin", "--tag", "Energy")
    cli("note", "A thought about nothing in particular")


def test_the_default_action_files_a_note_about_a_mentor(notes):
    out = notes("note", "list", "--json").stdout
    rows = json.loads(out)
    assert [(r["id"], r["mentor"], r["text"], r["tags"]) for r in rows] == [
        (2, None, "A thought about nothing in particular", []),
        (1, "ada", "She seemed [bold]stretched[/] thin", ["energy"]),
    ]
    assert all(r["uuid"] and r["on"].startswith("2026-11-24T10:00:00") for r in rows)


def test_one_word_is_the_mentor_when_it_names_one_else_the_text(cli, ada):
    out = cli("note", "pondering", input="").stdout
    assert "Added note 1 on" in out and "so it is the note" in out
    piped = cli("note", "ada", input="From the train\n").stdout
    assert "Added note 2 about ada" in piped
    assert json.loads(cli("note", "show", "2", "--json").stdout)["text"] == "From the train"


def test_note_add_works_too_and_the_echo_says_the_tags(cli, ada):
    out = cli("note", "add", "grace", "Ask about her compiler days", "-t", "history", "-t", "x").stdout
    assert out.startswith("Added note 1 about grace on Tue 24 Nov 2026 10:00 [history, x].")


def test_list_filters_by_mentor_tag_and_since(notes, monkeypatch):
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-30T09:00:00")
    notes("note", "ada", "Later one")
    assert [r["id"] for r in json.loads(notes("note", "list", "ada", "--json").stdout)] == [3, 1]
    assert [r["id"] for r in json.loads(notes("note", "list", "--tag", "energy", "--json").stdout)] == [1]
    since = json.loads(notes("note", "list", "--since", "2026-11-28", "--json").stdout)
    assert [r["id"] for r in since] == [3]
    table = notes("note", "list").stdout
    assert "[bold]stretched[/]" in table and "energy" in table


def test_show_prints_user_text_literally(notes):
    out = notes("note", "show", "1").stdout
    assert out.startswith("Note 1 about ada — Tue 24 Nov 2026 10:00 · energy")
    assert "She seemed [bold]stretched[/] thin" in out


def test_edit_delete_and_undo(notes, db_path):
    before = snapshot(db_path)
    notes("note", "edit", "1", "--text", "Rewritten", "--mentor", "none", "--tag", "a")
    shown = json.loads(notes("note", "show", "1", "--json").stdout)
    assert (shown["text"], shown["mentor"], shown["tags"]) == ("Rewritten", None, ["a"])
    notes("undo", "--yes")
    assert snapshot(db_path)["notes"] == before["notes"]
    assert "Deleted note 2" in notes("note", "delete", "2", "--yes").stdout
    assert "There is no note 2." in notes("note", "show", "2", code=1).stderr
    assert "restore note 2" in notes("undo", "--yes").stdout.lower() or notes("note", "show", "2")


def test_an_unknown_id_names_the_list_command(notes):
    err = notes("note", "show", "99", code=1).stderr
    assert "There is no note 99." in err and "mentorlog note list" in err


def test_a_delete_without_a_terminal_needs_yes(notes, db_path):
    before = snapshot(db_path)
    assert "--yes" in notes("note", "delete", "1", code=1).stderr
    assert snapshot(db_path) == before


def test_search_finds_notes_and_history_names_them(notes):
    hits = json.loads(notes("search", "stretched", "--json").stdout)
    assert [(h["kind"], h["id"], h["mentor"]) for h in hits] == [("note", 1, "ada")]
    assert "added note 1" in notes("history").stdout


def test_review_shows_the_notes_since_the_last_check_in_and_the_agenda_never(notes, monkeypatch):
    review = notes("review", "ada").stdout
    assert "Your notes" in review and "stretched" in review
    assert "stretched" not in notes("review", "ada", "--agenda").stdout
    notes("log", "ada", "--notes", "We met")
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-25T10:00:00")
    assert "stretched" not in notes("review", "ada").stdout  # written before that check-in
    assert json.loads(notes("review", "ada", "--json").stdout)["notes"] == []


def test_export_and_import_carry_notes(notes, tmp_path, monkeypatch):
    out = tmp_path / "all.json"
    notes("export", "-o", str(out))
    data = json.loads(out.read_text())
    assert [n["text"] for n in data["notes"]] == [
        "She seemed [bold]stretched[/] thin",
        "A thought about nothing in particular",
    ]
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "other.db"))
    notes("import", str(out))
    assert len(json.loads(notes("note", "list", "--json").stdout)) == 2
    md = notes("export", "--format", "markdown").stdout
    assert "#### Notes" in md or "### Notes" in md


def test_the_editor_keeps_markdown_headings_as_the_note(cli, ada, tmp_path):
    editor = editor_script(tmp_path, "open(p, 'a').write('# A heading\\nkept as Markdown\\n')")
    result = run_process("note", "ada", "--edit", env={"EDITOR": editor})
    assert result.returncode == 0, result.stderr
    assert json.loads(cli("note", "show", "1", "--json").stdout)["text"] == "# A heading\nkept as Markdown"


def test_an_unknown_mentor_is_refused_before_the_editor_opens(cli, ada, tmp_path, db_path):
    before = snapshot(db_path)
    editor = editor_script(tmp_path, "open(p, 'a').write('Kept words\\n'); open(p + '.ran', 'w')")
    result = run_process("note", "nobody-at-all", "words", "--edit", env={"EDITOR": editor})
    assert result.returncode == 1 and "nobody-at-all" in result.stderr
    assert not list(tmp_path.glob("**/*.ran")) and snapshot(db_path) == before


def test_an_empty_note_writes_nothing(cli, ada, db_path):
    before = snapshot(db_path)
    assert "the note was empty" in cli("note", "ada", input="\n\n", code=1).stderr
    assert snapshot(db_path) == before
