"""import: merges a json export by uuid, the newer row wins, idempotent, all or nothing;
a bad, foreign or newer file changes nothing; encrypted exports open with a key or passphrase."""

from __future__ import annotations

import json

import pytest

from helpers import age_key, snapshot

pyrage = pytest.importorskip("pyrage")


@pytest.fixture
def journal(made_once, cli, ada):
    """A bit of everything, with text that must survive the trip exactly."""
    made_once(_journal)
    return "ada"


def _journal(cli):
    cli("goal", "add", "Lead a project", "--mentor", "ada", "--by", "2027-03-01")
    cli("topic", "add", "ada", "Promotion?", "--kind", "concern")
    cli(
        "log", "ada", "--on", "2026-11-10 15:00", "--minutes", "45",
        "--notes", "Notes \x1b[31m é\n\n  indented  ", "--todo", "Draft the RFC (due 2026-11-20)",
        "--advice", "Write first", "--thanks", "Thank you", "--raised", "1",
    )  # fmt: skip
    cli("advice", "add", "grace", "Say no", "--tag", "career", "--tag", "habits")
    cli(
        "advice",
        "apply",
        "1",
        "Wrote it first",
        "--outcome",
        "worked",
        "--reflect",
        "Clearer",
        "--on",
        "2026-11-12",
    )
    cli("todo", "add", "Book a room", "--mentor", "ada", "--due", "2026-12-01", "--goal", "1")
    cli("todo", "done", "1", "--on", "2026-11-18")
    cli("advice", "park", "2", "--until", "2027-01-01", "--why", "later")
    cli("mentor", "end", "grace", "--on", "2026-11-22", "--note", "moved on")
    cli("review", "ada")


def export_json(cli, *db) -> dict:
    data = json.loads(cli(*db, "export").stdout)
    del data["exported_at"]
    return data


def write_export(cli, path, *db):
    path.write_text(cli(*db, "export").stdout)
    return path


def test_round_trip_into_an_empty_journal_gives_the_same_data(cli, journal, tmp_path):
    path = write_export(cli, tmp_path / "export.json")
    other = ["--db", str(tmp_path / "other.db")]
    out = cli(*other, "import", str(path)).stdout
    assert "mentors 2 added, 0 updated, 0 unchanged" in " ".join(out.split())
    assert export_json(cli, *other) == export_json(cli)


