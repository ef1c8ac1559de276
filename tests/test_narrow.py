"""Narrow terminals: the lists at 40 and 80 columns never break a word and never draw a line
wider than the terminal; what gives way, in each list's order, is a short cell's longer form or
a whole column, never the inside of a word (README, "Narrow terminals")."""

from __future__ import annotations

import json
import os

import pytest
from rich.cells import cell_len

# Every list, with the JSON key of the text its rows show whole (None: the rows cut it short).
LISTS = {
    "mentor list --all": "name",
    "meeting list": None,
    "todo list --all": "text",
    "advice list": "text",
    "topic list --all": "text",
    "thanks list": "text",
    "goal list --all": "text",
    "note list": "text",
    "skill list --all": "name",
    "feedback list": "text",
    "offer list --all": "text",
    "update list": "text",
    "history": "summary",
}


def more_of_the_story(cli) -> None:
    """The demo's three months, and what it lacks: a mentor whose name has a long word, one
    who ended, notes and tags, and a history of changes."""
    cli("demo", "--db", os.environ["MENTORLOG_DB"])
    cli("mentor", "add", "Margaret Hamilton-Smythe", "--handle", "mhs", "--every", "2 weeks",
        "--next", "2026-12-01 15:00")  # fmt: skip
    cli("mentor", "add", "José Núñez")
    cli("mentor", "end", "jose", "--note", "moved teams")
    cli("note", "ada", "Felt rushed in the review; ask for a longer slot next time", "--tag", "energy")
    cli("note", "grace", "The talk outline works", "--tag", "talk", "--tag", "planning")
    cli("advice", "add", "mhs", "Write the decision before the context", "--tag", "writing")
    cli("todo", "add", "Book a longer slot with Ada", "-m", "ada", "--due", "tomorrow")
    cli("todo", "done", "7", "--note", "Rehearsed twice")


@pytest.fixture
def story(made_once):
    made_once(more_of_the_story)


def shown(cli, monkeypatch, words: str, width: int) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    return cli(*words.split()).stdout


def words_of(text: str) -> set[str]:
    return set(text.split())


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize("words", list(LISTS))
def test_no_list_breaks_a_word_or_draws_past_the_terminal(cli, story, monkeypatch, words, width):
    wide = shown(cli, monkeypatch, words, 400)  # every cell on one line
    out = shown(cli, monkeypatch, words, width)
    assert out.strip() and len(out.splitlines()) > 1
    for line in out.splitlines():
        assert cell_len(line) <= width, line
    # a piece of a word ("handl", "e", "Grac", "2026-11-") is no word of the wide table
    assert words_of(out) <= words_of(wide), sorted(words_of(out) - words_of(wide))
    key = LISTS[words]
    if key is not None:
        rows = json.loads(cli(*words.split(), "--json").stdout)
        for row in rows:
            assert words_of(row[key]) <= words_of(out), (row[key], out)


@pytest.mark.parametrize("width", [40, 80])
def test_short_cells_and_headers_never_wrap(cli, story, monkeypatch, width):
    out = shown(cli, monkeypatch, "mentor list", width)
    lines = out.splitlines()
    assert "next check-in" in lines[0] and "Thu 26 Nov" in out
    assert "Hamilton-Smythe" in out
    if width == 80:
        assert "cadence" in lines[0] and "every 2 weeks" in out
    todos = shown(cli, monkeypatch, "todo list --all", width).splitlines()
    assert all(len(line.split()) > 1 for line in todos[1:] if line.strip()[:1].isdigit())
    meetings = shown(cli, monkeypatch, "meeting list", width)
    assert "Thu 12 Nov" in meetings  # a date is whole on its line


def test_a_column_empty_in_every_row_takes_no_room(cli, story, monkeypatch):
    assert "tags" in shown(cli, monkeypatch, "advice list", 120).splitlines()[0]
    untagged = shown(cli, monkeypatch, "advice list --untried -m ada", 120).splitlines()[0]
    assert "tags" not in untagged
    topics = shown(cli, monkeypatch, "topic list", 120).splitlines()[0]
    assert topics.split() == ["id", "mentor", "kind", "topic", "status"]


# What each list keeps at 40 and 80 columns: the columns of "narrow" in lists.py give way in
# order (README, "Narrow terminals").
KEPT = {
    ("mentor list --all", 40): ["handle", "name", "next", "check-in"],
    ("mentor list --all", 80): ["handle", "name", "cadence", "last", "met", "next", "check-in"],
    ("todo list --all", 40): ["id", "due", "todo", "mentor"],
    ("todo list --all", 80): ["id", "due", "todo", "mentor", "status"],
    ("meeting list", 40): ["id", "held", "mentor", "notes"],
    ("advice list", 40): ["id", "mentor", "status", "advice"],
    ("goal list --all", 40): ["id", "goal", "mentor", "progress"],
    ("offer list --all", 40): ["id", "mentor", "offer", "status"],
    ("offer list --all", 80): ["id", "offered", "mentor", "offer", "person", "status"],
}


@pytest.mark.parametrize(("words", "width"), list(KEPT))
def test_each_list_gives_way_in_its_own_order(cli, story, monkeypatch, words, width):
    assert shown(cli, monkeypatch, words, width).splitlines()[0].split() == KEPT[words, width]


def test_a_shortened_cell_keeps_its_style_and_its_day(cli, story, monkeypatch):
    out = shown(cli, monkeypatch, "mentor list", 40)
    assert "Tue 1 Dec" in out and "2026 15:00" not in out  # mhs: the day, not the hour
    assert "Thu 26 Nov 2026 15:00 (in 2 days)" in shown(cli, monkeypatch, "mentor list", 120)
