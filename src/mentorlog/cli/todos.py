"""``todo add|list|show|done|drop|reopen|edit|delete``."""

from typing import Annotated

import typer

from mentorlog.cli.common import (
    ForMentorOpt,
    JsonOpt,
    MentorOpt,
    TagFilterOpt,
    TagsOpt,
    YesOpt,
    ask_first,
    command_group,
    completion,
    id_of,
    journal,
    on_or_now,
    unique,
    when,
    when_or_clear,
)
from mentorlog.cli.output import list_or_json, show_or_json
from mentorlog.core import dates, template
from mentorlog.core.errors import UsageError
from mentorlog.journal import mentors, todos
from mentorlog.render.text import echo, tagged, warn

complete_open_todo = completion("complete_open_todo")

app = command_group(
    "Action items: add, list, tick off, drop, reopen, edit, delete.\n\n"
    'Example: mentorlog todo add "Draft the RFC" -m ada --due fri'
)


def describe(t: todos.Todo) -> str:
    extra = []
    if t.due:
        extra.append(f"due {dates.show_day(t.due)}")
    if t.mentor:
        extra.append(f"for {t.mentor}")
    if t.goal:
        extra.append(f"goal {t.goal}")
    return f"todo {t.id}: {t.text}" + (f" ({', '.join(extra)})" if extra else "") + tagged(t.tags)


def _warn_if_time(due: dates.When | None) -> None:
    """A todo is due on a day: say so rather than drop a time the user typed."""
    if due is not None and due.has_time:
        warn(f"Note: {todos.TIME_IGNORED} ({dates.show_day(due.day)}).")


@app.command("add")
def add(
    text: Annotated[str, typer.Argument(help="What you will do; may end in '(due WHEN)'.")],
    mentor: ForMentorOpt = None,
    due: Annotated[
        str | None, typer.Option("--due", metavar="WHEN", help="e.g. fri, in 2 weeks, 2026-12-01.")
    ] = None,
    goal: Annotated[
        int | None, typer.Option("--goal", metavar="ID", parser=id_of("goal"), help="The goal it serves.")
    ] = None,
    tag: TagsOpt = None,
) -> None:
    """Add an action item.

    Example: mentorlog todo add "Draft the RFC" --mentor ada --due fri
    """
    text, inline_due = template.split_due(text)
    if inline_due is not None and due is not None:
        raise UsageError("The due date is given twice: in the text and with --due.")
    resolved = when(due if due is not None else inline_due, "--due", future=True)
    _warn_if_time(resolved)
    with journal(write=True, create=True) as conn:
        m = mentors.resolve_optional(conn, mentor)
        t = todos.add(
            conn,
            text,
            mentor_id=m.id if m else None,
            due=resolved.day if resolved else None,
            goal_id=goal,
            tags=tag,
        )
    echo(f"Added {describe(t)}.")


