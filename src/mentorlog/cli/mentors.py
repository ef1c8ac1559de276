"""``mentor add|list|show|edit|end|resume|delete``."""

from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import (
    JsonOpt,
    MentorArg,
    YesOpt,
    command_group,
    confirm,
    file_or_keep,
    journal,
    on_or_now,
    when,
    when_or_clear,
)
from mentorlog.cli.output import show_or_json
from mentorlog.core import cadences, dates
from mentorlog.core.errors import NotFound, NothingWritten, UsageError
from mentorlog.journal import mentors
from mentorlog.render.text import echo, plural

app = command_group(
    "Add, list, show, edit, end, resume and delete mentors.\n\n"
    'Example: mentorlog mentor add "Ada Lovelace" --every 2weeks --next fri'
)


def _describe(m: mentors.Mentor) -> str:
    parts = [m.kind]
    if m.org:
        parts.append(m.org)
    if m.cadence:
        parts.append(cadences.cadence_words(m.cadence))
    parts.append(
        f"next check-in {dates.show_when(m.next_checkin)}" if m.next_checkin else "no check-in scheduled"
    )
    return f"{m.handle} ({m.name}; {', '.join(parts)})"


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The mentor's full name.")],
    handle: Annotated[
        str | None, typer.Option(help="Short unique name (default: first word of NAME).")
    ] = None,
    informal: Annotated[bool, typer.Option("--informal", help="An informally chosen mentor.")] = False,
    org: Annotated[str | None, typer.Option(help="Organisation or team.")] = None,
    contact: Annotated[str | None, typer.Option(help="How to reach them.")] = None,
    every: Annotated[
        str | None, typer.Option("--every", metavar="CADENCE", help="e.g. weekly, 2 weeks, first monday.")
    ] = None,
    next_: Annotated[
        str | None, typer.Option("--next", metavar="WHEN", help="The next check-in, e.g. 'fri 3pm'.")
    ] = None,
) -> None:
    """Add a mentor.

    Example: mentorlog mentor add "Ada Lovelace" --every 2weeks --next "tue 3pm"
    """
    cadence = cadences.parse_cadence(every) if every is not None else None
    nxt = when(next_, "--next", future=True)
    with journal(write=True, create=True) as conn:
        m = mentors.add(
            conn,
            name,
            handle=handle,
            kind=mentors.Kind.INFORMAL if informal else mentors.Kind.FORMAL,
            org=org,
            contact=contact,
            cadence=cadence,
            next_checkin=nxt.at if nxt else None,
        )
    echo(f"Added mentor {_describe(m)}.")


