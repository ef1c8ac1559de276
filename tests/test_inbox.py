"""inbox (SPEC §2): Markdown and text files written elsewhere, filed into the journal in one
change; filed files move to filed/, the ones that cannot be filed stay and remind names them."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from helpers import snapshot


@pytest.fixture
def box(db_path):
    folder = db_path.parent / "inbox"
    folder.mkdir()
    return folder


def write(folder, name: str, text: str, mtime: str | None = None):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if mtime:
        from datetime import datetime, timezone

        stamp = datetime.fromisoformat(mtime).replace(tzinfo=timezone.utc).timestamp()
        os.utime(path, (stamp, stamp))
    return path


def notes(db_path) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "SELECT m.handle, n.written_at, n.text FROM notes n"
            " LEFT JOIN mentors m ON m.id = n.mentor_id ORDER BY n.id"
        ).fetchall()


def test_a_file_with_a_mentor_files_its_lines_and_the_rest_as_a_note(cli, ada, box, db_path):
    write(
        box,
        "phone.md",
        "mentor: ada\nGreat chat on the train.\n- todo: Send the RFC (due 2026-12-01)\nadvice: Write first\n"
        "ask: What about the promotion?\nthanks: For the intro\n[bold]kept as typed[/]\n",
        mtime="2026-11-20T08:30:00",
    )
    out = cli("inbox").stdout
    assert "Filed 1 file" in out and "1 todo, 1 advice, 1 topic, 1 thanks, 1 note" in out
    [todo] = json.loads(cli("todo", "list", "--json").stdout)
    assert (todo["text"], todo["due"], todo["mentor"]) == ("Send the RFC", "2026-12-01", "ada")
    advice = json.loads(cli("advice", "list", "--json").stdout)
    assert [(a["text"], a["given_on"]) for a in advice] == [("Write first", "2026-11-20")]
    assert json.loads(cli("topic", "list", "ada", "--json").stdout)[0]["text"] == "What about the promotion?"
    assert json.loads(cli("thanks", "list", "--json").stdout)[0]["on"] == "2026-11-20"
    assert notes(db_path) == [
        ("ada", "2026-11-20T08:30:00+00:00", "Great chat on the train.\n[bold]kept as typed[/]")
    ]
    assert not (box / "phone.md").exists() and (box / "filed" / "phone.md").exists()
    assert cli("remind").stdout.count("inbox") == 0


def test_front_matter_and_a_file_without_a_mentor(cli, ada, box, db_path):
    write(
        box,
        "a.md",
        "---\nmentor: ada\ntags: [career, ideas]\n---\n# Idea\nPair on it\n",
        "2026-11-21T09:00:00",
    )
    write(box, "b.txt", "Just a thought\ntodo: Read the paper\n", "2026-11-22T09:00:00")
    cli("inbox")
    assert notes(db_path) == [
        ("ada", "2026-11-21T09:00:00+00:00", "# Idea\nPair on it"),
        (None, "2026-11-22T09:00:00+00:00", "Just a thought"),
    ]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT tags FROM notes WHERE id = 1").fetchone()[0] == '["career", "ideas"]'
    assert [t["mentor"] for t in json.loads(cli("todo", "list", "--json").stdout)] == [None]


def test_a_file_that_cannot_be_filed_stays_and_remind_names_it(cli, ada, box, db_path):
    write(box, "good.md", "mentor: ada\nfine\n")
    write(box, "unknown.md", "mentor: bob\nhello\n")
    write(box, "nomentor.md", "advice: Say no more often\n")
    write(box, "baddate.md", "todo: Ship it (due 03/04/2026)\n")
    (box / "binary.txt").write_bytes(b"ok\n\xff\xfe\n")
    (box / "ignored.pdf").write_bytes(b"%PDF")
    result = cli("inbox", code=1)
    assert "Filed 1 file" in result.stdout
    for name in ("unknown.md", "nomentor.md", "baddate.md", "binary.txt"):
        assert f"{name} stays in the inbox" in result.stderr
        assert (box / name).exists()
    assert "line 2 is not UTF-8" in result.stderr and "bob" in result.stderr
    assert len(notes(db_path)) == 1  # nothing of a kept file went in
    assert json.loads(cli("todo", "list", "--json").stdout) == []
    line = cli("remind").stdout
    assert "4 files wait in the inbox" in line and "unknown.md" in line
    assert "mentorlog inbox files them, or says why it cannot" in line


def test_one_change_in_history_that_undo_reverts(cli, ada, box, db_path):
    write(box, "one.md", "mentor: ada\ntodo: First\nA note\n")
    write(box, "two.md", "Another note\n")
    before = snapshot(db_path)
    cli("inbox")
    history = json.loads(cli("history", "--json").stdout)
    assert history[0]["command"] == "inbox" and "added todo 1" in history[0]["summary"]
    cli("undo", "--yes")
    after = snapshot(db_path)
    rows = ("mentors", "todos", "notes", "advice", "topics", "thanks")
    assert {k: after[k] for k in rows} == {k: before[k] for k in rows}


def test_a_named_folder_and_one_that_does_not_exist(cli, ada, tmp_path):
    folder = tmp_path / "Phone"
    folder.mkdir()
    write(folder, "n.md", "hello\n")
    cli("inbox", str(folder))
    assert (folder / "filed" / "n.md").exists()
    write(folder, "n.md", "hello again\n")  # the same name again: never over the filed one
    cli("inbox", str(folder))
    assert (folder / "filed" / "n (2).md").read_text() == "hello again\n"
    assert "Nothing waits" in cli("inbox", str(folder)).stdout
    assert "no inbox folder" in cli("inbox", str(tmp_path / "nope"), code=1).stderr


def test_the_config_files_inbox_is_where_inbox_and_remind_look(cli, ada, tmp_path):
    """SPEC §2: the default is inbox/ beside the journal, or `inbox` in the config."""
    elsewhere = tmp_path / "phone"
    elsewhere.mkdir()
    write(elsewhere, "later.md", "mentor: bob\nhello\n")  # cannot be filed: it stays
    cli("config", "inbox", str(elsewhere))
    assert "1 file waits in the inbox (later.md)" in cli("remind").stdout
    assert "later.md stays in the inbox" in cli("inbox", code=1).stderr