@app.command("list")
def list_(
    mentor: MentorOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Open, done and dropped.")] = False,
    done: Annotated[bool, typer.Option("--done", help="Only done ones.")] = False,
    dropped: Annotated[bool, typer.Option("--dropped", help="Only dropped ones.")] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only open ones past their due date.")] = False,
    tag: TagFilterOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List todos: the open ones, unless you ask for others.

    Open ones come overdue first, then by due date, then oldest.

    Example: mentorlog todo list --mentor ada --overdue
    """
    from mentorlog.render import lists

    if sum([all_, done, dropped]) > 1:
        raise UsageError("Choose one of --all, --done and --dropped.")
    status = None if all_ else "done" if done else "dropped" if dropped else "open"
    today = dates.today()
    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)

        def rows(limit: int | None):
            who, late = (m.id if m else None), (today if overdue else None)
            return todos.list_todos(conn, status=status, mentor_id=who, overdue_on=late, tag=tag, limit=limit)

        list_or_json(as_json, rows, lists.todos_table, today, empty="No todos here (--all shows every todo).")


@app.command("show")
def show(
    todo_id: Annotated[
        int,
        typer.Argument(
            metavar="ID", parser=id_of("todo"), help="A todo id (see `mentorlog todo list --all`)."
        ),
    ],
    as_json: JsonOpt = False,
) -> None:
    """Show a todo, with the note it was ticked off or dropped with.

    Its status, due date and mentor, the meeting it was filed in, the goal it serves, and the
    note you gave with `todo done --note` (or `todo drop --why`).

    Example: mentorlog todo show 12
    """
    from mentorlog.render import details

    with journal() as conn:
        found = todos.detail(conn, todo_id)
    show_or_json(as_json, found.to_json(), details.todo_detail, found, dates.today())


Ids = Annotated[
    list[int],
    typer.Argument(
        metavar="ID...",
        parser=id_of("todo"),
        help="Todo ids (see `mentorlog todo list`).",
        autocompletion=complete_open_todo,
    ),
]


@app.command("done")
def done(
    ids: Ids,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When (default today).")] = None,
    note: Annotated[str | None, typer.Option(help="How it went.")] = None,
) -> None:
    """Tick off todos.

    Example: mentorlog todo done 4 7 --note "Sent it on Monday"
    """
    day = on_or_now(on).date()
    with journal(write=True) as conn:
        finished = [todos.mark_done(conn, i, day, note) for i in unique(ids)]
    for t in finished:
        echo(f"Done {describe(t)} on {dates.show_day(day)}.")


@app.command("drop")
def drop(ids: Ids, why: Annotated[str | None, typer.Option(help="Why it no longer matters.")] = None) -> None:
    """Drop todos you will not do.

    Example: mentorlog todo drop 5 --why "The project was cancelled"
    """
    with journal(write=True) as conn:
        dropped = [todos.drop(conn, i, why, dates.today()) for i in unique(ids)]
    for t in dropped:
        echo(f"Dropped {describe(t)}.")


@app.command("reopen")
def reopen(todo_id: Annotated[int, typer.Argument(metavar="ID", parser=id_of("todo"))]) -> None:
    """Open a done or dropped todo again.

    Example: mentorlog todo reopen 5
    """
    with journal(write=True) as conn:
        t = todos.reopen(conn, todo_id)
    echo(f"Reopened {describe(t)}.")


@app.command("edit")
def edit(
    todo_id: Annotated[int, typer.Argument(metavar="ID", parser=id_of("todo"))],
    text: Annotated[str | None, typer.Option(metavar="TEXT", help="New text.")] = None,
    due: Annotated[
        str | None, typer.Option("--due", metavar="WHEN|none", help="The day it is due; none clears it.")
    ] = None,
    mentor: ForMentorOpt = None,
    goal: Annotated[
        int | None, typer.Option("--goal", metavar="ID", parser=id_of("goal"), help="The goal it serves.")
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Replace its tags (repeatable; none clears them)."),
    ] = None,
) -> None:
    """Change a todo's text, due date, mentor, goal or tags.

    Example: mentorlog todo edit 12 --due "next fri" --goal 2
    """
    changes: dict = {"text": text, "goal_id": goal}
    if tag is not None:
        changes["tags"] = [] if [t.strip().lower() for t in tag] == ["none"] else tag
    if due is not None:
        resolved = when_or_clear(due, "--due", future=True)
        _warn_if_time(resolved)
        changes["due"] = resolved.day if resolved else None
    with journal(write=True) as conn:
        m = mentors.resolve_optional(conn, mentor)
        t = todos.edit(conn, todo_id, mentor_id=m.id if m else None, **changes)
    echo(f"Updated {describe(t)}.")


@app.command("delete")
def delete(
    todo_id: Annotated[int, typer.Argument(metavar="ID", parser=id_of("todo"))], yes: YesOpt = False
) -> None:
    """Delete a todo added by mistake.

    Asks first on a terminal (--yes skips it); `mentorlog undo` brings it back.

    Example: mentorlog todo delete 12 --yes
    """
    ask_first(yes, lambda conn: f"Delete {describe(todos.get(conn, todo_id))}?", f"Deleting todo {todo_id}")
    with journal(write=True) as conn:
        t = todos.delete(conn, todo_id)
    echo(f"Deleted {describe(t)}.")
