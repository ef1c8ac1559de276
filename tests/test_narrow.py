"""Narrow terminals: the lists at 40 and 80 columns never break a word and never draw a line
wider than the terminal; what gives way, in each list's order, is a short cell's longer form or
a whole column, never the inside of a word (README, "Narrow terminals")."""

from __future__ import annotations

import json
import os

import pytest
from rich.cells import cell_len

from helpers import run_in_terminal

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


@pytest.mark.parametrize("width", [40, 80])
def test_review_and_the_show_commands_never_break_a_word(cli, story, monkeypatch, width):
    for words in ("review ada", "mentor show ada", "goal show 1", "todo show 2", "progress"):
        wide = shown(cli, monkeypatch, words, 400)
        out = shown(cli, monkeypatch, words, width)
        assert all(cell_len(line) <= width for line in out.splitlines()), words
        assert words_of(out) <= words_of(wide), (words, sorted(words_of(out) - words_of(wide)))


# What each list keeps at 40 and 80 columns: the columns of "narrow" in lists.py give way in
# order (README, "Narrow terminals").
KEPT = {
    ("mentor list --all", 40): ["handle", "name", "next", "check-in"],
    ("mentor list --all", 80): ["handle", "name", "cadence", "last", "met", "next", "check-in"],
    ("todo list --all", 40): ["id", "due", "todo", "status"],  # with done ones, the status stays
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


# Plain text on a terminal: echo lines, hints, prompts and letters wrap at spaces with a hanging
# indent, a `mentorlog …` command and a date kept whole on a line; piped, nothing is wrapped.


def in_terminal(*args: str, width: int, answer: str | None = None) -> tuple[int, list[str]]:
    code, out = run_in_terminal(*args, env={"COLUMNS": str(width)}, answer=answer)
    return code, out.splitlines()


LONG_TODO = "Write the one-page review checklist for the platform team"


def test_an_echo_line_wraps_at_spaces_on_a_terminal_and_never_when_piped(cli, ada):
    piped = cli("todo", "add", LONG_TODO, "-m", "ada", "--due", "2026-11-27").stdout
    assert piped.count("\n") == 1 and len(piped) > 80  # piped: one line, however long
    code, lines = in_terminal("todo", "add", LONG_TODO, "-m", "ada", "--due", "2026-11-27", width=40)
    assert code == 0 and len(lines) > 2
    assert all(len(line) <= 40 for line in lines)
    assert all(line.startswith("  ") for line in lines[1:])  # a hanging indent
    assert any("Fri 27 Nov 2026" in line for line in lines)  # a date whole on its line
    assert " ".join(line.strip() for line in lines) == piped.strip().replace("todo 1", "todo 2")


def test_a_hint_keeps_its_command_whole_on_a_line(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "nothing-yet.db"))
    code, lines = in_terminal(width=80)  # `mentorlog` alone, and no journal yet
    assert code == 0 and all(len(line) <= 80 for line in lines)
    assert any("mentorlog mentor add 'Ada Lovelace'" in line for line in lines)
    assert any("mentorlog demo)" in line for line in lines)
    assert not any(line.endswith("mentor") for line in lines)


def test_an_error_and_its_hint_wrap_on_the_terminal_they_go_to(cli, ada):
    cli("todo", "add", LONG_TODO, "-m", "ada")
    cli("todo", "done", "1")
    code, lines = in_terminal("todo", "done", "1", width=30)
    assert code == 2 and len(lines) > 2 and all(len(line) <= 30 for line in lines)
    assert lines[0].startswith("mentorlog: Todo 1 is already") and lines[1].startswith("  ")


def test_remind_keeps_the_command_that_lists_the_overdue_todos_whole(cli, ada):
    for n in range(1, 6):
        cli("todo", "add", f"Overdue thing {n}", "-m", "ada", "--due", f"2026-11-1{n}")
    code, lines = in_terminal("remind", width=80)  # the command used to end the line, split
    assert code == 0 and all(len(line) <= 80 for line in lines)
    assert "  mentorlog todo list --overdue" in lines


def test_a_prompt_wraps_and_its_answer_stays_on_its_last_line(cli, ada):
    cli("thanks", "add", "ada", "Thanked Ada for backing me in the migration review of the queue")
    code, lines = in_terminal("thanks", "delete", "1", width=40, answer="n\n")
    shown = "\n".join(lines)
    assert code == 1 and shown.endswith("[y/N]: mentorlog: Not deleted.")  # after the answer typed
    asked = shown[shown.index("Delete thanks 1") : shown.index("[y/N]:") + len("[y/N]:")].splitlines()
    assert len(asked) > 1 and all(len(line) <= 40 for line in asked)
    assert all(line.startswith("  ") for line in asked[1:]) and "backing" in shown


