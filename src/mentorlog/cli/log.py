"""``log``: record a check-in that just happened.

``log`` takes its content from options, from stdin, from a file (``--from``, e.g. a mended
recovery file) or from the editor on the template (``mentorlog.core.template``). Getting the text
and keeping it safe when it cannot be filed is ``mentorlog.io.capture``'s job; what the command
line said besides the text (``Said``) goes in the recovery file's header, and ``--from``
reads it back (SPEC §6).
"""

import shlex
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import (
    MentorArg,
    TagsOpt,
    completion,
    id_of,
    journal,
    journal_path,
    parse_minutes,
    parse_rating,
    stdin_is_terminal,
    unique,
    when,
)
from mentorlog.cli.recovered import after_commit, move_filed, read_file
from mentorlog.core import dates, template
from mentorlog.core.dates import When
from mentorlog.core.errors import NothingWritten, UsageError
from mentorlog.core.record import Record
from mentorlog.io import capture, recovery
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
    if next_ is not None and no_next:
        raise UsageError("Give --next or --no-next, not both.")
    said = Said(
        held=when(on, "--on", future=False).at if on is not None else None,
        minutes=minutes,
        late=late,
        rescheduled=rescheduled,
        next_=when(next_, "--next", future=True),
        no_next=no_next,
        rating=rating,
    )
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
    kept_fields: dict[str, str] | None = None  # the header of the recovery file given to --from
    if from_file is not None:
        if given.notes or notes is not None:
            raise UsageError("Give the notes with --notes or --from, not both.")
        raw = read_file(from_file)
        capture.decode(raw, str(from_file))  # a line that is not UTF-8, numbered as in the file
        kept_fields, typed = recovery.split(raw)
        where = str(from_file)
        if kept_fields is not None and "meeting" in kept_fields:  # meeting edit's, not log's
            raise UsageError(
                f"--from: {from_file} holds notes kept by meeting edit, not a check-in to log.",
                hint=f"Put them back with: mentorlog meeting edit {kept_fields['meeting']} --from "
                f"{shlex.quote(str(from_file))}",
            )
        if kept_fields is not None:
            said = said.over(_read_header(kept_fields))
    held = said.held or dates.now()
    if held > dates.now():  # refused before the editor opens: nothing typed is lost
        again = on if on is not None else held.strftime("%Y-%m-%d %H:%M")
        raise UsageError(
            f"--on: {dates.show_when(held)} is later than now; log a check-in once it has happened.",
            hint=f"To plan one: mentorlog mentor edit {shlex.quote(mentor)} --next {shlex.quote(again)}",
        )
    said = said.but(held=held)
    notes_only = notes == "-" or (kept_fields or {}).get("notes-only") == "yes"
    keeping = _keeping(mentor, said, notes_only)
    if notes == "-":
        typed, where = capture.read_stdin(), "stdin"
    elif from_file is not None:
        pass
    elif edit or (given.is_empty() and notes is None and stdin_is_terminal()):
        with journal() as conn:
            m = mentors.resolve(conn, mentor)
            tickets = meetings.tickets(conn, m)
        prefill = given
        if rating is not None:  # shown in the buffer, where it can be changed
            prefill = template.Entry(**{**given.__dict__, "ratings": [str(rating)]})
        buffer = template.render(f"Meeting with {m.name} — {dates.show_when(held)}", tickets, prefill)
        typed, where = capture.edit(buffer, path, keeping), "the editor's text"
    elif given.is_empty() and notes is None:
        typed, where = capture.read_stdin(), "stdin"

    def entry() -> template.Entry:
        if typed is None:
            return given
        text = capture.decode(typed, where)
        if notes_only:
            return _with(given, template.Entry(notes=template.trim(text)))
        if from_file is not None:  # options given with --from add to what the file files
            return _with(given, template.parse(text))
        return template.parse(text)

    def file():
        filed = entry()
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
                held_at=held,
                minutes=said.minutes,
                late=said.late,
                rescheduled=said.rescheduled,
                tags=tag,
                rating=said.rating,
                **kwargs,
            )

    logged = capture.file_or_keep(None if from_file else typed, path, file, keeping)
    what = filed_words(logged.filed)
    mt = logged.meeting
    line = f"Logged meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}"
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
    for key in sorted(set(kept_fields or {}) - set(KEPT) - {"notes-only"}):
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
    if kept_fields is not None:
        after_commit(lambda: move_filed(from_file, path))


