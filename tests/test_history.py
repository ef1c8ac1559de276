"""History and undo (SPEC §2): every write command is one change, `undo` reverts it whole and
leaves the journal exactly as it was before, `history` lists the changes, `--clear` forgets them
and leaves no trace of deleted text in the file."""

from __future__ import annotations

import json
import shlex
import sqlite3

import pytest

from helpers import snapshot

HISTORY_TABLES = {"changes", "change_rows"}


def journal_state(path) -> dict:
    """Every table but the history itself. The full-text index is compared by its content, not
    its storage: an insert and its undo leave the same words indexed in other b-tree pages, and
    AUTOINCREMENT counters (sqlite_sequence) never go back, so ids are not reused."""
    state = snapshot(path)
    conn = sqlite3.connect(path)
    try:
        for table in list(state):
            if table in HISTORY_TABLES or table == "sqlite_sequence" or "_fts" in table:
                del state[table]
        fts = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE '%\\_fts' ESCAPE '\\'")
        ]
        for name in fts:
            conn.execute(
                f"INSERT INTO {name} ({name}, rank) VALUES ('integrity-check', 1)"
            )  # raises if stale
            state[name] = sorted(conn.execute(f"SELECT rowid, * FROM {name}").fetchall(), key=repr)
    finally:
        conn.close()
    return state


def assert_undone(cli, db_path, *args, input=None):
    """Run a write command, then `undo --yes`: the journal is as it was before the command."""
    before = journal_state(db_path)
    cli(*args, input=input)
    assert journal_state(db_path) != before, f"{args} changed nothing"
    out = cli("undo", "--yes").stdout
    assert out.startswith("Undid ")
    assert journal_state(db_path) == before, args


@pytest.fixture
def story(made_once, cli, ada):
    """Ada and Grace with one of everything: ids are all 1 unless said."""
    made_once(_story)
    return "ada"


def _story(cli):
    cli("goal", "add", "Lead a review", "--mentor", "ada")
    cli("topic", "add", "ada", "Promotion?")
    cli("topic", "add", "ada", "Raise me")  # topic 2
    cli("todo", "add", "Old todo", "--mentor", "ada", "--goal", "1")
    cli("todo", "add", "Done todo", "--mentor", "ada")  # todo 2
    cli("todo", "done", "2")
    cli("advice", "add", "ada", "Write first", "--tag", "writing")
    cli("advice", "apply", "1", "Did it", "--outcome", "worked")
    cli("advice", "add", "ada", "Park me")  # advice 2
    cli("advice", "park", "2")
    cli("thanks", "add", "ada", "Thanks for the intro")
    cli(
        "log",
        "ada",
        "--on",
        "yesterday",
        "--notes",
        "First",
        "--todo",
        "From it",
        "--advice",
        "Also",
        "--raised",
        "1",
    )
    cli("review", "ada")
    cli("mentor", "add", "Zed Shaw")
    cli("mentor", "end", "zed")


TICKED = """\
[x] topic 2: Raise me
[x] todo 1: Old todo
Talked about the review.
todo: Book the room (due fri)
advice: Ask early
"""

WRITES = [
    ["mentor", "add", "Barbara Liskov", "--org", "MIT", "--every", "weekly"],
    ["mentor", "edit", "ada", "--org", "Analytical", "--every", "weekly", "--next", "fri 3pm"],
    ["mentor", "end", "ada", "--note", "moved on"],
    ["mentor", "resume", "zed"],
    ["mentor", "delete", "ada", "--yes"],
    shlex.split("log ada --todo T1 --todo 'T2 (due fri)' --advice A --ask Q --thanks ty --raised 2 --done 1"),
    ["log", "ada"],  # with ticks, from stdin
    ["todo", "add", "New", "--mentor", "ada", "--due", "fri", "--goal", "1"],
    ["todo", "done", "1", "3"],
    ["todo", "drop", "1", "--why", "no longer"],
    ["todo", "reopen", "2"],
    ["todo", "edit", "1", "--text", "Renamed", "--due", "fri"],
    ["todo", "delete", "1", "--yes"],
    ["advice", "add", "ada", "New advice", "--tag", "x"],
    ["advice", "apply", "2", "Tried it", "--outcome", "mixed"],
    ["advice", "park", "1", "--until", "in 2 weeks", "--why", "later"],
    ["advice", "unpark", "2"],
    ["advice", "edit", "3", "--text", "Better", "--mentor", "grace", "--tag", "none", "--on", "2026-11-20"],
    ["advice", "delete", "1", "--yes"],
    [
        "advice",
        "application",
        "edit",
        "1",
        "--what",
        "Did it twice",
        "--outcome",
        "none",
        "--on",
        "yesterday",
    ],
    ["advice", "application", "delete", "1", "--yes"],
    ["topic", "add", "grace", "A win", "--kind", "win"],
    ["topic", "drop", "2"],
    ["topic", "edit", "2", "--text", "Raise it", "--kind", "concern", "--mentor", "grace"],
    ["topic", "delete", "1", "--yes"],
    ["thanks", "add", "grace", "For the coffee"],
    ["thanks", "edit", "1", "--text", "For the intro", "--on", "yesterday"],
    ["thanks", "delete", "1", "--yes"],
    ["goal", "add", "Ship it", "--mentor", "grace", "--by", "dec 31"],
    ["goal", "done", "1"],
    ["goal", "drop", "1"],
    ["goal", "edit", "1", "--text", "Lead two reviews", "--mentor", "none", "--by", "none"],
    ["goal", "delete", "1", "--yes"],
    ["meeting", "edit", "1", "--notes", "New notes", "--minutes", "45", "--late", "--on", "yesterday 9am"],
    ["meeting", "delete", "1", "--yes"],
]


