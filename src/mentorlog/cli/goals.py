"""``goal add|list|show|done|drop|edit|delete``: what the mentoring is for."""

from typing import Annotated

import typer

from mentorlog.cli.common import (
    ForMentorOpt,
    JsonOpt,
    YesOpt,
    ask_first,
    command_group,
    complete_mentor,
    id_of,
    journal,
    when,
    when_or_clear,
)
from mentorlog.cli.output import show_or_json
from mentorlog.core import dates
from mentorlog.core.errors import UsageError
from mentorlog.journal import goals, mentors
from mentorlog.render.text import echo, emit_json

app = command_group(
    "Goals: what the mentoring is for.\n\n"
    'Example: mentorlog goal add "Lead a design review" -m ada --by 2027-02-01'
)
GoalId = Annotated[int, typer.Argument(metavar="ID", parser=id_of("goal"))]


@app.command("add")
def add(
    text: Annotated[str, typer.Argument(help="The goal.")],
    mentor: ForMentorOpt = None,
    by: Annotated[str | None, typer.Option("--by", metavar="WHEN", help="Target date.")] = None,
) -> None:
    """Add a goal; link todos to it with `todo add --goal ID`.

    Example: mentorlog goal add "Lead a design review" --mentor ada --by "dec 31"
    """
    target = when(by, "--by", future=True)
    with journal(write=True, create=True) as conn:
        m = mentors.resolve_optional(conn, mentor)
        g = goals.add(conn, text, mentor_id=m.id if m else None, by=target.day if target else None)
    extra = f" (by {dates.show_day(g.by)})" if g.by else ""
    echo(f"Added goal {g.id}: {g.text}{extra}")


@app.command("list")
def list_(
    all_: Annotated[bool, typer.Option("--all", help="Include achieved and dropped goals.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List active goals with their progress (linked todos done / total).

    Example: mentorlog goal list --all
    """
    from mentorlog.render import lists

    with journal() as conn:
        found = goals.list_goals(conn, include_closed=all_)
    show_or_json(
        as_json,
        [g.to_json() for g in found],
        lists.goals_table,
        found,
        dates.today(),
        empty="No goals (--all shows closed ones).",
    )


@app.command("show")
def show(goal_id: GoalId, as_json: JsonOpt = False) -> None:
    """Show a goal, its progress and its todos.

    Its mentor, target date and status, then the todos linked to it: open ones first, then
    the done and dropped ones with the note you gave. Link a todo with `todo add --goal ID`
    or `todo edit ID --goal ID`.

    Example: mentorlog goal show 2
    """
    from mentorlog.journal import todos
    from mentorlog.render import details

    today = dates.today()
    with journal() as conn:
        g = goals.get(conn, goal_id)
        name = goals.mentor_name(conn, g)
        if as_json:
            linked = todos.list_todos(conn, status=None, goal_id=goal_id)
            emit_json({**g.to_json(), **goals.show_json(g, name), "todos": [t.to_json() for t in linked]})
            return
        from mentorlog.render.console import LIST_LIMIT

        linked = todos.list_todos(conn, status=None, goal_id=goal_id, limit=LIST_LIMIT)
    from mentorlog.cli.output import show as draw

    draw(details.goal_detail, g, name, linked, today)


@app.command("done")
def done(goal_id: GoalId) -> None:
    """Mark a goal achieved.

    Example: mentorlog goal done 2
    """
    with journal(write=True) as conn:
        g = goals.close(conn, goal_id, goals.Status.ACHIEVED, dates.today())
    echo(f"Achieved goal {g.id}: {g.text} ({g.done}/{g.total} todos done)")


@app.command("drop")
def drop(goal_id: GoalId) -> None:
    """Drop a goal.

    Example: mentorlog goal drop 2
    """
    with journal(write=True) as conn:
        g = goals.close(conn, goal_id, goals.Status.DROPPED, dates.today())
    echo(f"Dropped goal {g.id}: {g.text}")


@app.command("edit")
def edit(
    goal_id: GoalId,
    text: Annotated[str | None, typer.Option(help="New text.")] = None,
    mentor: Annotated[
        str | None,
        typer.Option(
            "--mentor",
            "-m",
            metavar="MENTOR|none",
            help="Its mentor, or none.",
            autocompletion=complete_mentor,
        ),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="WHEN|none", help="Target date, or none.")] = None,
) -> None:
    """Correct a goal's text, mentor or target date.

    `--mentor none` and `--by none` clear them.

    Example: mentorlog goal edit 2 --by "mar 31" --mentor none
    """
    if text is None and mentor is None and by is None:
        raise UsageError("Nothing to change.", hint="Pass --text, --mentor or --by.")
    changes: dict = {}
    if by is not None:
        target = when_or_clear(by, "--by", future=True)
        changes["by"] = target.day if target else None
    with journal(write=True) as conn:
        if mentor is not None:
            changes["mentor_id"] = (
                None if mentor.strip().lower() == "none" else mentors.resolve(conn, mentor).id
            )
        g = goals.edit(conn, goal_id, text=text, **changes)
    extra = f" (by {dates.show_day(g.by)})" if g.by else ""
    who = f" for {g.mentor}" if g.mentor else ""
    echo(f"Updated goal {g.id}{who}: {g.text}{extra}")


@app.command("delete")
def delete(goal_id: GoalId, yes: YesOpt = False) -> None:
    """Delete a goal; its todos stay.

    The todos linked to it stay, unlinked. Asks first on a terminal (--yes skips it);
    `mentorlog undo` brings it back.

    Example: mentorlog goal delete 2 --yes
    """

    def question(conn) -> str:
        g = goals.get(conn, goal_id)
        linked = " (its todos stay, unlinked)" if g.total else ""
        return f"Delete goal {g.id}: {g.text}{linked}?"

    ask_first(yes, question, f"Deleting goal {goal_id}")
    with journal(write=True) as conn:
        g = goals.delete(conn, goal_id)
    echo(f"Deleted goal {g.id}: {g.text}")
