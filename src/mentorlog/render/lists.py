"""Rich renderers for the list commands, and the cells the show commands share with them (a
due date, a next check-in, a progress bar). Each takes plain journal data (and the day it is)
and returns a renderable; none of them queries. One item shown is ``render.details``'s.

Each list names its free text and the order in which its other columns give way on a narrow
terminal (``Listing``'s ``text`` and ``narrow``; the README's "Narrow terminals" lists them)."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from mentorlog.core import cadences, dates
from mentorlog.render.console import LIST_LIMIT, more_line, user
from mentorlog.render.listing import Listing, Short
from mentorlog.render.text import one_line


def _total(items) -> int:
    """How many rows match in all: a journal Page knows; a plain list is all there is."""
    return getattr(items, "total", len(items))


def _capped(table: Listing, total: int, shown: int | None = None, **how) -> RenderableType:
    """The table, with "… and N more" under it when ``total`` rows did not fit (``shown``: the
    rows it holds, when fewer than a screenful were asked for)."""
    more = more_line(min(total, LIST_LIMIT) if shown is None else shown, total, **how)
    return Group(table, more) if more is not None else table


def due_text(due: date | None, today: date, status: str = "open") -> Text:
    if due is None:
        return Text("")
    label = dates.show_short_day(due, today)
    if status != "open":
        return Text(label, style="muted")
    if due < today:
        return Text(f"{label} ({dates.relative(due, today)})", style="overdue")
    if (due - today).days <= 3:
        return Text(f"{label} ({dates.relative(due, today)})", style="soon")
    return Text(label)


def due_cell(due: date | None, today: date, status: str = "open") -> Short:
    """A due date in a list: "Mon 30 Nov (in 2 days)", shortened to its day."""
    full = due_text(due, today, status)
    return Short(full, Text(dates.show_short_day(due, today), style=full.style) if due else full)


def checkin_text(when, today: date) -> Text:
    if when is None:
        return Text("not scheduled", style="muted")
    style = "overdue" if when.date() < today else ("soon" if (when.date() - today).days <= 3 else "")
    return Text(f"{dates.show_when(when)} ({dates.relative(when.date(), today)})", style=style)


def checkin_cell(when, today: date) -> Short:
    """A next check-in in a list, shortened to its day ("Sat 5 Dec"), still coloured when it
    is soon or overdue."""
    full = checkin_text(when, today)
    if when is None:
        return Short(full, Text("none", style="muted"))
    return Short(full, Text(dates.show_short_day(when.date(), today), style=full.style))


def mentors_table(summaries, today: date) -> RenderableType:
    table = Listing(
        "handle", "name", "kind", "cadence", "last met", "next check-in", "open todos",
        text="name",
        narrow=("open todos", "kind", "next check-in", "last met", "cadence"),
    )  # fmt: skip
    for s in summaries[:LIST_LIMIT]:
        m = s.mentor
        name = user(m.name)
        if not m.active:
            name.append(f" (ended {dates.show_short_day(m.ended_on, today)})", style="muted")
        table.add_row(
            user(m.handle, "handle"),
            name,
            m.kind,
            cadences.cadence_words(m.cadence),
            dates.ago(s.last_met.date(), today) if s.last_met else Text("never", style="muted"),
            checkin_cell(m.next_checkin, today) if m.active else Text("—", style="muted"),
            str(s.open_todos),
        )
    return _capped(table, len(summaries))


def meetings_table(items, today: date, limited: bool = False) -> RenderableType:
    """``limited``: the user's --limit cut it (which --json keeps too), not the screen."""
    table = Listing(
        "id", "held", "mentor", "min", "rating", "", "notes",
        text="notes",
        narrow=("", "rating", "min", "held"),
    )  # fmt: skip
    for mt in items[:LIST_LIMIT]:
        flags = " ".join(
            flag
            for flag, on in (("prepared", mt.prepared), ("late", mt.late), ("rescheduled", mt.rescheduled))
            if on
        )
        table.add_row(
            Text(str(mt.id), "id"),
            Short(dates.show_when(mt.held_at), dates.show_short_day(mt.held_at.date(), today)),
            user(mt.mentor, "handle"),
            str(mt.minutes) if mt.minutes is not None else "",
            f"{mt.rating}/4" if mt.rating is not None else "",
            Text(flags, "muted"),
            Text(one_line(mt.notes, 60)),
        )
    how = {"how": "a larger --limit shows more"} if limited and len(items) < LIST_LIMIT else {}
    return _capped(table, _total(items), shown=min(len(items), LIST_LIMIT), **how)


