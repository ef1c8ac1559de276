"""`search` through the CLI (SPEC §2 search, §4 output): ranking, filters, accents, hostile
queries, escaping, errors and the JSON keys. The query grammar and the index itself are tested
in test_search.py."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import snapshot

KEYS = {"kind", "id", "uuid", "mentor", "date", "text", "snippet"}  # uuid: SPEC §4, every row


def found(cli, *args) -> list[dict]:
    return json.loads(cli("search", "--json", *args).stdout)


def pairs(cli, *args) -> list[tuple[str, int]]:
    return [(h["kind"], h["id"]) for h in found(cli, *args)]


@pytest.fixture
def journal(made_once, cli, ada):
    """One entry of each kind, spread over mentors and dates, most of them about the roadmap."""
    made_once(_journal)
    return cli


def _journal(cli):
    cli(
        "log",
        "ada",
        "--on",
        "2026-03-10 15:00",
        "--notes",
        "Quarterly planning\nThe Café roadmap and latency.",
    )
    cli("todo", "add", "Roadmap roadmap: finish the roadmap draft", "--mentor", "grace")  # todo 1
    cli("advice", "add", "ada", "Share the roadmap early", "--on", "2026-06-01")  # advice 1
    cli("advice", "apply", "1", "Sent the roadmap a week ahead", "--on", "2026-06-03")  # application 1
    cli("topic", "add", "grace", "How do promotions work here?")  # topic 1
    cli("thanks", "add", "grace", "Thanks for the roadmap review", "--on", "2026-09-30")  # thanks 1
    cli("goal", "add", "Write the résumé")  # goal 1


def test_ranking_best_match_first(journal):
    hits = found(journal, "roadmap")
    # The todo says roadmap three times in a short text; every other entry says it once.
    assert hits[0]["kind"] == "todo" and hits[0]["id"] == 1
    assert {(h["kind"], h["id"]) for h in hits} == {
        ("todo", 1),
        ("meeting", 1),
        ("advice", 1),
        ("application", 1),
        ("thanks", 1),
    }
    text = journal("search", "roadmap").stdout.splitlines()
    assert len(text) == 5
    assert text[0].split()[:2] == ["todo", "1"]  # the text view keeps the same order


def test_one_line_per_hit_with_kind_id_mentor_date_snippet(journal):
    out = journal("search", "latency").stdout
    # the day as every view shows one (--json keeps ISO)
    assert out == "meeting 1  ada  Tue 10 Mar  Quarterly planning The Café roadmap and latency.\n"
    [hit] = found(journal, "latency")
    assert set(hit) == KEYS
    assert len(hit.pop("uuid")) == 36
    assert hit == {
        "kind": "meeting",
        "id": 1,
        "mentor": "ada",
        "date": "2026-03-10",
        "text": "Quarterly planning",
        "snippet": "Quarterly planning The Café roadmap and latency.",
    }


def test_filters(journal):
    assert pairs(journal, "roadmap", "--kind", "advice") == [("advice", 1)]
    assert pairs(journal, "roadmap", "--kind", "THANKS") == [("thanks", 1)]
    assert {k for k, _ in pairs(journal, "roadmap", "--mentor", "grace")} == {"todo", "thanks"}
    # An application belongs to the mentor of its advice.
    assert set(pairs(journal, "roadmap", "--mentor", "ada")) == {
        ("meeting", 1),
        ("advice", 1),
        ("application", 1),
    }
    assert set(pairs(journal, "roadmap", "--since", "2026-06-01", "--until", "2026-06-03")) == {
        ("advice", 1),
        ("application", 1),
    }
    # A bare day covers the whole day, at either end.
    assert pairs(journal, "roadmap", "--since", "2026-03-10", "--until", "2026-03-10") == [("meeting", 1)]
    assert pairs(journal, "roadmap", "--until", "2026-03-09") == []
    assert pairs(journal, "roadmap", "--since", "2026-09-30", "--kind", "thanks") == [("thanks", 1)]


def test_filters_with_no_match_say_so(journal):
    assert (
        journal("search", "roadmap", "--kind", "goal").stdout
        == "No match for 'roadmap' with these filters.\n"
    )
    assert journal("search", "zeppelin").stdout == "No match for 'zeppelin'.\n"
    assert journal("search", "zeppelin", "--json").stdout == "[]\n"


def test_accents_and_case_are_ignored(journal):
    assert pairs(journal, "cafe") == [("meeting", 1)]
    assert pairs(journal, "RESUME") == [("goal", 1)]
    assert pairs(journal, "Résumé") == [("goal", 1)]


def test_words_are_anded_and_the_grammar_works(journal):
    assert pairs(journal, "roadmap", "latency") == [("meeting", 1)]
    assert pairs(journal, "roadmap latency") == [("meeting", 1)]  # one argument or several
    assert pairs(journal, '"roadmap review"') == [("thanks", 1)]
    assert pairs(journal, "promot*") == [("topic", 1)]
    assert set(pairs(journal, "latency OR promotions")) == {("meeting", 1), ("topic", 1)}
    assert ("todo", 1) not in pairs(journal, "--", "roadmap", "-draft")


def test_a_word_to_exclude_needs_no_double_dash(journal):
    # Click read "-review" as the options -r -e -v …: "No such option: -r" (issue 21)
    assert pairs(journal, "-review", "roadmap") == pairs(journal, "--", "-review", "roadmap")
    assert ("thanks", 1) not in pairs(journal, "-review", "roadmap")
    assert ("thanks", 1) in pairs(journal, "roadmap")
    # short letters of the command's own options inside a word are the word's: -m, -h
    assert ("todo", 1) not in pairs(journal, "roadmap", "-mdraft", "-hdraft", "-draft")
    assert pairs(journal, "roadmap", "-draft", "-m", "grace") == [("thanks", 1)]
    assert pairs(journal, "-draft", "--mentor=grace", "roadmap") == [("thanks", 1)]
    out = journal("search", "-review").stdout  # an exclusion alone finds nothing to search for
    assert out.startswith("Nothing to search for in '-review'")
    assert "-h" not in journal("search", "-hiring", "roadmap").stdout  # not the help
    assert "No such option: --bogus" in journal("search", "roadmap", "--bogus", code=2).stderr
    assert journal("search", "-h").stdout.startswith("Usage: mentorlog search")


def test_limit_and_more(cli):
    for n in range(25):
        cli("todo", "add", f"Roadmap item {n}")
    out = cli("search", "roadmap").stdout.splitlines()
    assert len(out) == 21 and out[-1] == "… and 5 more (--limit N shows more)"
    out = cli("search", "roadmap", "--limit", "3").stdout.splitlines()
    assert len(out) == 4 and out[-1].startswith("… and 22 more")
    assert len(found(cli, "roadmap")) == 25  # --json is never cut short without --limit
    assert len(found(cli, "roadmap", "--limit", "3")) == 3
    assert "… and" not in cli("search", "roadmap", "--limit", "25").stdout


def test_nothing_searchable_is_a_sentence_and_an_empty_list(journal):
    for query in ("*", "-", "-roadmap", "«»", '""'):
        out = journal("search", "--", query).stdout
        assert out.startswith(f"Nothing to search for in {query!r}: give at least one word"), out
        assert journal("search", "--json", "--", query).stdout == "[]\n"


HOSTILE = [
    '"unbalanced',
    'roadmap"',
    '"',
    '""""',
    "AND OR (",
    "(",
    ")",
    "NEAR(",
    "NEAR(roadmap draft, 2)",
    "col:foo",
    "text:roadmap",
    "todos_fts:roadmap",
    "*",
    "**",
    "-",
    "--",
    "- -",
    "roadmap -",
    "-roadmap",
    "^roadmap",
    "road*map",
    '"road"*"map"',
    "+roadmap",
    "AND",
    "OR",
    "NOT",
    "roadmap NOT",
    "OR roadmap OR",
    "roadmap AND",
    "{roadmap draft}",
    "'; DROP TABLE todos; --",
    "\\x1b[2J",
    "\x1b[2J",
    "\x07\x08\x7f",
    "\x00roadmap",
    "\\",
    '\\\\"',
    "💥",
    "é́́",
    "\u202eroadmap",
    "\ue000roadmap\ue001",
    "roadmap " * 2000,
    "x" * 20000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_exit_normally(journal, db_path, query):
    before = snapshot(db_path)
    result = journal("search", "--", query)
    assert result.stderr == ""
    hits = json.loads(journal("search", "--json", "--", query).stdout)
    assert isinstance(hits, list) and all(set(h) == KEYS for h in hits)
    assert snapshot(db_path) == before


