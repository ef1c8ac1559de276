"""No raw control sequence reaches a terminal (SPEC §4): user text is shown with visible escapes
on every output path — lists, views, headings, echo lines, errors, completion, JSON and saved
files — while what is stored (and what --json carries, once parsed) is exactly what was typed."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import CONTROL, run_process

OSC52 = "\x1b]52;c;cm0gLXJmIC8K\x07"  # a clipboard write
CLEAR = "\x1b[2J"
BIDI = "\u202eevil\u202c"
C1 = "\x9b31m\x85"
DEL = "\x7f"
HOSTILE = f"x{OSC52}{CLEAR}{BIDI}{C1}{DEL}[bold]y[/]"


def assert_clean(*texts: str) -> None:
    for text in texts:
        found = CONTROL.search(text)
        assert found is None, f"raw {found.group()!r} in {text!r}"


@pytest.fixture
def hostile(made_once, cli):
    """A journal where every piece of user text is hostile, including a mentor's name."""
    made_once(_hostile)
    return "ada"


def _hostile(cli):
    cli("mentor", "add", f"Ada {HOSTILE}", "--handle", "ada", "--org", HOSTILE, "--every", "2 weeks")
    cli("log", "ada", "--notes", f"Notes {HOSTILE}", "--todo", f"T {HOSTILE}", "--advice", f"A {HOSTILE}")
    cli("topic", "add", "ada", f"Q {HOSTILE}")
    cli("thanks", "add", "ada", f"Th {HOSTILE}")
    cli("goal", "add", f"G {HOSTILE}", "--mentor", "ada")
    cli("advice", "apply", "1", f"Did {HOSTILE}", "--reflect", HOSTILE, "--outcome", "worked")


VIEWS = [
    ["mentor", "list"],
    ["mentor", "show", "ada"],
    ["todo", "list"],
    ["advice", "list"],
    ["advice", "show", "1"],
    ["topic", "list"],
    ["thanks", "list"],
    ["goal", "list"],
    ["meeting", "list"],
    ["meeting", "show", "1"],
    ["review", "ada"],
    ["review", "ada", "--agenda"],
    ["remind", "--within", "400"],
    ["progress"],
    ["progress", "ada"],
    ["report", "ada"],
]


@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_every_view_escapes_user_text(cli, hostile, args):
    result = cli(*args)
    assert_clean(result.stdout, result.stderr)
    assert "\\x" in result.stdout or "\\u" in result.stdout  # shown as visible escapes


@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_every_view_escapes_user_text_in_a_real_process(hostile, args):
    result = run_process(*args)
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout, result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ["todo", "list", "--json"],
        ["advice", "show", "1", "--json"],
        ["meeting", "list", "--json"],
        ["mentor", "list", "--json"],
        ["review", "ada", "--json"],
        ["thanks", "list", "--json"],
    ],
    ids=" ".join,
)
def test_json_escapes_controls_and_stays_exact(cli, hostile, args):
    out = cli(*args).stdout
    assert_clean(out)

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    assert any(HOSTILE in s for s in strings(json.loads(out)))  # exact once parsed


def test_echo_lines_escape_what_was_typed(cli, ada):
    for args in (
        ["todo", "add", HOSTILE],
        ["advice", "add", "ada", HOSTILE],
        ["topic", "add", "ada", HOSTILE],
        ["thanks", "add", "ada", HOSTILE],
        ["goal", "add", HOSTILE],
    ):
        result = cli(*args)
        assert_clean(result.stdout)
        assert "\\x1b]52" in result.stdout and "\\u202e" in result.stdout


def test_errors_escape_the_input_they_name(cli, ada):
    for args in (["review", HOSTILE], ["todo", "add", "x", "--due", HOSTILE], [HOSTILE]):
        result = cli(*args, code=None)
        assert result.exit_code in (1, 2)
        assert_clean(result.stdout, result.stderr)
        assert "\\x1b" in result.stderr


@pytest.mark.parametrize(
    "handle", ["a\x1bb", "ada\x07", "a\u200bb", "a\u202eb", "a b", "1ada", "", "a" * 33, "a/b"]
)
def test_handles_are_plain(cli, handle):
    result = cli("mentor", "add", "Someone", "--handle", handle, code=2)
    assert "not valid" in result.stderr
    assert_clean(result.stderr)


def test_completion_offers_only_plain_handles(cli, db_path, monkeypatch):
    import sqlite3

    cli("mentor", "add", "Ada Lovelace")
    conn = sqlite3.connect(db_path)  # a handle from an older mentorlog, before the rule
    conn.execute("UPDATE mentors SET handle = 'ad\x1b[2Ja'")
    conn.commit()
    conn.close()
    cli("mentor", "add", "Adam Smith")
    result = run_process(
        "review",
        env={"_MENTORLOG_COMPLETE": "complete_bash", "COMP_WORDS": "mentorlog review ad", "COMP_CWORD": "2"},
    )
    assert_clean(result.stdout, result.stderr)
    assert "adam" in result.stdout


def test_the_report_file_is_escaped_like_the_screen(cli, hostile, tmp_path):
    cli("report", "ada", "-o", str(tmp_path / "r.md"))
    assert_clean((tmp_path / "r.md").read_text())


printable_or_not = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), min_size=1, max_size=40
).filter(lambda t: t.strip() and "\x00" not in t)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=printable_or_not)
def test_no_raw_control_character_reaches_the_output(cli, ada, text):
    """Random text — controls, surrogates, bidi marks — through every command that shows it."""
    outputs = []
    for args in (
        ["todo", "add", text, "-m", "ada"],
        ["advice", "add", "ada", text],
        ["topic", "add", "ada", text],
        ["thanks", "add", "ada", text],
        ["todo", "list"],
        ["advice", "list"],
        ["topic", "list"],
        ["thanks", "list"],
        ["review", "ada"],
        ["report", "ada"],
        ["todo", "list", "--json"],
    ):
        result = cli(*args, code=None)
        assert result.exit_code in (0, 1, 2), result.stderr
        outputs += [result.stdout, result.stderr]
    assert_clean(*outputs)


def test_every_escaped_character_is_unprintable():
    """``visible`` skips printable text: that is safe only while every character it escapes is
    one ``str.isprintable`` rejects."""
    from mentorlog.render.text import _CONTROL, has_unsafe, visible

    escaped = [chr(c) for c in range(0x110000) if re.fullmatch(_CONTROL, chr(c))]
    assert len(escaped) == 0x20 - 2 + 0x21 + 5 + 4 + 0x800
    for char in escaped:
        assert not char.isprintable() and has_unsafe(f"a{char}b") and visible(char) != char