NOTE_LABEL = {"done": "note", "dropped": "why"}  # what a todo's note is, by its status
NOTE_WIDTH = 60  # characters of a todo's note a list shows beside its text


def todo_with_note(t) -> Text:
    """A todo's text, and the note it was ticked off or dropped with (one line, muted)."""
    text = user(t.text)
    if t.note and t.status in NOTE_LABEL:
        text.append(f" — {NOTE_LABEL[t.status]}: ", style="muted")
        text.append(one_line(t.note, NOTE_WIDTH), style="muted")
    return text


def todos_table(items, today: date) -> RenderableType:
    # Open todos alone say "open" in every row: their status gives way first. With done or
    # dropped ones among them (--all), the status is what tells the rows apart: it goes last.
    mixed = any(t.status != "open" for t in items[:LIST_LIMIT])
    table = Listing(
        "id", "due", "todo", "mentor", "status",
        text="todo",
        narrow=("status", "mentor", "due", "status") if mixed else ("status", "status", "due", "mentor"),
    )  # fmt: skip
    for t in items[:LIST_LIMIT]:
        status = Text(str(t.status), "muted" if t.status != "open" else "")
        if t.status != "open" and t.done_on:
            status = Short(Text(f"{t.status} {dates.show_short_day(t.done_on, today)}", "muted"), status)
        table.add_row(
            Text(str(t.id), "id"),
            due_cell(t.due, today, t.status),
            todo_with_note(t),
            user(t.mentor or "", "handle"),
            status,
        )
    return _capped(table, _total(items))


def advice_table(items, today: date) -> RenderableType:
    table = Listing(
        "id", "given", "mentor", "status", "advice", "tags",
        text=("advice", "tags"),
        narrow=("tags", "status", "given", "mentor"),
    )  # fmt: skip
    for a in items[:LIST_LIMIT]:
        status, style = str(a.status), {"untried": "soon", "applied": "ok"}.get(a.status, "muted")
        label = status
        if status == "applied":
            label = f"applied ×{a.applications}"
        elif status == "parked" and a.parked_until:
            label = f"parked to {dates.show_short_day(a.parked_until, today)}"
        table.add_row(
            Text(str(a.id), "id"),
            dates.show_short_day(a.given_on, today),
            user(a.mentor, "handle"),
            Short(Text(label, style), Text(status, style)),
            user(a.text),
            user(", ".join(a.tags), "muted"),
        )
    return _capped(table, _total(items))


OUTCOME_STYLE = {"worked": "ok", "mixed": "soon", "failed": "bad", "unsure": "muted"}


def topics_table(items) -> RenderableType:
    table = Listing(
        "id", "mentor", "kind", "topic", "status", text="topic", narrow=("status", "kind", "mentor")
    )
    for t in items[:LIST_LIMIT]:
        table.add_row(Text(str(t.id), "id"), user(t.mentor, "handle"), t.kind, user(t.text), t.status)
    return _capped(table, _total(items))


def thanks_table(items, today: date) -> RenderableType:
    table = Listing("id", "on", "mentor", "thanks", text="thanks", narrow=("on", "mentor"))
    for t in items[:LIST_LIMIT]:
        table.add_row(
            Text(str(t.id), "id"), dates.show_short_day(t.on, today), user(t.mentor, "handle"), user(t.text)
        )
    return _capped(table, _total(items))


def progress_bar(done: int, total: int, width: int = 10) -> Text:
    if total == 0:
        return Text("no todos linked", style="muted")
    filled = round(width * done / total)
    bar = Text("█" * filled, style="bar")
    bar.append("░" * (width - filled), style="muted")
    bar.append(f" {done}/{total}")
    return bar


def progress_cell(done: int, total: int) -> Short:
    """A goal's progress in a list: the bar, shortened to its figures ("1/2")."""
    return Short(progress_bar(done, total), Text(f"{done}/{total}") if total else Text("none", style="muted"))


def goals_table(items, today: date) -> RenderableType:
    table = Listing(
        "id", "goal", "mentor", "by", "progress", "status",
        text="goal",
        narrow=("status", "progress", "by", "by", "mentor"),
    )  # fmt: skip
    for g in items[:LIST_LIMIT]:
        table.add_row(
            Text(str(g.id), "id"),
            user(g.text),
            user(g.mentor or "", "handle"),
            due_cell(g.by, today, "open" if g.status == "active" else g.status),
            progress_cell(g.done, g.total),
            g.status,
        )
    return _capped(table, _total(items))


