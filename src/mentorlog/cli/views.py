"""``review``, ``remind``, ``progress`` and ``report``: the views of the journal."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mentorlog import dates
from mentorlog.cli.common import JsonOpt, MentorArg, OptionalMentorArg, journal, journal_path, when
from mentorlog.errors import CannotWrite, UsageError
from mentorlog.fast import REMIND_OPTIONS, WITHIN_DEFAULT, WITHIN_MAX
from mentorlog.render.text import echo, emit_json


def review(
    mentor: OptionalMentorArg = None,
    agenda: Annotated[
        bool, typer.Option("--agenda", help="Print a Markdown agenda to send the mentor.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """The one-screen brief before a check-in.

    What to raise, report back, action items, advice waiting, goals and nudges. Without
    MENTOR: the one whose check-in is soonest. Running it records a review, so the next
    check-in counts as prepared.

    Example: mentorlog review ada --agenda > agenda.md
    """
    from mentorlog.journal import meetings
    from mentorlog.views import review as view

    now = dates.now()
    from mentorlog.render.console import SECTION_LIMIT  # a constant: Rich is not imported yet

    screen = None if as_json else SECTION_LIMIT  # the text view fetches a screenful of each section
    try:
        with journal(write=True) as conn:
            chosen = view.choose_mentor(conn, mentor)
            brief = view.build(conn, chosen, now, screen=screen)
            meetings.record_review(conn, chosen.id, now)
    except CannotWrite:  # a journal that can only be read still gets its brief, unrecorded
        with journal() as conn:
            chosen = view.choose_mentor(conn, mentor)
            brief = view.build(conn, chosen, now, screen=screen)
    if agenda:
        echo(view.agenda(brief).rstrip("\n"))
    elif as_json:
        emit_json(brief.to_json())
    else:
        from mentorlog.render.console import make_console
        from mentorlog.render.views import review as draw

        make_console().print(draw(brief))


def remind(
    within: Annotated[
        int,
        typer.Option("--within", min=0, max=WITHIN_MAX, metavar="DAYS", help=REMIND_OPTIONS["--within"]),
    ] = WITHIN_DEFAULT,
    exit_code: Annotated[bool, typer.Option("--exit-code", help=REMIND_OPTIONS["--exit-code"])] = False,
    as_json: Annotated[bool, typer.Option("--json", help=REMIND_OPTIONS["--json"])] = False,
) -> None:
    """What needs you now: check-ins, todos, advice, thanks.

    One line each, eight at most. Silent when nothing is due and when there is no journal
    yet; made for a shell's start-up file (e.g. `mentorlog remind` in ~/.bashrc).
    """
    from mentorlog.cli.common import session
    from mentorlog.fast import answer_remind

    current = session()
    typed = current.db if current and current.db_typed else None
    code = answer_remind(journal_path(), within, exit_code, as_json, db=typed)
    if code:
        raise typer.Exit(code)


def _since(text: str | None) -> date:
    """--since as a day; by default twelve months ago."""
    if text is None:
        return dates.add_months(dates.today(), -12)
    return when(text, "--since", future=False).day


def progress(
    mentor: OptionalMentorArg = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="WHEN", help="Default: 12 months ago, or the first month with a record."
        ),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save", metavar="FILE.svg|FILE.html", help="Also save the view as a self-contained picture."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Let --save replace an existing file.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """The long view: check-ins per month, activity and figures.

    Cadence kept, on-time and prepared rates, todo and advice figures, thanks and goals, over the
    last 12 months (starting at the first month with a record) or from --since.

    Example: mentorlog progress ada --save progress.svg
    """
    from mentorlog.journal import mentors
    from mentorlog.views import progress as view

    if save is not None:
        _check_save(save, force=force, as_json=as_json)
    start = _since(since)
    with journal() as conn:
        chosen = mentors.resolve(conn, mentor) if mentor else None
        if since is None:  # no empty months before the journal began
            start = max(start, view.first_day(conn, chosen) or start)
        from mentorlog.render.console import SECTION_LIMIT

        screen = None if as_json else SECTION_LIMIT
        data = view.build(conn, since=start, today=dates.today(), mentor=chosen, screen=screen)
    if as_json:
        emit_json(data.to_json())
        return
    from mentorlog.render.console import make_console
    from mentorlog.render.views import progress as draw

    console = make_console(record=save is not None)
    console.print(draw(data))
    if save is not None:
        from mentorlog.render.picture import export_picture

        title = f"mentorlog progress — {data.mentor.name}" if data.mentor else "mentorlog progress"
        _write_new(save, export_picture(console, save.suffix, title), force=force)
        echo(f"Saved {save}.")


def _check_save(path: Path, *, force: bool, as_json: bool) -> None:
    """Refuse a --save that cannot be written before drawing anything."""
    if as_json:
        raise UsageError("--save saves the drawn view; give it without --json.")
    if path.suffix.lower() not in (".svg", ".html"):
        raise UsageError(f"--save: {path} must end in .svg or .html.")
    if not path.parent.is_dir():
        raise UsageError(
            f"--save: the folder {path.parent} does not exist.", hint="Create it first, or save elsewhere."
        )
    if path.is_symlink():
        raise UsageError(f"--save: {path} is a symbolic link; mentorlog never writes through one.")
    if path.exists() and not force:
        raise UsageError(
            f"--save: {path} exists already.", hint="Pass --force to replace it, or choose another name."
        )


def _write_new(path: Path, text: str, *, force: bool) -> None:
    """Write ``text`` to a private file (0600): over an existing one only with ``force``, never
    through a symbolic link, never into a folder that does not exist."""
    from mentorlog.files import output_error, write_private

    try:
        write_private(path, text, replace=force)
    except OSError as e:
        raise output_error(path, e) from None


def report(
    mentor: MentorArg,
    since: Annotated[
        str | None, typer.Option("--since", metavar="WHEN", help="Default: 12 months ago.")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="WHEN", help="Default: today.")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="Write to FILE.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """A Markdown letter for MENTOR: their advice and what it led to.

    Also the todos completed, goals and thanks. Never meeting notes, open topics or other
    mentors.

    Example: mentorlog report ada --since "6 months ago" -o report.md
    """
    from mentorlog.journal import mentors
    from mentorlog.views import report as view

    start = _since(since)
    end = when(until, "--until", future=False).day if until else dates.today()
    if start > end:
        raise UsageError(f"--since {start} is after --until {end}.")
    with journal() as conn:
        letter = view.build(conn, mentors.resolve(conn, mentor), start, end)
    if as_json:
        emit_json(letter.to_json())
        return
    text = view.markdown(letter)
    if output is None:
        echo(text.rstrip("\n"))
        return
    from mentorlog.files import output_error, write_private
    from mentorlog.render.text import visible

    try:
        write_private(output, visible(text))  # a file someone will `cat`: escaped like the screen
    except OSError as e:
        raise output_error(output, e, force_hint=False) from None
    echo(f"Wrote the report for {mentor} to {output}.")
