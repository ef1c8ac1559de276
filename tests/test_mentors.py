"""`mentor add|list|show|edit|end|resume` and how MENTOR is resolved."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import snapshot


def test_add_defaults_handle_and_echoes(cli):
    result = cli(
        "mentor", "add", "Ada Lovelace", "--every", "fortnightly", "--next", "thu 3pm", "--org", "Math"
    )
    assert result.stdout.startswith("Added mentor ada (Ada Lovelace; formal, Math, every 2 weeks")
    assert "next check-in Thu 26 Nov 2026 15:00" in result.stdout


def test_list_json_has_spec_keys(cli, ada):
    data = json.loads(cli("mentor", "list", "--json").stdout)
    assert [m["handle"] for m in data] == ["ada", "grace"]
    for key in ("handle", "name", "kind", "org", "cadence", "next_checkin", "last_met", "active"):
        assert key in data[0]
    assert data[0]["cadence"] == "every 2 weeks"
    assert data[0]["next_checkin"] == "2026-11-26T15:00:00+00:00"
    assert data[1]["kind"] == "informal" and data[1]["next_checkin"] is None


def test_handle_clash_suggests_handle_option(cli, ada, db_path):
    before = snapshot(db_path)
    result = cli("mentor", "add", "Ada Byron", code=2)
    assert "'ada' is taken by Ada Lovelace" in result.stderr and "--handle" in result.stderr
    assert snapshot(db_path) == before
    cli("mentor", "add", "Ada Byron", "--handle", "byron")


def test_resolve_by_name_prefix_and_case(cli, ada):
    assert json.loads(cli("mentor", "show", "ADA LOVELACE", "--json").stdout)["handle"] == "ada"
    assert json.loads(cli("mentor", "show", "gr", "--json").stdout)["handle"] == "grace"
    assert json.loads(cli("mentor", "show", "Grace H", "--json").stdout)["handle"] == "grace"


def test_ambiguous_prefix_lists_candidates(cli, ada):
    cli("mentor", "add", "Adam Smith")
    result = cli("mentor", "show", "ad", code=2)
    assert "ambiguous" in result.stderr and "ada (Ada Lovelace)" in result.stderr
    assert "adam (Adam Smith)" in result.stderr


def test_unknown_mentor(cli, ada, db_path):
    before = snapshot(db_path)
    result = cli("todo", "add", "x", "--mentor", "zed", code=1)
    assert "no mentor 'zed'" in result.stderr and "ada, grace" in result.stderr
    assert snapshot(db_path) == before


def test_bad_cadence_and_date(cli, db_path):
    result = cli("mentor", "add", "Ada", "--every", "sometimes", code=2)
    assert "--every" in result.stderr and "'sometimes'" in result.stderr
    result = cli("mentor", "add", "Ada", "--next", "someday", code=2)
    assert "--next" in result.stderr and "'someday'" in result.stderr
    assert not db_path.exists()


def test_edit_and_clear(cli, ada):
    cli("mentor", "edit", "ada", "--every", "first monday", "--informal", "--contact", "ada@example.org")
    data = json.loads(cli("mentor", "show", "ada", "--json").stdout)
    assert data["cadence"] == "the first Monday of every month" and data["kind"] == "informal"
    cli("mentor", "edit", "ada", "--every", "none", "--next", "none", "--handle", "lovelace")
    data = json.loads(cli("mentor", "show", "lovelace", "--json").stdout)
    assert data["cadence"] is None and data["next_checkin"] is None


def test_edit_with_nothing_is_usage_error(cli, ada):
    assert "Nothing to change" in cli("mentor", "edit", "ada", code=2).stderr


def test_end_and_resume(cli, ada):
    cli("mentor", "end", "grace", "--on", "yesterday", "--note", "moved teams")
    assert [m["handle"] for m in json.loads(cli("mentor", "list", "--json").stdout)] == ["ada"]
    everyone = json.loads(cli("mentor", "list", "--all", "--json").stdout)
    assert everyone[1]["active"] is False and everyone[1]["ended_on"] == "2026-11-23"
    assert "already ended" in cli("mentor", "end", "grace", code=2).stderr
    cli("mentor", "resume", "grace")
    assert len(json.loads(cli("mentor", "list", "--json").stdout)) == 2


def test_list_table(cli, ada):
    out = cli("mentor", "list").stdout
    assert "ada" in out and "every 2 weeks" in out and "Thu 26 Nov" in out and "not scheduled" in out


def test_a_default_handle_is_what_a_keyboard_types(cli):
    assert cli("mentor", "add", "José Núñez").stdout.startswith("Added mentor jose (José Núñez;")
    assert cli("mentor", "add", "Søren O'Brien").stdout.startswith("Added mentor soren (")
    assert cli("mentor", "add", "Łukasz Weiß", "--handle", "lukasz").stdout.startswith("Added mentor lukasz")
    data = json.loads(cli("mentor", "list", "--json").stdout)
    assert sorted(m["handle"] for m in data) == ["jose", "lukasz", "soren"]


def test_mentor_matches_with_accents_and_case_folded_and_by_any_word(cli, ada):
    cli("mentor", "add", "José Núñez", "--handle", "josé")  # a handle typed with its accent
    for typed in ("jose", "JOSÉ", "nunez", "Núñez", "jose nunez", "nun"):
        assert json.loads(cli("mentor", "show", typed, "--json").stdout)["handle"] == "josé", typed
    assert "for ada" in cli("todo", "add", "x", "--mentor", "Lovelace").stdout
    assert "for ada" in cli("todo", "add", "y", "--mentor", "love").stdout  # a prefix of a word
    assert "with Ada Lovelace" in cli("log", "lovelace", "--notes", "n", "--on", "yesterday").stdout


def test_a_whole_word_beats_a_prefix_and_ambiguity_lists_the_candidates(cli, ada):
    cli("mentor", "add", "Ann Lee")
    cli("mentor", "add", "Leena Smith")
    assert json.loads(cli("mentor", "show", "lee", "--json").stdout)["handle"] == "ann"
    cli("mentor", "add", "Bob Lee")
    err = cli("mentor", "show", "lee", code=2).stderr
    assert "ambiguous" in err and "ann (Ann Lee)" in err and "bob (Bob Lee)" in err
    cli("mentor", "end", "bob")
    assert json.loads(cli("mentor", "show", "lee", "--json").stdout)["handle"] == "ann"  # active preferred


def test_a_typo_suggests_the_closest_mentor(cli, ada, db_path):
    before = snapshot(db_path)
    err = cli("todo", "add", "x", "--mentor", "adaa", code=1).stderr
    assert "There is no mentor 'adaa': did you mean ada (Ada Lovelace)?" in err
    assert "mentor add" not in err
    assert "did you mean grace (Grace Hopper)?" in cli("mentor", "show", "Hoper", code=1).stderr
    assert "did you mean" not in cli("mentor", "show", "zed", code=1).stderr
    assert snapshot(db_path) == before


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_folding_ascii_takes_the_short_way_to_the_same_answer(text):
    import unicodedata

    from mentorlog.journal.mentors import _PLAIN, fold

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert fold(text) == " ".join(plain.translate(_PLAIN).split())


@pytest.mark.parametrize(
    "argv", [["Draft Person"], ["Someone", "--handle", "list"], ["Sam Show", "--handle", "Show"]]
)
def test_a_handle_is_never_a_word_note_or_update_takes_after_it(cli, db_path, argv):
    """SPEC §1: `note list` lists notes; a mentor called "list" could never be named there."""
    result = cli("mentor", "add", *argv, code=2)
    assert "is a word the commands use after a noun" in result.stderr and "--handle" in result.stderr
    assert "Traceback" not in result.stderr and snapshot(db_path).get("mentors", []) == []


def test_the_reserved_handles_are_every_subcommand_of_note_and_update():
    import typer._click as click

    from mentorlog.cli import load_command
    from mentorlog.journal.mentors import RESERVED_HANDLES

    for group in ("note", "update"):
        command = load_command(group)
        words = command.list_commands(click.Context(command, info_name=group))
        assert set(words) <= set(RESERVED_HANDLES), (group, words)
