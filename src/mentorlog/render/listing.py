"""The table every list prints and the bullets of review: Rich's tables, drawn directly when
their rows fit, and a list's own way of giving way on a narrow terminal.

A list is a screenful of one-line rows (ids, dates, handles, a line of text), and on a terminal
of any usual width — or piped, where nothing is cut — every row fits. Rich's ``Table`` then
still measures, wraps and pads each cell through its general machinery, which costs about a
third of a millisecond per row: most of a list command's time beyond start-up, and what made a
fifty-row list slower than a five-row one (SPEC §7 growth). ``Listing`` lays such rows out the
way that table would — the same column widths, the same padding, the same style on every
character — and hands anything else (a row wider than the terminal, a cell with a line break or
a tab) to ``rich.table.Table`` itself. ``Item`` does the same for review's bullets (a grid
each), and ``Hanging`` indents what a line wider than the terminal continues with. Property
tests compare both with Rich's tables character by character and style by style. (Where Rich
miscounts a zero-width joiner sequence it can drop a character, or fail, while splitting
lines; rows drawn here keep every character, and a table Rich fails on is drawn unwrapped.)

A list names its free text (``text=``: the todo, the advice, the note) and what gives way when
a row is wider than the terminal (``narrow=``). Every other column is a short cell (an id, a
date, "formal", "every 2 weeks") and never wraps; a column empty in every row is left out; the
free text takes the width the cells leave and wraps at spaces, never inside a word that fits a
line (``WORD_MAX``). When even the text's longest word does not fit beside the cells, the
columns ``narrow`` names give way in its order — shortened when their cells have a shorter form
(``Short``), else dropped — and only past the last of them does Rich fold what is left. A
``Listing`` without ``text=`` (a key and its value, say) folds as Rich's table does.
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
# The free text is given at least this many cells (or its own width, when less) before the
# columns ``narrow`` names give way: a column of a word or two a line is no way to read a todo.
TEXT_MIN = 16
# A word of the free text longer than this is folded rather than make the cells beside it give
# way: a long address or a path cannot fit a narrow column whatever else goes.
WORD_MAX = 20
_JOIN = Text("\n")


class Short:
    """A cell with a shorter form, shown when its column gives way on a narrow terminal
    (``Listing(narrow=...)``): "Sat 5 Dec" for "Sat 5 Dec 2026 15:00 (in 11 days)"."""

    __slots__ = ("full", "short")

    def __init__(self, full: RenderableType, short: RenderableType):
        self.full, self.short = full, short


class Listing:
    """``rich.table.Table(box=None, pad_edge=False, show_edge=False, header_style="heading")``
    with one column per header: the subset of it the lists use. Without ``text`` each column is
    ``overflow="fold"``. With it, the columns it names are the free text (they wrap at spaces
    and take the width left) and every other column is a short cell that never wraps; a column
    empty in every row is left out, and ``narrow`` names, in order, the columns that give way
    when a row is wider than the terminal: a column whose cells have a ``Short`` form is
    shortened the first time it is named and dropped the next, any other is dropped."""

    def __init__(
        self,
        *headers: str,
        show_header: bool = True,
        text: str | tuple[str, ...] = (),
        narrow: tuple[str, ...] = (),
    ):
        self.headers = list(headers)
        self.show_header = show_header
        self.text = (text,) if isinstance(text, str) else tuple(text)
        self.narrow = tuple(narrow)
        if not set(self.text).union(self.narrow) <= set(headers):
            raise ValueError(f"text and narrow name columns of {headers}")
        self.rows: list[tuple[RenderableType, ...]] = []

    def add_row(self, *cells: RenderableType) -> None:
        self.rows.append(cells)

    def rich_table(self, width: int | None = None) -> Table:
        """The listing as a Rich table; with ``width``, as it is drawn that wide (what gives way
        there given way, and the free text's share of the width)."""
        shown, widths = self._layout(width)
        return shown._table(widths)

    def _table(self, widths: list[int | None]) -> Table:
        from rich.table import Table

        table = Table(box=None, pad_edge=False, show_edge=False, header_style=HEADER_STYLE)
        table.show_header = self.show_header
        for header, width in zip(self.headers, widths, strict=True):
            if not self.text:
                table.add_column(header, overflow="fold")
            elif header in self.text:
                table.add_column(header, overflow="fold", width=width)
            else:
                table.add_column(header, no_wrap=True, overflow="ellipsis")
        for row in self.rows:
            table.add_row(*row)
        return table

    def _layout(self, width: int | None) -> tuple[Listing, list[int | None]]:
        """The listing as shown ``width`` wide (the columns kept, each cell in the form shown),
        and the width of each free-text column that must wrap (None: as wide as it needs)."""
        count, rows = len(self.headers), self.rows
        if not self.text or any(len(row) != count for row in rows):
            return self, [None] * count
        plains = [[_plain(cell) for cell in row] for row in rows]
        short_forms = any(isinstance(cell, Short) for row in rows for cell in row)
        if any(None in row for row in plains):  # not all text: Rich measures and folds it
            return self._resolved(list(range(count)), set()), [None] * count
        heads = [cell_len(h) if self.show_header else 0 for h in self.headers]
        texts = {i for i, h in enumerate(self.headers) if h in self.text}
        naturals: dict[tuple[int, bool], int] = {}
        bounds: dict[tuple[int, bool], tuple[int, int]] = {}

        def cells(column: int, short: bool) -> list[str]:
            if not short:
                return [row[column] for row in plains]
            return [_plain(_form(row[column], True)) or "" for row in rows]

        def natural(column: int, short: bool) -> int:
            key = (column, short)
            if key not in naturals:
                naturals[key] = max([heads[column], *map(_measure, cells(column, short))])
            return naturals[key]

        def bound(column: int, short: bool) -> tuple[int, int]:
            """The width a column wants before others give way, and the least it takes: its
            natural width for a cell; for text, TEXT_MIN and its longest word."""
            key = (column, short)
            if key not in bounds:
                whole = natural(column, short)
                if column in texts:
                    words = (cell_len(w) for c in cells(column, short) for w in c.split())
                    least = max(heads[column], min(max(words, default=0), WORD_MAX))
                    bounds[key] = max(least, min(whole, TEXT_MIN)), least
                else:
                    bounds[key] = whole, whole
            return bounds[key]

        columns = [c for c in range(count) if any(row[c] for row in plains)] or list(range(count))
        shortened: set[int] = set()
        gaps = 2 * (len(columns) - 1)
        if width is None or sum(natural(c, False) for c in columns) + gaps <= width:
            if len(columns) == count and not short_forms:
                return self, [None] * count  # every row fits as it is: the common case
            return self._resolved(columns, shortened), [None] * len(columns)

        def total(which: int) -> int:
            return sum(bound(c, c in shortened)[which] for c in columns) + 2 * (len(columns) - 1)

        for step in (self.headers.index(name) for name in self.narrow):
            if total(0) <= width:
                break
            if step not in columns or len(columns) == 1:
                continue
            if step not in shortened and any(isinstance(row[step], Short) for row in rows):
                shortened.add(step)
            else:
                columns.remove(step)
        widths: list[int | None] = [None] * len(columns)
        if total(1) <= width:
            wrapped = [i for i, c in enumerate(columns) if c in texts]
            whole = [natural(c, c in shortened) for c in columns]
            room = width - 2 * (len(columns) - 1) - sum(n for i, n in enumerate(whole) if i not in wrapped)
            if sum(whole[i] for i in wrapped) > room:
                least = {i: bound(columns[i], columns[i] in shortened)[1] for i in wrapped}
                share = {i: whole[i] for i in wrapped}
                while sum(share.values()) > room:  # the widest text gives way first, as Rich's does
                    widest = max((i for i in wrapped if share[i] > least[i]), key=share.__getitem__)
                    share[widest] -= 1
                for i in wrapped:
                    widths[i] = share[i]
        return self._resolved(columns, shortened), widths

    def _resolved(self, columns: list[int], shortened: set[int]) -> Listing:
        """A listing of ``columns`` only, each cell in the form it is shown in."""
        shown = Listing(*(self.headers[c] for c in columns), show_header=self.show_header)
        shown.text = self.text
        shown.rows = [tuple(_form(row[c], c in shortened) for c in columns) for row in self.rows]
        return shown

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.rich_table())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        shown, wrap_widths = self._layout(options.max_width)
        lines = shown._lines(console)
        widths = _widths(lines) if lines is not None else None
        if widths is None or sum(widths) > options.max_width:
            drawn = _by_rich(console, options, shown._table(wrap_widths))
            if drawn is not None or widths is None:
                yield from drawn if drawn is not None else [shown._table(wrap_widths)]
                return
        get_style = console.get_style
        body_style = get_style("")
        header_style = get_style(HEADER_STYLE) if self.show_header else body_style
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


def _form(cell: RenderableType | Short, short: bool) -> RenderableType:
    """The form of ``cell`` shown: its short one when its column was shortened."""
    if isinstance(cell, Short):
        return cell.short if short else cell.full
    return cell


def _plain(cell: RenderableType | Short) -> str | None:
    """A cell's text as shown in full, or None when it is not text."""
    cell = _form(cell, False)
    if isinstance(cell, str):
        return cell
    return cell.plain if isinstance(cell, Text) else None


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


class Hanging:
    """A line of text that, wider than the terminal, wraps at spaces and continues ``indent``
    cells in (a search hit): the terminal would break it at the margin, inside a word."""

    def __init__(self, text: Text, indent: int = 2):
        self.text, self.indent = text, indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if cell_len(self.text.plain) <= width or width <= self.indent + 1:
            yield self.text
            return
        for n, line in enumerate(self.text.wrap(console, width - self.indent)):
            if n:
                yield Segment(" " * self.indent)
            yield from line.render(console)
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
