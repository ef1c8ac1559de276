"""``meeting list|show|edit|delete``: the check-ins that happened (``log`` records them)."""

from typing import Annotated

import typer

from mentorlog import dates, template
from mentorlog.cli.common import (
    JsonOpt,
    OptionalMentorArg,
    command_group,
    day_bound,
    journal,
    stdin_is_terminal,
    when,
)
from mentorlog.cli.log import edit_buffer, file_or_keep
from mentorlog.cli.output import show_or_json
from mentorlog.errors import NothingWritten, UsageError
from mentorlog.journal import meetings, mentors
from mentorlog.render.text import echo, filed_words

app = command_group("Check-ins that happened: list, show, edit, delete.")
MeetingId = Annotated[int, typer.Argument(metavar="ID", help="A meeting id (see `mentorlog meeting list`).")]


@app.command("list")
def list_(
    mentor: OptionalMentorArg = None,
    since: Annotated[str | None, typer.Option("--since", metavar="WHEN")] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="WHEN")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, metavar="N")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List check-ins, newest first."""
    from mentorlog.render import lists

    start = when(since, "--since", future=False)
    end = when(until, "--until", future=False)
    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)
        found = meetings.list_meetings(
            conn,
            mentor_id=m.id if m else None,
            since=day_bound(start, end_of_day=False),
            until=day_bound(end, end_of_day=True),
            limit=limit,
        )
    show_or_json(
        as_json, [mt.to_json() for mt in found], lists.meetings_table, found, empty="No check-ins match."
    )


@app.command("show")
def show(meeting_id: MeetingId, as_json: JsonOpt = False) -> None:
    """Show a check-in: its notes rendered as Markdown and what was filed from it."""
    from mentorlog.render import lists

    with journal() as conn:
        mt = meetings.get(conn, meeting_id)
        filed = meetings.filed_in(conn, meeting_id)
    labels = {
        "todos": [f"todo {t['id']}: {t['text']} ({t['status']})" for t in filed["todos"]],
        "advice": [f"advice {a['id']}: {a['text']}" for a in filed["advice"]],
        "thanks": [t["text"] for t in filed["thanks"]],
        "topics raised": [f"{t['kind']} {t['id']}: {t['text']}" for t in filed["topics_raised"]],
    }
    show_or_json(as_json, {**mt.to_json(), **filed}, lists.meeting_detail, mt, labels)


@app.command("edit")
def edit(meeting_id: MeetingId) -> None:
    """Edit a check-in's notes in $VISUAL/$EDITOR (new todo:/advice:/ask:/thanks: lines are filed too)."""
    with journal() as conn:
        mt = meetings.get(conn, meeting_id)
        m = mentors.get(conn, mt.mentor_id)
        tickets = meetings.tickets(conn, m)
    typed = edit_buffer(
        m, f"{dates.show_when(mt.held_at)} (meeting {mt.id})", template.Entry(notes=mt.notes), tickets
    )
    entry = template.parse(typed)
    if entry.is_empty():
        raise NothingWritten(
            "Nothing changed: the note was empty.",
            hint=f"To delete it: mentorlog meeting delete {meeting_id}",
        )

    def file():
        with journal(write=True) as conn:
            return meetings.edit(conn, meetings.get(conn, meeting_id), entry)

    filed = file_or_keep(typed, file)
    what = filed_words(filed)
    echo(f"Updated meeting {meeting_id}" + (f": {', '.join(what)}." if what else "."))


@app.command("delete")
def delete(
    meeting_id: MeetingId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete a check-in; the todos, advice and thanks filed from it stay, unlinked."""
    if not yes:
        if not stdin_is_terminal():
            raise UsageError(f"Deleting meeting {meeting_id} needs confirmation.", hint="Pass --yes.")
        with journal() as conn:
            mt = meetings.get(conn, meeting_id)
        typer.confirm(
            f"Delete meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}?", abort=True
        )
    with journal(write=True) as conn:
        mt = meetings.delete(conn, meeting_id)
    echo(f"Deleted meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}.")
