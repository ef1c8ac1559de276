"""import --from jrnl FILE and import --from markdown DIR: a jrnl export (jrnl 4.x's ``--export
json`` shape, in tests/data) and a folder of Markdown files become notes, and meetings where a
jrnl entry's tag names a mentor; dry runs change nothing, undo takes an import back whole, and a
bad file is refused naming the file and the entry, with the journal unchanged."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from helpers import snapshot

JRNL = Path(__file__).parent / "data" / "jrnl_export.json"


def notes(cli) -> list[dict]:
    return sorted(json.loads(cli("note", "list", "--json").stdout), key=lambda n: n["on"])


def meetings(cli) -> list[dict]:
    return sorted(json.loads(cli("meeting", "list", "--json").stdout), key=lambda m: m["held_at"])


def journal_rows(db_path) -> dict:
    """The journal's own rows, without the history of changes (which an import adds to) and the
    search index's internal pages (the same words, laid out anew) and the id counters."""
    kept = snapshot(db_path).items()
    return {
        t: rows for t, rows in kept if not t.startswith(("change", "_sqlite", "sqlite_")) and "_fts" not in t
    }


# --- the readers, without the CLI ---------------------------------------------------------


def test_the_jrnl_reader_keeps_time_text_tags_and_star():
    from mentorlog.formats import jrnl

    entries, empty = jrnl.read(JRNL.read_bytes(), "jrnl.json")
    assert empty == 0
    first = entries[0]
    assert first.where == "jrnl.json entry 1"
    assert first.at == datetime.fromisoformat("2026-11-12T14:00:00+00:00")  # TZ=UTC: local wall-clock
    assert first.text.startswith("Check-in with @ada about the design review.\nWe went through")
    assert "[bold]not bold[/]" in first.text and "café ☕ with Zoë" in first.text
    assert first.tags == ["ada", "career"]
    assert [e.starred for e in entries] == [False, False, True, False, True]


def test_an_older_jrnl_export_without_tags_has_them_read_from_the_text():
    from mentorlog.formats import jrnl

    data = {
        "entries": [{"title": "Met @Ada.", "body": "About #Growth", "date": "2020-01-02", "time": "09:00"}]
    }
    (entry,), _ = jrnl.read(json.dumps(data).encode(), "old.json")
    assert entry.tags == ["ada", "growth"]
    assert entry.starred is False


def test_the_markdown_reader_reads_front_matter_and_keeps_the_other_fields():
    from mentorlog.formats import markdown_folder

    text = (
        "---\ndate: 2026-11-10\ntime: '15:30'\nmentor: Ada Lovelace\ntags:\n  - Career\n  - '#growth'\n"
        "aliases: [RFC talk]\n---\n\nWe talked about the RFC.\n"
    )
    entry = markdown_folder.read_note(text.encode(), "vault/RFC talk.md", 0)
    assert entry.at == datetime.fromisoformat("2026-11-10T15:30:00+00:00")
    assert entry.mentor == "Ada Lovelace"
    assert entry.tags == ["career", "growth"]
    assert entry.text == "---\naliases: [RFC talk]\n---\n\n# RFC talk\n\nWe talked about the RFC."


@pytest.mark.parametrize(
    ("text", "name", "problem"),
    [
        ("---\ndate: 2026-11-10\nno end\n", "a.md", "never closed"),
        ("---\ndate: 10/11/2026\n---\nx", "a.md", "'10/11/2026' is not a day"),
        ("plain", "2026-13-45 idea.md", "2026-13-45, which is not a day"),
    ],
)
def test_the_markdown_reader_refuses_what_it_cannot_date(text, name, problem):
    from mentorlog.formats import markdown_folder
    from mentorlog.journal.store.foreign import ForeignProblem

    with pytest.raises(ForeignProblem) as e:
        markdown_folder.read_note(text.encode(), name, 0)
    assert name in e.value.message and problem in e.value.message