@app.command("list")
def list_(
    all_: Annotated[bool, typer.Option("--all", help="Include mentors whose mentoring ended.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List mentors: cadence, last met, next check-in, open todos.

    Example: mentorlog mentor list --all
    """
    from mentorlog.render import lists

    with journal() as conn:
        found = mentors.summaries(conn, include_ended=all_)
    show_or_json(
        as_json,
        [s.to_json() for s in found],
        lists.mentors_table,
        found,
        dates.today(),
        empty="No mentors yet: mentorlog mentor add 'Full Name'",
    )


@app.command("show")
def show_(mentor: MentorArg, as_json: JsonOpt = False) -> None:
    """Show one mentor.

    Example: mentorlog mentor show ada
    """
    from mentorlog.journal import agreements, closures
    from mentorlog.render import details

    with journal() as conn:
        s = mentors.summary(conn, mentors.resolve(conn, mentor))
        agreed = agreements.current(conn, s.mentor.id)
        first = agreements.first_on(conn, s.mentor.id)
        closed = closures.latest(conn, s.mentor.id)
    data = s.to_json()
    data["agreement"] = (
        {
            "agreed_on": agreed.agreed_on.isoformat(),
            "first_agreed_on": first.isoformat() if first else None,
            "term_end": agreed.term_end.isoformat() if agreed.term_end else None,
            "revisit_by": agreed.revisit_by.isoformat() if agreed.revisit_by else None,
        }
        if agreed
        else None
    )
    data["keep_in_touch"] = (
        cadences.cadence_words(closed.keep_in_touch_rule)
        if closed and closed.keep_in_touch_rule and not s.mentor.active
        else None
    )
    today = dates.today()
    show_or_json(as_json, data, details.mentor_detail, s, today, agreed, first, closed)


@app.command("edit")
def edit(
    mentor: MentorArg,
    name: Annotated[str | None, typer.Option(metavar="TEXT", help="New full name.")] = None,
    handle: Annotated[str | None, typer.Option(metavar="HANDLE", help="New handle.")] = None,
    org: Annotated[str | None, typer.Option(metavar="TEXT", help="Organisation or team.")] = None,
    contact: Annotated[str | None, typer.Option(metavar="TEXT", help="How to reach them.")] = None,
    every: Annotated[
        str | None,
        typer.Option(
            "--every", metavar="CADENCE|none", help="e.g. weekly, fortnightly on thu, first monday."
        ),
    ] = None,
    next_: Annotated[
        str | None,
        typer.Option(
            "--next", metavar="WHEN|none", help="The next check-in; it sets the slot the cadence keeps."
        ),
    ] = None,
    from_invite: Annotated[
        Path | None,
        typer.Option(
            "--from-invite",
            metavar="FILE.ics",
            help="Take the next check-in and the cadence from a calendar invitation.",
        ),
    ] = None,
    formal: Annotated[
        bool | None, typer.Option("--formal/--informal", help="Formally assigned or informal.")
    ] = None,
) -> None:
    """Change a mentor's details. `--every none` / `--next none` clear them.

    Example: mentorlog mentor edit ada --every "fortnightly on thu" --next "thu 3pm"

    Example: mentorlog mentor edit ada --from-invite ~/Downloads/invite.ics
    """
    given = {"name": name, "handle": handle, "org": org, "contact": contact}
    changes: dict = {k: v for k, v in given.items() if v is not None}
    if formal is not None:
        changes["kind"] = mentors.Kind.FORMAL if formal else mentors.Kind.INFORMAL
    if from_invite is not None and (every is not None or next_ is not None):
        raise UsageError(
            "--from-invite sets the cadence and the next check-in; give it without --every and --next."
        )
    if every is not None:
        changes["cadence"] = cadences.parse_cadence(every)
    if next_ is not None:
        nxt = when_or_clear(next_, "--next", future=True)
        changes["next_checkin"] = nxt.at if nxt else None
    invite = _read_invite(from_invite) if from_invite is not None else None
    if invite is not None and invite.skipped is None:
        # a cancelled event clears the next check-in; the cadence and slot stay for the next
        # series. The slot comes from the series (None: a lone moved occurrence keeps it).
        changes["next_checkin"] = invite.next_checkin
        if not invite.cancelled:
            changes["slot"] = invite.slot
        if invite.cadence is not None and not invite.cancelled:
            changes["cadence"] = invite.cadence
    if not changes and (invite is None or invite.skipped is None):
        raise UsageError("Nothing to change.", hint="Pass an option such as --every or --next.")
    with journal(write=True) as conn:
        found = mentors.resolve(conn, mentor)
        if invite is not None and invite.skipped is not None:
            changes["next_checkin"] = _after_skipped(found, invite.skipped, from_invite)
            changes["slot"] = None
        m = mentors.edit(conn, found, **changes)
    if invite is not None and invite.skipped is not None:
        nxt = f"next check-in {dates.show_when(m.next_checkin)}" if m.next_checkin else "no next check-in"
        echo(
            f"The invitation {from_invite} cancels the check-in of {dates.show_when(invite.skipped)}: "
            f"{_describe(m)} has {nxt}."
        )
    elif invite is not None and invite.cancelled:
        echo(f"The invitation {from_invite} is cancelled: cleared the next check-in of {_describe(m)}.")
    elif invite is not None:
        title = f" ({invite.summary})" if invite.summary else ""
        echo(f"Updated mentor {_describe(m)} from {from_invite}{title}.")
    else:
        echo(f"Updated mentor {_describe(m)}.")


def _after_skipped(m, skipped, path):
    """The next check-in once the one at ``skipped`` is cancelled: the cadence's next, at the
    slot; refused when ``skipped`` is not the mentor's next check-in (nothing to skip)."""
    from datetime import timedelta

    if m.next_checkin is None or abs(m.next_checkin - skipped) >= timedelta(minutes=1):
        planned = dates.show_when(m.next_checkin) if m.next_checkin else "none"
        raise NotFound(
            f"--from-invite: {path} cancels the check-in of {dates.show_when(skipped)}, "
            f"which is not the next check-in of {m.name} ({planned}); nothing changed."
        )
    if not (m.cadence and m.slot):
        return None
    return cadences.next_at_slot(m.cadence, m.slot, skipped)


MAX_INVITE = 1024 * 1024  # an invitation is a few KiB; /dev/zero is endless


def _read_invite(path: Path):
    """The invitation at ``path`` as of now; a file that cannot be read is a usage error."""
    from mentorlog.formats import invites

    try:
        if path.is_dir():
            raise IsADirectoryError
        if path.exists() and not path.is_file():
            raise UsageError(f"--from-invite: {path} is not a regular file.", hint="Give an .ics file.")
        with path.open("rb") as f:
            data = f.read(MAX_INVITE + 1)
        if len(data) > MAX_INVITE:
            raise UsageError(f"--from-invite: {path} is over {MAX_INVITE // 1024} KiB; an invitation is not.")
    except FileNotFoundError:
        raise NotFound(
            f"--from-invite: there is no file {path}.", hint="Export the meeting from your calendar as .ics."
        ) from None
    except IsADirectoryError:
        raise UsageError(f"--from-invite: {path} is a folder, not an .ics file.") from None
    except OSError as e:
        raise UsageError(f"--from-invite: {path} cannot be read ({e.strerror}).") from None
    return invites.read_invite(data, now=dates.now(), source=str(path))


@app.command("end")
def end(
    mentor: MentorArg,
    on: Annotated[
        str | None, typer.Option("--on", metavar="WHEN", help="When it ended (default today).")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why, or how it ended (skips the closing).")] = None,
    keep_in_touch: Annotated[
        str | None,
        typer.Option(
            "--keep-in-touch",
            metavar="CADENCE",
            help="Remind you to send an update this often, e.g. '3 months'.",
        ),
    ] = None,
    closing: Annotated[
        bool | None,
        typer.Option(
            "--closing/--no-closing",
            help="Write the closing (the editor on a terminal, else stdin); default: on a terminal.",
        ),
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from", metavar="FILE", help="Read the closing from FILE (e.g. a mended recovery file)."
        ),
    ] = None,
) -> None:
    """End a mentoring relationship: history stays, reminders stop.

    On a terminal it opens the closing: what you set out to do (from the agreement), what you
    achieved, what worked, what you would do differently, and thanks — a non-empty Thanks
    section is also filed as a thanks. Ending clears the planned check-in.

    Example: mentorlog mentor end ada --keep-in-touch "3 months"
    """
    import shlex

    from mentorlog.cli import common
    from mentorlog.cli.agreements import capture_text, keeping
    from mentorlog.io import capture
    from mentorlog.journal import agreements, closures, sections, thanks

    day = on_or_now(on).date()
    rule = cadences.parse_cadence(keep_in_touch, "--keep-in-touch") if keep_in_touch is not None else None
    if from_file is not None and (closing is False or note is not None):
        raise UsageError("--from gives the closing; give it without --no-closing and --note.")
    with journal() as conn:
        m = mentors.resolve(conn, mentor)
        if not m.active:
            mentors.end(conn, m, day, note)  # raises: already ended, with the hint to resume
        purpose = agreements.purpose(agreements.current(conn, m.id))
    wants = from_file is not None or (
        closing is not False and note is None and (closing is True or common.stdin_is_terminal())
    )
    typed, where, unchanged = None, "", False
    kept = keeping("closing", f"mentorlog mentor end {shlex.quote(m.handle)} --from FILE")
    edited = wants and from_file is None and common.stdin_is_terminal()
    if wants:
        cancels = "Leaving it unchanged or empty cancels (--no-closing ends without a closing)."
        typed, where, unchanged = capture_text(closures.template(m, purpose, (cancels,)), from_file, kept)

    def file():
        text = "" if typed is None or unchanged else sections.body_of(capture.decode(typed, where))
        if edited and not text:  # quitting the editor without a closing cancels, as git does
            plain = ["mentorlog", "mentor", "end", m.handle, "--no-closing"]
            plain += (["--on", on] if on else []) + (["--keep-in-touch", keep_in_touch] if rule else [])
            left = "left unchanged" if unchanged else "empty"
            raise NothingWritten(
                f"Not ended: the closing was {left}; nothing was written.",
                hint=f"To end it without a closing: {shlex.join(plain)}",
            )
        with journal(write=True) as conn:
            ended = mentors.end(conn, mentors.resolve(conn, mentor), day, note)
            if text or rule:  # a plain end leaves no closure row behind
                closures.add(conn, ended.id, day, text, rule)
            said = closures.thanks_in(text)
            filed = thanks.add(conn, ended.id, said, day) if said else None
        return ended, text, filed

    ended, text, filed = file_or_keep(None if from_file else typed, file, kept)
    what = []
    if text:
        what.append("closing written")
    if filed is not None:
        what.append(f"thanks {filed.id} filed")
    if rule:
        what.append(f"keep in touch {cadences.cadence_words(rule)}")
    echo(
        f"Ended mentoring with {ended.name} on {dates.show_day(day)}"
        + (f" ({', '.join(what)})" if what else "")
        + f"; `mentorlog mentor resume {ended.handle}` undoes it."
    )


@app.command("resume")
def resume(mentor: MentorArg) -> None:
    """Undo `mentor end`.

    Example: mentorlog mentor resume margaret
    """
    with journal(write=True) as conn:
        m = mentors.resume(conn, mentors.resolve(conn, mentor))
    echo(f"Resumed mentoring with {_describe(m)}.")


def _what_goes(m: mentors.Mentor, counts: dict[str, int]) -> str:
    """``Ada Lovelace (ada) and 12 meetings, 40 todos, 3 topics`` (reviews go unsaid)."""
    from mentorlog.journal.concepts import deletes_only, nouns

    words, unsaid = nouns(), {"mentors", *deletes_only()}  # the mentor is named; reviews go unsaid
    parts = [plural(counts[k], *words[k]) for k in words if k not in unsaid and counts.get(k)]
    return f"{m.name} ({m.handle})" + (" and " + ", ".join(parts) if parts else "")


@app.command("delete")
def delete(mentor: MentorArg, yes: YesOpt = False) -> None:
    """Delete a mentor added by mistake, and all filed under them.

    Their meetings, todos, advice and its applications, topics, thanks and goals go too. Asks
    first on a terminal, counting what goes (--yes skips it); `mentorlog undo` brings it all
    back. To stop a mentoring that happened, use `mentor end`.

    Example: mentorlog mentor delete zed --yes
    """
    if not yes:
        with journal() as conn:
            m = mentors.resolve(conn, mentor)
            counts = mentors.filed_under(conn, m)
        confirm(f"Delete {_what_goes(m, counts)}?", action=f"Deleting {m.name}", yes=False)
    with journal(write=True) as conn:
        m = mentors.resolve(conn, mentor)
        counts = mentors.delete(conn, m)
    echo(f"Deleted {_what_goes(m, counts)}; `mentorlog undo` brings them back.")