@pytest.mark.parametrize("args", WRITES, ids=[" ".join(a[:3]) for a in WRITES])
def test_every_write_is_undone_exactly(cli, story, db_path, args):
    assert_undone(cli, db_path, *args, input=TICKED if args == ["log", "ada"] else None)


def test_undo_of_mentor_delete_brings_everything_back_with_ids(cli, story, db_path):
    out = cli("mentor", "delete", "ada", "--yes").stdout
    assert out.startswith(
        "Deleted Ada Lovelace (ada) and 1 meeting, 3 todos, 3 advice, 1 application, 2 topics, "
        "1 thanks, 1 goal; "
    )
    assert "no mentor 'ada'" in cli("mentor", "show", "ada", code=1).stderr
    assert json.loads(cli("goal", "list", "--json").stdout) == []
    assert json.loads(cli("history", "--json").stdout)[0]["summary"] == (
        "deleted mentor ada, meeting 1, todos 1–3, advice 1–3, application 1, topics 1, 2, thanks 1, goal 1"
    )
    cli("undo", "--yes")
    todos = json.loads(cli("todo", "list", "--all", "--json").stdout)
    assert sorted(t["id"] for t in todos) == [1, 2, 3]
    assert [m["id"] for m in json.loads(cli("meeting", "list", "--json").stdout)] == [1]
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1  # reviews come back too
    assert conn.execute("SELECT rowid FROM thanks_fts WHERE thanks_fts MATCH 'intro'").fetchall() == [(1,)]


def test_review_is_not_a_change(cli, story, db_path):
    before = json.loads(cli("history", "--json").stdout)
    cli("review", "ada")
    assert json.loads(cli("history", "--json").stdout) == before
    assert "mentor end" in cli("undo", "--yes").stdout  # the newest change, not the review


def test_repeated_undo_steps_back_and_is_not_itself_a_change(cli, ada, db_path):
    cli("todo", "add", "First")
    cli("todo", "add", "Second")
    assert cli("undo", "--yes").stdout == 'Undid "todo add Second" of Tue 24 Nov 10:00: delete todo 2.\n'
    assert cli("undo", "--yes").stdout.startswith('Undid "todo add First"')
    assert json.loads(cli("todo", "list", "--all", "--json").stdout) == []
    history = json.loads(cli("history", "--json").stdout)
    assert [(c["command"], c["undone"]) for c in history[:3]] == [
        ("todo add Second", True),
        ("todo add First", True),
        ("mentor add 'Grace Hopper' --informal", False),
    ]
    cli("todo", "add", "Third")
    assert cli("undo", "--yes").stdout.startswith('Undid "todo add Third"')
    assert cli("undo", "--yes").stdout.startswith("Undid \"mentor add 'Grace Hopper'")


def test_nothing_to_undo(cli, ada, db_path):
    cli("undo", "--yes")
    cli("undo", "--yes")
    before = snapshot(db_path)
    result = cli("undo", "--yes", code=1)
    assert "nothing to undo" in result.stderr and result.stdout == ""
    assert snapshot(db_path) == before
    assert "no journal" in cli("--db", str(db_path.parent / "none.db"), "undo", code=1).stderr.lower()


