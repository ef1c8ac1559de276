"""``advice add|list|show|apply|park|unpark|edit|delete``, and ``advice application edit|delete``
to correct one time advice was applied (its id is shown by ``advice show``)."""

from typing import Annotated

import typer

from mentorlog.cli.common import (
    JsonOpt,
    MentorArg,
    MentorOpt,
    ToMentorOpt,
    YesOpt,
    ask_first,
    command_group,
    completion,
    id_of,
    journal,
    on_or_now,
    parse_id,
    when,
)
from mentorlog.cli.output import list_or_json, show_or_json
from mentorlog.core import dates
from mentorlog.core.errors import UsageError
from mentorlog.journal import advice, mentors
from mentorlog.render.text import echo, plural, tagged

complete_advice = completion("complete_advice")

app = command_group(
    "Advice you got, and each time you applied it.\n\n"
    'Example: mentorlog advice apply 3 "Led with the risk" --outcome worked'
)
AdviceId = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        parser=id_of("advice"),
        help="An advice id (see `mentorlog advice list`).",
        autocompletion=complete_advice,
    ),
]


@app.command("add")
def add(
    mentor: MentorArg,
    text: Annotated[str, typer.Argument(help="The advice, in your words.")],
    meeting: Annotated[
        int | None,
        typer.Option("--meeting", metavar="ID", parser=id_of("meeting"), help="The meeting it came from."),
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag; repeat for more.")] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="WHEN", help="When it was given (default today).")
    ] = None,
    skill: Annotated[
        int | None,
        typer.Option("--skill", metavar="ID", parser=id_of("skill"), help="The skill it helps build."),
    ] = None,
) -> None:
    """Record advice a mentor gave.

    Example: mentorlog advice add ada "Write the decision before the meeting" --tag writing
    """
    day = on_or_now(on).date() if on is not None else None  # None: the meeting's day, or today
    with journal(write=True) as conn:
        m = mentors.resolve(conn, mentor)
        a = advice.add(conn, m.id, text, given_on=day, meeting_id=meeting, tags=tag, skill_id=skill)
    echo(f"Added advice {a.id} from {m.handle}, given {dates.show_day(a.given_on)}: {a.text}{tagged(a.tags)}")