# --- import --from jrnl ---------------------------------------------------------------------


def test_a_jrnl_export_becomes_notes_and_meetings(cli, ada, db_path):
    mentors_before = snapshot(db_path)["mentors"]
    result = cli("import", "--from", "jrnl", str(JRNL))
    assert result.stdout == f"Imported 3 notes and 2 meetings from {JRNL}.\n"
    # An entry naming two mentors cannot be one meeting: a note, said on stderr.
    assert "entry 4 names ada, grace: a meeting has one mentor, so it is a note." in result.stderr

    held = meetings(cli)
    assert [(m["mentor"], m["held_at"]) for m in held] == [
        ("ada", "2026-11-12T14:00:00+00:00"),
        ("ada", "2026-11-23T07:45:00+00:00"),
    ]
    assert held[1]["notes"] == "Starred @ada check-in.\nPromotion talk — été plans.\n\n(starred in jrnl)"
    shown = cli("meeting", "show", str(held[0]["id"])).stdout
    assert "[bold]not bold[/] stays literal, and café ☕ with Zoë." in shown  # markup printed as typed

    assert [(n["on"], n["mentor"], n["tags"], n["text"]) for n in notes(cli)] == [
        (
            "2026-11-20T09:30:00+00:00",
            None,
            ["growth", "reading"],
            "Reading notes.\nFinished *Thinking in Systems*; @Growth @reading",
        ),
        ("2026-11-21T18:05:00+00:00", None, ["starred"], "A good day"),
        (
            "2026-11-22T08:15:00+00:00",
            None,
            ["ada", "grace"],
            "Asked @ada and @grace the same question.\nBoth said: ship it.",
        ),
    ]
    assert "starred" in cli("note", "list", "--tag", "starred").stdout
    # Imported meetings are history: the next check-in and the slot stay as they were.
    assert snapshot(db_path)["mentors"] == mentors_before


def test_a_real_jrnl_export_with_no_mentor_named_is_all_notes(cli, tmp_path):
    """An export exactly as jrnl 4.6 wrote it (its banners go to stderr, the JSON to stdout)."""
    path = tmp_path / "jrnl.json"
    path.write_text(
        '{\n  "tags": {\n    "@growth": 1\n  },\n  "entries": [\n    {\n      "title": "Reading notes.",\n'
        '      "body": "Finished it; @Growth",\n      "date": "2026-11-20",\n      "time": "09:30",\n'
        '      "tags": [\n        "@growth"\n      ],\n      "starred": false\n    }\n  ]\n}'
    )
    assert (
        cli("import", "--from", "jrnl", str(path)).stdout == f"Imported 1 note and 0 meetings from {path}.\n"
    )
    assert [n["tags"] for n in notes(cli)] == [["growth"]]


def test_a_dry_run_says_what_would_be_made_and_changes_nothing(cli, ada, db_path):
    before = snapshot(db_path)
    out = cli("import", "--from", "jrnl", str(JRNL), "--dry-run").stdout
    lines = out.splitlines()
    assert lines[0] == f"Would import 3 notes and 2 meetings from {JRNL} (a dry run: nothing was changed):"
    assert lines[1].split()[:4] == ["meeting", "2026-11-12", "14:00", "ada"]
    assert lines[3].startswith("  note     2026-11-21 18:05  A good day  [starred]")
    assert snapshot(db_path) == before


def test_a_dry_run_without_a_journal_leaves_no_journal(cli, db_path):
    assert not db_path.exists()
    out = cli("import", "--from", "jrnl", str(JRNL), "--dry-run").stdout
    assert out.startswith(f"Would import 5 notes and 0 meetings from {JRNL}")  # no mentors: all notes
    assert not db_path.exists()


