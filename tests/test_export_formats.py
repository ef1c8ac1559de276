"""What each export format guarantees to the programs that read it: Markdown that a CommonMark
parser reads as one heading tree, csv a spreadsheet cannot run, json of the types ``--json``
gives and of the shape its shipped JSON Schema says (the conftest checks every json export of
the suite against it; here the schema itself, and version 1 files, are tested)."""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

import pytest

markdown_it = pytest.importorskip("markdown_it")
jsonschema = pytest.importorskip("jsonschema")

NOTES = (
    "# Design review debrief\n\nWhat went well.\n\n## Trade-offs\n\nSpeed or safety.\n\n"
    "### Risks\n\n#### Minor\n\n##### Tiny\n\n###### Smallest\n\n"
    "Setext title\n============\n\nAnother one\n-----------\n\n"
    "```\n# not a heading, code\n```\n\n- # a heading in a list\n\n> ## one in a quote\n\n#hashtag"
)


@pytest.fixture
def journal(cli):
    cli("mentor", "add", "Ada Lovelace", "--every", "weekly")
    cli("mentor", "add", "Grace Hopper", "--informal")
    cli(
        "log", "ada", "--on", "2026-11-10 15:00", "--notes", NOTES,
        "--todo", "=HYPERLINK(\"http://evil.example\",\"click\")",
        "--advice", "# not a heading either", "--thanks", "@ada thanks",
    )  # fmt: skip
    cli("log", "ada", "--on", "2026-11-17 15:00", "--notes", "# Second\n\nShort.", "--late")
    cli("log", "grace", "--on", "2026-11-20 10:00", "--notes", "Title\n===\n\n+1 for José", "--rescheduled")
    cli("advice", "add", "grace", "--tag", "career", "--tag", "habits", "--", "-5 meetings a week")
    cli("todo", "add", "\tTabbed", "--mentor", "grace")
    return "ada"


def headings(text: str) -> list[tuple[int, str]]:
    """Every heading a CommonMark parser finds, as (level, text), in order."""
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    return [(int(t.tag[1]), tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]


def assert_one_tree(found: list[tuple[int, str]], top: int) -> None:
    """One root at level ``top``; each heading at most one level deeper than the one before."""
    assert found[0][0] == top and all(level > top for level, _ in found[1:]), found
    for (before, _), (level, title) in itertools.pairwise(found):
        assert level <= before + 1, f"{title!r} jumps from level {before} to {level}: {found}"


def under(found: list[tuple[int, str]], title: str) -> list[tuple[int, str]]:
    """The headings nested under the first heading called ``title``."""
    start = next(i for i, (_, t) in enumerate(found) if t == title)
    level = found[start][0]
    out = []
    for lv, t in found[start + 1 :]:
        if lv <= level:
            break
        out.append((lv, t))
    return out


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_document_is_one_tree_mentor_check_in_note(cli, journal):
    found = headings(cli("export", "--format", "markdown").stdout)
    assert_one_tree(found, 1)
    assert [t for lv, t in found if lv == 2] == ["Ada Lovelace (ada)", "Grace Hopper (grace)"]
    ada = under(found, "Ada Lovelace (ada)")
    checkins = [t for lv, t in ada if lv == 3]
    assert checkins == ["Check-in Tue 10 Nov 2026 15:00", "Check-in Tue 17 Nov 2026 15:00, late"]
    note = under(ada, "Check-in Tue 10 Nov 2026 15:00")
    assert note[:8] == [
        (4, "Design review debrief"),
        (5, "Trade-offs"),
        (6, "Risks"),
        (6, "Minor"),
        (6, "Tiny"),
        (6, "Smallest"),
        (4, "Setext title"),
        (5, "Another one"),
    ]
    titles = [t for _, t in found]
    assert "a heading in a list" in titles and "one in a quote" in titles
    assert "not a heading, code" not in " ".join(titles)
    assert not any("not a heading either" in t or "HYPERLINK" in t for t in titles)  # items add none
    assert (4, "Second") in under(ada, "Check-in Tue 17 Nov 2026 15:00, late")
    assert (4, "Title") in under(found, "Grace Hopper (grace)")


def test_markdown_keeps_the_note_text_apart_from_its_headings(cli, journal):
    out = cli("export", "--format", "markdown").stdout
    assert "#### Design review debrief\n\nWhat went well." in out
    assert "```\n# not a heading, code\n```" in out
    assert "#hashtag" in out


def test_markdown_notes_folder_has_one_top_heading_per_file(cli, journal, tmp_path):
    folder = tmp_path / "notes"
    cli("export", "--format", "markdown", "-o", f"{folder}/")
    files = sorted(folder.glob("*.md"))
    assert files
    for path in files:
        body = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        found = headings(body)
        assert_one_tree(found, 1)
    note = headings((folder / "2026-11-10 ada.md").read_text().split("---\n", 2)[-1])
    assert note[1:3] == [(2, "Design review debrief"), (3, "Trade-offs")]


def test_report_gains_no_heading_from_what_was_typed(cli, journal):
    cli("advice", "add", "ada", "## Ask for feedback", "--on", "2026-11-11")
    cli("advice", "apply", "3", "# Asked twice", "--outcome", "worked", "--on", "2026-11-12")
    out = cli("report", "ada", "--since", "2026-11-01").stdout
    found = headings(out)
    assert_one_tree(found, 1)
    assert all(lv == 2 for lv, _ in found[1:]), found
    assert "**\\## Ask for feedback**" in out and "\\# Asked twice" in out


# --- csv -----------------------------------------------------------------------------------


def sheet(folder: Path, name: str) -> list[dict]:
    with (folder / f"{name}.csv").open(newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_csv_cells_never_start_a_formula(cli, journal, tmp_path):
    folder = tmp_path / "csv"
    cli("export", "--format", "csv", "-o", str(folder))
    for path in folder.glob("*.csv"):
        with path.open(newline="", encoding="utf-8-sig") as f:
            for row in csv.reader(f):
                for value in row:
                    assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, value)
    todos = sheet(folder, "todos")
    assert todos[0]["text"] == '\'=HYPERLINK("http://evil.example","click")'
    assert todos[1]["text"] == "'\tTabbed"
    assert sheet(folder, "thanks")[0]["text"] == "'@ada thanks"
    assert [a["text"] for a in sheet(folder, "advice")][-1] == "'-5 meetings a week"
    assert sheet(folder, "meetings")[2]["notes"] == "Title\n===\n\n+1 for José"  # only a cell's start counts


def test_csv_has_ids_handles_and_meeting_ids_beside_the_uuids(cli, journal, tmp_path):
    folder = tmp_path / "csv"
    cli("export", "--format", "csv", "-o", str(folder))
    data = json.loads(cli("export").stdout)
    todos = sheet(folder, "todos")
    assert list(todos[0])[:1] == ["id"]
    assert [t["id"] for t in todos] == ["1", "2"]
    assert todos[0]["mentor_handle"] == "ada" and todos[1]["mentor_handle"] == "grace"
    assert todos[0]["meeting_id"] == "1" and todos[1]["meeting_id"] == ""
    assert todos[0]["mentor"] == data["todos"][0]["mentor"]  # the uuid stays
    header = list(todos[0])
    assert header.index("mentor_handle") == header.index("mentor") + 1
    meetings = sheet(folder, "meetings")
    assert [(m["id"], m["mentor_handle"]) for m in meetings] == [("1", "ada"), ("2", "ada"), ("3", "grace")]
    assert sheet(folder, "mentors")[0]["id"] == "1"
    assert sheet(folder, "applications") == [] or "advice_id" in sheet(folder, "applications")[0]


def test_csv_starts_with_a_bom_for_excel(cli, journal, tmp_path):
    folder = tmp_path / "csv"
    cli("export", "--format", "csv", "-o", str(folder))
    raw = (folder / "meetings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")
    assert "José".encode() in raw  # UTF-8, which the BOM tells Excel


# --- json ----------------------------------------------------------------------------------


def test_json_values_have_the_types_of_json_output(cli, journal):
    data = json.loads(cli("export").stdout)
    assert data["version"] == 2
    advice = next(a for a in data["advice"] if a["text"] == "-5 meetings a week")
    assert advice["tags"] == ["career", "habits"]
    listed = json.loads(cli("advice", "list", "--json").stdout)
    assert next(a for a in listed if a["text"] == "-5 meetings a week")["tags"] == advice["tags"]
    meetings = data["meetings"]
    assert [(m["late"], m["rescheduled"]) for m in meetings] == [(False, False), (True, False), (False, True)]
    shown = json.loads(cli("meeting", "list", "--json").stdout)
    assert {type(m["late"]) for m in shown} == {bool}


def test_export_import_export_is_the_same(cli, journal, tmp_path, monkeypatch):
    first = cli("export").stdout
    path = tmp_path / "all.json"
    path.write_text(first)
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "other.db"))
    cli("import", str(path))
    again = json.loads(cli("export").stdout)
    before = json.loads(first)
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in before.items() if k != "exported_at"
    }