@app.command("list")
def list_(
    mentor: MentorOpt = None,
    untried: Annotated[bool, typer.Option("--untried", help="Only advice not applied yet.")] = False,
    applied: Annotated[bool, typer.Option("--applied", help="Only advice applied at least once.")] = False,
    parked: Annotated[bool, typer.Option("--parked", help="Only parked advice.")] = False,
    tag: Annotated[str | None, typer.Option("--tag", help="Only advice with this tag.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List advice with its status and how often you applied it.

    Oldest first; --untried, --applied and --parked pick one status.

    Example: mentorlog advice list --untried -m ada
    """
    from mentorlog.render import lists

    if sum([untried, applied, parked]) > 1:
        raise UsageError("Choose one of --untried, --applied and --parked.")
    Status = advice.Status
    status = Status.UNTRIED if untried else Status.APPLIED if applied else Status.PARKED if parked else None
    today = dates.today()
    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)

        def rows(limit: int | None):
            return advice.list_advice(
                conn, today, mentor_id=m.id if m else None, status=status, tag=tag, limit=limit
            )

        list_or_json(as_json, rows, lists.advice_table, today, empty="No advice matches.")


@app.command("show")
def show(advice_id: AdviceId, as_json: JsonOpt = False) -> None:
    """Show advice and every time you applied it, oldest first.

    Example: mentorlog advice show 3
    """
    from mentorlog.render import details

    today = dates.today()
    with journal() as conn:
        a = advice.get(conn, advice_id, today, with_applications=True)
    show_or_json(as_json, a.to_json(with_applications=True), details.advice_detail, a, today)


@app.command("apply")
def apply(
    advice_id: AdviceId,
    what: Annotated[str, typer.Argument(help="What you did.")],
    outcome: Annotated[
        advice.Outcome | None, typer.Option("--outcome", case_sensitive=False, help="How it went.")
    ] = None,
    reflect: Annotated[str | None, typer.Option("--reflect", help="What you learned.")] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When (default today).")] = None,
) -> None:
    """Record that you applied a piece of advice, and how it went.

    Example: mentorlog advice apply 3 "Sent the design doc a day early" --outcome worked
    """
    day = on_or_now(on).date()
    with journal(write=True) as conn:
        a = advice.get(conn, advice_id, day)
        app_ = advice.apply(conn, advice_id, what, on=day, outcome=outcome, reflection=reflect)
    how = f" → {app_.outcome}" if app_.outcome else ""
    echo(f"Applied advice {a.id} ({a.mentor}) on {dates.show_day(day)}: {app_.what}{how}")


@app.command("park")
def park(
    advice_id: AdviceId,
    until: Annotated[
        str | None, typer.Option("--until", metavar="WHEN", help=f"Default: in {advice.PARK_DAYS} days.")
    ] = None,
    why: Annotated[str | None, typer.Option(help="Why not now.")] = None,
) -> None:
    """Put advice aside until later; `review` brings it back after.

    The day must be after today. Parked again without --why, the earlier reason stays.

    Example: mentorlog advice park 4 --until "jan 15" --why "after the launch"
    """
    today = dates.today()
    day = when(until, "--until", future=True).day if until is not None else advice.default_park_until(today)
    if day <= today:  # parked until a day gone by is not parked at all
        raise UsageError(
            f"--until: {until!r} is {dates.show_day(day)}, which is not after today; nothing was parked.",
            hint="Park it until a day to come, e.g. --until 'in 2 weeks'.",
        )
    with journal(write=True) as conn:
        a = advice.park(conn, advice_id, day, why, today)
    echo(f"Parked advice {a.id} until {dates.show_day(day)}.")


@app.command("unpark")
def unpark(advice_id: AdviceId) -> None:
    """Bring parked advice back now.

    Example: mentorlog advice unpark 4
    """
    with journal(write=True) as conn:
        a = advice.unpark(conn, advice_id, dates.today())
    echo(f"Unparked advice {a.id}: {a.text}")


@app.command("edit")
def edit(
    advice_id: AdviceId,
    text: Annotated[str | None, typer.Option(help="New text.")] = None,
    mentor: ToMentorOpt = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", help="Replaces the tags; repeat for more; `--tag none` clears them."),
    ] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When it was given.")] = None,
    skill: Annotated[
        str | None, typer.Option("--skill", metavar="ID|none", help="Link it to a skill, or none.")
    ] = None,
) -> None:
    """Correct advice: its text, mentor, tags, date or skill.

    --tag replaces the tags (`--tag none` clears them); --on is the day it was given. Moved to
    another mentor, it is no longer linked to the meeting it came from.

    Example: mentorlog advice edit 3 --tag writing --tag meetings
    """
    if text is None and mentor is None and tag is None and on is None and skill is None:
        raise UsageError("Nothing to change.", hint="Pass --text, --mentor, --tag, --on or --skill.")
    linked: dict = {}
    if skill is not None:
        if skill.strip().lower() == "none":
            linked["skill_id"] = None
        elif skill.isascii() and skill.isdigit():
            linked["skill_id"] = parse_id(skill)
        else:
            raise UsageError(f"--skill: {skill!r} is not a skill id; give one like 2, or none.")
    day = on_or_now(on).date() if on is not None else None
    tags = None if tag is None else [] if [t.strip().lower() for t in tag] == ["none"] else tag
    today = dates.today()
    with journal(write=True) as conn:
        m = mentors.resolve_optional(conn, mentor)
        a = advice.edit(
            conn,
            advice_id,
            today,
            text=text,
            mentor_id=m.id if m else None,
            tags=tags,
            given_on=day,
            **linked,
        )
    echo(
        f"Updated advice {a.id} from {a.mentor}, given {dates.show_day(a.given_on)}: {a.text}{tagged(a.tags)}"
    )


@app.command("delete")
def delete(advice_id: AdviceId, yes: YesOpt = False) -> None:
    """Delete advice and its applications.

    Every time you applied it goes too. Asks first on a terminal (--yes skips it);
    `mentorlog undo` brings it all back.

    Example: mentorlog advice delete 3 --yes
    """
    today = dates.today()

    def question(conn) -> str:
        a = advice.get(conn, advice_id, today)
        applied = f" and its {plural(a.applications, 'application')}" if a.applications else ""
        return f"Delete advice {a.id} from {a.mentor}{applied}: {a.text}?"

    ask_first(yes, question, f"Deleting advice {advice_id}")
    with journal(write=True) as conn:
        a = advice.delete(conn, advice_id, today)
    applied = f" and its {plural(a.applications, 'application')}" if a.applications else ""
    echo(f"Deleted advice {a.id} from {a.mentor}{applied}: {a.text}")


application_app = command_group(
    "Correct or delete one time you applied advice.\n\nThe ids are in `mentorlog advice show ID`.\n\n"
    "Example: mentorlog advice application edit 7 --outcome mixed"
)
app.add_typer(application_app, name="application")
ApplicationId = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        parser=id_of("application"),
        help="An application id (see `mentorlog advice show ADVICE-ID`).",
    ),
]
_OUTCOMES = "|".join(advice.Outcome.words())


@application_app.command("edit")
def application_edit(
    application_id: ApplicationId,
    what: Annotated[str | None, typer.Option("--what", help="What you did.")] = None,
    outcome: Annotated[
        str | None, typer.Option("--outcome", metavar=f"{_OUTCOMES}|none", help="How it went.")
    ] = None,
    reflect: Annotated[str | None, typer.Option("--reflect", help="What you learned ('' clears it).")] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When you applied it.")] = None,
) -> None:
    """Correct one time you applied advice.

    Example: mentorlog advice application edit 7 --outcome mixed --reflect "Too early to tell"
    """
    from mentorlog.journal import applications

    changes: dict = {}
    if outcome is not None:
        word = outcome.strip().lower()
        if word != "none" and word not in advice.Outcome.words():
            raise UsageError(f"--outcome: {outcome!r} is not one of {_OUTCOMES} or none.")
        changes["outcome"] = None if word == "none" else advice.Outcome(word)
    if what is None and reflect is None and on is None and not changes:
        raise UsageError("Nothing to change.", hint="Pass --what, --outcome, --reflect or --on.")
    day = on_or_now(on).date() if on is not None else None
    with journal(write=True) as conn:
        p = applications.edit(conn, application_id, what=what, reflection=reflect, on=day, **changes)
    how = f" → {p.outcome}" if p.outcome else ""
    echo(f"Updated application {p.id} of advice {p.advice} on {dates.show_day(p.on)}: {p.what}{how}")


@application_app.command("delete")
def application_delete(application_id: ApplicationId, yes: YesOpt = False) -> None:
    """Delete one time you applied advice.

    Asks first on a terminal (--yes skips it); `mentorlog undo` brings it back.

    Example: mentorlog advice application delete 7 --yes
    """
    from mentorlog.journal import applications

    def question(conn) -> str:
        p = applications.get(conn, application_id)
        return f"Delete application {p.id} of advice {p.advice} on {dates.show_day(p.on)}: {p.what}?"

    ask_first(yes, question, f"Deleting application {application_id}")
    with journal(write=True) as conn:
        p = applications.delete(conn, application_id)
    echo(f"Deleted application {p.id} of advice {p.advice}: {p.what}")
