"""``log``: record a check-in that just happened.

``log`` takes its content from options, from stdin, from a file (``--from``, e.g. a mended
recovery file) or from the editor on the template (``mentorlog.core.template``). Where the text
comes from, what the editor starts with and how text that cannot be filed is kept is decided by
``mentorlog.cli.log_plan``; here the options are read, the plan carried out (``mentorlog.io.capture``
reads stdin, opens the editor and keeps what cannot be filed), the check-in filed and the result
said.
"""

from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.cli.common import (
    MentorArg,
    TagsOpt,
    completion,
    id_of,
    journal,
    journal_path,
    unique,
    when,
)
from mentorlog.core import dates, template
from mentorlog.core.errors import NothingWritten, UsageError
from mentorlog.core.numbers import parse_minutes, parse_rating
from mentorlog.journal import meetings, mentors
from mentorlog.render.text import echo, filed_words, tagged, warn

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
    thanks: Annotated[
        list[str] | None, typer.Option("--thanks", help="The thanks you gave (repeat for more).")
    ] = None,
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
            parser=id_of("topic"),
            help="A topic you raised.",
            autocompletion=complete_open_topic,
        ),
    ] = None,
    done: Annotated[
        list[int] | None,
        typer.Option(
            "--done",
            metavar="ID",
            parser=id_of("todo"),
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
    tag: TagsOpt = None,
) -> None:
    """Record a check-in that just happened.

    With no content options it opens $VISUAL/$EDITOR on a template (or reads the same format
    from stdin when stdin is not a terminal). Text that cannot be filed is kept in a recovery
    file whose header keeps --on (resolved), --minutes, --late, --rescheduled, --next and
    --rating; mend it and file it with --from FILE, which uses them (an option given with
    --from wins) and moves the file to recovery/filed/.

    Example: mentorlog log ada --minutes 30 --todo "Draft the RFC (due fri)" --advice "Write it down first"
    """
    from mentorlog.cli import log_plan
    from mentorlog.cli.log_plan import Source

    if next_ is not None and no_next:
        raise UsageError("Give --next or --no-next, not both.")
    said = log_plan.Said(
        held=when(on, "--on", future=False).at if on is not None else None,
        minutes=minutes,
        late=late,
        rescheduled=rescheduled,
        next_=when(next_, "--next", future=True),
        no_next=no_next,
        rating=rating,
    )
    given = template.Entry(
        notes=template.trim(notes or ""),
        todos=list(todo or []),
        advice=list(advice or []),
        asks=list(ask or []),
        thanks=list(thanks or []),
        feedback=list(feedback or []),
        offers=list(offer or []),
        raised=unique(raised or []),
        done=unique(done or []),
    )
    planned = log_plan.plan(
        mentor,
        said,
        given,
        notes=notes,
        on=on,
        edit=edit,
        from_file=from_file,
        read=_read_file,
        stdin_is_terminal=common.stdin_is_terminal(),
        now=dates.now(),
    )
    said = planned.said
    typed = planned.typed  # what the user typed, kept if it cannot be filed
    if planned.source == Source.STDIN:
        from mentorlog.io import capture

        typed = capture.read_stdin()
    elif planned.source == Source.EDITOR:
        from mentorlog.io import capture

        with journal() as conn:
            m = mentors.resolve(conn, mentor)
            tickets = meetings.tickets(conn, m)
        typed = capture.edit(planned.buffer(m.name, tickets), journal_path(), planned.keeping())

    def file():
        filed = planned.entry(typed)
        if filed.is_empty():
            raise NothingWritten("Nothing written: the note was empty.")
        with journal(write=True) as conn:
            m = mentors.resolve(conn, mentor)
            kwargs = {}
            if said.next_ is not None or said.no_next:
                kwargs["next_checkin"] = said.next_.at if said.next_ else None
            return meetings.log(
                conn,
                m,
                filed,
                held_at=said.held,
                minutes=said.minutes,
                late=said.late,
                rescheduled=said.rescheduled,
                tags=tag,
                rating=said.rating,
                **kwargs,
            )

    # Text typed on stdin or in the editor is kept, should it not be filed.
    logged = common.file_or_keep(typed, file, planned.keeping()) if planned.keeps else file()
    _say_logged(logged, planned.ignored)
    if planned.from_recovery:
        from mentorlog.cli.recovered import after_commit, move_filed

        path = journal_path()
        after_commit(lambda: move_filed(from_file, path))


def _read_file(path: Path) -> bytes:
    from mentorlog.cli.recovered import read_file

    return read_file(path)


def _say_logged(logged, ignored: list[str]) -> None:
    """The line saying what was logged, then its notes: the journal's warnings, the header lines
    ``ignored``, another meeting that day."""
    what = filed_words(logged.filed)
    mt = logged.meeting
    line = f"Logged meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}{tagged(mt.tags)}"
    line += f": {', '.join(what)}." if what else "."
    if logged.ended_on is not None:
        line += f" The mentoring ended on {dates.show_day(logged.ended_on)}: no check-in is planned."
    elif logged.next_checkin:
        line += f" Next check-in: {dates.show_when(logged.next_checkin)}."
    else:
        line += " No next check-in scheduled."
    echo(line)
    for warning in logged.filed.warnings:
        warn(f"Note: {warning}.")
    for key in ignored:
        warn(
            f"Note: the recovery file's header line {key!r} is not one this mentorlog knows; it was ignored."
        )
    if logged.same_day:
        ids = ", ".join(str(m.id) for m in logged.same_day[:3])
        more = len(logged.same_day) - 3
        ids += f" and {more} more" if more > 0 else ""
        noun = "meeting" if len(logged.same_day) == 1 else "meetings"
        day = dates.show_day(mt.held_at.date())
        warn(
            f"Note: this is another meeting with {mt.mentor_name} on {day} (already logged: {noun} {ids}); "
            "if it was a slip, `mentorlog undo` takes it back with everything it filed."
        )
