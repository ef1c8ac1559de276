"""The ``log`` template and stdin format: writing the editor buffer and reading it back. Pure.

The format (SPEC §2): ``#`` lines are comments; ``[x] topic N`` / ``[x] todo N`` lines tick a
topic raised or a todo done (unticked ones are dropped); ``todo:``, ``advice:``, ``ask:``,
``thanks:``, ``feedback:`` and ``offer:`` lines (optionally after ``- ``, any case) file those
items, and a ``rating:`` line rates the check-in (1–4, private); everything else is the
meeting's notes, with blank lines trimmed at both ends. Parsing never fails: whether the ids
and due dates can be filed is decided by the journal, which leaves the buffer untouched.
"""

from __future__ import annotations

import re

from mentorlog.core.record import Record, field

# Compiled on first use (re caches them): a write that reads no buffer does not pay for them.
_TICK = r"^\s*(?:[-*]\s+)?\[([ xX])\]\s*(topic|todo)\s+#?(\d{1,18})\b"
_FIELD = r"(?i)^\s*(?:-\s+)?(todo|advice|ask|thanks|feedback|offer|rating)\s*:(.*)$"
_DUE = r"(?is)^(.*?)\s*\(\s*due\s+([^()]*?)\s*\)\s*$"


class Entry(Record):
    """What one check-in filed: notes plus the items and ticks."""

    notes: str = ""
    todos: list[str] = field(default_factory=list)  # raw text, may end in "(due WHEN)"
    advice: list[str] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)
    thanks: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)  # feedback received
    offers: list[str] = field(default_factory=list)
    ratings: list[str] = field(default_factory=list)  # raw: the journal checks it is one 1–4
    raised: list[int] = field(default_factory=list)  # topic ids
    done: list[int] = field(default_factory=list)  # todo ids

    def is_empty(self) -> bool:
        return not (self.notes or self.todos or self.advice or self.asks or self.thanks) and not (
            self.feedback or self.offers or self.ratings or self.raised or self.done
        )


def split_due(text: str) -> tuple[str, str | None]:
    """``"Draft the RFC (due fri)"`` → ``("Draft the RFC", "fri")``."""
    m = re.match(_DUE, text)
    if m and m.group(1).strip():
        return m.group(1).strip(), m.group(2)
    return text, None


def parse(buffer: str) -> Entry:
    entry = Entry()
    notes: list[str] = []
    lists = {
        "todo": entry.todos,
        "advice": entry.advice,
        "ask": entry.asks,
        "thanks": entry.thanks,
        "feedback": entry.feedback,
        "offer": entry.offers,
        "rating": entry.ratings,
    }
    # An editor that saves with CRLF ends the first line so too; only then is a line's "\r" a
    # line end rather than part of the notes.
    crlf = buffer.split("\n", 1)[0].endswith("\r") and "\n" in buffer
    for line in buffer.split("\n"):
        if crlf and line.endswith("\r"):
            line = line[:-1]
        if line.startswith("#"):
            continue
        tick = re.match(_TICK, line)
        if tick:
            if tick.group(1) != " ":
                ids = entry.raised if tick.group(2) == "topic" else entry.done
                number = int(tick.group(3))
                if number not in ids:
                    ids.append(number)
            continue
        item = re.match(_FIELD, line)
        if item:
            kind, text = item.group(1).lower(), item.group(2).strip()
            if text:
                lists[kind].append(text)
            continue
        notes.append(line)
    entry.notes = trim("\n".join(notes))
    return entry


def trim(text: str) -> str:
    """``text`` without blank lines at either end (inner lines are kept exactly)."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


class Ticket(Record):
    """An open topic or todo offered for ticking: ``[ ] topic 3: text``."""

    kind: str  # "topic" or "todo"
    id: int
    text: str
    extra: str = ""  # e.g. "due Fri 20 Nov, overdue"


def _one_line(text: str) -> str:
    return " ".join(text.split("\n"))


def render(header: str, tickets: list[Ticket], prefill: Entry | None = None) -> str:
    """The editor buffer: header comments, tick lines, then what the options gave."""
    prefill = prefill or Entry()
    lines = [
        f"# {header}",
        "# Lines starting with '#' are ignored. An empty note cancels.",
        "#   todo: <text> (due <when>)   advice: <text>   ask: <text>   thanks: <text>",
        "#   feedback: <what they told you>   offer: <what they offered to do>",
        "#   rating: <1-4, how useful it was: 1 not useful … 4 very useful; private>",
        "# Tick [x] the topics you raised and the todos you finished.",
        "",
    ]
    ticked = [("topic", i) for i in prefill.raised] + [("todo", i) for i in prefill.done]
    offered = set()
    for t in tickets:
        mark = "x" if (t.kind, t.id) in ticked else " "
        extra = f" ({t.extra})" if t.extra else ""
        lines.append(f"[{mark}] {t.kind} {t.id}: {_one_line(t.text)}{extra}")
        offered.add((t.kind, t.id))
    extra_ticks = [(kind, number) for kind, number in ticked if (kind, number) not in offered]
    lines.extend(f"[x] {kind} {number}:" for kind, number in extra_ticks)
    if tickets or extra_ticks:
        lines.append("")
    for kind, items in (
        ("todo", prefill.todos),
        ("advice", prefill.advice),
        ("ask", prefill.asks),
        ("thanks", prefill.thanks),
        ("feedback", prefill.feedback),
        ("offer", prefill.offers),
        ("rating", prefill.ratings),
    ):
        lines.extend(f"{kind}: {_one_line(text)}" for text in items)
    if prefill.notes:
        lines.extend(["", prefill.notes])
    lines.append("")
    return "\n".join(lines)
