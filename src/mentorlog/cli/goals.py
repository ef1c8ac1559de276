"""``goal add|list|done|drop``: what the mentoring is for."""

from typing import Annotated

import typer

from mentorlog import dates
from mentorlog.cli.common import ForMentorOpt, JsonOpt, command_group, journal, parse_id, when
from mentorlog.cli.output import show_or_json
from mentorlog.journal import goals, mentors
from mentorlog.render.text import echo

app = command_group("Goals: what the mentoring is for.")
GoalId = Annotated[int, typer.Argument(metavar="ID", parser=parse_id)]


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
    """List active goals with their progress (linked todos done / total)."""
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


@app.command("done")
def done(goal_id: GoalId) -> None:
    """Mark a goal achieved."""
    with journal(write=True) as conn:
        g = goals.close(conn, goal_id, goals.Status.ACHIEVED, dates.today())
    echo(f"Achieved goal {g.id}: {g.text} ({g.done}/{g.total} todos done)")


@app.command("drop")
def drop(goal_id: GoalId) -> None:
    """Drop a goal."""
    with journal(write=True) as conn:
        g = goals.close(conn, goal_id, goals.Status.DROPPED, dates.today())
    echo(f"Dropped goal {g.id}: {g.text}")
