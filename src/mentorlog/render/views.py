"""Rich renderers for ``review`` and ``progress``. They take the plain data that
``mentorlog.views`` computes and never touch the journal."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from mentorlog.core import cadences, dates
from mentorlog.journal.topics import Kind
from mentorlog.render.calendar import activity_calendar
from mentorlog.render.console import SECTION_LIMIT, more_line, user
from mentorlog.render.listing import Item, Listing
from mentorlog.render.lists import OUTCOME_STYLE, due_text, progress_bar, progress_cell
from mentorlog.render.text import one_line

KIND_TITLES = {
    Kind.QUESTION: "Questions",
    Kind.CONCERN: "Concerns",
    Kind.FEEDBACK: "Feedback to ask for",
    Kind.WIN: "Wins to share",
}


def _section(title: str) -> Text:
    return Text.assemble("\n", (title, "section"))


def _capped(lines: list[RenderableType], total: int, capped: bool = False) -> list[RenderableType]:
    more = more_line(len(lines), total, capped)
    return [*lines, Text.assemble("  ", more)] if more is not None else lines


def _total(rows) -> int:
    """How many there are in all: a Page's count, or a whole list's length."""
    return getattr(rows, "total", len(rows))


def review(r) -> RenderableType:
    m, today = r.mentor, r.today
    head = Text.assemble(user(m.name, "heading"), " (", user(m.handle, "handle"), f") · {m.kind}")
    if m.org:
        head.append(" · ")
        head.append_text(user(m.org))
    nxt = m.next_checkin
    facts = Text("Next check-in: ")
    if not m.active:  # an ended mentor is never "overdue"
        facts = Text(f"Mentoring ended {dates.show_day(m.ended_on)}", style="muted")
    elif nxt is None:
        facts.append("not scheduled", style="muted")
    else:
        style = "overdue" if nxt.date() < today else ("soon" if (nxt.date() - today).days <= 3 else "")
        facts.append(f"{dates.show_when(nxt)} ({dates.relative(nxt.date(), today)})", style=style)
    facts.append("\nLast meeting: ")
    if r.last_meeting:
        met = r.last_meeting.held_at.date()
        facts.append(f"{dates.show_day(met)} ({dates.ago(met, today)})")
    else:
        facts.append("none yet", style="muted")
    facts.append(f" · Cadence: {cadences.cadence_words(m.cadence)}")
    if r.term:
        from mentorlog.journal.agreements import TERM_SOON_DAYS, term_words

        facts.append("\nTerm: ")
        start, end = date.fromisoformat(r.term["start"]), date.fromisoformat(r.term["end"])
        soon = not r.term["ended"] and r.term["days_left"] <= TERM_SOON_DAYS
        facts.append(term_words(start, end, today), style="soon" if soon else "")
    parts: list[RenderableType] = [head, facts]

    if r.topics:
        parts.append(_section("To raise"))
        counts = getattr(r.topics, "by_kind", {})
        for kind, title in KIND_TITLES.items():
            items = [t for t in r.topics if t.kind == kind]
            if items:
                parts.append(Text(f"  {title}", style="heading"))
                shown = [Item("•", Text.assemble((f"[{t.id}] ", "id"), user(t.text)), 4) for t in items]
                parts += _capped(shown, counts.get(kind, len(items)))
    if r.report_back:
        parts.append(_section("Report back"))
        lines = []
        for b in r.report_back[:SECTION_LIMIT]:
            line = Text.assemble(user(b.advice, "muted"), " → ", user(b.what))
            if b.outcome:
                line.append(" → ")
                line.append(b.outcome, style=OUTCOME_STYLE[b.outcome])
            lines.append(Item("•", line))
        parts += _capped(lines, _total(r.report_back))
    if r.todos_done or r.todos_open:
        parts.append(_section("Action items"))
        for t in r.todos_done[:SECTION_LIMIT]:
            when = f" (done {dates.show_short_day(t.done_on, today)})"
            done = Text.assemble((f"[{t.id}] ", "id"), user(t.text), (when, "muted"))
            if t.note:  # how it went: what to tell the mentor
                done.append(" — ", style="muted")
                done.append_text(user(t.note, "muted"))
            parts.append(Item(Text("✓", style="ok"), done))
        if _total(r.todos_done) > SECTION_LIMIT:
            parts.append(Text(f"  … and {_total(r.todos_done) - SECTION_LIMIT} more done", style="muted"))
        lines = []
        for t in r.todos_open[:SECTION_LIMIT]:
            line = Text.assemble((f"[{t.id}] ", "id"), user(t.text))
            if t.due:
                line.append(" — due ")
                line.append_text(due_text(t.due, today))
            lines.append(Item("•", line))
        parts += _capped(lines, _total(r.todos_open))
    if r.advice_waiting:
        parts.append(_section("Advice waiting"))
        lines = []
        for w in r.advice_waiting[:SECTION_LIMIT]:
            a = w.advice
            if w.reason == "untried":
                note = f" — untried, given {dates.days_phrase(w.age_days)} ago"
            else:
                note = f" — parked until {dates.show_short_day(a.parked_until, today)}, back now"
            lines.append(Item("•", Text.assemble((f"[{a.id}] ", "id"), user(a.text), (note, "muted"))))
        waiting = r.advice_waiting
        parts += _capped(lines, getattr(waiting, "total", len(waiting)), getattr(waiting, "capped", False))
    if r.goals:
        from rich.padding import Padding

        parts.append(_section("Goals"))
        # the goal wraps at spaces; on a narrow terminal the bar gives way to its figures, then the day
        table = Listing("goal", "progress", "by", show_header=False, text="goal", narrow=("progress", "by"))
        for g in r.goals:
            by = (
                Text(f"by {dates.show_short_day(g.by, today)}", style="overdue" if g.by < today else "muted")
                if g.by
                else Text("")
            )
            table.add_row(user(g.text), progress_cell(g.done, g.total), by)
        parts.append(Padding(table, (0, 0, 0, 2), expand=False))
    parts += growth_sections(r)
    if r.notes:
        parts.append(_section("Your notes since then" if r.last_meeting else "Your notes"))
        lines = [
            Item("•", Text.assemble((f"[{n.id}] ", "id"), user(one_line(n.text, 100))))
            for n in r.notes[:SECTION_LIMIT]
        ]
        parts += _capped(lines, getattr(r.notes, "total", len(r.notes)), getattr(r.notes, "capped", False))
    if r.nudges:
        parts.append(_section("Nudges"))
        parts += [Item(Text("!", style="nudge"), user(n)) for n in r.nudges]
    return Group(*parts)


def growth_sections(r) -> list[RenderableType]:
    """Review's "Growth" (first → latest rating of the skills linked to this mentor or their
    goals) and "They offered" (open offers, oldest first, with their age)."""
    today, parts = r.today, []
    if r.growth:
        parts.append(_section("Growth"))
        lines = []
        for s in r.growth[:SECTION_LIMIT]:
            line = Text.assemble((f"[{s.id}] ", "id"), user(s.name), " ")
            if s.latest_rating is None:
                line.append("not rated yet", style="muted")
            elif s.first_on == s.latest_on and s.first_rating == s.latest_rating:
                line.append(f"{s.latest_rating}")
                line.append(f" (rated {dates.show_short_day(s.latest_on, today)})", style="muted")
            else:
                line.append(
                    f"{s.first_rating} → {s.latest_rating}",
                    style="ok" if s.latest_rating > s.first_rating else "",
                )
                first, latest = (
                    dates.show_short_day(s.first_on, today),
                    dates.show_short_day(s.latest_on, today),
                )
                when = f" ({first} → {latest})"
                line.append(when, style="muted")
            lines.append(Item("•", line))
        parts += _capped(lines, getattr(r.growth, "total", len(r.growth)))
    if r.offers:
        parts.append(_section("They offered"))
        lines = []
        for o in r.offers[:SECTION_LIMIT]:
            line = Text.assemble((f"[{o.id}] ", "id"), user(o.text))
            if o.person:
                line.append(" — introduction to ")
                line.append_text(user(o.person))
            line.append(f" (offered {dates.ago(o.on, today)})", style="muted")
            lines.append(Item("•", line))
        parts += _capped(lines, getattr(r.offers, "total", len(r.offers)))
    return parts


def _days(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g} day" if value == 1 else f"{value:g} days"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _cadence(p) -> str:
    if p.cadence_kept is None and p.cadence_waiting:
        return "— (no check-in yet)"
    return _pct(p.cadence_kept)


def _figures(*pieces) -> Item:
    """A line of progress's figures, two spaces in; on a narrow terminal it continues under
    its first figure, not at the margin."""
    return Item("", Text.assemble(*pieces), indent=1)


def progress(p) -> RenderableType:
    who = f"with {p.mentor.name}" if p.mentor else "with all mentors"
    head = Text(f"Progress {who}, {dates.show_day(p.since)} – {dates.show_day(p.until)}", style="heading")
    parts: list[RenderableType] = [head, _section(f"Meetings per month ({p.meetings_total} in all)")]
    top = max(p.by_month.values(), default=0) or 1
    for month, n in p.by_month.items():
        y, mo = month.split("-")
        label = f"{dates.show_day(date(int(y), int(mo), 1)).split()[2]} {y}"
        parts.append(
            Text.assemble(
                f"  {label}  ", ("█" * round(20 * n / top), "bar"), f" {n}" if n else ("0", "muted")
            )
        )
    parts.append(_section("Activity (check-ins, todos done, advice applied, thanks)"))
    parts.append(activity_calendar(p.activity, p.since, p.until, meetings=set(p.meeting_days)))
    parts.append(_section("Check-ins"))
    parts.append(
        _figures(f"cadence kept {_cadence(p)} · on time {_pct(p.on_time)} · prepared {_pct(p.prepared)}")
    )
    t = p.todos
    parts.append(_section("Todos"))
    median = _days(t["median_days_to_done"])
    parts.append(
        _figures(f"opened {t['opened']} · done {t['done']} · dropped {t['dropped']} · overdue {t['overdue']}")
    )
    parts.append(_figures(f"completion rate {_pct(t['completion_rate'])} · median time to done {median}"))
    a = p.advice
    parts.append(_section("Advice"))
    median = _days(a["median_days_to_apply"])
    outcomes = Text("outcomes: ")
    for i, (name, n) in enumerate(a["outcomes"].items()):
        outcomes.append((", " if i else "") + f"{name} ")
        outcomes.append(str(n), style=OUTCOME_STYLE[name])
    parts.append(
        _figures(
            f"received {a['received']} · applied {_pct(a['applied_share'])}",
            f" · median time to first try {median}",
        )
    )
    parts.append(_figures(outcomes))
    parts.append(_section("Thanks"))
    parts.append(_figures(f"{p.thanks} given"))
    if p.goals:
        parts.append(_section("Goals"))
        for g in p.goals:
            parts.append(
                _figures(progress_bar(g.done, g.total), "  ", user(g.text), (f" ({g.status})", "muted"))
            )
    parts += progress_growth(p)
    return Group(*parts)


# A rating's height in a step line: 1 new to it … 5 can teach it.
_STEP = {1: "▁", 2: "▃", 3: "▄", 4: "▆", 5: "█"}
_STEPS_SHOWN = 24  # the latest this many ratings of a skill, so a line stays one line


def step_line(ratings: list[int]) -> str:
    """``▃▄▆ 2 → 3 → 4``: a block per rating, oldest first, then the numbers (the first and
    latest when there are more than eight)."""
    shown = ratings[-_STEPS_SHOWN:]
    blocks = "".join(_STEP[r] for r in shown)
    numbers = " → ".join(map(str, ratings)) if len(ratings) <= 8 else f"{ratings[0]} → … → {ratings[-1]}"
    return f"{blocks} {numbers}"


def progress_growth(p) -> list[RenderableType]:
    """Progress's skills (a step line each), feedback, check-in ratings by month and offers."""
    parts: list[RenderableType] = []
    if p.skills:
        parts.append(_section("Skills (1 new to it … 5 can teach it)"))
        from rich.cells import cell_len

        shown = p.skills[:SECTION_LIMIT]
        width = min(40, max(cell_len(user(s.name).plain) for s, _ in shown))
        lines = []
        for s, steps in shown:
            first, latest = steps[0], steps[-1]
            name = user(s.name)
            pad = " " * max(0, width - cell_len(name.plain))
            day = dates.show_short_day(latest.on, p.until)
            when = (
                f"  ({dates.show_short_day(first.on, p.until)} → {day})"
                if first.on != latest.on
                else f"  ({day})"
            )
            lines.append(
                _figures(name, pad, "  ", (step_line([r.rating for r in steps]), "bar"), (when, "muted"))
            )
        parts += _capped(lines, getattr(p.skills, "total", len(p.skills)))
    f = p.feedback
    if f and any(f.values()):
        parts.append(_section("Feedback"))
        parts.append(_figures(f"asked for {f['asked']} · received {f['received']} · given {f['given']}"))
    months = p.ratings.get("by_month", {}) if p.ratings else {}
    if months:
        parts.append(_section("How useful the check-ins were (1–4, private)"))
        for month, figures in months.items():
            y, mo = month.split("-")
            label = f"{dates.show_day(date(int(y), int(mo), 1)).split()[2]} {y}"
            avg = figures["average"]
            parts.append(
                _figures(f"{label}  ", ("█" * round(5 * avg), "bar"), f" {avg:g} ({figures['rated']} rated)")
            )
    o = p.offers
    if o and any(o.values()):
        parts.append(_section("Offers"))
        parts.append(_figures(f"made {o['made']} · done {o['done']}"))
    return parts
