"""``skill add|rate|list|show|edit|drop|reopen|delete``: the capabilities you are building,
with dated 1–5 self-ratings."""

from typing import Annotated

import typer

from mentorlog.cli.common import (
    ForMentorOpt,
    JsonOpt,
    MentorOpt,
    YesOpt,
    ask_first,
    command_group,
    completion,
    id_of,
    journal,
    on_or_now,
    parse_id,
)
from mentorlog.cli.output import list_or_json, show_or_json
from mentorlog.core import dates
from mentorlog.core.errors import UsageError
from mentorlog.core.numbers import parse_rating
from mentorlog.journal import mentors, skills
from mentorlog.render.text import echo

app = command_group(
    "Skills you are building, with dated self-ratings.\n\n"
    'Example: mentorlog skill rate 1 4 --evidence "Ran the review alone"'
)

complete_skill = completion("complete_skill")
SkillId = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        parser=id_of("skill"),
        help="A skill id (see `mentorlog skill list`).",
        autocompletion=complete_skill,
    ),
]
_SCALE = "1 new to it, 2 learning, 3 can do it with help, 4 can do it alone, 5 can teach it"
EvidenceOpt = Annotated[
    str | None, typer.Option("--evidence", metavar="TEXT", help="What shows it (a task, a review).")
]


def _rate_opt(text: str) -> int:
    return parse_rating(text, "--rate", skills.HIGHEST)


def _rating_arg(text: str) -> int:
    return parse_rating(text, "", skills.HIGHEST, example="mentorlog skill rate ID 3")


def _rated(rating: int) -> str:
    return f"{rating}/5 ({skills.MEANING[rating]})"


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The skill, in your words.")],
    mentor: ForMentorOpt = None,
    goal: Annotated[
        int | None, typer.Option("--goal", metavar="ID", parser=id_of("goal"), help="The goal it serves.")
    ] = None,
    rate: Annotated[
        int | None,
        typer.Option("--rate", metavar="1-5", parser=_rate_opt, help=f"Where you stand: {_SCALE}."),
    ] = None,
    evidence: EvidenceOpt = None,
) -> None:
    """Add a skill you are building.

    Optionally with where you stand today (--rate, --evidence).

    Example: mentorlog skill add "Writing design docs" --mentor ada --rate 2 --evidence "First RFC"
    """
    today = dates.today()
    with journal(write=True, create=True) as conn:  # a skill needs no mentor: it can come first
        mentor_id = mentors.resolve(conn, mentor).id if mentor else None
        s = skills.add(conn, name, today, mentor_id=mentor_id, goal_id=goal, rating=rate, evidence=evidence)
    line = f"Added skill {s.id}: {s.name}"
    if s.mentor:
        line += f" (with {s.mentor})"
    line += f", rated {_rated(s.latest_rating)}." if s.latest_rating else ", not rated yet."
    echo(line)


@app.command("rate")
def rate(
    skill_id: SkillId,
    rating: Annotated[int, typer.Argument(metavar="N", parser=_rating_arg, help=f"1 to 5: {_SCALE}.")],
    evidence: EvidenceOpt = None,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When (default today).")] = None,
) -> None:
    """Rate where you stand with a skill today (or --on a day).

    Example: mentorlog skill rate 3 4 --evidence "Ran the design review alone"
    """
    day = on_or_now(on).date()
    with journal(write=True) as conn:
        before = skills.get(conn, skill_id, day)
        r = skills.rate(conn, skill_id, rating, day, evidence=evidence)
    was = f" (was {before.latest_rating})" if before.latest_rating is not None else ""
    echo(f"Rated skill {skill_id} {_rated(r.rating)}{was} on {dates.show_day(day)}: {before.name}")


@app.command("list")
def list_(
    mentor: MentorOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Dropped skills too.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List skills with their latest and first rating.

    Also the change over the last 90 days (from the rating in effect then, or the first).

    Example: mentorlog skill list -m ada --all
    """
    from mentorlog.render import lists

    today = dates.today()
    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)

        def rows(limit: int | None):
            return skills.list_skills(
                conn, today, mentor_id=m.id if m else None, include_dropped=all_, limit=limit
            )

        list_or_json(as_json, rows, lists.skills_table, today, empty="No skills yet.")


@app.command("show")
def show(skill_id: SkillId, as_json: JsonOpt = False) -> None:
    """Show a skill and every rating with its evidence, oldest first.

    Example: mentorlog skill show 1
    """
    from mentorlog.render import details

    today = dates.today()
    with journal() as conn:
        s = skills.get(conn, skill_id, today, with_ratings=True)
    show_or_json(as_json, s.to_json(), details.skill_detail, s, today)


@app.command("edit")
def edit(
    skill_id: SkillId,
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    mentor: Annotated[
        str | None,
        typer.Option("--mentor", "-m", metavar="MENTOR|none", help="Link it to a mentor, or none."),
    ] = None,
    goal: Annotated[
        str | None, typer.Option("--goal", metavar="ID|none", help="Link it to a goal, or none.")
    ] = None,
) -> None:
    """Correct a skill's name, mentor or goal.

    Example: mentorlog skill edit 3 --goal none
    """
    if name is None and mentor is None and goal is None:
        raise UsageError("Nothing to change.", hint="Pass --name, --mentor or --goal.")
    changes: dict = {}
    if goal is not None:
        changes["goal_id"] = None if goal.strip().lower() == "none" else _goal_id(goal)
    today = dates.today()
    with journal(write=True) as conn:
        if mentor is not None:
            changes["mentor_id"] = (
                None if mentor.strip().lower() == "none" else mentors.resolve(conn, mentor).id
            )
        s = skills.edit(conn, skill_id, today, name=name, **changes)
    echo(f"Updated skill {s.id}: {s.name}" + (f" (with {s.mentor})" if s.mentor else "") + ".")


def _goal_id(text: str) -> int:
    try:
        return parse_id(text)
    except typer.BadParameter:
        raise UsageError(f"--goal: {text!r} is not a goal id; give one like 2, or none.") from None


@app.command("drop")
def drop(skill_id: SkillId) -> None:
    """Stop tracking a skill.

    It stays in `mentorlog skill list --all`; `mentorlog skill reopen ID` brings it back.

    Example: mentorlog skill drop 2
    """
    today = dates.today()
    with journal(write=True) as conn:
        s = skills.set_status(conn, skill_id, skills.Status.DROPPED, today)
    echo(f"Dropped skill {s.id}: {s.name}")


@app.command("reopen")
def reopen(skill_id: SkillId) -> None:
    """Track a dropped skill again.

    Example: mentorlog skill reopen 2
    """
    today = dates.today()
    with journal(write=True) as conn:
        s = skills.set_status(conn, skill_id, skills.Status.ACTIVE, today)
    echo(f"Reopened skill {s.id}: {s.name}")


@app.command("delete")
def delete(skill_id: SkillId, yes: YesOpt = False) -> None:
    """Delete a skill and its ratings.

    Advice linked to it stays, unlinked.

    Asks first on a terminal (--yes skips it); `mentorlog undo` brings it back.

    Example: mentorlog skill delete 3 --yes
    """
    today = dates.today()

    def question(conn) -> str:
        s = skills.get(conn, skill_id, today, with_ratings=True)
        return f"Delete skill {s.id}: {s.name} and its {len(s.ratings)} rating(s)?"

    ask_first(yes, question, f"Deleting skill {skill_id}")
    with journal(write=True) as conn:
        s = skills.delete(conn, skill_id, today)
    echo(f"Deleted skill {s.id}: {s.name}")
