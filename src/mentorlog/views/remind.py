"""``remind``: one line per thing that needs the mentee now, over all active mentors.

Made for a shell's start-up file, so it reads only a handful of indexed rows and never
imports Rich. Untried advice is summed up per mentor (one line, not one per entry), so a
long history cannot flood the terminal.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from mentorlog import dates
from mentorlog.views.review import THANKS_AFTER_DAYS, UNTRIED_AFTER_DAYS

NO_CHECKIN_AFTER_DAYS = 30


@dataclass
class Reminder:
    kind: str  # checkin, todo, advice, parked, thanks
    mentor: str | None
    text: str
    due: str | None  # ISO date or date-time

    def to_json(self) -> dict:
        return {"kind": self.kind, "mentor": self.mentor, "text": self.text, "due": self.due}


def build(conn: sqlite3.Connection, today: date, within: int) -> list[Reminder]:
    horizon = (today + timedelta(days=within)).isoformat()
    out: list[Reminder] = []
    active = conn.execute(
        """
        SELECT m.id, m.handle, m.name, m.next_checkin, m.created_at,
          (SELECT max(held_at) FROM meetings WHERE mentor_id = m.id) AS last_met,
          (SELECT max(on_date) FROM thanks WHERE mentor_id = m.id) AS last_thanks
        FROM mentors m WHERE m.ended_on IS NULL ORDER BY m.next_checkin IS NULL, m.next_checkin, m.handle
        """
    ).fetchall()
    for m in active:
        nxt = dates.from_db(m["next_checkin"])
        if nxt is not None and nxt.date().isoformat() <= horizon:
            out.append(
                Reminder(
                    "checkin",
                    m["handle"],
                    f"Check-in with {m['name']} {dates.relative(nxt.date(), today)} ({dates.show_when(nxt)})",
                    nxt.isoformat(),
                )
            )
        elif nxt is None and m["last_met"]:
            last = dates.from_db(m["last_met"]).date()
            if (today - last).days >= NO_CHECKIN_AFTER_DAYS:
                out.append(
                    Reminder(
                        "checkin",
                        m["handle"],
                        f"No check-in scheduled with {m['name']}; last met {dates.ago(last, today)}",
                        None,
                    )
                )
    rows = conn.execute(
        """
        SELECT t.id, t.text, t.due, m.handle FROM todos t LEFT JOIN mentors m ON m.id = t.mentor_id
        WHERE t.status = 'open' AND t.due <= ? AND (m.id IS NULL OR m.ended_on IS NULL)
        ORDER BY t.due, t.id
        """,
        (horizon,),
    )
    for r in rows:
        due = date.fromisoformat(r["due"])
        when = dates.relative(due, today)
        label = when if due < today else f"due {when}"
        who = f" ({r['handle']})" if r["handle"] else ""
        out.append(Reminder("todo", r["handle"], f"Todo {r['id']} {label}: {r['text']}{who}", r["due"]))
    cutoff = (today - timedelta(days=UNTRIED_AFTER_DAYS)).isoformat()
    for r in conn.execute(
        """
        SELECT m.handle, m.name, count(*) AS n, min(a.given_on) AS oldest FROM advice a
        JOIN mentors m ON m.id = a.mentor_id
        WHERE m.ended_on IS NULL AND a.parked_until IS NULL AND a.given_on <= ?
          AND NOT EXISTS (SELECT 1 FROM applications p WHERE p.advice_id = a.id)
        GROUP BY m.id ORDER BY m.handle
        """,
        (cutoff,),
    ):
        oldest = date.fromisoformat(r["oldest"])
        what = "1 piece of advice" if r["n"] == 1 else f"{r['n']} pieces of advice"
        out.append(
            Reminder(
                "advice",
                r["handle"],
                f"{what} from {r['name']} untried for {UNTRIED_AFTER_DAYS}+ days "
                f"(oldest {dates.ago(oldest, today)}): mentorlog advice list --untried -m {r['handle']}",
                r["oldest"],
            )
        )
    for r in conn.execute(
        """
        SELECT a.id, a.text, a.parked_until, m.handle FROM advice a JOIN mentors m ON m.id = a.mentor_id
        WHERE m.ended_on IS NULL AND a.parked_until <= ? ORDER BY a.parked_until, a.id
        """,
        (today.isoformat(),),
    ):
        out.append(
            Reminder(
                "parked",
                r["handle"],
                f"Parked advice {r['id']} is back ({r['handle']}): {r['text']}",
                r["parked_until"],
            )
        )
    for m in active:
        last = m["last_thanks"]
        since = date.fromisoformat(last) if last else dates.from_db(m["created_at"]).date()
        if (today - since).days >= THANKS_AFTER_DAYS:
            when = f"since {dates.show_day(since)}" if last else "yet"
            out.append(Reminder("thanks", m["handle"], f"No thanks to {m['name']} {when}", last))
    return out
