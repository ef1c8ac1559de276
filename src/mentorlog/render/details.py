"""Rich renderers for the show commands (``mentor show``, ``meeting show``, ``todo show`` and
the rest): one item and what belongs to it. Each takes plain journal data (and the day it is)
and returns a renderable; none of them queries. The cells they share with the lists (a due
date, a next check-in, a progress bar) are ``render.lists``'s, imported by the renderers that
draw one, so ``meeting show`` never loads the lists.
"""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from mentorlog.core import cadences, dates
from mentorlog.render.console import user
from mentorlog.render.listing import Item, Listing
from mentorlog.render.text import one_line


def mentor_detail(s, today: date, agreement=None, term_start=None, closure=None) -> RenderableType:
    from mentorlog.render import lists  # the cells it shares with the lists

    m = s.mentor
    title = Text.assemble(user(m.name, "heading"), " (", user(m.handle, "handle"), ")")
    rows = Listing("field", "value", show_header=False, text="value")
    rows.add_row("kind", m.kind)
    if m.org:
        rows.add_row("org", user(m.org))
    if m.contact:
        rows.add_row("contact", user(m.contact))
    rows.add_row("cadence", cadences.cadence_words(m.cadence))
    if m.active:  # an ended mentor has no check-in to come, and is never "overdue"
        rows.add_row("next check-in", lists.checkin_text(m.next_checkin, today))
    last = f"{dates.show_when(s.last_met)} ({dates.ago(s.last_met.date(), today)})" if s.last_met else "never"
    rows.add_row("last met", last)
    rows.add_row("meetings", str(s.meetings))
    rows.add_row("open todos", str(s.open_todos))
    if agreement is not None:
        from mentorlog.journal.agreements import term_words

        agreed = f"agreed {dates.show_day(agreement.agreed_on)}"
        if term_start is not None and term_start != agreement.agreed_on:
            agreed += f" (first {dates.show_day(term_start)})"
        rows.add_row("agreement", agreed)
        term = term_words(term_start or agreement.agreed_on, agreement.term_end, today)
        if term:
            rows.add_row("term", term)
        if agreement.revisit_by:
            rows.add_row("revisit by", dates.show_day(agreement.revisit_by))
    else:
        rows.add_row("agreement", Text("none yet", style="muted"))
    if not m.active:
        rows.add_row("ended", Text.assemble(dates.show_day(m.ended_on), " ", user(m.end_note or "")))
        if closure is not None and closure.keep_in_touch_rule:
            rows.add_row("keep in touch", cadences.cadence_words(closure.keep_in_touch_rule))
    return Group(title, rows)


def meeting_detail(mt, filed: dict) -> RenderableType:
    from mentorlog.render import notes

    flags = [
        f for f, on in (("prepared", mt.prepared), ("late", mt.late), ("rescheduled", mt.rescheduled)) if on
    ]
    head = Text.assemble(
        (f"Meeting {mt.id}", "heading"),
        " with ",
        user(mt.mentor_name, "heading"),
        f" — {dates.show_when(mt.held_at)}",
        f" · {mt.minutes} min" if mt.minutes is not None else "",
        f" · rated {mt.rating}/4" if mt.rating is not None else "",
        (f" · {', '.join(flags)}" if flags else "", "muted"),
    )
    parts: list[RenderableType] = [head, Text("")]
    parts.append(notes.render(mt.notes) if mt.notes else Text("(no notes)", style="muted"))
    for label, items in filed.items():
        if items:
            parts.append(Text(""))
            parts.append(Text(label, style="section"))
            for line in items:  # a line too long continues under its text, not the bullet
                parts.append(Item("•", user(line)))
    return Group(*parts)


def todo_detail(d, today: date) -> RenderableType:
    """``todo show``: the todo and what it belongs to; the note as it was typed."""
    from mentorlog.render import lists  # the cells it shares with the lists

    t = d.todo
    title = Text.assemble((f"Todo {t.id}", "heading"), ": ", user(t.text))
    rows = Listing("field", "value", show_header=False, text="value")
    status = Text(str(t.status), "" if t.status == "open" else "muted")
    if t.done_on and t.status != "open":
        status.append(f" {dates.show_day(t.done_on)}")
    rows.add_row("status", status)
    if t.note:
        rows.add_row(lists.NOTE_LABEL.get(t.status, "note"), user(t.note))
    if t.due:
        rows.add_row("due", lists.due_text(t.due, today, t.status))
    if t.mentor:
        rows.add_row("mentor", Text.assemble(user(t.mentor, "handle"), " (", user(d.mentor_name or ""), ")"))
    if t.meeting:
        held = f", {dates.show_when(d.meeting_held_at)}" if d.meeting_held_at else ""
        rows.add_row("meeting", Text.assemble((str(t.meeting), "id"), held))
    if t.goal:
        rows.add_row("goal", Text.assemble((str(t.goal), "id"), ": ", user(d.goal_text or "")))
    rows.add_row("added", dates.show_day(t.created_at.date()))
    return Group(title, rows)