# --- what the command line said, kept in a recovery file's header ---------------------------


class Said(Record):
    """What a ``log`` command line said besides the text (SPEC §6). ``held`` None: not given
    (now); ``minutes`` None, ``late``/``rescheduled`` False, ``next_`` None and ``no_next``
    False: not given either."""

    held: datetime | None = None
    minutes: int | None = None
    late: bool = False
    rescheduled: bool = False
    next_: When | None = None
    no_next: bool = False
    rating: int | None = None

    def but(self, **changes) -> "Said":
        return Said(**{**{f.name: getattr(self, f.name) for f in self.__fields__}, **changes})

    def over(self, kept: "Said") -> "Said":
        """These options where they were given, else what ``kept`` (a header) says."""
        values = {f.name: getattr(self, f.name) for f in self.__fields__}
        for name, value in values.items():
            if value is None or value is False:
                values[name] = getattr(kept, name)
        if self.next_ is not None or self.no_next:  # --next and --no-next are one choice
            values["next_"], values["no_next"] = self.next_, self.no_next
        return Said(**values)


def _yes(value: bool) -> str | None:
    return "yes" if value else None


def _read_yes(text: str, key: str) -> bool:
    if text.lower() not in ("yes", "no"):
        raise UsageError(f"The recovery file's {key!r} line says {text!r}; write yes or no.")
    return text.lower() == "yes"


def _read_instant(text: str, key: str, *, future: bool) -> When:
    """A header's date: as written (ISO with its offset), or any WHEN a user mended it to."""
    try:
        return When(dates.local(datetime.fromisoformat(text)), True)
    except ValueError:
        return dates.parse_when(text, future=future, option=f"the recovery file's {key!r} line")


def _write_next(said: Said) -> str | None:
    if said.no_next:
        return "none"
    return said.next_.at.isoformat() if said.next_ else None


def _read_next(text: str) -> dict:
    if text.strip().lower() == "none":
        return {"no_next": True}
    return {"next_": _read_instant(text, "next", future=True)}


# Header key → (its line's value for a Said, None when the option was not given; the Said fields
# a line sets). A new option of ``log`` is one entry here (and a field of Said).
KEPT: dict[str, tuple[Callable[[Said], str | None], Callable[[str], dict]]] = {
    "on": (
        lambda s: s.held.isoformat() if s.held else None,
        lambda t: {"held": _read_instant(t, "on", future=False).at},
    ),
    "minutes": (
        lambda s: None if s.minutes is None else str(s.minutes),
        lambda t: {"minutes": parse_minutes(t, "The recovery file's 'minutes' line")},
    ),
    "late": (lambda s: _yes(s.late), lambda t: {"late": _read_yes(t, "late")}),
    "rescheduled": (lambda s: _yes(s.rescheduled), lambda t: {"rescheduled": _read_yes(t, "rescheduled")}),
    "next": (_write_next, _read_next),
    "rating": (
        lambda s: None if s.rating is None else str(s.rating),
        lambda t: {"rating": parse_rating(t, "The recovery file's 'rating' line", 4)},
    ),
}


def _read_header(fields: dict[str, str]) -> Said:
    """What a recovery file's header says; keys this version does not know are left out."""
    values: dict = {}
    for key, text in fields.items():
        if key in KEPT:
            values.update(KEPT[key][1](text))
    return Said(**values)


def _keeping(mentor: str, said: Said, notes_only: bool) -> capture.Keeping:
    """How ``log`` keeps text it cannot file: a header with what the command line said, and
    the command that files it once mended."""
    fields = {key: text for key, (write, _) in KEPT.items() if (text := write(said)) is not None}
    if notes_only:
        fields["notes-only"] = "yes"  # the text is the notes as typed (--notes -), not the template
    command = f"mentorlog log {shlex.quote(mentor)} --from"
    return capture.Keeping(
        header=recovery.header(fields, [f"To file it once mended: {command} <this file>"]),
        how_to_file=lambda kept: f"Once mended, file it with: {command} {shlex.quote(kept)}",
    )


def _with(given: template.Entry, read: template.Entry) -> template.Entry:
    """What a file or stdin filed, plus the items the options gave."""
    return template.Entry(
        notes=read.notes or given.notes,
        todos=read.todos + given.todos,
        advice=read.advice + given.advice,
        asks=read.asks + given.asks,
        thanks=read.thanks + given.thanks,
        raised=unique(read.raised + given.raised),
        done=unique(read.done + given.done),
    )
