"""The Rich console every renderer prints to, and the theme that names every style.

Markup is off: renderers build ``Text`` from user strings, so ``[bold]`` prints as typed.
Escaping is a property of the console itself: every segment of text it renders passes through
``visible``, so a control sequence in a mentor's name cannot reach the terminal even where a
renderer forgot ``user()``. Rich drops colour when stdout is not a terminal or ``NO_COLOR`` is
set; piped output is also neither padded with trailing spaces nor cut at 80 columns (SPEC §4).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from mentorlog.render import calendar
from mentorlog.render.text import has_unsafe, is_terminal, visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

PIPED_WIDTH = 10_000  # piped output is not cut: lines are as long as their content

STYLES = {
    "heading": "bold",
    "section": "bold cyan",
    "muted": "dim",
    "id": "cyan",
    "handle": "magenta",
    "code": "cyan",
    "overdue": "bold red",
    "soon": "yellow",
    "ok": "green",
    "bad": "red",
    "bar": "cyan",
    "nudge": "yellow",
    "match": "bold yellow",  # the words a search found, inside its snippet
    **calendar.STYLES,  # the activity calendar's marks, named beside the calendar that draws them
}
SECTION_LIMIT = 8  # rows of a long section of review before "… and N more"
LIST_LIMIT = 50  # rows a table shows before "… and N more" (--json is never cut)


def make_console(**options) -> Console:
    from rich.console import Console
    from rich.segment import Segment
    from rich.theme import Theme

    class SafeConsole(Console):
        _escaping = False  # Rich renders nested renderables through render() again

        def render(self, renderable, options=None):
            if self._escaping:  # inside the outermost call, whose loop escapes every segment
                return super().render(renderable, options)
            return self._escaped(renderable, options)

        def print(self, *objects, crop: bool | None = None, **kwargs) -> None:
            # Piped, a line is never cut to the width (SPEC §4: not cut), and measuring every
            # line to crop it was most of a megabyte of notes' time: only a terminal crops.
            super().print(*objects, crop=not piped if crop is None else crop, **kwargs)

        def _escaped(self, renderable, options):
            self._escaping = True
            try:
                for segment in super().render(renderable, options):
                    if not segment.control and has_unsafe(segment.text):
                        segment = Segment(visible(segment.text), segment.style, segment.control)
                    yield segment
            finally:
                self._escaping = False

    file = options.pop("file", None) or sys.stdout
    piped = not is_terminal(file) and not options.get("record")
    if piped and "width" not in options:
        options["width"] = (
            int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else PIPED_WIDTH
        )
        file = _NoTrailingSpaces(file)
    return SafeConsole(file=file, theme=Theme(STYLES), highlight=False, emoji=False, markup=False, **options)


class _NoTrailingSpaces:
    """A text stream that drops the spaces Rich pads lines with; for piped output only."""

    def __init__(self, file):
        self.file = file
        self.partial = ""

    def write(self, text: str) -> int:
        lines = (self.partial + text).split("\n")
        self.partial = lines.pop()
        if lines:
            self.file.write("\n".join(line.rstrip(" ") for line in lines) + "\n")
        return len(text)

    def flush(self) -> None:
        if self.partial:
            self.file.write(self.partial.rstrip(" "))
            self.partial = ""
        self.file.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.file.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.file, "encoding", "utf-8")


def heading(console: Console, title: str = "") -> None:
    """A section rule on a terminal; a plain line when piped (a rule would be as wide as the
    unlimited piped width)."""
    if console.is_terminal:
        console.rule(title, style="section")
    else:
        console.print(f"── {title} ──" if title else "──")


def user(text: str | None, style: str = "") -> Text:
    """User text as a Rich ``Text``: literal, control characters made visible."""
    from rich.text import Text

    return Text(visible(text or ""), style=style)


def more_line(shown: int, total: int, capped: bool = False, how: str = "--json shows all") -> Text | None:
    """ "… and N more" under a cut list; "N+" when the count stopped early (``capped``);
    ``how`` says how to see the rest."""
    from rich.text import Text

    if total > shown:
        return Text(f"… and {total - shown}{'+' if capped else ''} more ({how})", style="muted")
    return None
