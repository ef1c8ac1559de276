"""The lists' own table draws exactly what Rich's table would: every character and its style.

``Listing`` lays out rows that fit by itself (for speed) and hands the rest to
``rich.table.Table``; these properties render random rows both ways at random widths and
compare them cell by cell, character by character, style by style.
"""

from __future__ import annotations

import io

from hypothesis import given, note, settings
from hypothesis import strategies as st
from rich.style import Style
from rich.text import Text

from mentorlog.render.console import STYLES, make_console
from mentorlog.render.listing import Item, Listing

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
