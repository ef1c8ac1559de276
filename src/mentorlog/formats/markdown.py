"""The ``markdown`` export: one readable journal, or a folder of notes for Obsidian and the like.

Both are made from the dumped data (``journal.dump``: rows keyed by column, references as
uuids). ``journal`` is one document, mentor by mentor, their check-ins by date with what was
filed from each, then what was filed outside a check-in. ``folder`` plans a notes folder: one
note per check-in named ``YYYY-MM-DD <handle>.md`` with YAML front matter (mentor, date, time,
minutes, tags), its todos as task-list items and a ``[[Mentor Name]]`` link; one note per mentor
named after them; and ``Without a mentor.md`` for goals and todos filed under nobody. User text
goes into the notes exactly as stored; ``formats.markdown_safe`` makes it safe there (file names,
front matter, headings).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import datetime

from mentorlog.core import cadences, dates
from mentorlog.core.record import Record
from mentorlog.formats.markdown_safe import escape_headings, front_matter, name_key, safe_stem, shift_headings
from mentorlog.journal import concepts

NO_MENTOR = "Without a mentor"

# --- the data, grouped --------------------------------------------------------------------


def _when(text: str | None) -> datetime | None:
    return dates.from_db(text)


def _tags(advice: dict) -> list[str]:
    try:
        tags = json.loads(advice.get("tags") or "[]")
    except ValueError:
        return []
    return [str(t) for t in tags] if isinstance(tags, list) else []


class _Journal:
    """The dumped rows, indexed the ways the documents need them."""

    def __init__(self, data: dict[str, list[dict]]):
        self.mentors = sorted(data.get("mentors", []), key=lambda m: (m.get("name") or "").casefold())
        self.mentor = {m.get("uuid"): m for m in self.mentors}
        self.meetings = sorted(data.get("meetings", []), key=lambda m: m.get("held_at") or "")
        self.by_meeting: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        self.loose: dict[str | None, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        self.meetings_of: dict[str, list[dict]] = defaultdict(list)
        for mt in self.meetings:
            self.meetings_of[mt.get("mentor")].append(mt)
        self.applications: dict[str, list[dict]] = defaultdict(list)
        for app in sorted(data.get("applications", []), key=lambda a: a.get("on_date") or ""):
            self.applications[app.get("advice")].append(app)
        self.ratings: dict[str, list[dict]] = defaultdict(list)  # skill uuid → its ratings, oldest first
        for r in sorted(data.get("skill_ratings", []), key=lambda r: r.get("on_date") or ""):
            self.ratings[r.get("skill")].append(r)
        for concept in concepts.sections():
            kind = concept.table
            # A reference's dump key drops its _id ("meeting_id" → "meeting"; "raised_in" stays).
            key = (concept.meeting or "")[:-3] if (concept.meeting or "").endswith("_id") else concept.meeting
            for row in data.get(kind, []):
                meeting = row.get(key) if key else None
                if meeting is not None:
                    self.by_meeting[meeting][kind].append(row)
                if kind == "topics":
                    if row.get("status") == "open":
                        self.loose[row.get("mentor")][kind].append(row)
                elif meeting is None:
                    self.loose[row.get("mentor")][kind].append(row)


def _indent(text: str) -> str:
    """Continuation lines of a list item, indented so the item holds them; no line of it can
    start a heading (``escape_headings``)."""
    return escape_headings(text).replace("\n", "\n  ")


def _todo_line(todo: dict) -> str:
    text = _indent(todo.get("text") or "")
    extra = []
    if todo.get("due"):
        extra.append(f"due {todo['due']}")
    if todo.get("status") == "done":
        extra.append(f"done {todo['done_on']}" if todo.get("done_on") else "done")
    if todo.get("note"):
        extra.append(_indent(todo["note"]))
    tail = f" ({'; '.join(extra)})" if extra else ""
    if todo.get("status") == "dropped":
        return f"- ~~{text}~~ (dropped{'; ' + '; '.join(extra) if extra else ''})"
    return f"- [{'x' if todo.get('status') == 'done' else ' '}] {text}{tail}"


def _advice_lines(advice: dict, j: _Journal) -> list[str]:
    tags = " ".join(f"#{t.replace(' ', '-')}" for t in _tags(advice))
    head = (
        f"- {_indent(advice.get('text') or '')} (given {advice.get('given_on')}{'; ' + tags if tags else ''})"
    )
    if advice.get("parked_until"):
        head += f" — parked until {advice['parked_until']}"
    lines = [head]
    for app in j.applications.get(advice.get("uuid"), []):
        outcome = f" → {app['outcome']}" if app.get("outcome") else ""
        lines.append(f"  - Applied {app.get('on_date')}: {_indent(_indent(app.get('what') or ''))}{outcome}")
        if app.get("reflection"):
            lines.append(f"    {_indent(_indent(app['reflection']))}")
    return lines


def _goal_line(goal: dict) -> str:
    status = goal.get("status")
    extra = [f"by {goal['by_date']}"] if goal.get("by_date") else []
    if status != "active":
        extra.append(f"{status} {goal.get('closed_on') or ''}".strip())
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"- [{'x' if status == 'achieved' else ' '}] {_indent(goal.get('text') or '')}{tail}"


def _offer_line(offer: dict) -> str:
    person = f" (introduction to {_indent(offer['person'])})" if offer.get("person") else ""
    status = offer.get("status")
    if status != "open":
        status = f"{status} {offer.get('done_on') or ''}".strip()
    outcome = f" → {_indent(offer['outcome'])}" if offer.get("outcome") else ""
    return f"- {offer.get('on_date')}: {_indent(offer.get('text') or '')}{person} ({status}){outcome}"


def _skill_lines(skill: dict, j: _Journal) -> list[str]:
    lines = [f"- {_indent(skill.get('name') or '')} ({skill.get('status')})"]
    for r in j.ratings.get(skill.get("uuid"), []):
        evidence = f": {_indent(_indent(r['evidence']))}" if r.get("evidence") else ""
        lines.append(f"  - {r.get('on_date')} rated {r.get('rating')}/5{evidence}")
    return lines


def _filed(items: dict[str, list[dict]], j: _Journal, level: str) -> list[str]:
    """What was filed from one check-in (or outside one), section by section."""
    out: list[str] = []
    for concept in concepts.sections():
        line = _LINES.get(concept.name, _generic_line(concept))
        lines = [part for row in items.get(concept.table, []) for part in line(row, j)]
        if lines:
            out += ["", f"{level} {concept.section}", "", *lines]
    return out


def _generic_line(concept) -> Callable[[dict, _Journal], list[str]]:
    """A concept without a line of its own: its title column, then its day."""

    def line(row: dict, j: _Journal) -> list[str]:
        day = row.get(concept.dated_by) if concept.dated_by else None
        text = _indent(str(row.get(concept.title) or ""))
        return [f"- {str(day)[:10] + ': ' if day else ''}{text}"]

    return line


# Each section's line, by concept (a concept not here gets ``_generic_line``).
_LINES: dict[str, Callable[[dict, _Journal], list[str]]] = {
    "todo": lambda t, j: [_todo_line(t)],
    "advice": _advice_lines,
    "topic": lambda t, j: [f"- ({t.get('kind')}) {_indent(t.get('text') or '')}"],
    "thanks": lambda t, j: [f"- {t.get('on_date')}: {_indent(t.get('text') or '')}"],
    "goal": lambda t, j: [_goal_line(t)],
    "feedback": lambda f, j: [f"- {f.get('on_date')} ({f.get('direction')}): {_indent(f.get('text') or '')}"],
    "offer": lambda o, j: [_offer_line(o)],
    "skill": _skill_lines,
}


def _meeting_title(mt: dict) -> str:
    at = _when(mt.get("held_at"))
    parts = [dates.show_when(at) if at else "undated"]
    if mt.get("minutes") is not None:
        parts.append(f"{mt['minutes']} min")
    if mt.get("late"):
        parts.append("late")
    if mt.get("rescheduled"):
        parts.append("rescheduled")
    if mt.get("rating") is not None:
        parts.append(f"rated {mt['rating']}/4")
    return ", ".join(parts)


def _mentor_facts(m: dict) -> list[str]:
    facts = [f"- {m.get('kind') or 'formal'} mentor" + (f" at {m['org']}" if m.get("org") else "")]
    if m.get("contact"):
        facts.append(f"- Contact: {m['contact']}")
    if m.get("cadence"):
        facts.append(f"- Cadence: {cadences.cadence_words(m['cadence'])}")
    nxt = _when(m.get("next_checkin"))
    if nxt and not m.get("ended_on"):
        facts.append(f"- Next check-in: {dates.show_when(nxt)}")
    if m.get("ended_on"):
        facts.append(
            f"- Ended on {m['ended_on']}" + (f": {_indent(m['end_note'])}" if m.get("end_note") else "")
        )
    return facts


# --- one document ---------------------------------------------------------------------------


def journal(data: dict[str, list[dict]], *, exported_at: datetime) -> Iterator[str]:
    """The whole export as one Markdown document, in pieces (join them or write them out)."""
    j = _Journal(data)
    yield f"# mentorlog journal\n\nExported {dates.show_when(exported_at)}.\n"
    for m in j.mentors:
        lines = ["", f"## {m.get('name')} ({m.get('handle')})", "", *_mentor_facts(m)]
        lines += _filed({"goals": j.loose[m.get("uuid")].get("goals", [])}, j, "###")
        yield "\n".join(lines) + "\n"
        for mt in j.meetings_of.get(m.get("uuid"), []):
            body = ["", f"### Check-in {_meeting_title(mt)}"]
            if mt.get("notes"):
                body += ["", shift_headings(mt["notes"].strip("\n"), 3)]
            body += _filed(j.by_meeting.get(mt.get("uuid"), {}), j, "####")
            yield "\n".join(body) + "\n"
        loose = {k: v for k, v in j.loose[m.get("uuid")].items() if k != "goals"}
        if any(loose.values()):
            yield "\n".join(["", "### Not from a check-in", *_filed(loose, j, "####")]) + "\n"
    if any(j.loose[None].values()):
        yield "\n".join(["", f"## {NO_MENTOR}", *_filed(j.loose[None], j, "###")]) + "\n"


# --- a notes folder ----------------------------------------------------------------------------


class Note(Record):
    name: str  # the file name, ending in .md
    render: Callable[[], str]


class _Names:
    """File names handed out once each, compared the way macOS and Windows file systems do
    (``name_key``: without case, and without Unicode normalization)."""

    def __init__(self):
        self.taken: set[str] = set()

    def claim(self, stem: str, *alternatives: str) -> str:
        for candidate in (stem, *alternatives):
            if name_key(candidate) not in self.taken:
                self.taken.add(name_key(candidate))
                return candidate
        n = 2
        while name_key(f"{stem} {n}") in self.taken:
            n += 1
        self.taken.add(name_key(f"{stem} {n}"))
        return f"{stem} {n}"


def folder(data: dict[str, list[dict]]) -> list[Note]:
    """The notes of a notes folder, each rendered when asked (so a big journal is never held
    as text all at once)."""
    j = _Journal(data)
    names = _Names()
    names.claim(NO_MENTOR)
    link: dict[str | None, str] = {None: NO_MENTOR}
    handle: dict[str | None, str] = {}
    for m in j.mentors:
        h = safe_stem(m.get("handle") or "", "mentor")
        handle[m.get("uuid")] = h
        link[m.get("uuid")] = names.claim(
            safe_stem(m.get("name") or "", h), f"{safe_stem(m.get('name') or '', h)} ({h})"
        )
    notes: list[Note] = []
    meeting_links: dict[str | None, list[str]] = defaultdict(list)
    for mt in j.meetings:
        at = _when(mt.get("held_at"))
        day = at.date().isoformat() if at else "undated"
        stem = names.claim(f"{day} {handle.get(mt.get('mentor'), 'mentor')}")
        meeting_links[mt.get("mentor")].append(stem)
        notes.append(Note(f"{stem}.md", lambda mt=mt, at=at: _meeting_note(mt, at, j, link)))
    for m in j.mentors:
        notes.append(
            Note(f"{link[m.get('uuid')]}.md", lambda m=m: _mentor_note(m, j, meeting_links[m.get("uuid")]))
        )
    if any(j.loose[None].values()):
        notes.append(Note(f"{NO_MENTOR}.md", lambda: _no_mentor_note(j)))
    return notes


def _meeting_note(mt: dict, at: datetime | None, j: _Journal, link: dict) -> str:
    items = j.by_meeting.get(mt.get("uuid"), {})
    mentor = j.mentor.get(mt.get("mentor"), {})
    tags = sorted({t.replace(" ", "-") for a in items.get("advice", []) for t in _tags(a)})
    head = front_matter(
        {
            "mentor": mentor.get("name"),
            "date": at.date() if at else None,
            "time": f"{at:%H:%M}" if at else None,
            "minutes": mt.get("minutes"),
            "tags": ["mentorlog", "check-in", *tags],
            "late": bool(mt.get("late")),
            "rescheduled": bool(mt.get("rescheduled")),
            "uuid": mt.get("uuid"),
        }
    )
    lines = [f"# Check-in with [[{link[mt.get('mentor')]}]], {_meeting_title(mt)}"]
    if mt.get("notes"):
        lines += ["", shift_headings(mt["notes"].strip("\n"), 1)]
    lines += _filed(items, j, "##")
    return head + "\n" + "\n".join(lines) + "\n"


def _mentor_note(m: dict, j: _Journal, meetings: list[str]) -> str:
    head = front_matter(
        {
            "handle": m.get("handle"),
            "kind": m.get("kind"),
            "org": m.get("org"),
            "cadence": cadences.cadence_words(m["cadence"]) if m.get("cadence") else None,
            "active": not m.get("ended_on"),
            "tags": ["mentorlog", "mentor"],
            "uuid": m.get("uuid"),
        }
    )
    lines = [f"# {m.get('name')}", "", *_mentor_facts(m)]
    if meetings:
        lines += ["", "## Check-ins", "", *(f"- [[{stem}]]" for stem in meetings)]
    loose = j.loose[m.get("uuid")]
    lines += _filed({"goals": loose.get("goals", [])}, j, "##")
    advice = [
        a
        for mt in j.meetings_of.get(m.get("uuid"), [])
        for a in j.by_meeting.get(mt.get("uuid"), {}).get("advice", [])
    ]
    advice += loose.get("advice", [])
    if advice:
        lines += ["", "## All advice", "", *(line for a in advice for line in _advice_lines(a, j))]
    rest = {k: v for k, v in loose.items() if k not in ("goals", "advice")}
    lines += _filed(rest, j, "##")
    return head + "\n" + "\n".join(lines) + "\n"


def _no_mentor_note(j: _Journal) -> str:
    head = front_matter({"tags": ["mentorlog"]})
    return head + "\n" + "\n".join([f"# {NO_MENTOR}", *_filed(j.loose[None], j, "##")]) + "\n"
