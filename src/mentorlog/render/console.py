"""The Rich console every renderer prints to, and the theme that names every style.

Markup is off: renderers build ``Text`` from user strings, so ``[bold]`` prints as typed.
Rich already drops colour when stdout is not a terminal or ``NO_COLOR`` is set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.render.text import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

STYLES = {
    "heading": "bold",
    "section": "bold cyan",
    "muted": "dim",
    "id": "cyan",
    "handle": "magenta",
    "overdue": "bold red",
    "soon": "yellow",
    "ok": "green",
    "bad": "red",
    "bar": "cyan",
    "nudge": "yellow",
}
LIST_LIMIT = 50  # rows a table shows before "… and N more" (--json is never cut)


def make_console(**options) -> Console:
    from rich.console import Console
    from rich.theme import Theme

    return Console(theme=Theme(STYLES), highlight=False, emoji=False, markup=False, **options)


def user(text: str | None, style: str = "") -> Text:
    """User text as a Rich ``Text``: literal, control characters made visible."""
    from rich.text import Text

    return Text(visible(text or ""), style=style)


def more_line(shown: int, total: int) -> Text | None:
    from rich.text import Text

    if total > shown:
        return Text(f"… and {total - shown} more (--json shows all)", style="muted")
    return None