def test_undo_takes_the_whole_import_back(cli, ada, db_path):
    before = journal_rows(db_path)
    cli("import", "--from", "jrnl", str(JRNL))
    newest = json.loads(cli("history", "--json").stdout)[0]  # the text view cuts long paths
    assert newest["command"] == f"import --from jrnl {JRNL}"
    out = cli("undo", "--yes").stdout
    assert "delete meetings 1, 2, notes 1–3." in out
    assert journal_rows(db_path) == before
    assert cli("note", "list").stdout.startswith("No notes")


def _entry(**changes) -> dict:
    entry = {"title": "T", "body": "B", "date": "2026-11-20", "time": "09:30", "tags": [], "starred": False}
    return {**entry, **changes}


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "is not a jrnl export: it is not JSON"),
        ('{"format": "mentorlog", "version": 2}', 'is not a jrnl export: it has no "entries" list'),
        (
            json.dumps({"entries": [_entry(), _entry(date="2026-02-30")]}),
            "entry 2: its \"date\" '2026-02-30'",
        ),
        (json.dumps({"entries": [_entry(), _entry(time="9.30pm")]}), "entry 2: its \"time\" '9.30pm'"),
        (json.dumps({"entries": [_entry(tags="@ada")]}), 'entry 1: its "tags" are not a list'),
        (json.dumps({"entries": [_entry(starred="yes")]}), "entry 1: its \"starred\" 'yes' is not true"),
        (json.dumps({"entries": [_entry(), "an entry"]}), "entry 2: it is not an object"),
    ],
)
def test_a_malformed_jrnl_file_is_refused_and_nothing_changes(cli, ada, db_path, tmp_path, content, says):
    path = tmp_path / "jrnl.json"
    path.write_text(content)
    before = snapshot(db_path)
    result = cli("import", "--from", "jrnl", str(path), code=1)
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith(f"mentorlog: {path}") and says in message and "nothing was imported" in message
    assert "Traceback" not in result.stderr
    assert snapshot(db_path) == before


def test_a_file_that_is_not_utf8_is_refused(cli, ada, db_path, tmp_path):
    path = tmp_path / "jrnl.json"
    path.write_bytes(b'{"entries": [{"title": "caf\xe9"}]}')
    before = snapshot(db_path)
    result = cli("import", "--from", "jrnl", str(path), code=1)
    assert f"{path} is not UTF-8 text (byte 27)" in result.stderr
    assert snapshot(db_path) == before


def test_options_that_do_not_fit_are_usage_errors(cli, ada, tmp_path):
    assert (
        "--identity opens an encrypted"
        in cli("import", "--from", "jrnl", str(JRNL), "--identity", str(JRNL), code=2).stderr
    )
    assert "reads a folder of Markdown files" in cli("import", "--from", "markdown", str(JRNL), code=2).stderr
    assert (
        f"There is no folder {tmp_path / 'nope'}"
        in cli("import", "--from", "markdown", str(tmp_path / "nope"), code=1).stderr
    )
    assert "There is no file" in cli("import", "--from", "jrnl", str(tmp_path / "nope.json"), code=1).stderr


# --- import --from markdown -----------------------------------------------------------------


@pytest.fixture
def vault(tmp_path) -> Path:
    """A folder as Obsidian leaves it: front matter, dates in names, a file with no date."""
    folder = tmp_path / "vault"
    (folder / "daily").mkdir(parents=True)
    (folder / ".obsidian").mkdir()
    (folder / ".obsidian" / "workspace.md").write_text("not a note")
    (folder / "RFC talk.md").write_text(
        "---\ndate: 2026-11-10 15:30\nmentor: ada\ntags: [career, '#Growth']\ncssclass: wide\n---\n\n"
        "# RFC talk\n\nShe said: [bold]write first[/]. Zoë agreed ☕\n"
    )
    (folder / "daily" / "2026-11-18.md").write_text("Quiet day.\n\n## Later\nRead a paper.\n")
    (folder / "daily" / "2026-11-19 retro.md").write_text("---\ntags:\n  - retro\n---\nWent well.\n")
    undated = folder / "Someday ideas.markdown"
    undated.write_text("- a blog\n- a talk\n")
    stamp = datetime.fromisoformat("2026-10-01T08:00:00+00:00").timestamp()
    os.utime(undated, (stamp, stamp))
    (folder / "empty.md").write_text("\n\n")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    return folder


