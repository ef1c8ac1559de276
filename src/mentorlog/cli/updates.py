"""``update MENTOR [TEXT]``, ``update MENTOR --draft``, ``update list``: keeping a mentor posted.

Like ``git stash``, ``update`` has a default action: when the first word is not one of its
subcommands it records an update (``update add …`` works too). With no TEXT it opens the
editor on a terminal, else reads stdin; typed text is kept as for ``log``. ``--draft`` writes
an update from what happened since the last contact and records nothing.
"""

import shlex
from typing import Annotated

import typer

from mentorlog.cli.common import (
    SETTINGS,
    CommandGroup,
    JsonOpt,
    LazyGroup,
    MentorArg,
    OptionalMentorArg,
    file_or_keep,
    journal,
    on_or_now,
)
from mentorlog.cli.deliver import MailtoOpt, OutputOpt, deliver
from mentorlog.cli.output import list_or_json
from mentorlog.core import dates
from mentorlog.core.errors import NothingWritten, UsageError
from mentorlog.io import capture
from mentorlog.journal import mentors, sections, updates
from mentorlog.render.text import echo


class DefaultGroup(LazyGroup):
    """A group whose first word, when it is not a subcommand, is the default command's."""

    default = "add"

    def get_command(self, ctx, cmd_name: str):
        found = super().get_command(ctx, cmd_name)
        if found is None and not cmd_name.startswith("-"):
            return super().get_command(ctx, self.default)
        return found

    def resolve_command(self, ctx, args):
        if args and not args[0].startswith("-") and args[0] not in self._names():
            args = [self.default, *args]
        return super().resolve_command(ctx, args)


app = CommandGroup(
    cls=DefaultGroup,
    help="Updates you sent a mentor, and drafts to send.\n\n"
    "`mentorlog update MENTOR [TEXT]` files one, as `update add` does.\n\n"
    'Example: mentorlog update ada "The RFC was accepted"',
    no_args_is_help=True,
    **SETTINGS,
)


@app.command("add")
def add(
    mentor: MentorArg,
    text: Annotated[
        str | None, typer.Argument(help="What you told them (default: the editor, or stdin).")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="WHEN", help="When you sent it (default today).")
    ] = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft", help="Print a draft from what happened since your last contact; record nothing."
        ),
    ] = False,
    output: OutputOpt = None,
    as_mailto: MailtoOpt = False,
) -> None:
    """Record an update you sent, or draft one (--draft).

    Example: mentorlog update ada "The RFC was accepted; thank you for the push."
    Example: mentorlog update ada --draft -o update.eml
    """
    if draft:
        if text is not None or on is not None:
            raise UsageError("--draft writes a draft and records nothing; give it without TEXT and --on.")
        from mentorlog.views import letters

        with journal() as conn:
            letter = letters.update_draft(conn, mentors.resolve(conn, mentor), dates.today())
        deliver(letter, output, as_mailto, "the update draft")
        return
    if output is not None or as_mailto:
        raise UsageError("-o and --mailto deliver a draft; give them with --draft.")
    day = on_or_now(on).date()
    from mentorlog.cli.agreements import capture_text, keeping

    typed, where = None, "the text"
    if text is None:
        with journal() as conn:
            m = mentors.resolve(conn, mentor)
        buffer = (
            f"# Update to {m.name} — {dates.show_day(day)}\n"
            "# Lines starting with '# ' at the top are ignored. An empty update cancels.\n\n"
        )
        typed, where, _ = capture_text(
            buffer, None, keeping("update", f"mentorlog update {shlex.quote(mentor)} < FILE")
        )

    def file():
        body = text if typed is None else sections.body_of(capture.decode(typed, where))
        if not body.strip():
            raise NothingWritten("Nothing written: the update was empty.")
        with journal(write=True) as conn:
            return updates.add(conn, mentors.resolve(conn, mentor).id, body, day)

    kept = keeping("update", f"mentorlog update {shlex.quote(mentor)} < FILE")
    u = file_or_keep(typed, file, kept)
    echo(f"Recorded update {u.id} to {u.mentor} on {dates.show_day(u.on)}.")


@app.command("list")
def list_(mentor: OptionalMentorArg = None, as_json: JsonOpt = False) -> None:
    """List the updates you sent, newest first.

    Example: mentorlog update list margaret
    """
    from mentorlog.render import relationship

    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)

        def rows(limit: int | None):
            return updates.list_updates(conn, mentor_id=m.id if m else None, limit=limit)

        list_or_json(
            as_json, rows, relationship.updates_table, dates.today(), empty="No updates recorded yet."
        )
