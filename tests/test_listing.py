"""The lists' own table draws exactly what Rich's table would: every character and its style.

``Listing`` lays out rows that fit by itself (for speed) and hands the rest to
``rich.table.Table``; these properties render random rows both ways at random widths and
compare them cell by cell, character by character, style by style. A listing that names its
free text and what gives way on a narrow terminal is compared with the Rich table it is at
that width (``rich_table(width)``).
"""

from __future__ import annotations

import io

from hypothesis import given, note, settings
from hypothesis import strategies as st
from rich.style import Style
from rich.text import Text

from mentorlog.render.console import STYLES, make_console
from mentorlog.render.listing import Item, Listing, Short

# Wide, combining and zero-width characters, escapes, line and paragraph separators, tabs.
ALPHABET = st.sampled_from(
    [
        *"ab z.-…[]/",
        "漢",
        "🙂",
        "\u0301",
        "\u200b",
        "\x1b",
        "\x1c",
        "\u2028",
        "\u3000",
        "\x85",
        "\r",
        "\t",
        "\n",
    ]
)
STYLE_NAMES = st.sampled_from(["", *STYLES, "bold red", "underline"])


@st.composite
def cells(draw):
    text = draw(st.text(ALPHABET, max_size=14))
    if draw(st.booleans()):
        return text
    cell = Text(text, style=draw(STYLE_NAMES))
    for _ in range(draw(st.integers(0, 2))):
        start = draw(st.integers(0, len(text)))
        cell.stylize(draw(STYLE_NAMES), start, draw(st.integers(start, len(text))))
    return cell


@st.composite
def listings(draw):
    columns = draw(st.integers(1, 5))
    header = st.text(ALPHABET, max_size=8)
    listing = Listing(
        *draw(st.lists(header, min_size=columns, max_size=columns)), show_header=draw(st.booleans())
    )
    for _ in range(draw(st.integers(0, 6))):
        listing.add_row(*draw(st.lists(cells(), min_size=columns, max_size=columns)))
    return listing


@st.composite
def narrowable(draw):
    """A list with free text and an order of columns to give way, some cells with a short form."""
    headers = draw(
        st.lists(st.sampled_from(["id", "due", "todo", "mentor", ""]), min_size=1, max_size=5, unique=True)
    )
    text = draw(st.lists(st.sampled_from(headers), min_size=1, max_size=2, unique=True))
    narrow = draw(st.lists(st.sampled_from(headers), max_size=6))
    listing = Listing(*headers, show_header=draw(st.booleans()), text=tuple(text), narrow=tuple(narrow))
    words = st.text(st.sampled_from([*"ab z.-🙂", "漢", "\u0301"]), max_size=30)
    for _ in range(draw(st.integers(0, 6))):
        row = []
        for _ in headers:
            cell = draw(st.one_of(words, cells()))
            row.append(Short(cell, draw(st.one_of(words, cells()))) if draw(st.booleans()) else cell)
        listing.add_row(*row)
    return listing


def screen(renderable, width: int) -> list[list[tuple[str, Style]]]:
    """What a terminal shows: lines of (character, style)."""
    console = make_console(file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor")
    lines: list[list[tuple[str, Style]]] = [[]]
    for segment in console.render(renderable):
        for char in segment.text:
            if char == "\n":
                lines.append([])
            else:
                lines[-1].append((char, segment.style or Style.null()))
    return lines


@settings(max_examples=300, deadline=None)
@given(listings(), st.integers(1, 120))
def test_a_listing_shows_what_rich_would(listing, width):
    note(repr((listing.headers, listing.show_header, listing.rows)))
    assert screen(listing, width) == screen(listing.rich_table(), width)


@settings(max_examples=300, deadline=None)
@given(narrowable(), st.integers(1, 120))
def test_a_listing_that_gives_way_shows_what_its_rich_table_would(listing, width):
    note(repr((listing.headers, listing.text, listing.narrow, listing.show_header, listing.rows)))
    assert screen(listing, width) == screen(listing.rich_table(width), width)


def test_the_free_text_wraps_at_spaces_and_the_cells_beside_it_never_wrap():
    listing = Listing("id", "due", "todo", "status", text="todo", narrow=("status", "due", "status"))
    listing.add_row(
        Text("12", "id"),
        Short("Mon 30 Nov (in 6 days)", "Mon 30 Nov"),
        "Write the one-page review checklist",
        "open",
    )
    listing.add_row("3", "", "Rehearse", Short("done Tue 24 Nov", "done"))
    assert words(screen(listing, 80)) == [
        ["id", "due", "todo", "status"],
        [
            "12",
            "Mon",
            "30",
            "Nov",
            "(in",
            "6",
            "days)",
            "Write",
            "the",
            "one-page",
            "review",
            "checklist",
            "open",
        ],
        ["3", "Rehearse", "done", "Tue", "24", "Nov"],
    ]
    assert words(screen(listing, 60)) == [  # the status gives way first: shortened
        ["id", "due", "todo", "status"],
        ["12", "Mon", "30", "Nov", "(in", "6", "days)", "Write", "the", "one-page", "open"],
        ["review", "checklist"],
        ["3", "Rehearse", "done"],
    ]
    assert words(screen(listing, 30)) == [  # then the due date, shortened; then the status goes
        ["id", "due", "todo"],
        ["12", "Mon", "30", "Nov", "Write", "the"],
        ["one-page"],
        ["review"],
        ["checklist"],
        ["3", "Rehearse"],
    ]
    empty = Listing("id", "todo", "tags", text="todo")
    empty.add_row("1", "Write", "")
    assert words(screen(empty, 80))[0] == ["id", "todo"]  # no room for a column of nothing


def words(lines: list[list[tuple[str, Style]]]) -> list[list[str]]:
    return [shown for line in lines if (shown := "".join(char for char, _ in line).split())]


def test_rows_that_fit_are_drawn_directly_and_the_rest_by_rich():
    listing = Listing("id", "todo", "mentor")
    listing.add_row(Text("12", "id"), "Send the draft [bold] 🙂", Text("ada", "handle"))
    assert len(screen(listing, 80)) == 3  # the header and the row, one line each: nothing wrapped
    narrow = screen(listing, 20)
    assert narrow == screen(listing.rich_table(), 20) and len(narrow) > 3  # Rich folds the cells
    listing.add_row("3", "two\nlines", "grace")
    assert screen(listing, 80) == screen(listing.rich_table(), 80)


def test_text_rich_cannot_split_is_drawn_unwrapped_instead_of_failing():
    """Zero-width joiners make Rich's line splitting divide by zero at some widths; the list
    is then drawn unwrapped (and cropped) rather than failing the command."""
    joined = "\u200d\u200d👧"
    listing = Listing("id", "due", "todo", "mentor", "status")
    listing.add_row("1", "", joined, "", "open")
    item = Item("•", Text(joined))
    for width in range(4, 30):
        shown = "".join(char for line in screen(listing, width) for char, _ in line)
        assert "👧" in shown or width < 14  # narrower, Rich gives the column no room
        screen(item, width)


@settings(max_examples=300, deadline=None)
@given(cells(), cells(), st.integers(0, 6), st.integers(1, 60))
def test_an_item_shows_what_rich_would(mark, body, indent, width):
    item = Item(mark, body if isinstance(body, Text) else Text(body), indent)
    assert screen(item, width) == screen(item.rich_table(), width)
