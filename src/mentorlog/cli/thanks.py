"""``thanks add|list|edit|delete``: appreciation you expressed."""

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
from mentorlog.journal import mentors, thanks
from mentorlog.render.text import echo

app = command_group(
    'Thanks you gave your mentors.\n\nExample: mentorlog thanks add ada "Thanked her for the intro to Sam"'
)


@app.command("add")
def add(
    mentor: MentorArg,
    text: Annotated[str, typer.Argument(help="What you thanked them for.")],
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When (default today).")] = None,
) -> None:
    """Note the thanks you gave.

    Example: mentorlog thanks add ada "Thanked her for the intro to the platform team"
    """
    day = on_or_now(on).date()
    with journal(write=True) as conn:
        t = thanks.add(conn, mentors.resolve(conn, mentor).id, text, day)
    echo(f"Added thanks {t.id} to {t.mentor} on {dates.show_day(day)}: {t.text}")


@app.command("list")
def list_(
    mentor: OptionalMentorArg = None,
    as_json: JsonOpt = False,
) -> None:
    """List the thanks you gave, newest first.

    Example: mentorlog thanks list grace
    """
    from mentorlog.render import lists

    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)

        def rows(limit: int | None):
            return thanks.list_thanks(conn, mentor_id=m.id if m else None, limit=limit)

        list_or_json(as_json, rows, lists.thanks_table, dates.today(), empty="No thanks noted yet.")


ThanksId = Annotated[
    int,
    typer.Argument(metavar="ID", parser=id_of("thanks"), help="A thanks id (see `mentorlog thanks list`)."),
]


@app.command("edit")
def edit(
    thanks_id: ThanksId,
    text: Annotated[str | None, typer.Option(help="New text.")] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When you thanked them.")] = None,
) -> None:
    """Correct the text or date of a thanks.

    Example: mentorlog thanks edit 2 --on "last friday"
    """
    if text is None and on is None:
        raise UsageError("Nothing to change.", hint="Pass --text or --on.")
    day = on_or_now(on).date() if on is not None else None
    with journal(write=True) as conn:
        t = thanks.edit(conn, thanks_id, text=text, on=day)
    echo(f"Updated thanks {t.id} to {t.mentor} on {dates.show_day(t.on)}: {t.text}")


@app.command("delete")
def delete(thanks_id: ThanksId, yes: YesOpt = False) -> None:
    """Delete a thanks.

    Asks first on a terminal (--yes skips it); `mentorlog undo` brings it back.

    Example: mentorlog thanks delete 2 --yes
    """

    def question(conn) -> str:
        t = thanks.get(conn, thanks_id)
        return f"Delete thanks {t.id} to {t.mentor} on {dates.show_day(t.on)}: {t.text}?"

    ask_first(yes, question, f"Deleting thanks {thanks_id}")
    with journal(write=True) as conn:
        t = thanks.delete(conn, thanks_id)
    echo(f"Deleted thanks {t.id} to {t.mentor}: {t.text}")