def goal_detail(g, mentor_name: str | None, linked, today: date) -> RenderableType:
    """``goal show``: the goal, its progress, and a screenful of its todos."""
    from mentorlog.render import lists  # the cells it shares with the lists

    title = Text.assemble((f"Goal {g.id}", "heading"), ": ", user(g.text))
    rows = Listing("field", "value", show_header=False, text="value")
    if g.mentor:
        rows.add_row("mentor", Text.assemble(user(g.mentor, "handle"), " (", user(mentor_name or ""), ")"))
    if g.by:
        rows.add_row("by", lists.due_text(g.by, today, "open" if g.status == "active" else g.status))
    status = Text(str(g.status))
    if g.closed_on and g.status != "active":
        status.append(f" {dates.show_day(g.closed_on)}")
    rows.add_row("status", status)
    rows.add_row("progress", lists.progress_bar(g.done, g.total))
    parts: list[RenderableType] = [title, rows, Text("")]
    if linked:
        parts += [Text("Todos", style="section"), lists.todos_table(linked, today)]
    else:
        parts.append(Text("No todos linked to it yet.", style="muted"))
    return Group(*parts)


def advice_detail(a, today: date) -> RenderableType:
    from mentorlog.render import lists  # the cells it shares with the lists

    head = Text.assemble((f"Advice {a.id}", "heading"), " from ", user(a.mentor, "handle"))
    head.append(f", given {dates.show_day(a.given_on)} · {a.status}")
    parts: list[RenderableType] = [head, user(a.text)]
    if a.tags:
        parts.append(user("tags: " + ", ".join(a.tags), "muted"))
    if a.parked_until:
        parts.append(
            Text.assemble(f"parked until {dates.show_day(a.parked_until)} ", user(a.park_note or "", "muted"))
        )
    if not a.applied:
        parts.append(Text(f"Not applied yet (given {dates.ago(a.given_on, today)}).", style="muted"))
    for app in a.applied:  # each continues under its text: after the id, under the date
        line = Text.assemble(f"{dates.show_day(app.on)} ", user(app.what))
        if app.outcome:
            line.append(" → ")
            line.append(str(app.outcome), style=lists.OUTCOME_STYLE[app.outcome])
        parts.append(Item(Text(f"[{app.id}]", "id"), line))
        if app.reflection:
            parts.append(Item("", user(app.reflection, "muted"), indent=5))
    return Group(*parts)


def note_detail(n) -> RenderableType:
    from mentorlog.render import notes

    head = Text.assemble(
        (f"Note {n.id}", "heading"),
        *((" about ", user(n.mentor, "heading")) if n.mentor else ()),
        f" — {dates.show_when(n.on)}",
        (f" · {' '.join(n.tags)}" if n.tags else "", "muted"),
    )
    return Group(head, Text(""), notes.render(n.text))


def skill_detail(s, today: date) -> RenderableType:
    from mentorlog.journal.skills import MEANING

    head = Text.assemble((f"Skill {s.id}", "heading"), " ", user(s.name, "heading"))
    facts = []
    if s.mentor:
        facts.append(f"with {one_line(s.mentor)}")
    if s.goal:
        facts.append(f"goal {s.goal}")
    facts.append(str(s.status))
    parts: list[RenderableType] = [head, Text(" · ".join(facts), style="muted")]
    if not s.ratings:
        parts.append(Text("Not rated yet.", style="muted"))
    for r in s.ratings or []:  # each continues under its text, after the id
        line = Text.assemble(f"{dates.show_day(r.on)}  {r.rating}/5 ", (MEANING[r.rating], "muted"))
        if r.evidence:
            line.append(" — ")
            line.append_text(user(r.evidence))
        parts.append(Item(Text(f"[{r.id}]", "id"), line))
    return Group(*parts)
