"""``feedback add|list|edit|delete``: feedback a mentor gave you, or you gave them. Private:
nothing meant for the mentor (report, agenda) ever shows it."""

from typing import Annotated

import typer

from mentorlog.cli.common import (
    JsonOpt,
    MentorArg,
    OptionalMentorArg,
    YesOpt,
    ask_first,
    command_group,
    id_of,
    journal,
    on_or_now,
)
from mentorlog.cli.output import list_or_json
from mentorlog.core import dates
from mentorlog.core.errors import UsageError
from mentorlog.journal import feedback, mentors
from mentorlog.journal.feedback import Direction
from mentorlog.render.text import echo

app = command_group(
    "Feedback a mentor gave you, or you gave them.\n\n"
    'Example: mentorlog feedback add ada "Lead with the decision"'
)

FeedbackId = Annotated[
    int,
    typer.Argument(
        metavar="ID", parser=id_of("feedback"), help="A feedback id (see `mentorlog feedback list`)."
    ),
]


def _words(f) -> str:
    way = "from" if f.direction == Direction.RECEIVED else "to"
    return f"feedback {f.id} {way} {f.mentor} on {dates.show_day(f.on)}: {f.text}"


@app.command("add")
def add(
    mentor: MentorArg,
    text: Annotated[str, typer.Argument(help="What was said, in your words.")],
    given: Annotated[
        bool, typer.Option("--given", help="Feedback you gave them (default: received).")
    ] = False,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="WHEN", help="When (default: the --meeting's day, else today)."),
    ] = None,
    meeting: Annotated[
        int | None,
        typer.Option("--meeting", metavar="ID", parser=id_of("meeting"), help="The check-in it came up in."),
    ] = None,
) -> None:
    """Note feedback you received (or, with --given, gave).

    Example: mentorlog feedback add ada "My RFC buried the decision; lead with it"
    """
    day = on_or_now(on).date() if on is not None else None  # None: the meeting's day, or today
    direction = Direction.GIVEN if given else Direction.RECEIVED
    with journal(write=True) as conn:
        f = feedback.add(
            conn, mentors.resolve(conn, mentor).id, text, day, direction=direction, meeting_id=meeting
        )
    echo(f"Added {_words(f)}")


@app.command("list")
def list_(
    mentor: OptionalMentorArg = None,
    received: Annotated[bool, typer.Option("--received", help="Only feedback you received.")] = False,
    given: Annotated[bool, typer.Option("--given", help="Only feedback you gave.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List feedback, newest first.

    Example: mentorlog feedback list ada --received
    """
    from mentorlog.render import lists

    if received and given:
        raise UsageError("Give --received or --given, not both.")
    direction = Direction.RECEIVED if received else (Direction.GIVEN if given else None)
    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)

        def rows(limit: int | None):
            return feedback.list_feedback(
                conn, mentor_id=m.id if m else None, direction=direction, limit=limit
            )

        list_or_json(as_json, rows, lists.feedback_table, dates.today(), empty="No feedback noted yet.")


@app.command("edit")
def edit(
    feedback_id: FeedbackId,
    text: Annotated[str | None, typer.Option(help="New text.")] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When it was.")] = None,
    direction: Annotated[Direction | None, typer.Option("--direction", help="received or given.")] = None,
) -> None:
    """Correct the text, date or direction of feedback.

    Example: mentorlog feedback edit 2 --on "last friday"
    """
    if text is None and on is None and direction is None:
        raise UsageError("Nothing to change.", hint="Pass --text, --on or --direction.")
    day = on_or_now(on).date() if on is not None else None
    with journal(write=True) as conn:
        f = feedback.edit(conn, feedback_id, text=text, on=day, direction=direction)
    echo(f"Updated {_words(f)}")


@app.command("delete")
def delete(feedback_id: FeedbackId, yes: YesOpt = False) -> None:
    """Delete feedback.

    Asks first on a terminal (--yes skips it); `mentorlog undo` brings it back.

    Example: mentorlog feedback delete 2 --yes
    """

    def question(conn) -> str:
        return f"Delete {_words(feedback.get(conn, feedback_id))}?"

    ask_first(yes, question, f"Deleting feedback {feedback_id}")
    with journal(write=True) as conn:
        f = feedback.delete(conn, feedback_id)
    echo(f"Deleted {_words(f)}")