def test_a_letter_shown_on_a_terminal_wraps_but_piped_it_is_as_written(cli, ada):
    cli("advice", "add", "ada", "Write the decision first, then the context, then the options you weighed")
    cli(
        "advice", "apply", "1", "Put the decision at the top of the sprint planning doc", "--outcome", "mixed"
    )
    piped = cli("report", "ada").stdout
    assert max(len(line) for line in piped.splitlines()) > 40
    code, lines = in_terminal("report", "ada", width=40)
    assert code == 0 and all(len(line) <= 40 for line in lines)
    assert words_of("\n".join(lines)) == words_of(piped)  # every word whole: "mixed", not "mixe"
    item = next(n for n, line in enumerate(lines) if line.startswith("- Tue 24 Nov 2026: Put"))
    assert lines[item + 1].startswith("  ")  # a list item continues under its text


@pytest.mark.parametrize("width", [80, 40])
def test_config_wraps_a_description_as_a_comment_under_it(cli, width):
    code, lines = in_terminal("config", width=width)
    assert lines[0].startswith("# /")  # the file's path: one word, however long, never broken
    lines = lines[1:]
    assert code == 0 and all(len(line) <= width for line in lines)
    continued = [line for line in lines if line.startswith(" ")]  # at 40, every description
    assert all(line.count("#") == 1 for line in continued)
    assert continued and all(line.lstrip().startswith("# ") for line in continued)
    assert "(after $VISUAL and $EDITOR)" in " ".join(lines)


# Continuation lines align under the text after the bullet (meeting, advice and skill show,
# progress).


def test_continuation_lines_align_under_the_text_after_the_bullet(cli, ada, monkeypatch):
    cli(
        "log",
        "ada",
        "--todo",
        LONG_TODO,
        "--notes",
        "- Ada suggested starting with design reviews of the team",
    )
    cli("advice", "add", "ada", "Write the decision before the context")
    cli("advice", "apply", "1", "Wrote the decision I wanted at the top of the sprint planning doc",
        "--reflect", "The meeting ended fifteen minutes early with a clear owner")  # fmt: skip
    cli("skill", "add", "Running design reviews", "--rate", "2", "--evidence",
        "Sat in on two reviews and said little about the trade-offs")  # fmt: skip
    monkeypatch.setenv("COLUMNS", "40")

    def after(out: str, start: str) -> list[str]:
        lines = out.splitlines()
        n = next(n for n, line in enumerate(lines) if line.startswith(start))
        assert all(len(line) <= 40 for line in lines)
        return lines[n : n + 3]

    meeting = cli("meeting", "show", "1").stdout
    second = after(meeting, "  • todo 1: Write")[1]
    assert second.startswith("    ") and second.strip()  # under "todo", not the bullet
    second = after(meeting, "• Ada suggested")[1]
    assert second.startswith("  ") and not second.startswith("   ")
    applied = after(cli("advice", "show", "1").stdout, "  [1] Tue 24 Nov")
    assert all(line.startswith("      ") for line in applied[1:])
    rated = after(cli("skill", "show", "1").stdout, "  [1] Tue 24 Nov")
    assert all(line.startswith("      ") for line in rated[1:])
    progress = cli("progress").stdout
    checkins = after(progress, "  cadence kept")
    assert checkins[1].startswith("  ") and not checkins[1].startswith("   ") and checkins[1].strip()


# On screen, a day is shown as the views show one (Mon 23 Nov); --json, csv and files keep ISO.


def test_every_day_on_screen_is_in_the_views_short_style(cli, ada):
    cli("todo", "add", "Draft the RFC", "-m", "ada")
    cli("todo", "done", "1")
    cli("mentor", "add", "José Núñez")
    cli("mentor", "end", "jose")
    assert "done Tue 24 Nov" in cli("todo", "list", "--all").stdout
    assert "José Núñez (ended Tue 24 Nov)" in cli("mentor", "list", "--all").stdout
    again = cli("todo", "done", "1", code=2)
    assert "Todo 1 is already done (on Tue 24 Nov)." in again.stderr
    assert "already ended on Tue 24 Nov." in cli("mentor", "end", "jose", code=2).stderr
    hit = cli("search", "RFC").stdout
    assert "Tue 24 Nov" in hit and "2026-11-24" not in hit
    assert json.loads(cli("search", "RFC", "--json").stdout)[0]["date"] == "2026-11-24"
    assert json.loads(cli("todo", "list", "--all", "--json").stdout)[0]["done_on"] == "2026-11-24"


def test_a_search_hit_wider_than_the_terminal_continues_indented(cli, ada):
    cli("todo", "add", "Run the review of the search indexing design alone, with the notes", "-m", "ada")
    code, lines = in_terminal("search", "indexing", width=40)
    assert code == 0 and len(lines) > 1 and all(len(line) <= 40 for line in lines)
    assert lines[0].startswith("todo 1") and lines[1].startswith("  ")
    assert cli("search", "indexing").stdout.count("\n") == 1  # piped: a hit a line
