"""``topic add|list|drop|edit|delete``: what to raise at the next check-in."""

from typing import Annotated

import typer

from mentorlog.cli.common import (
    JsonOpt,
    MentorArg,
    OptionalMentorArg,
    TagFilterOpt,
    TagsOpt,
    ToMentorOpt,
    YesOpt,
    ask_first,
    command_group,
    id_of,
    journal,
)
from mentorlog.cli.output import list_or_json, show_or_json
from mentorlog.core.errors import UsageError
from mentorlog.journal import mentors, topics
from mentorlog.render.text import echo, tagged

app = command_group(
    "What to raise at the next check-in: questions, concerns, wins.\n\n"
    'Example: mentorlog topic add ada "When should I lead a review?"'
)


@app.command("add")
def add(
    mentor: MentorArg,
    text: Annotated[str, typer.Argument(help="What to raise.")],
    kind: Annotated[
        topics.Kind, typer.Option("--kind", case_sensitive=False, help="What kind of topic it is.")
    ] = topics.Kind.QUESTION,
    tag: TagsOpt = None,
) -> None:
    """Queue something to raise at the next check-in.

    Example: mentorlog topic add ada "How do I prepare for the promotion talk?" --kind question
    """
    with journal(write=True) as conn:
        t = topics.add(conn, mentors.resolve(conn, mentor).id, text, kind, tags=tag)
    echo(f"Added {t.kind} {t.id} for {t.mentor}: {t.text}{tagged(t.tags)}")


@app.command("list")
def list_(
    mentor: OptionalMentorArg = None,
    all_: Annotated[bool, typer.Option("--all", help="Include raised and dropped topics.")] = False,
    tag: TagFilterOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List open topics (by mentor and kind).

    Example: mentorlog topic list ada --all
    """
    from mentorlog.render import lists

    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)
        if not all_:  # the open ones: a screenful and the count, or every one for --json

            def rows(limit: int | None):
                return topics.list_open(conn, mentor_id=m.id if m else None, tag=tag, limit=limit)

            list_or_json(
                as_json, rows, lists.topics_table, empty="No topics to raise: mentorlog topic add MENTOR TEXT"
            )
            return
        found = topics.list_topics(conn, mentor_id=m.id if m else None, include_closed=all_, tag=tag)
    show_or_json(
        as_json,
        [t.to_json() for t in found],
        lists.topics_table,
        found,
        empty="No topics to raise: mentorlog topic add MENTOR TEXT",
    )


@app.command("drop")
def drop(topic_id: Annotated[int, typer.Argument(metavar="ID", parser=id_of("topic"))]) -> None:
    """Drop a topic you no longer need to raise.

    Example: mentorlog topic drop 4
    """
    with journal(write=True) as conn:
        t = topics.drop(conn, topic_id)
    echo(f"Dropped {t.kind} {t.id}: {t.text}")


TopicId = Annotated[
    int,
    typer.Argument(
        metavar="ID", parser=id_of("topic"), help="A topic id (see `mentorlog topic list --all`)."
    ),
]


@app.command("edit")
def edit(
    topic_id: TopicId,
    text: Annotated[str | None, typer.Option(help="New text.")] = None,
    kind: Annotated[
        topics.Kind | None, typer.Option("--kind", case_sensitive=False, help="New kind.")
    ] = None,
    mentor: ToMentorOpt = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Replace its tags (repeatable; none clears them)."),
    ] = None,
) -> None:
    """Correct a topic's text, kind, mentor or tags.

    Example: mentorlog topic edit 3 --kind concern
    """
    if text is None and kind is None and mentor is None and tag is None:
        raise UsageError("Nothing to change.", hint="Pass --text, --kind, --mentor or --tag.")
    tags = None if tag is None else [] if [t.strip().lower() for t in tag] == ["none"] else tag
    with journal(write=True) as conn:
        m = mentors.resolve_optional(conn, mentor)
        t = topics.edit(conn, topic_id, text=text, kind=kind, mentor_id=m.id if m else None, tags=tags)
    echo(f"Updated {t.kind} {t.id} for {t.mentor}: {t.text}{tagged(t.tags)}")


@app.command("delete")
def delete(topic_id: TopicId, yes: YesOpt = False) -> None:
    """Delete a topic added by mistake.

    Asks first on a terminal (--yes skips it); `mentorlog undo` brings it back. To keep it but
    not raise it, use `topic drop`.

    Example: mentorlog topic delete 3 --yes
    """

    def question(conn) -> str:
        t = topics.get(conn, topic_id)
        return f"Delete {t.kind} {t.id} for {t.mentor}: {t.text}?"

    ask_first(yes, question, f"Deleting topic {topic_id}")
    with journal(write=True) as conn:
        t = topics.delete(conn, topic_id)
    echo(f"Deleted {t.kind} {t.id} for {t.mentor}: {t.text}")