def version_1(text: str) -> str:
    """A version 2 export as mentorlog wrote it before: tags JSON text, flags 0/1."""
    data = json.loads(text)
    data["version"] = 1
    for rows in data.values():  # every concept with tags, as version 1 wrote any tags column
        for row in rows if isinstance(rows, list) else []:
            if "tags" in row:
                row["tags"] = json.dumps(row["tags"], ensure_ascii=False)
    for row in data["meetings"]:
        row["late"], row["rescheduled"] = int(row["late"]), int(row["rescheduled"])
    return json.dumps(data, ensure_ascii=False)


def test_import_still_reads_version_1(cli, journal, tmp_path, monkeypatch):
    v2 = cli("export").stdout
    old = tmp_path / "old.json"
    old.write_text(version_1(v2))
    assert '"tags": "[' in old.read_text() and '"late": 1' in old.read_text()
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "other.db"))
    out = cli("import", str(old)).stdout
    assert "advice" in out
    again = json.loads(cli("export").stdout)
    assert again["advice"] == json.loads(v2)["advice"]
    assert again["meetings"] == json.loads(v2)["meetings"]


def test_the_schema_is_shipped_and_describes_every_column(db_path, cli, journal):
    import sqlite3

    from mentorlog.formats import jsonfile
    from mentorlog.journal.store.dump import tables

    schema = jsonfile.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["version"] == {**schema["properties"]["version"], "const": jsonfile.VERSION}
    conn = sqlite3.connect(db_path)
    for table in tables(conn):
        described = schema["properties"][table.name]["items"]["properties"]
        assert set(table.keys()) == set(described), table.name
    packaged = Path(jsonfile.__file__).with_name(jsonfile.SCHEMA)
    assert packaged.is_file()


def test_the_schema_refuses_what_is_not_an_export(cli, journal):
    from mentorlog.formats import jsonfile

    validator = jsonschema.Draft202012Validator(jsonfile.schema())
    data = json.loads(cli("export").stdout)
    assert validator.is_valid(data)
    data["meetings"][0]["late"] = 1  # the version 1 type
    assert not validator.is_valid(data)
    data = json.loads(cli("export").stdout)
    data["advice"][0]["tags"] = '["career"]'
    assert not validator.is_valid(data)