def test_user_text_in_hits_is_escaped_and_literal(cli, monkeypatch):
    cli("todo", "add", "Roadmap \x1b[2J wipe [bold]loud[/bold] [/] \x07 bell")
    out = cli("search", "roadmap").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "Roadmap \\x1b[2J wipe [bold]loud[/bold] [/] \\x07 bell" in out
    # On a colour terminal the match is highlighted and the user's text is still escaped.
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = cli("search", "roadmap").stdout
    assert "\x1b[1;33mRoadmap\x1b[0m" in out
    assert "\x1b[2J" not in out and "\x07" not in out and "[bold]loud[/bold]" in out
    # JSON is exact.
    [hit] = found(cli, "wipe")
    assert hit["text"] == "Roadmap \x1b[2J wipe [bold]loud[/bold] [/] \x07 bell"


def test_bad_since_is_a_usage_error(journal, db_path):
    before = snapshot(db_path)
    result = journal("search", "roadmap", "--since", "03/04/2026", code=2)
    assert "--since" in result.stderr and result.stdout == ""
    assert "--until" in journal("search", "roadmap", "--until", "someday", code=2).stderr
    assert journal("search", "roadmap", "--limit", "0", code=2).stdout == ""
    assert "--kind" in journal("search", "roadmap", "--kind", "reminder", code=2).stderr
    assert snapshot(db_path) == before


