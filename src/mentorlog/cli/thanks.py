"""``thanks add|list``: appreciation you expressed."""

from typing import Annotated

import typer

from mentorlog import dates
from mentorlog.cli.common import JsonOpt, MentorArg, OptionalMentorArg, command_group, journal, on_or_now
from mentorlog.cli.output import list_or_json
from mentorlog.journal import mentors, thanks
from mentorlog.render.text import echo

app = command_group("Thanks you gave your mentors.")


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
    """List the thanks you gave, newest first."""
    from mentorlog.render import lists

    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)

        def rows(limit: int | None):
            return thanks.list_thanks(conn, mentor_id=m.id if m else None, limit=limit)

        list_or_json(as_json, rows, lists.thanks_table, dates.today(), empty="No thanks noted yet.")
