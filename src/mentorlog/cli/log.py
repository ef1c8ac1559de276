"""``log``: record a check-in that just happened.

``log`` takes its content from options, from stdin, from a file (``--from``, e.g. a mended
recovery file) or from the editor on the template (``mentorlog.template``). Getting the text
and keeping it safe when it cannot be filed is ``mentorlog.capture``'s job.
"""

import shlex
from pathlib import Path
from typing import Annotated

import typer

from mentorlog import capture, dates, template
from mentorlog.cli.common import (
    MentorArg,
    completion,
    journal,
    journal_path,
    on_or_now,
    parse_id,
    parse_minutes,
    parse_rating,
    stdin_is_terminal,
    unique,
    when,
)
from mentorlog.errors import NotFound, NothingWritten, UsageError
from mentorlog.journal import meetings, mentors
from mentorlog.render.text import echo, filed_words, warn

complete_open_todo = completion("complete_open_todo")
complete_open_topic = completion("complete_open_topic")


def log(
    mentor: MentorArg,
    on: Annotated[
        str | None, typer.Option("--on", metavar="WHEN", help="When it was held (default now).")
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes", metavar="N", parser=lambda t: parse_minutes(t, "--minutes"), help="How long it took."
        ),
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", metavar="TEXT|-", help="The notes; '-' reads stdin.")
    ] = None,
    todo: Annotated[
        list[str] | None, typer.Option("--todo", help="An action item; may end in '(due WHEN)'.")
    ] = None,
    advice: Annotated[list[str] | None, typer.Option("--advice", help="Advice you got.")] = None,
    ask: Annotated[list[str] | None, typer.Option("--ask", help="A question for next time.")] = None,
    thanks: Annotated[str | None, typer.Option("--thanks", help="The thanks you gave.")] = None,
    feedback: Annotated[
        list[str] | None, typer.Option("--feedback", help="Feedback they gave you (private).")
    ] = None,
    offer: Annotated[
        list[str] | None, typer.Option("--offer", help="Something they offered to do for you.")
    ] = None,
    rating: Annotated[
        int | None,
        typer.Option(
            "--rating",
            metavar="1-4",
            parser=lambda t: parse_rating(t, "--rating", 4),
            help="How useful it was, 1 not useful … 4 very useful (private).",
        ),
    ] = None,
    raised: Annotated[
        list[int] | None,
        typer.Option(
            "--raised",
            metavar="ID",
            parser=parse_id,
            help="A topic you raised.",
            autocompletion=complete_open_topic,
        ),
    ] = None,
    done: Annotated[
        list[int] | None,
        typer.Option(
            "--done",
            metavar="ID",
            parser=parse_id,
            help="A todo you finished.",
            autocompletion=complete_open_todo,
        ),
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
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from", metavar="FILE", help="Read the template format from FILE (e.g. a mended recovery file)."
        ),
    ] = None,
) -> None:
    """Record a check-in that just happened.

    With no content options it opens $VISUAL/$EDITOR on a template (or reads the same format
    from stdin when stdin is not a terminal).

    Example: mentorlog log ada --minutes 30 --todo "Draft the RFC (due fri)" --advice "Write it down first"
    """
    if next_ is not None and no_next:
        raise UsageError("Give --next or --no-next, not both.")
    held = on_or_now(on)
    if held > dates.now():  # refused before the editor opens: nothing typed is lost
        raise UsageError(
            f"--on: {dates.show_when(held)} is later than now; log a check-in once it has happened.",
            hint=f"To plan one: mentorlog mentor edit {shlex.quote(mentor)} --next {shlex.quote(on or '')}",
        )
    nxt = when(next_, "--next", future=True)
    path = journal_path()
    given = template.Entry(
        notes=template.trim(notes or ""),
        todos=list(todo or []),
        advice=list(advice or []),
        asks=list(ask or []),
        thanks=[thanks] if thanks else [],
        feedback=list(feedback or []),
        offers=list(offer or []),
        raised=unique(raised or []),
        done=unique(done or []),
    )
    typed: bytes | None = None  # what the user typed, kept if it cannot be filed
    where = "the text"
    if notes == "-":
        typed, where = capture.read_stdin(), "stdin"
    elif from_file is not None:
        if given.notes or notes is not None:
            raise UsageError("Give the notes with --notes or --from, not both.")
        typed, where = _read_file(from_file), str(from_file)
    elif edit or (given.is_empty() and notes is None and stdin_is_terminal()):
        with journal() as conn:
            m = mentors.resolve(conn, mentor)
            tickets = meetings.tickets(conn, m)
        prefill = given
        if rating is not None:  # shown in the buffer, where it can be changed
            prefill = template.Entry(**{**given.__dict__, "ratings": [str(rating)]})
        buffer = template.render(f"Meeting with {m.name} — {dates.show_when(held)}", tickets, prefill)
        typed, where = capture.edit(buffer, path), "the editor's text"
    elif given.is_empty() and notes is None:
        typed, where = capture.read_stdin(), "stdin"

    def entry() -> template.Entry:
        if typed is None:
            return given
        text = capture.decode(typed, where)
        if notes == "-":
            return template.Entry(**{**given.__dict__, "notes": template.trim(text)})
        return template.parse(text)

    def file():
        filed = entry()
        if filed.is_empty():
            raise NothingWritten("Nothing written: the note was empty.")
        with journal(write=True) as conn:
            m = mentors.resolve(conn, mentor)
            kwargs = {}
            if nxt is not None or no_next:
                kwargs["next_checkin"] = nxt.at if nxt else None
            return meetings.log(
                conn,
                m,
                filed,
                held_at=held,
                minutes=minutes,
                late=late,
                rescheduled=rescheduled,
                rating=rating,
                **kwargs,
            )

    logged = capture.file_or_keep(None if from_file else typed, path, file)
    what = filed_words(logged.filed)
    mt = logged.meeting
    line = f"Logged meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}"
    line += f": {', '.join(what)}." if what else "."
    if logged.next_checkin:
        line += f" Next check-in: {dates.show_when(logged.next_checkin)}."
    else:
        line += " No next check-in scheduled."
    echo(line)
    for warning in logged.filed.warnings:
        warn(f"Note: {warning}.")
    if logged.same_day:
        ids = ", ".join(str(m.id) for m in logged.same_day[:3])
        more = len(logged.same_day) - 3
        ids += f" and {more} more" if more > 0 else ""
        noun = "meeting" if len(logged.same_day) == 1 else "meetings"
        day = dates.show_day(mt.held_at.date())
        warn(
            f"Note: this is another meeting with {mt.mentor_name} on {day} (already logged: {noun} {ids}); "
            f"`mentorlog meeting delete {mt.id}` removes it if it was a slip."
        )


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"--from: there is no file {path}.") from None
    except OSError as e:
        raise UsageError(f"--from: {path} cannot be read ({e.strerror}).") from None