def history_table(changes, total: int, today: date, how: str = "--json shows all") -> RenderableType:
    """The changes, newest first; an undone one is dimmed and says so. ``how``: how to see the
    rest, under a cut list."""
    table = Listing(
        "id", "when", "command", "what it changed", "",
        text=("command", "what it changed"),
        narrow=("", "when", "command"),
    )  # fmt: skip
    for c in changes:
        style = "muted" if c.undone else ""
        table.add_row(
            Text(str(c.id), "id"),
            Short(
                Text(f"{dates.show_short_day(c.at.date(), today)} {c.at:%H:%M}", style),
                Text(dates.show_short_day(c.at.date(), today), style),
            ),
            user(one_line(c.command, 60), style),
            user(c.summary(), style),
            Text("undone" if c.undone else "", "muted"),
        )
    more = more_line(len(changes), total, how=how)
    return Group(table, more) if more is not None else table


def notes_table(items, today: date) -> RenderableType:
    table = Listing(
        "id", "on", "mentor", "note", "tags",
        text=("note", "tags"),
        narrow=("tags", "on", "mentor"),
    )  # fmt: skip
    for n in items[:LIST_LIMIT]:
        table.add_row(
            Text(str(n.id), "id"),
            dates.show_short_day(n.on.date(), today),
            user(n.mentor or "", "handle"),
            user(one_line(n.text, 80)),
            user(" ".join(n.tags), "muted"),
        )
    return _capped(table, _total(items))


def _change(change: int | None) -> Text:
    if change is None or change == 0:
        return Text("—" if change is None else "±0", style="muted")
    return Text(f"{change:+d}", style="ok" if change > 0 else "bad")


def _rating_on(rating: int | None, on, today: date) -> Short:
    """A rating and its day ("4 Sat 21 Nov"), shortened to the rating."""
    if rating is None:
        return Short(Text("not rated", style="muted"), Text("—", style="muted"))
    return Short(Text.assemble(str(rating), (f" {dates.show_short_day(on, today)}", "muted")), str(rating))


def skills_table(items, today: date) -> RenderableType:
    table = Listing(
        "id", "skill", "mentor", "latest", "first", "90 days", "status",
        text="skill",
        narrow=("latest", "first", "status", "90 days", "first", "mentor"),
    )  # fmt: skip
    for s in items[:LIST_LIMIT]:
        table.add_row(
            Text(str(s.id), "id"),
            user(s.name),
            user(s.mentor or "", "handle"),
            _rating_on(s.latest_rating, s.latest_on, today),
            _rating_on(s.first_rating, s.first_on, today),
            _change(s.change),
            Text(s.status, "muted" if s.status != "active" else ""),
        )
    return _capped(table, _total(items))


def feedback_table(items, today: date) -> RenderableType:
    table = Listing(
        "id", "on", "mentor", "direction", "feedback",
        text="feedback",
        narrow=("on", "direction", "mentor"),
    )  # fmt: skip
    for f in items[:LIST_LIMIT]:
        table.add_row(
            Text(str(f.id), "id"),
            dates.show_short_day(f.on, today),
            user(f.mentor, "handle"),
            Text(str(f.direction), "muted"),
            user(f.text),
        )
    return _capped(table, _total(items))


def offers_table(items, today: date) -> RenderableType:
    table = Listing(
        "id", "offered", "mentor", "offer", "person", "status",
        text=("offer", "person", "status"),
        narrow=("offered", "status", "person", "mentor"),
    )  # fmt: skip
    for o in items[:LIST_LIMIT]:
        word = Text(str(o.status), "soon" if o.status == "open" else "muted")
        status = word.copy()
        if o.status != "open" and o.done_on:
            status.append(f" {dates.show_short_day(o.done_on, today)}")
        if o.outcome:
            status.append(" → ")
            status.append_text(user(o.outcome))
        table.add_row(
            Text(str(o.id), "id"),
            dates.show_short_day(o.on, today),
            user(o.mentor, "handle"),
            user(o.text),
            user(o.person or "", "muted"),
            Short(status, word),
        )
    return _capped(table, _total(items))
