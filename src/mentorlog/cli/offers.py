"""``offer add|list|done|decline|reopen|edit|delete``: what a mentor offered to do for you (an
introduction, a review, a resource) and what came of it."""

from typing import Annotated

import typer

from mentorlog.cli.common import (
    JsonOpt,
    MentorArg,
    OptionalMentorArg,
    YesOpt,
    ask_first,
    command_group,
    completion,
    id_of,
    journal,
    on_or_now,
)
from mentorlog.cli.output import list_or_json
from mentorlog.core import dates
from mentorlog.core.errors import UsageError
from mentorlog.journal import mentors, offers
from mentorlog.render.text import echo

app = command_group(
    "What a mentor offered to do for you: an intro, a review.\n\n"
    'Example: mentorlog offer add ada "A review of my slides"'
)

complete_open_offer = completion("complete_open_offer")
OfferId = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        parser=id_of("offer"),
        help="An offer id (see `mentorlog offer list`).",
        autocompletion=complete_open_offer,
    ),
]


def _words(o) -> str:
    intro = f" (introduction to {o.person})" if o.person else ""
    return f"offer {o.id} from {o.mentor}: {o.text}{intro}"


@app.command("add")
def add(
    mentor: MentorArg,
    text: Annotated[str, typer.Argument(help="What they offered.")],
    intro: Annotated[
        str | None,
        typer.Option("--intro", metavar="PERSON", help="The person they offered to introduce you to."),
    ] = None,
    meeting: Annotated[
        int | None,
        typer.Option("--meeting", metavar="ID", parser=id_of("meeting"), help="The check-in it came up in."),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="WHEN", help="When (default: the --meeting's day, else today)."),
    ] = None,
) -> None:
    """Note something a mentor offered to do for you.

    Example: mentorlog offer add ada "Introduce me to the platform team lead" --intro "Sam Okafor"
    """
    day = on_or_now(on).date() if on is not None else None  # None: the meeting's day, or today
    with journal(write=True) as conn:
        o = offers.add(conn, mentors.resolve(conn, mentor).id, text, day, person=intro, meeting_id=meeting)
    echo(f"Added {_words(o)}")


@app.command("list")
def list_(
    mentor: OptionalMentorArg = None,
    all_: Annotated[bool, typer.Option("--all", help="Done and declined offers too, newest first.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List open offers, oldest first.

    With --all, every offer, newest first.

    Example: mentorlog offer list --all
    """
    from mentorlog.render import lists

    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)

        def rows(limit: int | None):
            return offers.list_offers(conn, mentor_id=m.id if m else None, include_closed=all_, limit=limit)

        list_or_json(as_json, rows, lists.offers_table, dates.today(), empty="No open offers.")


@app.command("done")
def done(
    offer_id: OfferId,
    outcome: Annotated[str | None, typer.Option("--outcome", metavar="TEXT", help="What came of it.")] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When (default today).")] = None,
) -> None:
    """Mark an offer done, with what came of it.

    Example: mentorlog offer done 2 --outcome "Met Sam; joining the platform guild"
    """
    day = on_or_now(on).date()
    with journal(write=True) as conn:
        o = offers.close(conn, offer_id, offers.Status.DONE, day, outcome)
    echo(f"Done {_words(o)}" + (f" → {o.outcome}" if o.outcome else "") + f". Thank {o.mentor} for it?")


@app.command("decline")
def decline(
    offer_id: OfferId,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When (default today).")] = None,
) -> None:
    """Mark an offer declined (you said no, or it lapsed).

    Example: mentorlog offer decline 2
    """
    day = on_or_now(on).date()
    with journal(write=True) as conn:
        o = offers.close(conn, offer_id, offers.Status.DECLINED, day)
    echo(f"Declined {_words(o)}")


@app.command("edit")
def edit(
    offer_id: OfferId,
    text: Annotated[str | None, typer.Option(help="New text.")] = None,
    intro: Annotated[
        str | None, typer.Option("--intro", metavar="PERSON|none", help="The person, or none.")
    ] = None,
    outcome: Annotated[
        str | None, typer.Option("--outcome", metavar="TEXT|none", help="What came of it, or none.")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When it was offered.")] = None,
) -> None:
    """Correct an offer.

    Example: mentorlog offer edit 2 --intro "Sam Okafor"
    """
    if text is None and intro is None and outcome is None and on is None:
        raise UsageError("Nothing to change.", hint="Pass --text, --intro, --outcome or --on.")
    changes: dict = {}
    if intro is not None:
        changes["person"] = None if intro.strip().lower() == "none" else intro
    if outcome is not None:
        changes["outcome"] = None if outcome.strip().lower() == "none" else outcome
    day = on_or_now(on).date() if on is not None else None
    with journal(write=True) as conn:
        o = offers.edit(conn, offer_id, text=text, on=day, **changes)
    echo(f"Updated {_words(o)}")


@app.command("delete")
def delete(offer_id: OfferId, yes: YesOpt = False) -> None:
    """Delete an offer.

    Asks first on a terminal (--yes skips it); `mentorlog undo` brings it back.

    Example: mentorlog offer delete 2 --yes
    """

    def question(conn) -> str:
        return f"Delete {_words(offers.get(conn, offer_id))}?"

    ask_first(yes, question, f"Deleting offer {offer_id}")
    with journal(write=True) as conn:
        o = offers.delete(conn, offer_id)
    echo(f"Deleted {_words(o)}")