def test_undo_without_a_terminal_needs_yes(cli, ada, db_path):
    cli("todo", "add", "Keep")
    before = snapshot(db_path)
    result = cli("undo", code=1)
    assert "--yes" in result.stderr and 'Undoing "todo add Keep"' in result.stderr
    assert result.stdout == "" and snapshot(db_path) == before


def test_undo_asks_on_a_terminal(cli, ada, db_path, monkeypatch):
    import mentorlog.cli.common

    monkeypatch.setattr(mentorlog.cli.common, "stdin_is_terminal", lambda: True)
    cli("topic", "add", "ada", "Q1")
    cli("topic", "add", "ada", "Q2")
    cli("log", "ada", "--todo", "One", "--todo", "Two", "--todo", "Three", "--raised", "1", "--raised", "2")
    before = snapshot(db_path)
    result = cli("undo", input="n\n", code=1)
    assert (
        'Undo "log ada --todo One --todo Two --todo Th…" of Tue 24 Nov 10:00: delete meeting 1, todos 1–3; '
        "reopen topics 1, 2; revert mentor ada?" in result.stdout
    )
    assert "Nothing was undone." in result.stderr and snapshot(db_path) == before
    cli("undo", input="y\n")
    assert [t["status"] for t in json.loads(cli("topic", "list", "--json").stdout)] == ["open", "open"]


def test_undo_refuses_when_a_row_changed_outside_history(cli, ada, db_path):
    cli("todo", "add", "Mine")
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE todos SET text = 'changed by hand'")  # no change is recording: not recorded
    conn.close()
    before = snapshot(db_path)
    result = cli("undo", "--yes", code=1)
    assert "todo 1 was changed since" in result.stderr
    assert snapshot(db_path) == before


def test_history_lists_changes_newest_first(cli, ada, db_path):
    cli("topic", "add", "ada", "Q")
    cli("log", "ada", "--todo", "A", "--todo", "B", "--todo", "C", "--raised", "1", "--notes", "n")
    cli("todo", "done", "2")
    cli("undo", "--yes")
    data = json.loads(cli("history", "--json").stdout)
    assert all(set(c) >= {"id", "at", "command", "summary", "undone"} for c in data)
    assert [c["id"] for c in data] == sorted((c["id"] for c in data), reverse=True)
    assert data[0]["command"] == "todo done 2" and data[0]["undone"] is True
    assert data[1]["summary"] == "added meeting 1, todos 1–3; raised topic 1; edited mentor ada"
    assert data[1]["at"] == "2026-11-24T10:00:00+00:00" and data[1]["undone"] is False
    assert len(json.loads(cli("history", "--limit", "2", "--json").stdout)) == 2
    cli("--db", str(db_path), "todo", "add", "it's mine", "--mentor", "ada")
    assert (
        json.loads(cli("history", "--json").stdout)[0]["command"]
        == """todo add 'it'"'"'s mine' --mentor ada"""
    )
    out = cli("history").stdout
    assert "todo done 2" in out and "undone" in out and "added meeting 1" in out
    assert out.index("todo done 2") < out.index("topic add ada Q")


def test_history_summaries_say_what_happened(cli, story, db_path):
    cli("todo", "drop", "1")
    cli("advice", "unpark", "2")
    cli("mentor", "resume", "zed")
    cli("goal", "done", "1")
    cli("mentor", "delete", "zed", "--yes")
    summaries = [c["summary"] for c in json.loads(cli("history", "--json").stdout)[:5]]
    assert summaries == [
        "deleted mentor zed",
        "achieved goal 1",
        "resumed mentor zed",
        "unparked advice 2",
        "dropped todo 1",
    ]


def test_history_shows_a_screenful(cli, ada, monkeypatch):
    import mentorlog.render.console

    monkeypatch.setattr(mentorlog.render.console, "LIST_LIMIT", 1)
    out = cli("history").stdout
    assert "mentor add 'Grace Hopper'" in out and "Ada" not in out
    assert "… and 1 more" in out
    assert len(json.loads(cli("history", "--json").stdout)) == 2  # --json is never cut


def test_history_without_changes(cli, db_path):
    cli("mentor", "add", "Ada Lovelace")
    cli("undo", "--yes")
    cli("history", "--clear", "--yes")
    assert cli("history").stdout == "No changes in the history.\n"
    assert json.loads(cli("history", "--json").stdout) == []
    assert "--clear" in cli("history", "--yes", code=2).stderr


