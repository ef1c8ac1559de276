"""``log``'s capture plan as a pure function: where the text comes from, what the editor starts
with, how the text becomes the entry, and how text that cannot be filed is kept (SPEC §2, §6)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from mentorlog.cli.log_plan import KEPT, Said, Source, plan
from mentorlog.core.errors import UsageError
from mentorlog.core.template import Entry, Ticket
from mentorlog.io import recovery

NOW = datetime(2026, 11, 26, 16, 0, tzinfo=timezone.utc)
FILE = Path("kept.txt")


def planned(
    *, notes=None, given=None, edit=False, file: bytes | None = None, terminal=False, said=None, on=None
):
    def read(path: Path) -> bytes:
        assert path == FILE
        return file

    return plan(
        "ada",
        said or Said(),
        given or Entry(),
        notes=notes,
        on=on,
        edit=edit,
        from_file=FILE if file is not None else None,
        read=read,
        stdin_is_terminal=terminal,
        now=NOW,
    )


WITH_TODO = Entry(todos=["Draft the RFC"])


@pytest.mark.parametrize(
    ("case", "kwargs", "source", "where", "keeps"),
    [
        (
            "no content on a terminal: the editor",
            {"terminal": True},
            Source.EDITOR,
            "the editor's text",
            True,
        ),
        ("no content, piped: the template from stdin", {}, Source.STDIN, "stdin", True),
        ("--notes -: the notes from stdin", {"notes": "-", "terminal": True}, Source.STDIN, "stdin", True),
        ("options only", {"given": WITH_TODO, "terminal": True}, Source.OPTIONS, "the text", False),
        ("--notes TEXT", {"notes": "hi", "given": Entry(notes="hi")}, Source.OPTIONS, "the text", False),
        ("--notes '': nothing, not stdin", {"notes": ""}, Source.OPTIONS, "the text", False),
        ("--edit with options", {"given": WITH_TODO, "edit": True}, Source.EDITOR, "the editor's text", True),
        ("--from FILE", {"file": b"notes\n", "terminal": True}, Source.FILE, "kept.txt", False),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else "",
)
def test_where_the_text_comes_from(case, kwargs, source, where, keeps):
    p = planned(**kwargs)
    assert (p.source, p.where, p.keeps) == (source, where, keeps), case


def test_now_is_the_default_time_and_a_later_one_is_refused_before_the_editor_opens():
    assert planned(terminal=True).said.held == NOW
    with pytest.raises(UsageError) as e:
        planned(said=Said(held=NOW + timedelta(hours=2)), on="6pm", terminal=True)
    assert "later than now" in e.value.message
    assert e.value.hint == "To plan one: mentorlog mentor edit ada --next 6pm"


def test_notes_are_given_once():
    with pytest.raises(UsageError, match="--notes or --from, not both"):
        planned(notes="hi", given=Entry(notes="hi"), file=b"x")


def test_a_recovery_header_gives_what_the_options_did_not():
    header = recovery.header(
        {"on": "2026-11-26T15:00:00+00:00", "minutes": "50", "late": "yes", "colour": "red"}
    )
    p = planned(file=header + b"Good talk\n", said=Said(minutes=30))
    assert p.typed == b"Good talk\n" and p.from_recovery
    assert (p.said.held, p.said.minutes, p.said.late) == (
        datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc),
        30,
        True,
    )
    assert p.ignored == ["colour"]  # named by the command, then ignored


def test_a_plain_file_is_all_text_and_stays_where_it_is():
    p = planned(file=b"# mentorlog\nnotes\n")
    assert p.typed == b"# mentorlog\nnotes\n" and not p.from_recovery and p.ignored == []


def test_a_meeting_edit_recovery_file_is_refused_with_the_command_that_takes_it():
    with pytest.raises(UsageError) as e:
        planned(file=recovery.header({"meeting": "4"}) + b"notes")
    assert e.value.hint == "Put them back with: mentorlog meeting edit 4 --from kept.txt"


def test_a_bad_header_line_is_a_usage_error():
    with pytest.raises(UsageError, match="'late' line says 'maybe'"):
        planned(file=recovery.header({"late": "maybe"}) + b"notes")


def test_next_or_no_next_on_the_command_line_is_one_choice_over_the_headers():
    from mentorlog.core.dates import When

    kept = recovery.header({"next": "none"}) + b"x"
    assert planned(file=kept).said.no_next is True  # neither given: the header's choice
    chosen = When(NOW + timedelta(days=7), True)
    p = planned(file=kept, said=Said(next_=chosen))
    assert (p.said.next_, p.said.no_next) == (chosen, False)


def test_how_the_text_becomes_the_entry():
    given = Entry(todos=["From an option"], raised=[3])
    assert planned(given=given, edit=True).entry(b"notes\ntodo: typed\n[x] topic 3:\n") == Entry(
        notes="notes", todos=["typed"], raised=[3]
    )  # the editor started with the options: what is saved is all of it
    from_file = planned(given=given, file=b"x").entry(b"notes\ntodo: typed\n[x] topic 3:\n")
    assert from_file == Entry(notes="notes", todos=["typed", "From an option"], raised=[3])
    notes = planned(notes="-", given=given).entry(b"\n  todo: is a note here\n\n")
    assert notes == Entry(notes="  todo: is a note here", todos=["From an option"], raised=[3])
    assert planned(given=given).entry(None) == given


def test_feedback_offers_and_a_rating_are_filed_from_a_file_and_beside_stdins_notes():
    given = Entry(feedback=["Clear slides"], offers=["An intro to Bob"])
    typed = b"notes\nfeedback: Speak slower\noffer: A review\nrating: 2\n"
    assert planned(given=given, file=b"x").entry(typed) == Entry(
        notes="notes",
        feedback=["Speak slower", "Clear slides"],
        offers=["A review", "An intro to Bob"],
        ratings=["2"],
    )
    assert planned(notes="-", given=given).entry(b"hi") == Entry(
        notes="hi", **{k: v for k, v in given.__dict__.items() if k != "notes"}
    )


def test_the_editor_starts_with_the_options_and_the_rating():
    p = planned(given=WITH_TODO, edit=True, said=Said(held=NOW - timedelta(hours=1), rating=3))
    buffer = p.buffer("Ada Lovelace", [Ticket("topic", 3, "Promotion")])
    assert buffer.startswith("# Meeting with Ada Lovelace — Thu 26 Nov 2026 15:00\n")
    assert "[ ] topic 3: Promotion" in buffer and "todo: Draft the RFC" in buffer and "rating: 3" in buffer


def test_kept_text_starts_with_what_the_command_line_said():
    p = planned(notes="-", said=Said(minutes=50, late=True, no_next=True, rating=2))
    keeping = p.keeping()
    fields, body = recovery.split(keeping.header + b"typed")
    assert fields == {
        "on": "2026-11-26T16:00:00+00:00",
        "minutes": "50",
        "late": "yes",
        "next": "none",
        "rating": "2",
        "notes-only": "yes",
    }
    assert body == b"typed"
    assert (
        keeping.how_to_file("/r/log 1.txt")
        == "Once mended, file it with: mentorlog log ada --from '/r/log 1.txt'"
    )
    assert set(fields) - {"notes-only"} <= set(KEPT)


def test_a_header_written_is_read_back_to_the_same_command_line():
    said = Said(held=NOW - timedelta(hours=1), minutes=45, rescheduled=True, rating=4)
    written = planned(said=said, terminal=True).keeping().header
    assert planned(file=written + b"x").said == said


@pytest.mark.parametrize(
    ("kwargs", "where"), [({"edit": True}, "the editor's text"), ({}, "stdin"), ({"file": b"x"}, "kept.txt")]
)
def test_bytes_that_are_not_utf8_are_refused_naming_the_line_and_where(kwargs, where):
    from mentorlog.io.capture import NotText

    with pytest.raises(NotText) as e:
        planned(**kwargs).entry(b"fine\n\xff bad\n")
    assert e.value.message == f"Line 2 of {where} is not valid UTF-8 text."
