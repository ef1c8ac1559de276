"""``log``: record a check-in that just happened.

``log`` takes its content from options, from stdin, or from the editor on the template
(``mentorlog.template``). Once the user has typed something, any failure saves it to a
recovery file before reporting the error; ``meeting edit`` shares that safety net.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mentorlog import dates, template
from mentorlog.cli.common import MentorArg, journal, journal_path, on_or_now, stdin_is_terminal, when
from mentorlog.errors import Interrupted, JournalError, MentorlogError, NothingWritten, UsageError
from mentorlog.journal import meetings, mentors
from mentorlog.render.text import echo, filed_words


def recovery_dir() -> Path:
    return journal_path().parent / "recovery"


def edit_buffer(mentor: mentors.Mentor, held: str, prefill: template.Entry, tickets) -> str:
    from mentorlog import editor

    buffer = template.render(f"Meeting with {mentor.name} — {held}", tickets, prefill)
    return editor.edit(buffer, recovery_dir())


def file_or_keep(typed: str | None, action):
    """Run ``action``; if it fails and the user typed ``typed``, save it first."""
    try:
        return action()
    except (MentorlogError, KeyboardInterrupt) as e:
        if typed is None:
            raise
        from mentorlog.editor import save_recovery

        kept = save_recovery(typed, recovery_dir())
        if isinstance(e, KeyboardInterrupt):
            raise Interrupted(f"Interrupted; nothing was written. Your text is in {kept}") from None
        code = e.exit_code if isinstance(e, JournalError) else 2
        err = type(e)(f"{e.message} Nothing was written; your text is in {kept}", e.hint)
        err.exit_code = code
        raise err from None


def log(
    mentor: MentorArg,
    on: Annotated[
        str | None, typer.Option("--on", metavar="WHEN", help="When it was held (default now).")
    ] = None,
    minutes: Annotated[int | None, typer.Option("--minutes", min=0, help="How long it took.")] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", metavar="TEXT|-", help="The notes; '-' reads stdin.")
    ] = None,
    todo: Annotated[
        list[str] | None, typer.Option("--todo", help="An action item; may end in '(due WHEN)'.")
    ] = None,
    advice: Annotated[list[str] | None, typer.Option("--advice", help="Advice you got.")] = None,
    ask: Annotated[list[str] | None, typer.Option("--ask", help="A question for next time.")] = None,
    thanks: Annotated[str | None, typer.Option("--thanks", help="The thanks you gave.")] = None,
    raised: Annotated[
        list[int] | None, typer.Option("--raised", metavar="ID", help="A topic you raised.")
    ] = None,
    done: Annotated[
        list[int] | None, typer.Option("--done", metavar="ID", help="A todo you finished.")
    ] = None,
    late: Annotated[bool, typer.Option("--late", help="You arrived late.")] = False,
    rescheduled: Annotated[
        bool, typer.Option("--rescheduled", help="It was moved from its planned time.")
    ] = False,
    next_: Annotated[str | None, typer.Option("--next", metavar="WHEN", help="The next check-in.")] = None,
    no_next: Annotated[bool, typer.Option("--no-next", help="No next check-in scheduled.")] = False,
    edit: Annotated[
        bool, typer.Option("--edit", help="Open the editor, pre-filled with the options.")
    ] = False,
) -> None:
    """Record a check-in that just happened.

    With no content options it opens $VISUAL/$EDITOR on a template (or reads the same format
    from stdin when stdin is not a terminal).

    Example: mentorlog log ada --minutes 30 --todo "Draft the RFC (due fri)" --advice "Write it down first"
    """
    if next_ is not None and no_next:
        raise UsageError("Give --next or --no-next, not both.")
    held = on_or_now(on)
    nxt = when(next_, "--next", future=True)
    given = template.Entry(
        notes=template.trim(sys.stdin.read()) if notes == "-" else template.trim(notes or ""),
        todos=list(todo or []),
        advice=list(advice or []),
        asks=list(ask or []),
        thanks=[thanks] if thanks else [],
        raised=list(raised or []),
        done=list(done or []),
    )
    typed = None
    if edit or (given.is_empty() and notes is None and stdin_is_terminal()):
        with journal() as conn:
            m = mentors.resolve(conn, mentor)
            tickets = meetings.tickets(conn, m)
        typed = edit_buffer(m, dates.show_when(held), given, tickets)
        entry = template.parse(typed)
    elif given.is_empty() and notes is None:
        typed = sys.stdin.read()
        entry = template.parse(typed)
    else:
        entry = given
    if entry.is_empty():
        raise NothingWritten("Nothing written: the note was empty.")

    def file():
        with journal(write=True) as conn:
            m = mentors.resolve(conn, mentor)
            kwargs = {}
            if nxt is not None or no_next:
                kwargs["next_checkin"] = nxt.at if nxt else None
            return meetings.log(
                conn, m, entry, held_at=held, minutes=minutes, late=late, rescheduled=rescheduled, **kwargs
            )

    logged = file_or_keep(typed, file)
    what = filed_words(logged.filed)
    mt = logged.meeting
    line = f"Logged meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}"
    line += f": {', '.join(what)}." if what else "."
    if logged.next_checkin:
        line += f" Next check-in: {dates.show_when(logged.next_checkin)}."
    else:
        line += " No next check-in scheduled."
    echo(line)
