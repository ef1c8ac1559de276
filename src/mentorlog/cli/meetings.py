"""``meeting list|show|edit|delete``: the check-ins that happened (``log`` records them)."""

import shlex
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import (
    JsonOpt,
    OptionalMentorArg,
    TagFilterOpt,
    YesOpt,
    ask_first,
    command_group,
    day_bound,
    file_or_keep,
    id_of,
    journal,
    journal_path,
    on_or_now,
    when,
)
from mentorlog.cli.output import list_or_json, show_or_json, show_paged
from mentorlog.core import dates
from mentorlog.core.errors import UsageError
from mentorlog.core.numbers import parse_minutes, parse_rating
from mentorlog.io import capture, recovery
from mentorlog.journal import meetings, mentors
from mentorlog.render.text import echo

app = command_group(
    "Check-ins that happened: list, show, edit, delete.\n\n"
    "Example: mentorlog meeting list ada --since 2026-09-01"
)
MeetingId = Annotated[
    int,
    typer.Argument(
        metavar="ID", parser=id_of("meeting"), help="A meeting id (see `mentorlog meeting list`)."
    ),
]


@app.command("list")
def list_(
    mentor: OptionalMentorArg = None,
    since: Annotated[str | None, typer.Option("--since", metavar="WHEN")] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="WHEN")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, max=1_000_000, metavar="N")] = None,
    tag: TagFilterOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List check-ins, newest first.

    --limit N shows the newest N (and says how many more there are).

    Example: mentorlog meeting list ada --since "2026-09-01" --limit 5
    """
    from mentorlog.render import lists

    start = when(since, "--since", future=False)
    end = when(until, "--until", future=False)
    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)

        def rows(screen: int | None):
            return meetings.page(
                conn,
                mentor_id=m.id if m else None,
                since=day_bound(start, end_of_day=False),
                until=day_bound(end, end_of_day=True),
                limit=min(limit, screen) if limit and screen else (limit or screen),
                short=screen is not None,
                tag=tag,
            )

        list_or_json(
            as_json, rows, lists.meetings_table, dates.today(), limit is not None, empty="No check-ins match."
        )


@app.command("show")
def show(meeting_id: MeetingId, as_json: JsonOpt = False) -> None:
    """Show a check-in: its notes and what was filed from it.

    The notes are rendered as Markdown. On a terminal, a meeting longer than the screen opens
    in your pager ($PAGER, else less).

    Example: mentorlog meeting show 12
    """
    from mentorlog.journal import meeting_items
    from mentorlog.render import details

    with journal() as conn:
        mt = meetings.get(conn, meeting_id)
        filed = meeting_items.filed_in(conn, meeting_id)
    labels = _filed_labels(filed)
    if as_json:
        show_or_json(as_json, {**mt.to_json(), **filed}, details.meeting_detail, mt, labels)
        return
    lines = mt.notes.count("\n") + sum(len(v) + 2 for v in labels.values()) + 4
    show_paged(lines, details.meeting_detail, mt, labels)


def _filed_todo(t: dict) -> str:
    """A todo filed in the meeting, with the note it was ticked off or dropped with."""
    label = {"done": "note", "dropped": "why"}.get(t["status"])
    note = f" — {label}: {t['note']}" if label and t["note"] else ""
    return f"todo {t['id']}: {t['text']} ({t['status']}){note}"


# How ``meeting show`` names what a meeting holds, by concept; a concept not here (a new one
# the registry files under meetings) is named by its noun, id and first brief column.
_LABELS = {
    "todo": ("todos", _filed_todo),
    "advice": ("advice", lambda a: f"advice {a['id']}: {a['text']}"),
    "thanks": ("thanks", lambda t: t["text"]),
    "topic": ("topics raised", lambda t: f"{t['kind']} {t['id']}: {t['text']}"),
    "feedback": ("feedback", lambda f: f"{f['direction']}: {f['text']}"),
    "offer": ("offers", lambda o: f"offer {o['id']}: {o['text']} ({o['status']})"),
}


def _filed_labels(filed: dict[str, list[dict]]) -> dict[str, list[str]]:
    from mentorlog.journal import concepts

    out = {}
    for c in concepts.filed_in_meeting():
        title, line = _LABELS.get(c.name, (c.many, lambda r, c=c: f"{c.one} {r['id']}: {r[c.brief[-1]]}"))
        out[title] = [line(r) for r in filed.get(c.meeting_key, [])]
    return out


@app.command("edit")
def edit(
    meeting_id: MeetingId,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When it was held.")] = None,
    minutes: Annotated[
        str | None, typer.Option("--minutes", metavar="N|none", help="How long it took.")
    ] = None,
    late: Annotated[bool | None, typer.Option("--late/--on-time", help="Whether you arrived late.")] = None,
    rescheduled: Annotated[
        bool | None, typer.Option("--rescheduled/--not-rescheduled", help="Whether it was moved.")
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", metavar="TEXT|-", help="New notes; '-' reads stdin.")
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from", metavar="FILE", help="New notes from FILE (e.g. a mended recovery file)."),
    ] = None,
    rating: Annotated[
        str | None,
        typer.Option("--rating", metavar="N|none", help="How useful it was, 1–4 (private), or none."),
    ] = None,
) -> None:
    """Correct a check-in. With no option, opens $VISUAL/$EDITOR on the notes exactly as
    stored; what you save replaces them as is (no template: '#' lines and 'todo:' lines stay
    notes). Notes that cannot be saved (the meeting changed meanwhile) go to a recovery file;
    --from FILE puts its text in as the notes and moves it to recovery/filed/.

    Example: mentorlog meeting edit 12 --on "2026-11-19 15:00" --minutes 45
    """
    from mentorlog.cli.recovered import after_commit, move_filed, read_file

    if from_file is not None and notes is not None:
        raise UsageError("Give the notes with --notes or --from, not both.")
    changes: dict = {}
    if on is not None:
        changes["held_at"] = dates.to_db(on_or_now(on))
    if minutes is not None:
        changes["minutes"] = parse_minutes(minutes, "--minutes", allow_none=True)
    if late is not None:
        changes["late"] = int(late)
    if rescheduled is not None:
        changes["rescheduled"] = int(rescheduled)
    if rating is not None:
        changes["rating"] = parse_rating(rating, "--rating", 4, allow_none=True)
    path = journal_path()
    typed: bytes | None = None
    seen = None
    kept_fields = None
    keeping = _keeping(meeting_id)
    if notes == "-":
        typed = capture.read_stdin()
    elif notes is not None:
        changes["notes"] = notes
    elif from_file is not None:
        raw = read_file(from_file)
        capture.decode(raw, str(from_file))  # a line that is not UTF-8, numbered as in the file
        kept_fields, body = recovery.split(raw)
        if kept_fields is not None and "meeting" not in kept_fields:  # log's: a check-in to file
            raise UsageError(
                f"--from: {from_file} holds a check-in kept by log, not notes to put back.",
                hint=f"File it with: mentorlog log MENTOR --from {shlex.quote(str(from_file))}",
            )
        changes["notes"] = capture.decode(body, str(from_file))
        if (kept_fields or {}).get("added-line-end") == "yes" and changes["notes"].endswith("\n"):
            changes["notes"] = changes["notes"][:-1]  # the line end the editor's buffer was given
    elif not changes:
        with journal() as conn:
            seen = meetings.stored_row(conn, meeting_id)
        stored = seen["notes"]
        buffer = stored if stored.endswith("\n") or not stored else stored + "\n"
        keeping = _keeping(meeting_id, added_line_end=not stored.endswith("\n"))
        typed = capture.edit(buffer, path, keeping)
        if typed == buffer.encode("utf-8", "surrogateescape"):
            echo(f"Nothing changed in meeting {meeting_id}.")
            return

    def file():
        if typed is not None:
            text = capture.decode(typed, "stdin" if notes == "-" else "the editor's text")
            if notes != "-" and not stored.endswith("\n") and text.endswith("\n"):
                text = text[:-1]  # the line end the buffer was given (editors keep one)
            changes["notes"] = text
        with journal(write=True) as conn:
            return meetings.edit(conn, meeting_id, changes, seen=seen)

    mt = file_or_keep(typed, file, keeping)
    if kept_fields is not None:
        after_commit(lambda: move_filed(from_file, path))
    if mt is None:
        echo(f"Nothing changed in meeting {meeting_id}.")
    else:
        echo(f"Updated meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}.")


def _keeping(meeting_id: int, *, added_line_end: bool = False) -> capture.Keeping:
    """How ``meeting edit`` keeps notes it cannot save, and how to put them in once mended.
    ``added_line_end``: the editor's buffer got a final line end the stored notes lack, which
    ``--from`` drops again, as saving from the editor does."""
    command = f"mentorlog meeting edit {meeting_id} --from"
    fields = {"meeting": str(meeting_id)}
    if added_line_end:
        fields["added-line-end"] = "yes"
    return capture.Keeping(
        header=recovery.header(fields, [f"To make the text below its notes: {command} <this file>"]),
        name="meeting",
        how_to_file=lambda kept: f"Once mended, make it the notes with: {command} {shlex.quote(kept)}",
    )


@app.command("delete")
def delete(
    meeting_id: MeetingId,
    yes: YesOpt = False,
) -> None:
    """Delete a check-in; what was filed from it stays.

    The todos, advice and thanks filed from it, and the topics raised in it, stay, unlinked
    from it; the confirmation and the echo name them. Asks first on a terminal (--yes skips
    it); `mentorlog undo` brings the check-in back. A meeting logged twice by a slip is better
    taken back with `mentorlog undo` right after, which removes what it filed too.

    Example: mentorlog meeting delete 12 --yes
    """
    from mentorlog.journal import meeting_items

    def question(conn) -> str:
        mt = meetings.get(conn, meeting_id)
        stays = _stays(meeting_items.linked(conn, meeting_id))
        ask = f"Delete meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}?"
        return f"What was filed in it stays, unlinked: {stays}.\n{ask}" if stays else ask

    ask_first(yes, question, f"Deleting meeting {meeting_id}")
    with journal(write=True) as conn:
        stays = _stays(meeting_items.linked(conn, meeting_id))
        mt = meetings.delete(conn, meeting_id)
    line = f"Deleted meeting {mt.id} with {mt.mentor_name} on {dates.show_when(mt.held_at)}"
    echo(line + (f"; what was filed in it stays, unlinked: {stays}." if stays else "."))


def _stays(found: dict[str, tuple[list[int], int]]) -> str:
    """``todos 3, 4, advice 2, topic 5 (raised in it)``: what a deleted meeting leaves unlinked."""
    from mentorlog.journal import concepts

    by_key = {c.meeting_key: c for c in concepts.filed_in_meeting()}
    parts = []
    for kind, (ids, total) in found.items():
        c = by_key[kind]
        one, many, after = c.one, c.many, " (raised in it)" if c.meeting == "raised_in" else ""
        shown = ", ".join(map(str, ids)) + (f" and {total - len(ids)} more" if total > len(ids) else "")
        parts.append(f"{one if total == 1 else many} {shown}{after}")
    return ", ".join(parts)