def test_an_export_read_from_a_pipe_imports_and_a_backup_restores(cli, journal, tmp_path):
    """``import <(…)`` and ``restore <(…)``: a pipe is read once, into a private temporary file."""
    import shlex
    import subprocess
    import sys

    path = write_export(cli, tmp_path / "export.json")
    cli("backup", str(tmp_path / "backup.db"))
    other = tmp_path / "other.db"
    mentorlog = f"{shlex.quote(sys.executable)} -m mentorlog --db {shlex.quote(str(other))}"
    for line in (f"import <(cat {path})", f"restore <(cat {tmp_path / 'backup.db'}) --force"):
        result = subprocess.run(
            ["bash", "-c", f"{mentorlog} {line}"], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert export_json(cli, "--db", str(other)) == export_json(cli)


def test_a_second_import_changes_nothing(cli, journal, tmp_path, db_path):
    path = write_export(cli, tmp_path / "export.json")
    before = snapshot(db_path)
    out = cli("import", str(path)).stdout
    assert " 0 added, 0 updated" in out and "added, 0 updated, 0 unchanged" not in out.replace(" 0 added", "")
    assert all(" 0 added, 0 updated, " in line for line in out.splitlines()[1:])
    assert snapshot(db_path) == before


def test_the_newer_row_wins_either_way(cli, journal, tmp_path, monkeypatch):
    home = write_export(cli, tmp_path / "home.json")
    laptop = ["--db", str(tmp_path / "laptop.db")]
    cli(*laptop, "import", str(home))
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-25T09:00:00")
    cli(*laptop, "todo", "edit", "2", "--text", "Book a bigger room")  # later than the home copy
    out = cli("import", str(write_export(cli, tmp_path / "laptop.json", *laptop))).stdout
    assert "todos 0 added, 1 updated, 1 unchanged" in " ".join(out.split())
    assert json.loads(cli("todo", "list", "--json").stdout)[0]["text"] == "Book a bigger room"
    # The older home file does not undo the laptop's edit.
    out = cli(*laptop, "import", str(home)).stdout
    assert "todos 0 added, 0 updated, 2 unchanged" in " ".join(out.split())
    assert json.loads(cli(*laptop, "todo", "list", "--json").stdout)[0]["text"] == "Book a bigger room"


def test_rows_added_on_each_side_merge(cli, journal, tmp_path):
    laptop = ["--db", str(tmp_path / "laptop.db")]
    cli(*laptop, "import", str(write_export(cli, tmp_path / "home.json")))
    cli(*laptop, "todo", "add", "From the laptop", "--mentor", "ada")
    cli("todo", "add", "From home")
    cli("import", str(write_export(cli, tmp_path / "laptop.json", *laptop)))
    texts = {t["text"] for t in json.loads(cli("todo", "list", "--json").stdout)}
    assert {"From the laptop", "From home", "Book a room"} <= texts


def test_dry_run_counts_and_changes_nothing(cli, journal, tmp_path, db_path, monkeypatch):
    path = write_export(cli, tmp_path / "export.json")
    other = tmp_path / "other.db"
    out = cli("--db", str(other), "import", str(path), "--dry-run").stdout
    assert out.startswith(f"Would import {path} (a dry run: nothing was changed):")
    assert "todos 2 added" in " ".join(out.split())
    assert not other.exists()  # a dry run into no journal leaves none behind
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-25T09:00:00")
    cli("todo", "edit", "2", "--text", "Changed here")  # now the journal is newer
    before = snapshot(db_path)
    cli("--db", str(other), "import", str(path))
    out = cli("--db", str(other), "import", str(write_export(cli, tmp_path / "new.json")), "--dry-run").stdout
    assert "todos 0 added, 1 updated, 1 unchanged" in " ".join(out.split())
    assert json.loads(cli("--db", str(other), "todo", "list", "--json").stdout)[0]["text"] == "Book a room"
    assert snapshot(db_path) == before


def test_import_json_output(cli, journal, tmp_path):
    path = write_export(cli, tmp_path / "export.json")
    data = json.loads(cli("--db", str(tmp_path / "o.db"), "import", str(path), "--json").stdout)
    assert data["file"] == str(path) and data["dry_run"] is False
    assert data["tables"]["mentors"] == {"added": 2, "updated": 0, "unchanged": 0}


def test_an_export_without_rows_imports_nothing(cli, tmp_path):
    path = tmp_path / "empty.json"
    path.write_text('{"format": "mentorlog", "version": 1}')
    assert "nothing: the file holds no rows" in cli("import", str(path)).stdout


# --- bad files ------------------------------------------------------------------------------


def good(cli, tmp_path) -> str:
    return write_export(cli, tmp_path / "good.json").read_text()


def edit(text: str, change) -> str:
    data = json.loads(text)
    change(data)
    return json.dumps(data)


def drop_key(table, key):
    return lambda d: d[table][0].pop(key)


def set_key(table, key, value):
    return lambda d: d[table][0].__setitem__(key, value)


BAD = {
    "truncated": (lambda t: t[: len(t) // 2], "cut short"),
    "truncated at the end": (lambda t: t.rstrip()[:-1], "cut short"),
    "empty": (lambda t: "", "cut short"),
    "not json": (lambda t: "mentors,meetings\n1,2\n", "not a mentorlog export"),
    "a list": (lambda t: "[1, 2]", "not a mentorlog export"),
    "extra data": (lambda t: t + "{}", "more after"),
    "bad bytes": (lambda t: t.replace("Write first", "Write \udcff first"), "UTF-8"),
    "wrong format": (lambda t: edit(t, lambda d: d.__setitem__("format", "jrnl")), "not a mentorlog export"),
    "no format": (lambda t: edit(t, lambda d: d.pop("format")), "not a mentorlog export"),
    "newer version": (lambda t: edit(t, lambda d: d.__setitem__("version", 3)), "newer mentorlog"),
    "bad version": (lambda t: edit(t, lambda d: d.__setitem__("version", "1")), 'bad "version"'),
    "missing column": (lambda t: edit(t, drop_key("todos", "text")), "has no text"),
    "null required": (lambda t: edit(t, set_key("meetings", "held_at", None)), "has no held_at"),
    "missing uuid": (lambda t: edit(t, drop_key("advice", "uuid")), "has no uuid"),
    "bad updated_at": (lambda t: edit(t, set_key("advice", "updated_at", "yesterday")), "not an ISO time"),
    "unknown reference": (
        lambda t: edit(t, set_key("todos", "goal", "00000000-0000-4000-8000-000000000000")),
        "neither in the file nor in the journal",
    ),
    "unknown column": (lambda t: edit(t, set_key("todos", "colour", "blue")), "'colour'"),
    "unknown table": (lambda t: edit(t, lambda d: d.__setitem__("secrets", [])), "'secrets'"),
    "row not an object": (lambda t: edit(t, lambda d: d["todos"].__setitem__(0, "a todo")), "not an object"),
    "a list as a value": (lambda t: edit(t, set_key("advice", "text", ["career"])), "holds a list"),
    "bad status": (
        lambda t: edit(
            t, lambda d: d["todos"][0].update(status="maybe", updated_at="2030-01-01T00:00:00+00:00")
        ),
        "does not fit",
    ),
    "duplicate key": (lambda t: t.replace('"version": 2,', '"version": 2, "version": 2,', 1), "twice"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_file_changes_nothing(cli, journal, tmp_path, db_path, case):
    spoil, says = BAD[case]
    text = good(cli, tmp_path)
    cli("todo", "add", "Only here")  # the journal differs from the file, so a partial import would show
    before = snapshot(db_path)
    path = tmp_path / "bad.json"
    path.write_bytes(spoil(text).encode("utf-8", "surrogateescape"))
    other = tmp_path / "other.db"
    result = cli("import", str(path), code=1)
    assert says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and snapshot(db_path) == before
    # Into an empty journal too: none of the rows before the bad one stay.
    cli("--db", str(other), "import", str(path), code=1)
    if other.exists():  # a file that fails only at a row leaves the new, empty journal
        assert cli("--db", str(other), "mentor", "list", "--all", "--json").stdout.strip() == "[]"


def test_a_handle_taken_by_another_mentor_is_named(cli, journal, tmp_path):
    path = write_export(cli, tmp_path / "export.json")
    other = ["--db", str(tmp_path / "other.db")]
    cli(*other, "mentor", "add", "Ada Byron", "--handle", "ada")
    before = snapshot(tmp_path / "other.db")
    result = cli(*other, "import", str(path), code=1)
    assert "handle ('ada')" in result.stderr and "--handle" in result.stderr
    assert snapshot(tmp_path / "other.db") == before


def test_a_missing_file_is_named(cli, tmp_path):
    result = cli("import", str(tmp_path / "nope.json"), code=1)
    assert "There is no file" in result.stderr


# --- encrypted ------------------------------------------------------------------------------


def test_an_encrypted_export_imports_with_its_identity(cli, journal, tmp_path):
    key, public = age_key(tmp_path)
    sealed = tmp_path / "export.json.age"
    cli("export", "-o", str(sealed), "--encrypt-to", public)
    other = ["--db", str(tmp_path / "other.db")]
    result = cli(*other, "import", str(sealed), code=1)
    assert "--identity" in result.stderr
    cli(*other, "import", str(sealed), "--identity", str(key))
    assert export_json(cli, *other) == export_json(cli)


def test_a_wrong_key_changes_nothing(cli, journal, tmp_path, db_path):
    _, public = age_key(tmp_path)
    wrong, _ = age_key(tmp_path, "wrong.txt")
    sealed = tmp_path / "export.json.age"
    cli("export", "-o", str(sealed), "--encrypt-to", public)
    cli("todo", "add", "Only here")
    before = snapshot(db_path)
    result = cli("import", str(sealed), "--identity", str(wrong), code=1)
    assert "could not be decrypted" in result.stderr and snapshot(db_path) == before


def test_a_passphrase_export_imports_with_the_passphrase(cli, journal, tmp_path, monkeypatch):
    sealed = tmp_path / "export.json.age"
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse")
    cli("export", "-o", str(sealed), "--passphrase")
    other = ["--db", str(tmp_path / "other.db")]
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "wrong horse")
    assert "could not be decrypted" in cli(*other, "import", str(sealed), code=1).stderr
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse")
    cli(*other, "import", str(sealed))
    assert export_json(cli, *other) == export_json(cli)


def test_an_armored_export_imports_too(cli, journal, tmp_path):
    import base64

    key, public = age_key(tmp_path)
    plain = cli("export").stdout.encode()
    raw = pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(public)])
    armored = tmp_path / "export.json.asc"
    armored.write_bytes(
        b"-----BEGIN AGE ENCRYPTED FILE-----\n"
        + base64.encodebytes(raw)
        + b"-----END AGE ENCRYPTED FILE-----\n"
    )
    other = ["--db", str(tmp_path / "other.db")]
    cli(*other, "import", str(armored), "--identity", str(key))
    assert export_json(cli, *other) == export_json(cli)


@pytest.mark.parametrize(
    ("table", "key", "value", "message"),
    [
        ("meetings", "held_at", "yesterday", "held_at 'yesterday' is not"),
        ("todos", "due", "2026-02-30", "due '2026-02-30' is not a day"),
        ("todos", "due", "0000-01-01", "is not a day"),
        ("advice", "tags", "not json", "is not a list of tags"),
        ("advice", "tags", '["comms style"]', "is not a list of one-word tags"),  # search could not find it
        ("mentors", "handle", "a b\u001b[31m", "is not a handle"),
        ("mentors", "cadence", "FREQ=YEARLY;BYDAY=MO,TU", "is not a cadence"),
        ("mentors", "slot", "garbage", "is not a slot"),
        ("meetings", "minutes", 4.5, "is not a whole number"),
        ("todos", "text", 12, "is not text"),
        # Instants every view would overflow on, in UTC or in local time (issue 23)
        ("meetings", "held_at", "0001-01-01T00:00:00+00:00", "is not a date from 1900 to 9000"),
        ("meetings", "held_at", "9999-06-01T12:00:00+00:00", "is not a date from 1900 to 9000"),
        ("todos", "created_at", "9999-12-31T23:59:59-12:00", "is not a date from 1900 to 9000"),
        ("todos", "created_at", "9000-12-31T23:59:59-12:00", "is not a date from 1900 to 9000"),
        ("mentors", "next_checkin", "9999-12-30T10:00:00+00:00", "is not a date from 1900 to 9000"),
        ("mentors", "slot", "9999-12-30T10:00", "is not a date from 1900 to 9000"),
        ("todos", "due", "9999-12-31", "is not a date from 1900 to 9000"),
        ("advice", "given_on", "0900-01-01", "is not a date from 1900 to 9000"),
    ],
)
def test_hand_edited_values_are_refused_and_change_nothing(
    cli, tmp_path, db_path, table, key, value, message
):
    cli("mentor", "add", "Ada Lovelace", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    cli("log", "ada", "--notes", "n", "--todo", "t (due fri)", "--advice", "a")
    export = tmp_path / "e.json"
    cli("export", "-o", str(export))
    data = json.loads(export.read_text())
    data[table][0][key] = value
    data[table][0]["updated_at"] = "2030-01-01T00:00:00+00:00"
    export.write_text(json.dumps(data))
    before = snapshot(db_path)
    result = cli("import", str(export), code=1)
    assert message in result.stderr, result.stderr
    assert snapshot(db_path) == before
    cli("remind")  # everyday commands still read the journal


def test_a_long_value_is_decoded_in_time_linear_in_its_length(cli, tmp_path, monkeypatch):
    """A note of 2 MiB spans 32 of the reader's 64 KiB chunks; the reader once decoded it again
    from its start after each one (64 MiB of text for one note). Counted: the characters handed
    to the JSON decoder stay within a few times the file's length."""
    from mentorlog.formats import jsonfile

    cli("mentor", "add", "Ada Lovelace")
    note = "\n".join(f"Line {i} of a very long note about the roadmap." for i in range(45_000))
    cli("log", "ada", "--notes", note)
    path = tmp_path / "export.json"
    cli("export", "-o", str(path))
    scanned = 0
    real = jsonfile._DECODER

    class Counting:
        def raw_decode(self, text, pos):
            nonlocal scanned
            scanned += len(text) - pos
            return real.raw_decode(text, pos)

    monkeypatch.setattr(jsonfile, "_DECODER", Counting())
    cli("--db", str(tmp_path / "other.db"), "import", str(path))
    size = path.stat().st_size
    assert size > 2 * 2**20
    assert scanned < 6 * size, f"{scanned:,} characters decoded for a {size:,}-byte file"


def test_a_file_nested_thousands_deep_is_refused_not_an_internal_error(cli, ada, tmp_path, db_path):
    deep = tmp_path / "deep.json"
    deep.write_text(
        '{"format": "mentorlog", "version": 1, "mentors": [' + "[" * 100_000 + "]" * 100_000 + "]}"
    )
    before = snapshot(db_path)
    result = cli("import", str(deep), code=1)
    assert "nested too deeply" in result.stderr and "internal error" not in result.stderr
    assert snapshot(db_path) == before


def test_tags_nested_thousands_deep_are_refused(cli, tmp_path, db_path):
    cli("mentor", "add", "Ada Lovelace")
    cli("advice", "add", "ada", "Write first")
    export = tmp_path / "e.json"
    cli("export", "-o", str(export))
    data = json.loads(export.read_text())
    data["advice"][0]["tags"] = "[" * 100_000 + "]" * 100_000
    data["advice"][0]["updated_at"] = "2030-01-01T00:00:00+00:00"
    export.write_text(json.dumps(data))
    result = cli("import", str(export), code=1)
    assert "is not a list of tags" in result.stderr and "internal error" not in result.stderr


def _everything_but_time(path) -> dict:
    """Every row of every table and the schema, but the time the migrations ran and how the
    search index lays out its segments (written in another order, the same entries are packed
    differently): what the index holds is checked against its tables, row by row, instead."""
    import sqlite3

    conn = sqlite3.connect(path)
    state = snapshot(path)
    state["sqlite_master"] = sorted(conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
    for table in list(state):
        if table == "_sqlite_migrations" or table.endswith(("_fts_data", "_fts_idx")):
            del state[table]
    for (index,) in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"):
        conn.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
    conn.close()
    return state


@pytest.mark.parametrize(("after", "held"), [(1, 10_000), (3, 2)])
def test_a_big_import_indexes_and_records_set_wise_as_the_triggers_would(
    cli, journal, tmp_path, monkeypatch, after, held
):
    """Past ``bulk.AFTER`` rows of a table, the search index and the history are written a
    table at a time: the journal ends up exactly as when every row ran its triggers, its
    triggers are back, the words are found, doctor is content and undo takes it all away."""
    from mentorlog.journal.store import bulk

    monkeypatch.setattr(bulk, "HELD", held)
    for n in range(8):
        cli("todo", "add", f"Pebble number {n}", "--mentor", "ada")
    path = write_export(cli, tmp_path / "export.json")
    journals = {}
    for label, threshold in (("rows", 10**9), ("set-wise", after)):
        monkeypatch.setattr(bulk, "AFTER", threshold)
        db = tmp_path / f"{label}.db"
        cli("--db", str(db), "import", str(path))
        journals[label] = _everything_but_time(db)
        assert "Pebble number 7" in cli("--db", str(db), "search", "pebble").stdout
        assert "FAIL" not in cli("--db", str(db), "doctor").stdout
    assert journals["set-wise"] == journals["rows"]
    db = ["--db", str(tmp_path / "set-wise.db")]
    cli(*db, "undo", "--yes")
    assert json.loads(cli(*db, "todo", "list", "--json").stdout) == []


def test_a_row_given_twice_in_a_big_import_is_indexed_as_its_last(cli, journal, tmp_path, monkeypatch):
    """The second copy of a row updates the first while the first still waits for its index
    entry: the index must end up with the words of the copy that stays, and only those."""
    from mentorlog.journal.store import bulk

    monkeypatch.setattr(bulk, "AFTER", 1)
    for n in range(4):
        cli("todo", "add", f"Gravel {n}", "--mentor", "ada")
    data = json.loads(cli("export").stdout)
    todos = data["tables"]["todos"] if "tables" in data else data["todos"]
    again = {**todos[-1], "text": "Boulder instead", "updated_at": "2026-11-25T10:00:00+00:00"}
    todos.append(again)
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(data))
    db = ["--db", str(tmp_path / "twice.db")]
    out = " ".join(cli(*db, "import", str(path)).stdout.split())
    assert "todos 6 added, 1 updated" in out, out
    assert "Boulder instead" in cli(*db, "search", "boulder").stdout
    assert "Gravel 3" not in cli(*db, "search", "gravel").stdout
    assert "FAIL" not in cli(*db, "doctor").stdout
    _everything_but_time(tmp_path / "twice.db")  # FTS5's own check of the index against the table


def test_a_big_import_that_fails_late_changes_nothing(cli, journal, tmp_path, monkeypatch, db_path):
    from mentorlog.journal.store import bulk

    monkeypatch.setattr(bulk, "AFTER", 1)
    for n in range(4):
        cli("todo", "add", f"Sand {n}", "--mentor", "ada")
    data = json.loads(cli("export").stdout)
    todos = data["tables"]["todos"] if "tables" in data else data["todos"]
    todos[-1]["due"] = "not a day"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    other = tmp_path / "other.db"
    cli("--db", str(other), "mentor", "add", "Zed Quill")
    before = _everything_but_time(other)
    result = cli("--db", str(other), "import", str(path), code=None)
    assert result.exit_code != 0 and "not a day" in result.stderr
    assert _everything_but_time(other) == before
