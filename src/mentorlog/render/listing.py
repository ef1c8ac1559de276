"""The table every list prints: Rich's borderless table, drawn directly when its rows fit.

A list is a screenful of one-line rows (ids, dates, handles, a line of text), and on a terminal
of any usual width — or piped, where nothing is cut — every row fits. Rich's ``Table`` then
still measures, wraps and pads each cell through its general machinery, which costs about a
third of a millisecond per row: most of a list command's time beyond start-up, and what made a
fifty-row list slower than a five-row one (SPEC §7 growth). ``Listing`` lays such rows out the
way that table would — the same column widths, the same padding, the same style on every
character — and hands anything else (a row wider than the terminal, a cell with a line break or
a tab) to ``rich.table.Table`` itself, so folding on narrow terminals is Rich's. A property test
compares the two character by character and style by style.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.table import Table

HEADER_STYLE = "heading"
_JOIN = Text("\n")


class Listing:
    """``rich.table.Table(box=None, pad_edge=False, show_edge=False, header_style="heading")``
    with one column per header, each ``overflow="fold"``: the subset of it the lists use."""

    def __init__(self, *headers: str, show_header: bool = True):
        self.headers = list(headers)
        self.show_header = show_header
        self.rows: list[tuple[RenderableType, ...]] = []

    def add_row(self, *cells: RenderableType) -> None:
        self.rows.append(cells)

    def rich_table(self) -> Table:
        from rich.table import Table

        table = Table(box=None, pad_edge=False, show_edge=False, header_style=HEADER_STYLE)
        table.show_header = self.show_header
        for header in self.headers:
            table.add_column(header, overflow="fold")
        for row in self.rows:
            table.add_row(*row)
        return table

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.rich_table())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self._lines(console)
        widths = _widths(lines) if lines is not None else None
        if widths is None or sum(widths) > options.max_width:
            yield self.rich_table()
            return
        get_style = console.get_style
        header_style, body_style = get_style(HEADER_STYLE), get_style("")
        last = len(widths) - 1
        new_line = Segment.line()
        for index, cells in enumerate(lines):
            style = header_style if index == 0 and self.show_header else body_style
            for column, text in enumerate(cells):
                left, right = int(column > 0), int(column < last)
                room = widths[column] - left - right
                text.rstrip_end(room)  # the steps of Text.wrap for a line that fits
                text.truncate(room, overflow="fold", pad=True)
                # As Text.__rich_console__ does: joining turns the base style into a span.
                segments = list(_JOIN.join([text]).render(console, end="")) if room else []
                if left:
                    segments = [Segment(" "), *segments]
                if right:
                    segments = [*segments, Segment(" ")]
                yield from Segment.apply_style(segments, style)
            yield new_line

    def _lines(self, console: Console) -> list[list[Text]] | None:
        """Every row (the header first) as Texts, or None when a cell is not one plain line."""
        rows = [self.headers, *self.rows] if self.show_header else self.rows
        if not rows or any(len(row) != len(self.headers) for row in rows):
            return None
        lines = []
        for row in rows:
            cells = []
            for cell in row:
                if isinstance(cell, str):
                    text = console.render_str(cell, highlight=False)
                elif isinstance(cell, Text):
                    text = cell.copy()
                else:
                    return None
                plain = text.plain
                if "\t" in plain or "\n" in plain or len(plain.splitlines()) > 1:
                    return None
                cells.append(text)
            lines.append(cells)
        return lines


def _widths(lines: list[list[Text]]) -> list[int] | None:
    """Each column's width with its padding (one space between columns, none at the edges),
    as Rich measures it."""
    count = len(lines[0])
    rooms = [max(_measure(row[column].plain) for row in lines) for column in range(count)]
    if not any(rooms):  # nothing to show at all: Rich's blank rows differ in style; let it draw them
        return None
    return [room + (column > 0) + (column < count - 1) for column, room in enumerate(rooms)]


def _measure(plain: str) -> int:
    """A cell's width as ``Text.__rich_measure__`` has it."""
    return max((cell_len(line) for line in plain.splitlines()), default=0)