def test_unknown_mentor_is_an_error(journal, db_path):
    before = snapshot(db_path)
    result = journal("search", "roadmap", "--mentor", "zed", code=1)
    assert "zed" in result.stderr and result.stdout == ""
    assert snapshot(db_path) == before
    journal("search", "*", "--mentor", "zed", code=1)  # even when there is nothing to search for


def test_no_journal_yet(cli, db_path):
    result = cli("search", "roadmap", code=1)
    assert "no journal" in result.stderr
    assert not db_path.exists()


def test_json_path_imports_neither_rich_nor_sqlite_utils(journal):
    code = (
        "import sys\n"
        "from mentorlog.cli import run\n"
        "try:\n"
        "    run(['search', 'roadmap', '--json'])\n"
        "finally:\n"
        "    heavy = sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'sqlite_utils'})\n"
        "    print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert json.loads(result.stdout)[0]["kind"] == "todo", result.stderr
    assert "HEAVY []" in result.stderr


def test_a_megabyte_note_gets_its_snippet_from_a_window_around_the_match(cli, ada, monkeypatch):
    """FTS5's snippet() reads a hit's whole text back and tokenises it; for a 1 MB note the
    snippet is cut from a window around the first match instead, so the index never reads
    the note back (the trace shows FTS5's own content lookups)."""
    from mentorlog.journal.store import db

    filler = "\n".join(f"Line {i} of the long meeting about nothing much." for i in range(20_000))
    cli("log", "ada", "--notes", filler + "\nWe agreed the Café quarterly plan.\n" + filler)
    statements: list[str] = []
    real = db._connect

    def tracing(*args, **kwargs):
        conn = real(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(db, "_connect", tracing)
    hits = found(cli, "cafe", "quarter*")
    assert [h["kind"] for h in hits] == ["meeting"]
    assert "agreed the Café quarterly plan" in hits[0]["snippet"]
    assert hits[0]["snippet"].startswith("…") and hits[0]["snippet"].endswith("…")
    assert not [s for s in statements if "FROM 'main'.'meetings'" in s]
    out = cli("search", "cafe").stdout
    assert "Café quarterly" in out


def test_a_query_of_ten_thousand_words_is_not_echoed_whole(journal):
    query = " ".join(f"w{i}" for i in range(10_000))
    out = journal("search", query).stdout
    assert out.startswith("No match for 'w0 w1") and len(out) < 200


def test_since_after_until_is_a_usage_error_as_for_export(journal):
    result = journal("search", "roadmap", "--since", "2026-11-20", "--until", "2026-11-01", code=2)
    assert "--since 2026-11-20 is after --until 2026-11-01" in result.stderr
