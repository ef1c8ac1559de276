"""The search results view: one line per hit, best first, with the matched words highlighted.

Each line is kind and id, mentor, date (as the views show a day: ``Mon 23 Nov``) and the
snippet, in columns as wide as the hits shown need. Piped, lines are never wrapped or cut by
Rich (printed with ``soft_wrap``), so the output is one hit per line, ready for ``grep``; on a
terminal a hit wider than it continues, indented, on the next lines. Every piece of user text
goes through ``user()``.
"""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from mentorlog.core import dates
from mentorlog.journal.store.search import Hit, snippet_parts
from mentorlog.render.console import user
from mentorlog.render.listing import Hanging


def snippet_text(snippet: str) -> Text:
    """The snippet with its matches in the ``match`` style, each piece escaped on its own."""
    text = Text()
    for piece, is_match in snippet_parts(snippet):
        text.append_text(user(piece, "match" if is_match else ""))
    return text


def hits_view(hits: list[Hit], total: int, today: date, wrap: bool = False) -> RenderableType:
    """The hits, a line each; ``wrap``: on a terminal, where a long one continues indented."""
    labels = [f"{h.kind} {h.id}" for h in hits]
    mentors = [user(h.mentor or "—") for h in hits]
    label_width = max(map(len, labels), default=0)
    mentor_width = max((m.cell_len for m in mentors), default=0)
    days = [_day(h.date, today) for h in hits]
    day_width = max(map(len, days), default=0)
    lines: list[RenderableType] = []
    for hit, label, mentor, day in zip(hits, labels, mentors, days, strict=True):
        line = Text.assemble(
            (hit.kind, "muted"),
            " ",
            (str(hit.id), "id"),
            " " * (label_width - len(label) + 2),
        )
        mentor.stylize("handle" if hit.mentor else "muted")
        line.append_text(mentor)
        line.append(" " * (mentor_width - mentor.cell_len + 2))
        line.append(day, "muted")
        line.append(" " * (day_width - len(day) + 2))
        line.append_text(snippet_text(hit.snippet))
        lines.append(Hanging(line) if wrap else line)
    if total > len(hits):
        lines.append(Text(f"… and {total - len(hits)} more (--limit N shows more)", style="muted"))
    return Group(*lines)


def _day(iso: str, today: date) -> str:
    """A hit's ISO date as the views show a day (``Mon 23 Nov``); kept as it is when it is not
    one (--json keeps ISO)."""
    try:
        return dates.show_short_day(date.fromisoformat(iso[:10]), today)
    except ValueError:
        return iso
