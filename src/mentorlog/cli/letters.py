"""``recap [MEETING]``: a follow-up to send a mentor after a check-in."""

from typing import Annotated

import typer

from mentorlog.cli.common import id_of, journal
from mentorlog.cli.deliver import MailtoOpt, OutputOpt, deliver
from mentorlog.core.errors import NotFound


def recap(
    meeting: Annotated[
        int | None,
        typer.Argument(
            metavar="[MEETING]", parser=id_of("meeting"), help="A meeting id (default: the latest meeting)."
        ),
    ] = None,
    output: OutputOpt = None,
    as_mailto: MailtoOpt = False,
) -> None:
    """A follow-up to send a mentor after a check-in.

    Thanks, the advice you heard, what you will do and by when, and the next check-in.

    Never the meeting's notes. Markdown on stdout, or -o FILE.md, -o FILE.eml (a mail draft),
    or --mailto.

    Example: mentorlog recap -o recap.eml
    """
    from mentorlog.journal import meetings, mentors
    from mentorlog.views import letters

    with journal() as conn:
        if meeting is None:
            latest = meetings.list_meetings(conn, limit=1)
            if not latest:
                raise NotFound(
                    "There are no meetings to recap yet.", hint="Log one with: mentorlog log MENTOR"
                )
            mt = latest[0]
        else:
            mt = meetings.get(conn, meeting)
        letter = letters.recap(conn, mt, mentors.get(conn, mt.mentor_id))
    deliver(letter, output, as_mailto, f"the recap of meeting {mt.id}")
