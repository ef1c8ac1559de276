"""Tags on meetings, todos, topics, notes and advice: ``--tag`` where a row is filed, ``--tag``
filters on every list of a concept with tags, ``tags`` with their counts, ``search tag:T``."""

from __future__ import annotations

import json

import pytest

from helpers import snapshot


@pytest.fixture
def tagged(made_once, cli, ada):
    made_once(_tagged)
    return cli


def _tagged(cli):
    cli("log", "ada", "--notes", "Talked caches", "--tag", "Design", "--tag", "infra")
    cli("todo", "add", "Draft the RFC", "-m", "ada", "--tag", "design")
    cli("todo", "add", "Untagged todo", "-m", "ada")
    cli("topic", "add", "ada", "How do I say [bold]no[/]?", "--tag", "design")
    cli("note", "ada", "A thought", "--tag", "infra")
    cli("advice", "add", "ada", "Ask for the scariest part", "--tag", "design")


def test_tags_lists_every_tag_with_its_count(tagged):
    assert json.loads(tagged("tags", "--json").stdout) == [
        {"tag": "design", "count": 4},
        {"tag": "infra", "count": 2},
    ]
    assert tagged("tags").stdout.splitlines() == ["design  4", "infra   2"]


def test_every_list_filters_by_tag(tagged):
    def ids(*args):
        return [r["id"] for r in json.loads(tagged(*args, "--json").stdout)]

    assert ids("todo", "list", "--tag", "DESIGN") == [1]
    assert ids("topic", "list", "--tag", "design") == [1]
    assert ids("meeting", "list", "--tag", "infra") == [1]
    assert ids("note", "list", "--tag", "infra") == [1]
    assert ids("advice", "list", "--tag", "design") == [1]
    assert ids("todo", "list", "--tag", "nothing") == []
    assert json.loads(tagged("todo", "list", "--json").stdout)[0]["tags"] == ["design"]


def test_search_finds_tag_alone_and_with_words(tagged):
    alone = json.loads(tagged("search", "tag:design", "--json").stdout)
    assert sorted((h["kind"], h["id"]) for h in alone) == [
        ("advice", 1),
        ("meeting", 1),
        ("todo", 1),
        ("topic", 1),
    ]
    with_words = json.loads(tagged("search", "caches", "tag:infra", "--json").stdout)
    assert [(h["kind"], h["id"]) for h in with_words] == [("meeting", 1)]
    assert json.loads(tagged("search", "caches", "tag:design", "--kind", "todo", "--json").stdout) == []
    assert "How do I say [bold]no[/]?" in tagged("search", "tag:design").stdout


def test_edit_replaces_tags_none_clears_them_and_undo_brings_them_back(tagged, db_path):
    before = snapshot(db_path)
    tagged("todo", "edit", "1", "--tag", "none")
    assert json.loads(tagged("todo", "show", "1", "--json").stdout)["tags"] == []
    tagged("undo", "--yes")
    assert snapshot(db_path)["todos"] == before["todos"]
    tagged("topic", "edit", "1", "--tag", "a", "--tag", "B")
    assert json.loads(tagged("topic", "list", "--json").stdout)[0]["tags"] == ["a", "b"]


def test_tags_travel_through_export_and_import(tagged, tmp_path, monkeypatch):
    out = tmp_path / "all.json"
    tagged("export", "-o", str(out))
    data = json.loads(out.read_text())
    assert data["todos"][0]["tags"] == ["design"] and data["meetings"][0]["tags"] == ["design", "infra"]
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "other.db"))
    tagged("import", str(out))
    assert json.loads(tagged("tags", "--json").stdout)[0] == {"tag": "design", "count": 4}


def test_no_tags_yet_says_how(cli, ada):
    assert "--tag" in cli("tags").stdout


def test_every_add_and_edit_echo_shows_the_tags_alike(cli, ada):
    # the tags stored are in the echo of each concept that has them, as `note` shows them
    assert cli("log", "ada", "--notes", "n", "--tag", "energy").stdout.startswith(
        "Logged meeting 1 with Ada Lovelace on Tue 24 Nov 2026 10:00 [energy]"
    )
    out = cli("todo", "add", "Renew the badge", "--due", "2026-12-07", "--tag", "admin").stdout
    assert out == "Added todo 1: Renew the badge (due Mon 7 Dec 2026) [admin].\n"
    out = cli("todo", "edit", "1", "--tag", "admin", "--tag", "office").stdout
    assert out == "Updated todo 1: Renew the badge (due Mon 7 Dec 2026) [admin, office].\n"
    out = cli("topic", "add", "ada", "How do I guard focus time?", "--tag", "time").stdout
    assert out == "Added question 1 for ada: How do I guard focus time? [time]\n"
    assert cli("topic", "edit", "1", "--tag", "focus").stdout.endswith("? [focus]\n")
    assert cli("note", "ada", "Tired", "--tag", "energy", "--tag", "sleep").stdout.endswith(
        "[energy, sleep].\n"
    )
    assert cli("note", "edit", "1", "--text", "Rested").stdout.endswith("[energy, sleep].\n")
    assert cli("advice", "add", "ada", "Say no", "--tag", "time").stdout.endswith(": Say no [time]\n")
    assert cli("advice", "edit", "1", "--tag", "focus").stdout.endswith(": Say no [focus]\n")


@pytest.mark.parametrize(
    "args",
    [
        ("note", "ada", "Prefers written updates", "--tag", "comms style"),
        ("note", "edit", "1", "--tag", "comms style"),
        ("log", "ada", "--notes", "n", "--tag", "comms style"),
        ("todo", "add", "Write it up", "--tag", "comms style"),
        ("todo", "edit", "1", "--tag", "comms style"),
        ("topic", "add", "ada", "How do you like updates?", "--tag", "comms style"),
        ("topic", "edit", "1", "--tag", "comms style"),
        ("advice", "add", "ada", "Write it down", "--tag", "comms style"),
        ("advice", "edit", "1", "--tag", "comms style"),
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_a_tag_with_a_space_is_refused_with_the_one_word_to_use(cli, ada, made_once, db_path, args):
    # `search tag:comms` or `tag:"comms style"` could never find it: a tag is one word
    made_once(_one_of_each)
    before = snapshot(db_path)
    result = cli(*args, code=2)
    assert "--tag: 'comms style' has a space in it; a tag is one word." in result.stderr
    assert "Try 'comms-style'." in result.stderr
    assert snapshot(db_path) == before
    cli(*args[:-1], "comms-style")
    assert json.loads(cli("tags", "--json").stdout)[0] == {"tag": "comms-style", "count": 1}


def _one_of_each(cli):
    cli("note", "ada", "Seemed busy")
    cli("todo", "add", "Draft the RFC")
    cli("topic", "add", "ada", "A question")
    cli("advice", "add", "ada", "Ask why")


def test_an_inbox_file_with_a_spaced_tag_stays_and_says_why(cli, ada, db_path, tmp_path):
    inbox = db_path.parent / "inbox"
    inbox.mkdir()
    (inbox / "a.md").write_text("---\nmentor: ada\ntags: comms style\n---\nPrefers written updates\n")
    result = cli("inbox", code=1)
    assert "has a space in it" in result.stdout + result.stderr
    assert (inbox / "a.md").exists()
