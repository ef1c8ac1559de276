"""``meeting list|show|edit|delete``: the check-ins that happened (``log`` records them)."""

from typing import Annotated

import typer

from mentorlog import capture, dates
from mentorlog.cli.common import (
    JsonOpt,
    OptionalMentorArg,
    YesOpt,
    ask_first,
    command_group,
    day_bound,
    journal,
    journal_path,
    on_or_now,
    parse_id,
    parse_minutes,
    parse_rating,
    when,
)
from mentorlog.cli.output import list_or_json, show_or_json
from mentorlog.journal import meetings, mentors
from mentorlog.render.text import echo

app = command_group("Check-ins that happened: list, show, edit, delete.")
MeetingId = Annotated[
    int, typer.Argument(metavar="ID", parser=parse_id, help="A meeting id (see `mentorlog meeting list`).")
]


@app.command("list")
def list_(
    mentor: OptionalMentorArg = None,
    since: Annotated[str | None, typer.Option("--since", metavar="WHEN")] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="WHEN")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, max=1_000_000, metavar="N")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List check-ins, newest first."""
    from mentorlog.render import lists

    start = when(since, "--since", future=False)
    end = when(until, "--until", future=False)
    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)

        def rows(screen: int | None):
            return meetings.page(
                conn,
                mentor_id=m.id if m else None,
                since=day_bound(start, end_of_day=False),
                until=day_bound(end, end_of_day=True),
                limit=min(limit, screen) if limit and screen else (limit or screen),
                short=screen is not None,
            )

        list_or_json(as_json, rows, lists.meetings_table, empty="No check-ins match.")


@app.command("show")
def show(meeting_id: MeetingId, as_json: JsonOpt = False) -> None:
    """Show a check-in: its notes and what was filed from it.

    The notes are rendered as Markdown.
    """
    from mentorlog.render import lists

    with journal() as conn:
        mt = meetings.get(conn, meeting_id)
        filed = meetings.filed_in(conn, meeting_id)
    labels = {
        "todos": [f"todo {t['id']}: {t['text']} ({t['status']})" for t in filed["todos"]],
        "advice": [f"advice {a['id']}: {a['text']}" for a in filed["advice"]],
        "thanks": [t["text"] for t in filed["thanks"]],
        "topics raised": [f"{t['kind']} {t['id']}: {t['text']}" for t in filed["topics_raised"]],
        "feedback": [f"{f['direction']}: {f['text']}" for f in filed["feedback"]],
        "offers": [f"offer {o['id']}: {o['text']} ({o['status']})" for o in filed["offers"]],
    }
    show_or_json(as_json, {**mt.to_json(), **filed}, lists.meeting_detail, mt, labels)


@app.command("edit")
def edit(
    meeting_id: MeetingId,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When it was held.")] = None,
    minutes: Annotated[
        str | None, typer.Option("--minutes", metavar="N|none", help="How long it took.")
    ] = None,
    late: Annotated[bool | None, typer.Option("--late/--on-time", help="Whether you arrived late.")] = None,
    rescheduled: Annotated[
        bool | None, typer.Option("--rescheduled/--not-rescheduled", help="Whether it was moved.")
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", metavar="TEXT|-", help="New notes; '-' reads stdin.")
    ] = None,
    rating: Annotated[
        str | None,
        typer.Option("--rating", metavar="N|none", help="How useful it was, 1–4 (private), or none."),
    ] = None,
) -> None:
    """Correct a check-in. With no option, opens $VISUAL/$EDITOR on the notes exactly as
    stored; what you save replaces them as is (no template: '#' lines and 'todo:' lines stay
    notes).

    Example: mentorlog meeting edit 12 --on "2026-11-19 15:00" --minutes 45
    """
    changes: dict = {}
    if on is not None:
        changes["held_at"] = dates.to_db(on_or_now(on))
    if minutes is not None:
        changes["minutes"] = parse_minutes(minutes, "--minutes", allow_none=True)
    if late is not None:
        changes["late"] = int(late)
    if rescheduled is not None:
        changes["rescheduled"] = int(rescheduled)
    if rating is not None:
        changes["rating"] = parse_rating(rating, "--rating", 4, allow_none=True)
    path = journal_path()
    typed: bytes | None = None
    seen = None
    if notes == "-":
        typed = capture.read_stdin()
    elif notes is not None:
        changes["notes"] = notes
    elif not changes:
        with journal() as conn:
            seen = meetings.stored_row(conn, meeting_id)
        stored = seen["notes"]
        buffer = stored if stored.endswith("\n") or not stored else stored + "\n"
        typed = capture.edit(buffer, path)
        if typed == buffer.encode("utf-8", "surrogateescape"):
            echo(f"Nothing changed in meeting {meeting_id}.")
            return

    def file():
        if typed is not None:
            text = capture.decode(typed, "stdin" if notes == "-" else "the editor's text")
            if notes != "-" and not stored.endswith("\n") and text.endswith("\n"):
                text = text[:-1]  # the line end the buffer was given (editors keep one)
            changes["notes"] = text
        with journal(write=True) as conn:
            return meetings.edit(conn, meeting_id, changes, seen=seen)

    mt = capture.file_or_keep(typed, path, file)
    if mt is None:
        echo(f"Nothing changed in meeting {meeting_id}.")
    else:
        echo(f"Updated meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}.")


@app.command("delete")
def delete(
    meeting_id: MeetingId,
    yes: YesOpt = False,
) -> None:
    """Delete a check-in; what was filed from it stays.

    The todos, advice and thanks filed from it stay, unlinked from it. Asks first on a terminal
    (--yes skips it); `mentorlog undo` brings the check-in back.

    Example: mentorlog meeting delete 12 --yes
    """

    def question(conn) -> str:
        mt = meetings.get(conn, meeting_id)
        return f"Delete meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}?"

    ask_first(yes, question, f"Deleting meeting {meeting_id}")
    with journal(write=True) as conn:
        mt = meetings.delete(conn, meeting_id)
    echo(f"Deleted meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}.")
