"""The log template and stdin format, as pure functions (SPEC §2, `log`)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.core import template
from mentorlog.core.template import Entry, Ticket

BUFFER = """# Meeting with Ada Lovelace — Tue 24 Nov 2026 15:00
# Lines starting with '#' are ignored. An empty note cancels.

[x] topic 3: How should I approach the promotion conversation?
[ ] topic 4: Left unticked
[X] todo 5: Draft the RFC (due Fri 20 Nov, overdue)
- [x] todo 6: with a bullet

todo: Send the summary (due fri)
- Advice: Write the decision down first
ASK: What about hiring?
thanks: for the intro

We talked about the RFC.

  Indented line kept.

"""


def test_parse_full_buffer():
    entry = template.parse(BUFFER)
    assert entry.raised == [3]
    assert entry.done == [5, 6]
    assert entry.todos == ["Send the summary (due fri)"]
    assert entry.advice == ["Write the decision down first"]
    assert entry.asks == ["What about hiring?"]
    assert entry.thanks == ["for the intro"]
    assert entry.notes == "We talked about the RFC.\n\n  Indented line kept."


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("todo: x", "todos", ["x"]),
        ("TODO:x", "todos", ["x"]),
        ("- todo: x", "todos", ["x"]),
        ("advice:   spaced  ", "advice", ["spaced"]),
        ("ask: why?", "asks", ["why?"]),
        ("Thanks: a lot", "thanks", ["a lot"]),
        ("todo:", "todos", []),  # an empty item is dropped
        ("todos: not a field", "notes", "todos: not a field"),
        ("[x] topic 12", "raised", [12]),
        ("[ ] topic 12", "raised", []),
        ("[x] todo 7: text", "done", [7]),
        ("[x] topic nine", "notes", "[x] topic nine"),
        ("#[x] topic 1", "raised", []),
        ("[bold]not markup[/]", "notes", "[bold]not markup[/]"),
    ],
)
def test_line_rules(line, field, value):
    assert getattr(template.parse(line), field) == value


def test_only_comments_is_empty():
    assert template.parse("# a\n#b\n\n   \n").is_empty()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Draft the RFC (due fri)", ("Draft the RFC", "fri")),
        ("Draft (the) RFC (due 2026-12-01 3pm)", ("Draft (the) RFC", "2026-12-01 3pm")),
        ("No due here", ("No due here", None)),
        ("(due fri)", ("(due fri)", None)),
        ("Odd (due fri) middle", ("Odd (due fri) middle", None)),
    ],
)
def test_split_due(text, expected):
    assert template.split_due(text) == expected


def test_render_offers_tickets_and_prefill():
    buffer = template.render(
        "Meeting with Ada — Tue 24 Nov 2026 15:00",
        [Ticket("topic", 3, "Promotion?"), Ticket("todo", 5, "Draft", "due Fri 20 Nov, overdue")],
        Entry(notes="Hi", todos=["t (due fri)"], raised=[3]),
    )
    assert "# Meeting with Ada — Tue 24 Nov 2026 15:00" in buffer
    assert "[x] topic 3: Promotion?" in buffer
    assert "[ ] todo 5: Draft (due Fri 20 Nov, overdue)" in buffer
    assert "todo: t (due fri)" in buffer
    entry = template.parse(buffer)
    assert entry == Entry(notes="Hi", todos=["t (due fri)"], raised=[3])


line_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), min_size=1, max_size=40
).filter(lambda s: s.strip() and not s.startswith("#"))


@given(st.text(max_size=300))
def test_parse_never_fails(buffer):
    entry = template.parse(buffer)
    assert isinstance(entry.notes, str)


@given(
    st.lists(line_text.map(str.strip), max_size=3),
    st.lists(line_text.map(str.strip), max_size=3),
    st.lists(st.integers(1, 10**6), max_size=3, unique=True),
)
def test_render_then_parse_round_trips_items(todos, advice, raised):
    prefill = Entry(todos=todos, advice=advice, raised=raised)
    entry = template.parse(template.render("Meeting", [], prefill))
    assert entry.todos == todos and entry.advice == advice and entry.raised == raised


@given(
    st.lists(line_text.map(str.strip), max_size=3),
    st.lists(line_text.map(str.strip), max_size=3),
    st.lists(line_text.map(str.strip), max_size=3),
    st.lists(line_text.map(str.strip), max_size=3),
    st.lists(line_text.map(str.strip), max_size=2),
)
def test_render_then_parse_round_trips_every_line_kind(thanks, asks, feedback, offers, ratings):
    """The growth lines (feedback:, offer:, rating:) come back as typed, beside the others."""
    prefill = Entry(thanks=thanks, asks=asks, feedback=feedback, offers=offers, ratings=ratings)
    entry = template.parse(template.render("Meeting", [], prefill))
    assert (entry.thanks, entry.asks, entry.feedback, entry.offers, entry.ratings) == (
        thanks,
        asks,
        feedback,
        offers,
        ratings,
    )


def test_the_header_shows_the_growth_lines_and_parses_them():
    buffer = template.render("Meeting with Ada", [])
    header = [line for line in buffer.splitlines() if line.startswith("#")]
    assert any("feedback: <" in line and "offer: <" in line for line in header)
    assert any("rating: <1-4" in line for line in header)
    entry = template.parse("Notes\n- Feedback: lead with the decision\nOFFER: intro to Sam\nrating: 3\n")
    assert (entry.feedback, entry.offers, entry.ratings, entry.notes) == (
        ["lead with the decision"],
        ["intro to Sam"],
        ["3"],
        "Notes",
    )
    assert not template.parse("rating: 3").is_empty()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_notes_survive_the_template(notes):
    """Notes that the format can carry come back exactly."""
    lines = notes.replace("\r", "").split("\n")
    if any(
        line.startswith("#") or re.match(template._TICK, line) or re.match(template._FIELD, line)
        for line in lines
    ):
        return
    trimmed = template.parse(notes).notes
    entry = template.parse(template.render("Meeting", [], Entry(notes=trimmed)))
    assert entry.notes == trimmed


def test_a_buffer_saved_with_crlf_loses_only_its_line_ends():
    entry = template.parse("First line\r\ntodo: Call Sam\r\nlast line\r\n")
    assert entry.notes == "First line\nlast line" and entry.todos == ["Call Sam"]
    assert template.parse("ends with a carriage return\r").notes == "ends with a carriage return\r"
