"""export: json (the file import reads), markdown (one document or a notes folder), csv, ics;
filters that keep references whole; never over a file without --force, never through a
symlink, files 0600; encryption with age."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import stat
import subprocess
from datetime import date

import pytest

from helpers import age_identity, age_key, snapshot

pyrage = pytest.importorskip("pyrage")
yaml = pytest.importorskip("yaml")

TABLES = {"mentors", "meetings", "todos", "advice", "applications", "topics", "thanks", "goals"}


@pytest.fixture
def story(made_once, cli, ada):
    """Two mentors, a check-in each, and a bit of everything, some of it under no mentor."""
    made_once(_story)
    return "ada"


def _story(cli):
    cli("goal", "add", "Lead a project", "--mentor", "ada", "--by", "2027-03-01")
    cli("goal", "add", "Read more")
    cli("topic", "add", "ada", "How do I ask for a raise?", "--kind", "concern")
    cli(
        "log", "ada", "--on", "2026-11-10 15:00", "--minutes", "45",
        "--notes", "Talked about the RFC.\n# a heading in the notes",
        "--todo", "Draft the RFC (due 2026-11-20)", "--advice", "Write the summary first",
        "--thanks", "Thanks for the time", "--raised", "1",
    )  # fmt: skip
    cli("advice", "add", "ada", "Say no more often", "--tag", "career", "--tag", "habits")
    cli("advice", "apply", "1", "Wrote the summary first", "--outcome", "worked", "--on", "2026-11-12")
    cli("todo", "done", "1", "--on", "2026-11-18")
    cli("todo", "add", "Book a room", "--mentor", "ada", "--due", "2026-12-01", "--goal", "1")
    cli("todo", "add", "Stretch", "--goal", "2")
    cli("log", "grace", "--on", "2026-11-20 10:00", "--notes", "Coffee \x1b[31m chat \u0085 café")
    cli("thanks", "add", "grace", "For the intro", "--on", "2026-11-21")


def exported(cli, *args) -> dict:
    return json.loads(cli("export", *args).stdout)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- json ---------------------------------------------------------------------------------


def test_json_has_the_header_every_table_and_references_by_uuid(cli, story):
    data = exported(cli)
    assert data["format"] == "mentorlog" and data["version"] == 2
    assert data["exported_at"] == "2026-11-24T10:00:00+00:00"
    assert set(data) >= TABLES
    ada = next(m for m in data["mentors"] if m["handle"] == "ada")
    draft = next(t for t in data["todos"] if t["text"] == "Draft the RFC")
    assert draft["mentor"] == ada["uuid"] and draft["meeting"] == data["meetings"][0]["uuid"]
    # References go by uuid; a row's own id travels too, so an import keeps it where free (SPEC §1).
    assert not any("mentor_id" in row for rows in data.values() if isinstance(rows, list) for row in rows)
    assert all(isinstance(row["id"], int) for rows in data.values() if isinstance(rows, list) for row in rows)
    assert [a["what"] for a in data["applications"]] == ["Wrote the summary first"]


def test_json_escapes_what_a_terminal_would_act_on_and_keeps_the_text(cli, story):
    out = cli("export").stdout
    assert "\x1b" not in out and "\u0085" not in out
    assert "\\u001b" in out and "\\u0085" in out
    notes = {m["notes"] for m in json.loads(out)["meetings"]}
    assert "Coffee \x1b[31m chat \u0085 café" in notes


def test_export_to_a_file_is_private_and_never_replaces_one_without_force(cli, story, tmp_path):
    target = tmp_path / "out" / "journal.json"
    out = cli("export", "-o", str(target)).stdout
    assert f"to {target}" in out and "2 mentors" in out
    assert mode(target) == 0o600 and mode(target.parent) == 0o700
    assert json.loads(target.read_text())["format"] == "mentorlog"
    target.write_text("mine")
    result = cli("export", "-o", str(target), code=2)
    assert "exists already" in result.stderr and "--force" in result.stderr
    assert target.read_text() == "mine"
    cli("export", "-o", str(target), "--force")
    assert json.loads(target.read_text())["version"] == 2 and mode(target) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["journal.json"]  # no temporary left


def test_export_never_writes_through_a_symlink(cli, story, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("keep")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = cli("export", "-o", str(link), "--force", code=2)
    assert "symbolic link" in result.stderr
    assert real.read_text() == "keep" and link.is_symlink()


def test_export_never_puts_a_file_in_a_pipes_place(cli, story, tmp_path):
    import os
    import stat

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = cli("export", "-o", str(fifo), "--force", code=2)
    assert f"{fifo} is not a regular file" in result.stderr and stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_folder_for_json_gets_a_dated_file(cli, story, tmp_path):
    folder = tmp_path / "sync"
    folder.mkdir()
    cli("export", "-o", str(folder))
    assert json.loads((folder / "mentorlog-2026-11-24.json").read_text())["format"] == "mentorlog"


# --- filters --------------------------------------------------------------------------------


def test_mentor_filter_keeps_that_mentors_rows_and_what_they_refer_to(cli, story, tmp_path, db_path):
    data = exported(cli, "--mentor", "ada")
    assert [m["handle"] for m in data["mentors"]] == ["ada"]
    assert {t["text"] for t in data["todos"]} == {"Draft the RFC", "Book a room"}
    assert {t["text"] for t in data["thanks"]} == {"Thanks for the time"}
    assert [g["text"] for g in data["goals"]] == ["Lead a project"]
    assert len(data["meetings"]) == 1 and len(data["applications"]) == 1
    # The filtered file stands on its own: it imports into an empty journal.
    path = tmp_path / "ada.json"
    path.write_text(json.dumps(data))
    cli("--db", str(tmp_path / "new.db"), "import", str(path))


def test_period_filter_brings_the_parents_of_what_it_keeps(cli, story):
    data = exported(cli, "--since", "2026-11-11", "--until", "2026-11-19")
    # The application of 12 Nov is in; its advice (given 10 Nov) and that check-in come along.
    assert [a["on_date"] for a in data["applications"]] == ["2026-11-12"]
    assert [a["text"] for a in data["advice"]] == ["Write the summary first"]
    assert [m["held_at"][:10] for m in data["meetings"]] == ["2026-11-10"]
    assert data["thanks"] == [] and data["todos"] == []
    assert {m["handle"] for m in data["mentors"]} == {"ada", "grace"}  # mentors have no date


def test_period_bounds_are_whole_days(cli, story):
    data = exported(cli, "--since", "2026-11-20", "--mentor", "grace")
    assert [m["held_at"] for m in data["meetings"]] == ["2026-11-20T10:00:00+00:00"]  # held 10:00 that day
    data = exported(cli, "--since", "2026-11-21", "--mentor", "grace")
    assert data["meetings"] == [] and [t["text"] for t in data["thanks"]] == ["For the intro"]
    data = exported(cli, "--until", "2026-11-10")
    assert [m["held_at"] for m in data["meetings"]] == ["2026-11-10T15:00:00+00:00"]  # held 15:00 that day
    assert data["applications"] == [] and data["thanks"][0]["on_date"] == "2026-11-10"


def test_a_goal_outside_the_mentor_comes_along_with_its_todo(cli, story):
    cli("todo", "edit", "2", "--goal", "2")  # ada's todo now serves a goal under no mentor
    data = exported(cli, "--mentor", "ada")
    assert {g["text"] for g in data["goals"]} == {"Lead a project", "Read more"}


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["--mentor", "nobody", "-o", "OUT"], 1, "no mentor"),
        (["--since", "03/04/2026", "-o", "OUT"], 2, "--since"),
        (["--since", "2026-11-20", "--until", "2026-11-01", "-o", "OUT"], 2, "after --until"),
        (["--format", "csv"], 2, "folder"),
        (["--format", "yaml", "-o", "OUT"], 2, "yaml"),
        (["--encrypt-to", "age1notakey", "-o", "OUT"], 2, "not an age"),
        (["--encrypt-to", "AGE-SECRET-KEY-1XYZ", "-o", "OUT"], 2, "secret key"),
    ],
)
def test_bad_export_options(cli, story, db_path, tmp_path, args, code, says):
    before = snapshot(db_path)
    out = str(tmp_path / "x" / "out")
    result = cli("export", *(out if a == "OUT" else a for a in args), code=code)
    assert says in result.stderr
    assert not (tmp_path / "x").exists() and snapshot(db_path) == before


def test_export_without_a_journal_says_so(cli, db_path):
    result = cli("export", code=1)
    assert "no journal" in result.stderr and not db_path.exists()


# --- markdown ---------------------------------------------------------------------------


def test_markdown_document_by_mentor_and_date(cli, story):
    out = cli("export", "--format", "markdown").stdout
    assert out.index("## Ada Lovelace (ada)") < out.index("### Check-in Tue 10 Nov 2026 15:00, 45 min")
    assert out.index("## Grace Hopper (grace)") < out.index("### Check-in Fri 20 Nov 2026 10:00")
    assert "- [x] Draft the RFC (due 2026-11-20; done 2026-11-18)" in out
    assert "- [ ] Book a room (due 2026-12-01)" in out
    assert "  - Applied 2026-11-12: Wrote the summary first → worked" in out
    assert "## Without a mentor" in out and "- [ ] Stretch" in out


def front(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_markdown_notes_folder(cli, story, tmp_path):
    folder = tmp_path / "vault"
    out = cli("export", "--format", "markdown", "-o", f"{folder}/").stdout
    assert "(5 files)" in out
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "2026-11-10 ada.md",
        "2026-11-20 grace.md",
        "Ada Lovelace.md",
        "Grace Hopper.md",
        "Without a mentor.md",
    ]
    assert mode(folder) == 0o700 and all(mode(p) == 0o600 for p in folder.iterdir())
    note = (folder / "2026-11-10 ada.md").read_text()
    meta = front(note)
    assert meta["mentor"] == "Ada Lovelace" and meta["date"] == date(2026, 11, 10)
    assert meta["minutes"] == 45 and "mentorlog" in meta["tags"]
    assert "# Check-in with [[Ada Lovelace]]" in note
    assert "- [x] Draft the RFC" in note and "(concern) How do I ask for a raise?" in note
    grace = (folder / "2026-11-20 grace.md").read_text()
    assert front(grace)["minutes"] is None and "Coffee \x1b[31m chat \u0085 café" in grace
    mentor = (folder / "Ada Lovelace.md").read_text()
    assert front(mentor)["handle"] == "ada" and "- [[2026-11-10 ada]]" in mentor
    assert "- [ ] Book a room (due 2026-12-01)" in mentor


def test_notes_folder_names_are_distinct_and_allowed_on_macos_and_windows(cli, tmp_path):
    """Café typed in NFC and in NFD are one file on macOS; COM¹, LPT² and NUL.txt are devices
    on Windows (issue 23)."""
    import unicodedata

    def name_key(name):  # one file on macOS and Windows
        return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())

    names = ["Café", "Cafe\u0301", "CAFÉ", "COM¹", "lpt²", "nul.txt", "Aux . ", "CONIN$"]
    for n, name in enumerate(names):
        cli("mentor", "add", name, "--handle", f"m{n}")
        cli("log", f"m{n}", "--on", "2026-11-10 15:00", "--notes", f"with {name}")
    folder = tmp_path / "notes"
    cli("export", "--format", "markdown", "-o", f"{folder}/")
    files = [p.name for p in folder.iterdir()]
    assert len({name_key(f) for f in files}) == len(files) == 2 * len(names)
    reserved = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
        f"{p}{d}" for p in ("COM", "LPT") for d in "0123456789¹²³"
    }
    for f in files:
        assert unicodedata.is_normalized("NFC", f), f
        assert f.split(".")[0].rstrip(" ").upper() not in reserved, f
        assert not f.removesuffix(".md").endswith((" ", ".")), f
    again = cli("export", "--format", "markdown", "-o", f"{folder}/", "--force")
    assert again.exit_code == 0 and len(list(folder.iterdir())) == 2 * len(names)


def test_markdown_folder_never_overwrites_without_force(cli, story, tmp_path):
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / "Ada Lovelace.md").write_text("my own note")
    result = cli("export", "--format", "markdown", "-o", str(folder), code=2)
    assert "Ada Lovelace.md" in result.stderr and "--force" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["Ada Lovelace.md"]  # nothing written at all
    cli("export", "--format", "markdown", "-o", str(folder), "--force")
    assert front((folder / "Ada Lovelace.md").read_text())["handle"] == "ada"


def test_markdown_folder_refuses_a_symlink_inside_even_with_force(cli, story, tmp_path):
    folder = tmp_path / "vault"
    folder.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    (folder / "Grace Hopper.md").symlink_to(outside)
    result = cli("export", "--format", "markdown", "-o", str(folder), "--force", code=2)
    assert "symbolic link" in result.stderr and outside.read_text() == "keep"


def test_hostile_names_make_safe_files_and_exact_front_matter(cli, tmp_path):
    name = '../.Evil: "boss"\x1b[31m\nCON #1 [x] | \u202eright \\ é'
    cli("mentor", "add", name, "--handle", "evil")
    cli("mentor", "add", "...", "--handle", "dots")
    cli("log", "evil", "--on", "2026-11-20 10:00", "--notes", "one")
    cli("log", "evil", "--on", "2026-11-20 16:00", "--notes", "two")
    cli("log", "dots", "--on", "2026-11-20 16:00", "--notes", "three")
    folder = tmp_path / "vault"
    cli("export", "--format", "markdown", "-o", f"{folder}/")
    names = sorted(p.name for p in folder.iterdir())
    assert "2026-11-20 evil.md" in names and "2026-11-20 evil 2.md" in names
    assert "dots.md" in names  # a name of dots alone falls back to the handle
    for n in names:
        assert "/" not in n and not n.startswith(".") and n.isprintable() and "\u202e" not in n
    [mentor_file] = [n for n in names if n.startswith("Evil")]
    note = (folder / "2026-11-20 evil.md").read_text()
    assert front(note)["mentor"] == name  # YAML gives back the exact name
    assert f"[[{mentor_file[:-3]}]]" in note  # the link names the file


# --- csv ----------------------------------------------------------------------------------


def test_csv_writes_a_file_per_table_that_reads_back(cli, story, tmp_path):
    folder = tmp_path / "csv"
    cli("export", "--format", "csv", "-o", str(folder))
    data = exported(cli)
    assert {p.stem for p in folder.iterdir()} >= TABLES
    with (folder / "meetings.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["notes"] for r in rows] == [m["notes"] for m in data["meetings"]]
    assert rows[0]["mentor"] == data["meetings"][0]["mentor"] and rows[0]["minutes"] == "45"
    with (folder / "todos.csv").open(newline="", encoding="utf-8") as f:
        todos = list(csv.DictReader(f))
    assert todos[2]["mentor"] == "" and todos[2]["text"] == "Stretch"
    assert all(mode(p) == 0o600 for p in folder.iterdir())


def test_csv_refuses_a_file_as_its_folder(cli, story, tmp_path):
    target = tmp_path / "x.csv"
    target.write_text("mine")
    assert "is a file" in cli("export", "--format", "csv", "-o", str(target), code=2).stderr
    assert target.read_text() == "mine"


# --- ics ----------------------------------------------------------------------------------


def test_ics_parses_back_with_icalendar(cli, story):
    from icalendar import Calendar

    out = cli("export", "--format", "ics").stdout
    calendar = Calendar.from_ical(out)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Check-in with Ada Lovelace"
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["INTERVAL"] == [2]
    assert (event["DTEND"].dt - event["DTSTART"].dt).total_seconds() == 45 * 60  # her last check-in's length
    [todo] = calendar.walk("VTODO")  # the open todo with a due date; "Stretch" has none
    assert str(todo["SUMMARY"]) == "Book a room" and todo["DUE"].dt == date(2026, 12, 1)


def test_ics_filters_by_mentor_and_by_due_date(cli, story):
    from icalendar import Calendar

    grace = Calendar.from_ical(cli("export", "--format", "ics", "--mentor", "grace").stdout)
    assert grace.walk("VEVENT") == [] and grace.walk("VTODO") == []
    later = Calendar.from_ical(cli("export", "--format", "ics", "--since", "2026-11-30").stdout)
    assert [str(t["SUMMARY"]) for t in later.walk("VTODO")] == ["Book a room"]
    assert later.walk("VEVENT") == []  # the next check-in is on 24 Nov


def test_ics_writes_control_and_bidi_characters_as_visible_escapes(cli, ada, tmp_path):
    """RFC 5545 allows no control character in text but tab (newlines are escaped); a strict
    parser rejects the whole calendar for one ESC (issue 23). Bidi overrides would make a title
    read other than it is."""
    import sqlite3

    conn = sqlite3.connect(tmp_path / "journal.db")
    conn.execute("UPDATE mentors SET name = 'Ada \x07Love\u202elace' WHERE handle = 'ada'")
    conn.commit()
    conn.close()
    cli("todo", "add", "Book \x1b[31ma room\x7f\u2066", "--mentor", "ada", "--due", "2026-12-01")
    raw = cli("export", "--format", "ics").stdout
    assert not re.search("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", raw)
    from icalendar import Calendar

    calendar = Calendar.from_ical(raw)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Check-in with Ada \\x07Love\\u202elace"
    [todo] = calendar.walk("VTODO")
    assert str(todo["SUMMARY"]) == "Book \\x1b[31ma room\\x7f\\u2066"
    assert str(todo["DESCRIPTION"]) == "For Ada \\x07Love\\u202elace"


# --- encryption ---------------------------------------------------------------------------


def test_encrypted_export_opens_with_the_identity(cli, story, tmp_path):
    key, public = age_key(tmp_path)
    target = tmp_path / "journal.json.age"
    cli("export", "-o", str(target), "--encrypt-to", public)
    sealed = target.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1\n") and b"Ada" not in sealed
    assert mode(target) == 0o600
    assert json.loads(pyrage.decrypt(sealed, [age_identity(key)]))["format"] == "mentorlog"
    if shutil.which("age"):
        opened = subprocess.run(["age", "-d", "-i", str(key), str(target)], capture_output=True, check=True)
        assert json.loads(opened.stdout)["mentors"][0]["handle"] == "ada"


def test_passphrase_export_from_the_environment(cli, story, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse")
    target = tmp_path / "journal.md.age"
    cli("export", "--format", "markdown", "-o", str(target), "--passphrase")
    text = pyrage.passphrase.decrypt(target.read_bytes(), "correct horse").decode()
    assert text.startswith("# mentorlog journal")


def test_encrypted_export_is_refused_on_a_terminal_and_for_a_folder(cli, story, tmp_path, monkeypatch):
    _, public = age_key(tmp_path)
    import mentorlog.cli.transfer as transfer

    monkeypatch.setattr(transfer, "is_terminal", lambda stream: True)
    assert "-o PATH" in cli("export", "--encrypt-to", public, code=2).stderr
    monkeypatch.undo()
    folder = tmp_path / "vault"
    result = cli("export", "-f", "markdown", "-o", f"{folder}/", "--encrypt-to", public, code=2)
    assert "one file" in result.stderr and not folder.exists()


def test_encrypted_export_may_go_to_a_pipe(cli, story, tmp_path):
    key, public = age_key(tmp_path)
    out = cli("export", "--encrypt-to", public).stdout_bytes
    assert json.loads(pyrage.decrypt(out, [age_identity(key)]))["version"] == 2


def test_both_kinds_of_encryption_at_once_is_a_usage_error(cli, story, tmp_path, monkeypatch):
    _, public = age_key(tmp_path)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "x")
    result = cli("export", "-o", str(tmp_path / "o"), "--encrypt-to", public, "--passphrase", code=2)
    assert "not both" in result.stderr and not (tmp_path / "o").exists()


# --- progress -------------------------------------------------------------------------------


def test_no_progress_bar_when_piped(cli, story):
    result = cli("export")
    assert result.stderr == ""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_progress_bar_on_a_terminal_for_a_big_journal(tmp_path):
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    db = tmp_path / "big.db"
    generate = [sys.executable, str(root / "bench" / "generate.py"), str(db), "--scale", "0.35"]
    subprocess.run(
        generate, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(root / "src")}
    )
    primary, secondary = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "mentorlog", "--db", str(db), "export", "-o", str(tmp_path / "e.json")],
        stdout=secondary, stderr=secondary, env=env, timeout=60,
    )  # fmt: skip
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(primary)
    assert proc.returncode == 0
    assert b"Exporting" in seen and b"Exported" in seen
