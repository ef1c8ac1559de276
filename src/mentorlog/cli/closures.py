"""``closure show``: how a mentoring relationship came to a close (written by ``mentor end``)."""

from mentorlog.cli.common import JsonOpt, MentorArg, command_group, journal
from mentorlog.core import cadences, dates
from mentorlog.core.errors import NotFound
from mentorlog.journal import closures, mentors
from mentorlog.render.text import emit_json

app = command_group("How a mentoring came to a close.\n\nExample: mentorlog closure show margaret")


@app.command("show")
def show(mentor: MentorArg, as_json: JsonOpt = False) -> None:
    """Show the closing of the mentoring with MENTOR.

    Example: mentorlog closure show ada
    """
    with journal() as conn:
        m = mentors.resolve(conn, mentor)
        c = closures.latest(conn, m.id)
    if c is None and not m.active:
        raise NotFound(
            f"The mentoring with {m.name} ended on {dates.show_day(m.ended_on)} without a closing."
        )
    if c is None:
        raise NotFound(
            f"The mentoring with {m.name} has not been closed.",
            hint=f"Close it with: mentorlog mentor end {m.handle}",
        )
    if as_json:
        emit_json(
            {
                "id": c.id,
                "uuid": c.uuid,
                "mentor": c.mentor,
                "on": c.on.isoformat(),
                "keep_in_touch": cadences.cadence_words(c.keep_in_touch_rule)
                if c.keep_in_touch_rule
                else None,
                "keep_in_touch_rrule": c.keep_in_touch_rule,
                "text": c.text,
                "resumed": m.active,
            }
        )
        return
    from mentorlog.render.console import make_console
    from mentorlog.render.relationship import closure as draw

    make_console().print(draw(m, c, dates.today()))