def test_history_clear_leaves_no_trace_of_deleted_text(cli, ada, db_path):
    word = "Xylophonequartz"
    cli("todo", "add", f"Buy a {word} for the office")
    cli("todo", "edit", "1", "--text", f"Buy two {word}s")
    cli("todo", "delete", "1", "--yes")
    before = snapshot(db_path)
    assert "--yes" in cli("history", "--clear", code=1).stderr and snapshot(db_path) == before
    out = cli("history", "--clear", "--yes").stdout
    assert out == "Forgot 5 changes; compacting the journal.\n"
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    wal = db_path.with_name(db_path.name + "-wal")
    for path in (db_path, wal):
        if path.exists():
            raw = path.read_bytes()
            assert word.encode() not in raw and word.lower().encode() not in raw, path
    assert json.loads(cli("history", "--json").stdout) == []
    assert "nothing to undo" in cli("undo", "--yes", code=1).stderr
    assert [m["handle"] for m in json.loads(cli("mentor", "list", "--json").stdout)] == ["ada", "grace"]


def test_history_keeps_the_newest_changes(cli, db_path, monkeypatch):
    from mentorlog.journal.store import history

    monkeypatch.setattr(history, "KEEP", 10)
    monkeypatch.setattr(history, "PRUNE_EVERY", 4)
    for n in range(30):
        cli("todo", "add", f"todo {n}")
    data = json.loads(cli("history", "--json").stdout)
    assert 10 <= len(data) < 14 and data[0]["command"] == "todo add 'todo 29'"
    conn = sqlite3.connect(db_path)
    orphans = conn.execute("SELECT count(*) FROM change_rows WHERE change_id NOT IN (SELECT id FROM changes)")
    assert orphans.fetchone()[0] == 0


def test_a_migration_that_adds_a_column_reinstalls_the_triggers(cli, ada, db_path):
    from mentorlog.journal.store import changes, history, undo
    from mentorlog.journal.store.db import open_journal
    from mentorlog.journal.store.migrations import MIGRATIONS

    def m999_colour(db):
        db.execute("ALTER TABLE mentors ADD COLUMN colour TEXT")
        db.execute("UPDATE mentors SET colour = 'blue'")  # no change is recording: not a change
        history.install_triggers(db)

    migrations = [*MIGRATIONS, m999_colour]
    with open_journal(db_path, write=True, migrations=migrations):
        pass
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM change_rows WHERE after LIKE '%blue%'").fetchone()[0] == 0
    with open_journal(db_path, write=True, migrations=migrations, command="paint ada") as conn:
        conn.execute("UPDATE mentors SET colour = 'red' WHERE handle = 'ada'")
    with open_journal(db_path, write=False, migrations=migrations) as conn:
        change = changes.newest_undoable(conn)
        (after,) = conn.execute("SELECT after FROM change_rows WHERE change_id = ?", (change.id,)).fetchone()
    assert change.command == "paint ada" and json.loads(after)["colour"] == "red"
    with open_journal(db_path, write=True, migrations=migrations) as conn:
        undo.undo(conn, change.id)
        assert conn.execute("SELECT colour FROM mentors WHERE handle = 'ada'").fetchone()[0] == "blue"


def test_writes_outside_a_command_are_not_recorded(cli, ada, db_path):
    before = json.loads(cli("history", "--json").stdout)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE mentors SET org = 'by hand'")
    conn.close()
    assert json.loads(cli("history", "--json").stdout) == before


def test_undoing_a_mentor_add_takes_their_reviews(cli, ada, db_path):
    cli("mentor", "add", "Zed Shaw")
    cli("review", "zed")
    assert cli("undo", "--yes").stdout.startswith("Undid \"mentor add 'Zed Shaw'\"")
    assert [m["handle"] for m in json.loads(cli("mentor", "list", "--all", "--json").stdout)] == [
        "ada",
        "grace",
    ]
    assert snapshot(db_path)["reviews"] == []


def test_clear_compacts_the_journal_named_by_db(cli, tmp_path):
    """The compaction after the commit used to look for the default journal, not --db's."""
    other = ["--db", str(tmp_path / "elsewhere.db")]
    cli(*other, "mentor", "add", "Ada Lovelace")
    out = cli(*other, "history", "--clear", "--yes").stdout
    assert "Forgot 1 change" in out
    assert not (tmp_path / "journal.db").exists()