def test_a_markdown_folder_becomes_notes(cli, ada, vault):
    result = cli("import", "--from", "markdown", str(vault))
    assert result.stdout.splitlines() == [
        f"Imported 4 notes and 0 meetings from {vault}.",
        "  1 entry without any text left out.",
    ]
    assert [(n["on"], n["mentor"], n["tags"], n["text"]) for n in notes(cli)] == [
        ("2026-10-01T08:00:00+00:00", None, [], "# Someday ideas\n\n- a blog\n- a talk"),
        (
            "2026-11-10T15:30:00+00:00",
            "ada",
            ["career", "growth"],
            "---\ncssclass: wide\n---\n\n# RFC talk\n\nShe said: [bold]write first[/]. Zoë agreed ☕",
        ),
        ("2026-11-18T12:00:00+00:00", None, [], "Quiet day.\n\n## Later\nRead a paper."),
        ("2026-11-19T12:00:00+00:00", None, ["retro"], "# retro\n\nWent well."),
    ]
    assert meetings(cli) == []  # a Markdown file is a note, even with a mentor


def test_a_markdown_dry_run_changes_nothing_and_undo_takes_an_import_back(cli, ada, vault, db_path):
    before = snapshot(db_path)
    out = cli("import", "--from", "markdown", str(vault), "--dry-run").stdout
    assert out.startswith(f"Would import 4 notes and 0 meetings from {vault} (a dry run")
    assert "  note     2026-11-10 15:30  ada  --- ⏎ cssclass: wide ⏎ --- ⏎  ⏎ # RFC talk" in out
    assert snapshot(db_path) == before
    rows = journal_rows(db_path)
    cli("import", "--from", "markdown", str(vault))
    cli("undo", "--yes")
    assert journal_rows(db_path) == rows


def test_a_markdown_file_naming_an_unknown_mentor_fails_the_whole_import(cli, ada, vault, db_path):
    (vault / "zz.md").write_text("---\nmentor: nobody\n---\nText\n")
    before = snapshot(db_path)
    result = cli("import", "--from", "markdown", str(vault), code=1)
    assert result.stderr.startswith(f"mentorlog: {vault / 'zz.md'}: There is no mentor 'nobody'")
    assert "nobody" in result.stderr and "nothing was imported" in result.stderr
    assert snapshot(db_path) == before


def test_a_markdown_file_that_is_not_utf8_is_refused_by_name(cli, ada, vault, db_path):
    (vault / "daily" / "latin1.md").write_bytes(b"caf\xe9\n")
    before = snapshot(db_path)
    result = cli("import", "--from", "markdown", str(vault), code=1)
    assert (
        f"{vault / 'daily' / 'latin1.md'}: it is not UTF-8 text (byte 3); nothing was imported."
        in result.stderr
    )
    assert snapshot(db_path) == before


def test_importing_the_same_jrnl_file_again_files_nothing_twice(cli, ada, db_path):
    cli("import", "--from", "jrnl", str(JRNL))
    rows = journal_rows(db_path)
    out = cli("import", "--from", "jrnl", str(JRNL)).stdout
    assert out.splitlines() == [
        f"Imported 0 notes and 0 meetings from {JRNL}.",
        "  5 entries already in the journal left as they are.",
    ]
    assert journal_rows(db_path) == rows


def test_a_jrnl_file_given_without_from_is_refused_with_the_way_in(cli, ada, db_path):
    before = snapshot(db_path)
    result = cli("import", str(JRNL), code=1)
    assert "is not a mentorlog export" in result.stderr
    assert f"A jrnl export? mentorlog import --from jrnl {JRNL}" in result.stderr
    assert snapshot(db_path) == before
