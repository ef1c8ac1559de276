"""How ``--help`` is laid out: as wide as the terminal it is shown on (Click would lay it out at
least 50 columns wide, so that a narrower terminal cut its words), a ``mentorlog …`` example
moved whole to its own line rather than split, and the root's commands in the groups of SPEC §2
(``HELP_GROUPS``, beside ``COMMANDS``). Loaded only when help is shown."""

from __future__ import annotations

import os
import sys

from typer._click.formatting import HelpFormatter

# Each command's one-line summary in the root's --help: the first paragraph of its own help,
# written here too so that the root's help does not import and build all the commands to read
# it (that was most of its time). A test checks each against the command's help.
SUMMARIES = {
    "log": "Record a check-in that just happened.",
    "meeting": "Check-ins that happened: list, show, edit, delete.",
    "recap": "A follow-up to send a mentor after a check-in.",
    "todo": "Action items: add, list, tick off, drop, reopen, edit, delete.",
    "advice": "Advice you got, and each time you applied it.",
    "topic": "What to raise at the next check-in: questions, concerns, wins.",
    "thanks": "Thanks you gave your mentors.",
    "goal": "Goals: what the mentoring is for.",
    "note": "Private notes between check-ins.",
    "mentor": "Add, list, show, edit, end, resume and delete mentors.",
    "agreement": "What you and a mentor agreed, every revision kept.",
    "closure": "How a mentoring came to a close.",
    "update": "Updates you sent a mentor, and drafts to send.",
    "skill": "Skills you are building, with dated self-ratings.",
    "feedback": "Feedback a mentor gave you, or you gave them.",
    "offer": "What a mentor offered to do for you: an intro, a review.",
    "review": "The one-screen brief before a check-in.",
    "remind": "What needs you now: check-ins, todos, advice, thanks.",
    "progress": "The long view: check-ins per month, activity and figures.",
    "report": "A Markdown letter for MENTOR: their advice and what it led to.",
    "search": "Search everything you wrote, best match first.",
    "tags": "List the tags you used, most used first, with their counts.",
    "history": "The changes write commands made, newest first.",
    "undo": "Revert the newest change not undone yet.",
    "export": "Write the journal out as json, Markdown, csv or a calendar.",
    "import": "Merge a json export into the journal, matching rows by uuid.",
    "backup": "Copy the journal safely, even while it is in use.",
    "restore": "Put a backup in the journal's place, once it is checked.",
    "doctor": "Check that the journal is whole; --repair fixes what it can.",
    "config": "Read or set the defaults in your config file.",
    "demo": "Try mentorlog on a throwaway journal with a three-month story.",
    "sync": "Send and take what changed, through git.",
    "inbox": "File the notes written elsewhere (a phone).",
}

MAX_WIDTH = 80  # as Click: help is read as a column, not stretched across a wide terminal
MIN_WIDTH = 20


def width() -> int:
    """The help's width: the terminal's (``COLUMNS`` first), else ``COLUMNS``, else 80; less
    two, as Click leaves (Click's test runner forces its own)."""
    from typer._click import formatting

    from mentorlog.render.text import terminal_width

    if formatting.FORCED_WIDTH is not None:
        return formatting.FORCED_WIDTH
    columns = terminal_width(sys.stdout)
    if columns is None:
        env = os.environ.get("COLUMNS", "")
        columns = int(env) if env.isdigit() and int(env) > 0 else MAX_WIDTH
    return max(min(columns, MAX_WIDTH) - 2, MIN_WIDTH)


class Formatter(HelpFormatter):
    """Click's help formatter at the terminal's width, whose paragraphs wrap as mentorlog's
    own lines do (``render.text.wrap``): a command in them is never split when it fits a line."""

    def __init__(self) -> None:
        super().__init__(width=width())

    def write_text(self, text: str) -> None:
        from mentorlog.render.text import wrap

        indent = " " * self.current_indent
        out = []
        for extra, raw, paragraph in _paragraphs(text.expandtabs()):
            start = indent + " " * extra
            if raw:  # a paragraph marked with \b is shown as it is written
                out.append("\n".join(start + line for line in paragraph.splitlines()))
            else:
                out.append("\n".join(wrap(start + paragraph, self.width, indent=start)))
        self.write("\n\n".join(out) + "\n")


def _paragraphs(text: str) -> list[tuple[int, bool, str]]:
    """Click's paragraphs: blank-line separated, each with its own indent, its lines joined
    (or kept, after a line holding only ``\\b``)."""
    found: list[tuple[int, bool, str]] = []
    lines: list[str] = []
    indent = 0

    def flush() -> None:
        if lines:
            raw = lines[0].strip() == "\b"
            found.append((indent, raw, "\n".join(lines[1:]) if raw else " ".join(lines)))
            lines.clear()

    for line in text.splitlines():
        if not line.strip():
            flush()
        else:
            if not lines:
                indent = len(line) - len(line.lstrip())
            lines.append(line.strip())
    flush()
    return found


def write_groups(formatter: HelpFormatter, groups: dict[str, tuple[str, ...]]) -> None:
    """The root's commands, a section per group, each with its one-line summary, cut to the
    width as Click cuts a command's own."""
    from typer._click.utils import make_default_short_help

    longest = max(len(name) for names in groups.values() for name in names)
    limit = formatter.width - 6 - longest
    for title, names in groups.items():
        rows = [  # padded to the longest name, so that every section lines up
            (name.ljust(longest), make_default_short_help(SUMMARIES[name], limit)) for name in names
        ]
        with formatter.section(title):
            formatter.write_dl(rows)
