"""The table every list prints and the bullets of review: Rich's tables, drawn directly when
their rows fit.

A list is a screenful of one-line rows (ids, dates, handles, a line of text), and on a terminal
of any usual width — or piped, where nothing is cut — every row fits. Rich's ``Table`` then
still measures, wraps and pads each cell through its general machinery, which costs about a
third of a millisecond per row: most of a list command's time beyond start-up, and what made a
fifty-row list slower than a five-row one (SPEC §7 growth). ``Listing`` lays such rows out the
way that table would — the same column widths, the same padding, the same style on every
character — and hands anything else (a row wider than the terminal, a cell with a line break or
a tab) to ``rich.table.Table`` itself, so folding on narrow terminals is Rich's. ``Item`` does
the same for review's bullets (a grid each). Property tests compare both with Rich's tables
character by character and style by style. (Where Rich miscounts a zero-width joiner sequence
it can drop a character, or fail, while splitting lines; rows drawn here keep every character,
and a table Rich fails on is drawn unwrapped.)
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
            drawn = _by_rich(console, options, self.rich_table())
            if drawn is not None or widths is None:
                yield from drawn if drawn is not None else [self.rich_table()]
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
                segments = _segments(console, text) if room else []
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
            cells = [_one_line(console, cell) for cell in row]
            if None in cells:
                return None
            lines.append(cells)
        return lines


class Item:
    """A mark (a bullet, a tick) and a text whose wrapped lines stay indented under it:
    ``Table.grid(padding=(0, 1, 0, 0))`` with a right-justified mark column ``indent`` wider
    than the mark and a folding text column. Drawn directly when the text fits on its line."""

    def __init__(self, mark: str | Text, body: Text, indent: int = 2):
        self.mark, self.body = mark, body
        self.width = indent + len(mark.plain if isinstance(mark, Text) else mark)

    def rich_table(self) -> Table:
        from rich.table import Table

        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=self.width, justify="right")
        grid.add_column(overflow="fold")
        grid.add_row(self.mark, self.body)
        return grid

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.rich_table())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        mark, body = _one_line(console, self.mark), _one_line(console, self.body)
        room = _measure(body.plain) if body is not None else 0
        too_wide = mark is None or cell_len(mark.plain) > self.width
        if too_wide or not room or self.width + 1 + room > options.max_width:
            drawn = _by_rich(console, options, self.rich_table())
            if drawn is not None or too_wide or not room:
                yield from drawn if drawn is not None else [self.rich_table()]
                return
        mark.rstrip()  # the steps of Text.wrap, justified right, for a line that fits
        mark.truncate(self.width, overflow="ellipsis")
        mark.pad_left(self.width - cell_len(mark.plain))
        body.rstrip_end(room)
        body.truncate(room, overflow="fold", pad=True)
        yield from _segments(console, mark)
        yield Segment(" ")
        yield from _segments(console, body)
        yield Segment.line()


def _by_rich(console: Console, options: ConsoleOptions, table: Table) -> list[Segment] | None:
    """``table`` as Rich draws it, or None where Rich's line splitting fails on the text (some
    zero-width joiner sequences divide by zero in it): the caller then draws its rows unwrapped,
    and the console crops what does not fit, rather than the command failing."""
    try:
        return list(console.render(table, options))
    except (ZeroDivisionError, IndexError):
        return None


def _one_line(console: Console, cell: RenderableType) -> Text | None:
    """A cell as a Text of its own, or None when it is not text on one line."""
    if isinstance(cell, str):
        text = console.render_str(cell, highlight=False)
    elif isinstance(cell, Text):
        text = cell.copy()
    else:
        return None
    plain = text.plain
    if "\t" in plain or "\n" in plain or len(plain.splitlines()) > 1:
        return None
    return text


def _segments(console: Console, text: Text) -> list[Segment]:
    # As Text.__rich_console__ does: joining turns the base style into a span.
    return list(_JOIN.join([text]).render(console, end=""))


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
