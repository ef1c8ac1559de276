"""``remind``: what needs the mentee now, one line each, over all active mentors.

Made for a shell's start-up file: it reads a handful of indexed rows, never imports Rich, and
stays short — at most ``MAX_LINES`` lines, with more than ``OVERDUE_LINES`` overdue todos
folded into one (``--json`` lists every item). Untried advice is summed up per mentor.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from mentorlog.core import dates
from mentorlog.core.errors import Suggest
from mentorlog.core.record import Record
from mentorlog.core.words import command
from mentorlog.journal import advice, mentors, thanks, todos

MAX_LINES = 8
OVERDUE_LINES = 3  # more overdue todos than this become one line
UNSHOWN = "unshown"  # a screen's stand-in for the todos due soon it counted but did not fetch


class Reminder(Record):
    kind: str  # checkin, todo, advice, parked, thanks, keep_in_touch
    mentor: str | None
    text: str
    due: str | None  # ISO date or date-time

    def to_json(self) -> dict:
        return {"kind": self.kind, "mentor": self.mentor, "text": self.text, "due": self.due}


def build(conn: sqlite3.Connection, today: date, within: int, *, screen: bool = False) -> list[Reminder]:
    """Every reminder, in the order they are shown. With ``screen``, only what ``lines`` can
    show: the overdue todos as a Page of the first ``OVERDUE_LINES + 1`` (with the count of all),
    those due soon as a Page of ``MAX_LINES``; the counts come from SQL, not from a Todo each."""
    out: list[Reminder] = []
    active = mentors.summaries(conn, include_ended=False)
    horizon = today + timedelta(days=within)
    for s in active:
        m, nxt = s.mentor, s.mentor.next_checkin
        if nxt is not None and nxt.date() <= horizon:
            when = f"{dates.relative(nxt.date(), today)} ({dates.show_when(nxt)})"
            out.append(Reminder("checkin", m.handle, f"Check-in with {m.name} {when}", nxt.isoformat()))
        elif nxt is None and s.last_met is not None:
            last = s.last_met.date()
            if (today - last).days >= mentors.NO_CHECKIN_AFTER_DAYS:
                text = f"No check-in scheduled with {m.name}; last met {dates.ago(last, today)}"
                out.append(Reminder("checkin", m.handle, text, None))
    if screen:
        overdue = todos.due_by(conn, today - timedelta(days=1), limit=OVERDUE_LINES + 1)
        if overdue.total > OVERDUE_LINES:
            out.append(_folded(overdue.total, overdue[0].due))
        else:
            out += [_todo(t, today) for t in overdue]
        soon = todos.due_by(conn, horizon, first_day=today, limit=MAX_LINES)
        out += [_todo(t, today) for t in soon]
        if soon.total > len(soon):  # counted, not built: lines() adds them to "… and N more"
            out.append(Reminder(UNSHOWN, None, str(soon.total - len(soon)), None))
    else:
        out += [_todo(t, today) for t in todos.due_by(conn, horizon)]
    for r in advice.untried_by_mentor(conn, today):
        oldest = date.fromisoformat(r["oldest"])
        cap = advice.UNTRIED_COUNT_CAP  # counted to one past it: more than the cap is "100+"
        n = f"{cap}+" if r["n"] > cap else str(r["n"])
        what = "1 piece of advice" if r["n"] == 1 else f"{n} pieces of advice"
        text = (
            f"{what} from {r['name']} untried for {advice.UNTRIED_AFTER_DAYS}+ days "
            f"(oldest {dates.ago(oldest, today)}): {command(Suggest('list_untried', mentor=r['handle']))}"
        )
        out.append(Reminder("advice", r["handle"], text, r["oldest"]))
    for a in advice.parked_back(conn, today):
        text = f"Parked advice {a.id} is back ({a.mentor}): {a.text}"
        out.append(Reminder("parked", a.mentor, text, a.parked_until.isoformat()))
    for s in active:
        m, last = s.mentor, s.last_thanks
        since = last or m.created_at.date()
        if (today - since).days >= thanks.AFTER_DAYS:
            when = f"since {dates.show_day(since)}" if last else "yet"
            out.append(
                Reminder("thanks", m.handle, f"No thanks to {m.name} {when}", last and last.isoformat())
            )
    out += keep_in_touch(conn, today)
    return out


def keep_in_touch(conn: sqlite3.Connection, today: date) -> list[Reminder]:
    """Ended mentors you meant to keep in touch with, whose last contact (a meeting, an update,
    thanks, or the end itself) is older than the keep-in-touch cadence (SPEC §2)."""
    out: list[Reminder] = []
    if not mentors.any_ended(conn):  # the usual case, answered without loading closures
        return out
    from mentorlog.journal import closures

    for r in closures.keep_in_touch_due(conn):
        from datetime import datetime

        from mentorlog.core import cadences

        last = date.fromisoformat(r["last_contact"])
        due = cadences.next_after(
            r["cadence"], dates.local(datetime.combine(last, datetime.min.time()))
        ).date()
        if due <= today:
            text = (
                f"Keep in touch with {r['name']}: last in touch {dates.ago(last, today)} "
                f"({cadences.cadence_words(r['cadence'])} was the plan); send an update"
            )
            out.append(Reminder("keep_in_touch", r["handle"], text, due.isoformat()))
    return out


def inbox(folder) -> list[Reminder]:
    """One line naming the files that wait in the inbox folder (filed by ``inbox``): some could
    not be filed, or were never tried. Most journals have no inbox folder: then a ``stat`` is
    all it costs."""
    import os

    if not os.path.isdir(folder):
        return []
    from mentorlog.journal.store.inbox import waiting

    found = waiting(folder)
    if not found:
        return []
    names = ", ".join(p.name for p in found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
    what = "file waits" if len(found) == 1 else "files wait"
    text = f"{len(found)} {what} in the inbox ({names}): {command(Suggest('run_inbox'))}"
    return [Reminder("inbox", None, text, None)]


def _todo(t: todos.Todo, today: date) -> Reminder:
    when = dates.relative(t.due, today)
    label = when if t.due < today else f"due {when}"
    who = f" ({t.mentor})" if t.mentor else ""
    return Reminder("todo", t.mentor, f"Todo {t.id} {label}: {t.text}{who}", t.due.isoformat())


def _folded(n: int, oldest: date) -> Reminder:
    listed = command(Suggest("list_overdue"))
    text = f"{n} todos are overdue, the oldest since {dates.show_day(oldest)}: {listed}"
    return Reminder("overdue", None, text, oldest.isoformat())


def lines(items: list[Reminder], today: date) -> list[str]:
    """What remind prints: overdue todos folded when there are many, at most MAX_LINES."""
    overdue = [r for r in items if r.kind == "todo" and r.due is not None and r.due < today.isoformat()]
    fold = {id(r) for r in overdue} if len(overdue) > OVERDUE_LINES else set()
    shown: list[str] = []
    folded = False
    hidden = 0
    for r in items:
        if r.kind == UNSHOWN:
            hidden += int(r.text)
            continue
        if id(r) in fold:
            if not folded:
                oldest = min(overdue, key=lambda r: r.due)
                shown.append(_folded(len(overdue), date.fromisoformat(oldest.due)).text)
                folded = True
            continue
        shown.append(r.text)
    if len(shown) + hidden > MAX_LINES:
        rest = len(shown) + hidden - (MAX_LINES - 1)
        shown = [
            *shown[: MAX_LINES - 1],
            f"… and {rest} more: {command(Suggest('remind_all'))} lists them all",
        ]
    return shown