def test_an_import_of_only_reviews_is_one_change_and_undo_reverts_it_alone(cli, tmp_path):
    """Reviews are not changes, but an import that adds them is: before, it left no history, so
    the next undo reverted the import before it (issue 23)."""
    other = ["--db", str(tmp_path / "other.db")]
    cli(*other, "mentor", "add", "Ada Lovelace")
    cli(*other, "todo", "add", "Draft")
    cli(*other, "export", "-o", str(tmp_path / "first.json"))
    cli("import", str(tmp_path / "first.json"))
    cli(*other, "review", "ada")
    cli(*other, "export", "-o", str(tmp_path / "second.json"))
    cli("import", str(tmp_path / "second.json"))
    newest = json.loads(cli("history", "--json").stdout)[0]
    assert newest["command"].startswith("import") and "second.json" in newest["command"]
    assert newest["summary"] == "added review 1"
    assert "delete review 1" in cli("undo", "--yes").stdout
    assert "Draft" in cli("todo", "list").stdout  # the first import stays
    conn = sqlite3.connect(tmp_path / "journal.db")
    assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0
    conn.close()
    assert "delete mentor ada, todo 1" in cli("undo", "--yes").stdout  # then the first import


def test_an_import_that_updates_a_review_is_undone_to_the_old_review(cli, tmp_path, monkeypatch):
    other = ["--db", str(tmp_path / "other.db")]
    cli(*other, "mentor", "add", "Ada Lovelace")
    cli(*other, "review", "ada")
    cli(*other, "export", "-o", str(tmp_path / "first.json"))
    cli("import", str(tmp_path / "first.json"))
    data = json.loads((tmp_path / "first.json").read_text())
    data["reviews"][0]["at"] = "2026-11-23T09:00:00+00:00"
    data["reviews"][0]["updated_at"] = "2026-11-24T11:00:00+00:00"
    (tmp_path / "second.json").write_text(json.dumps(data))
    cli("import", str(tmp_path / "second.json"))
    cli("undo", "--yes")
    conn = sqlite3.connect(tmp_path / "journal.db")
    assert conn.execute("SELECT at FROM reviews").fetchone()[0] != "2026-11-23T09:00:00+00:00"
    conn.close()


def test_undo_that_would_break_a_reference_says_so_before_saying_it_undid(cli, ada, db_path):
    """The references were checked at the commit, after "Undid …" was printed (issue 23)."""
    cli("todo", "add", "x", "--mentor", "ada")
    cli("todo", "edit", "1", "--text", "y")
    conn = sqlite3.connect(db_path)  # a before-image naming a mentor that is not there
    conn.execute("UPDATE change_rows SET before = json_set(before, '$.mentor_id', 999) WHERE op = 'update'")
    conn.commit()
    conn.close()
    before = snapshot(db_path)
    result = cli("undo", "--yes", code=1)
    assert "Undid" not in result.stdout
    assert "would refer to a mentors row that is gone; nothing was undone" in result.stderr
    assert snapshot(db_path) == before


def test_history_cut_says_how_to_see_the_rest(cli, ada, monkeypatch):
    cli("todo", "add", "A")
    cli("todo", "add", "B")
    out = cli("history", "--limit", "2").stdout  # four changes: two mentors, two todos
    assert "todo add B" in out and "todo add A" in out and "Grace" not in out
    assert out.endswith("… and 2 more (--limit 4 shows all)\n")
    assert "more" not in cli("history", "--limit", "4").stdout
    import mentorlog.render.console

    monkeypatch.setattr(mentorlog.render.console, "LIST_LIMIT", 3)
    assert cli("history").stdout.endswith("… and 1 more (--limit 4 or --json shows all)\n")


def test_every_status_a_row_can_take_is_undone(cli, ada):
    """Undo names and reverts each status change of every concept the registry gives status
    verbs (an offer declined once crashed undo: its verb had no inverse)."""
    cli("offer", "add", "ada", "An intro to the storage team")
    cli("offer", "decline", "1")
    assert "declined offer 1" in cli("history").stdout
    out = cli("undo", "--yes").stdout
    assert "reopen offer 1" in out
    assert json.loads(cli("offer", "list", "--json").stdout)[0]["status"] == "open"
    from mentorlog.journal import concepts
    from mentorlog.journal.store.changes import _INVERSE

    for concept in concepts.CONCEPTS:
        for status, verb in concept.status_verbs.items():
            inverse = _INVERSE.get(verb, "reopen")
            assert (inverse == "close again") == (verb == "reopened"), (concept.name, status, verb)
