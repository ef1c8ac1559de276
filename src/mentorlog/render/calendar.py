"""The activity calendar of ``progress``: one column per calendar week, one row per weekday, month
names over the weeks in which months begin, and a legend. Every column is a whole week, so the axis is
always even (fortnightly check-ins land in every other column); when the period has more weeks than
the width holds, the calendar keeps the latest weeks that fit and says how many it left out. Weeks
start on Monday. No mark is taller than a letter (no full block beside a dot); they differ in shape
as well as colour, so the calendar reads without colour too.
"""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mentorlog.core import dates

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.text import Text

# Theme entries for the marks, part of render/console.py's STYLES. A console made without that
# theme (a test's plain Console) falls back to these same values.
STYLES = {
    "calendar.label": "dim",
    "calendar.none": "dim",
    "calendar.some": "cyan",
    "calendar.more": "bold cyan",
    "calendar.checkin": "bold green",
}

LABEL_WIDTH = 4  # "Mon " before the first column
# a mark and a gap: the marks read as a grid of nearly square cells (a terminal cell is taller than
# wide), and a month, four or five columns, always has room for its three-letter name
COLUMN_WIDTH = 2
ROW_LABELS = ("Mon", "", "Wed", "", "Fri", "", "")

# (mark, style, legend words)
NONE = ("·", "calendar.none", "nothing")
SOME = ("▪", "calendar.some", "one thing")
MORE = ("■", "calendar.more", "two or more")
CHECKIN = ("●", "calendar.checkin", "check-in")


def activity_calendar(
    activity: Mapping[str, int],
    since: date,
    until: date,
    width: int | None = None,
    *,
    meetings: Collection[str] | None = None,
) -> RenderableType:
    """The calendar from ``since`` to ``until`` (both shown), at most ``width`` cells wide.

    ``activity`` maps an ISO day to how many things happened that day (meetings, todos done, advice
    applied, thanks). ``meetings`` holds the ISO days with a check-in: those get their own mark
    whatever else happened; without it the legend has no check-in mark. ``width=None`` means the
    width the console offers when the calendar is printed.
    """
    return ActivityCalendar(activity, since, until, width, meetings)


def full_width(since: date, until: date) -> int:
    """The cells the calendar from ``since`` to ``until`` takes with every week shown."""
    return ActivityCalendar({}, since, until, None, None).full_width


class ActivityCalendar:
    """A Rich renderable; the layout is decided at print time, when the width is known."""

    def __init__(
        self,
        activity: Mapping[str, int],
        since: date,
        until: date,
        width: int | None,
        meetings: Collection[str] | None,
    ) -> None:
        if until < since:
            since, until = until, since
        self.activity = activity
        self.meetings = set(meetings) if meetings is not None else None
        self.since = since
        self.until = until
        self.width = width
        self.first_monday = since - timedelta(days=since.weekday())
        self.total_weeks = (until - self.first_monday).days // 7 + 1

    @property
    def full_width(self) -> int:
        return LABEL_WIDTH + COLUMN_WIDTH * self.total_weeks - 1  # no gap after the last column

    def weeks_that_fit(self, width: int) -> int:
        # the last column needs its mark only, not the gap after it
        return max(1, min(self.total_weeks, (width - LABEL_WIDTH + COLUMN_WIDTH - 1) // COLUMN_WIDTH))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement(min(LABEL_WIDTH + 1, options.max_width), min(self.full_width, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = min(self.width or options.max_width, options.max_width)
        yield from self.lines(width, lambda name: console.get_style(name, default=STYLES[name]))

    def lines(self, width: int, style_of) -> list[Text]:
        from rich.text import Text

        shown = self.weeks_that_fit(width)
        start = self.first_monday + timedelta(weeks=self.total_weeks - shown)
        label = style_of("calendar.label")
        out = [Text(self._month_line(start, shown, width), style=label, no_wrap=True, overflow="crop")]
        for weekday, name in enumerate(ROW_LABELS):
            # the label's style only on the label: a row-wide style would dim every mark too
            row = Text(no_wrap=True, overflow="crop")
            row.append(f"{name:<{LABEL_WIDTH}}", style=label)
            for week in range(shown):
                day = start + timedelta(weeks=week, days=weekday)
                if week:
                    row.append(" " * (COLUMN_WIDTH - 1))
                if day < self.since or day > self.until:
                    row.append(" ")
                    continue
                mark = self._mark(day.isoformat())
                row.append(mark[0], style=style_of(mark[1]))
            out.append(row)
        legend_marks = [NONE, SOME, MORE] + ([CHECKIN] if self.meetings is not None else [])
        items = []
        for mark, style, words in legend_marks:
            # the gap is its own unstyled piece: SVG viewers may drop a styled run's leading space
            items.append(Text.assemble((mark, style_of(style)), " ", (words, label)))
        indent = LABEL_WIDTH if width >= 24 else 0  # a very narrow terminal needs every cell for words
        out.extend(_flow(items, width, gap=3, indent=indent))
        if shown < self.total_weeks:
            note = f"showing the last {shown} of {self.total_weeks} weeks; widen the terminal to see more"
            for line in textwrap.wrap(note, max(width - indent, 1)):
                out.append(Text.assemble(" " * indent, (line, label)))
        return out

    def _mark(self, day: str) -> tuple[str, str, str]:
        if self.meetings is not None and day in self.meetings:
            return CHECKIN
        n = self.activity.get(day, 0)
        return NONE if n <= 0 else SOME if n == 1 else MORE

    def _month_line(self, start: date, shown: int, width: int) -> str:
        """Month names over the weeks in which each month starts; one that would touch the previous
        is left out. The first column is named after its month too when there is room before the
        next name, so a period starting mid-month still says where it is."""
        starts: list[tuple[int, str]] = []
        for week in range(shown):
            monday = start + timedelta(weeks=week)
            for offset in range(7):
                day = monday + timedelta(days=offset)
                if day.day == 1 and self.since <= day <= self.until:
                    starts.append((LABEL_WIDTH + COLUMN_WIDTH * week, _month_name(day)))
        first_day = max(start, self.since)
        if not starts or starts[0][0] != LABEL_WIDTH:
            lead = (LABEL_WIDTH, _month_name(first_day))
            if not starts or lead[0] + len(lead[1]) < starts[0][0]:
                starts.insert(0, lead)
        line = ""
        for x, name in starts:
            if (line and x <= len(line)) or x + len(name) > width:
                continue  # would collide with the name before it, or run past the edge
            line = line.ljust(x) + name
        return line


def _month_name(day: date) -> str:
    # dates.show_day is the one home of month abbreviations ("Fri 27 Nov 2026")
    return dates.show_day(day.replace(day=1)).split()[2]


def _flow(items: list[Text], width: int, gap: int, indent: int) -> list[Text]:
    """``items`` on as few lines as fit ``width``, indented like the grid; an item never splits."""
    from rich.text import Text

    lines: list[Text] = []
    line = Text(" " * indent)
    bare = True
    for item in items:
        sep = 0 if bare else gap
        if not bare and line.cell_len + sep + item.cell_len > width:
            lines.append(line)
            line, bare, sep = Text(" " * indent), True, 0
        line.append(" " * sep)
        line.append_text(item)
        bare = False
    lines.append(line)
    for text in lines:
        text.no_wrap, text.overflow = False, "fold"
    return lines
