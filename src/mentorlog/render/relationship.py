"""Rich renderers for the relationship: agreements, a closure, updates. Plain data in, user
text always literal (``user``, and the notes renderer for the Markdown sections)."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from mentorlog.core import cadences, dates
from mentorlog.render.console import LIST_LIMIT, more_line, user
from mentorlog.render.listing import Listing
from mentorlog.render.text import one_line


def _dates_line(a) -> Text:
    line = Text(f"Agreed {dates.show_day(a.agreed_on)}", style="muted")
    if a.term_end:
        line.append(f" · term ends {dates.show_day(a.term_end)}", style="muted")
    if a.revisit_by:
        line.append(f" · revisit by {dates.show_day(a.revisit_by)}", style="muted")
    return line


def agreements(mentor, items, today: date, *, total: int) -> RenderableType:
    """The current agreement, or (several) every revision, newest first."""
    from mentorlog.render import notes

    title = Text.assemble(("Agreement with ", "heading"), user(mentor.name, "heading"))
    parts: list[RenderableType] = [title]
    several = len(items) > 1
    for i, a in enumerate(items):
        if several:
            label = "current" if i == 0 else "earlier"
            parts.append(Text.assemble("\n", (f"Revision {a.id} ({label})", "section")))
        parts += [_dates_line(a), Text(""), notes.render(a.text)]
    more = more_line(len(items), total)
    if more is not None:
        parts.append(more)
    return Group(*parts)


def closure(mentor, c, today: date) -> RenderableType:
    from mentorlog.render import notes

    title = Text.assemble(("Closing of the mentoring with ", "heading"), user(mentor.name, "heading"))
    facts = Text(f"Ended {dates.show_day(c.on)}", style="muted")
    if c.keep_in_touch_rule:
        facts.append(f" · keep in touch {cadences.cadence_words(c.keep_in_touch_rule)}", style="muted")
    if mentor.active:
        facts.append(" · resumed since", style="muted")
    parts: list[RenderableType] = [title, facts, Text("")]
    parts.append(notes.render(c.text) if c.text else Text("No closing was written.", style="muted"))
    return Group(*parts)


def updates_table(items, today: date) -> RenderableType:
    table = Listing("id", "on", "mentor", "update", text="update", narrow=("on", "mentor"))
    for u in items[:LIST_LIMIT]:
        table.add_row(
            Text(str(u.id), "id"),
            dates.show_short_day(u.on, today),
            user(u.mentor, "handle"),
            Text(one_line(u.text, 80)),
        )
    more = more_line(min(len(items), LIST_LIMIT), getattr(items, "total", len(items)))
    return Group(table, more) if more is not None else table
