"""``review``, ``remind``, ``progress`` and ``report``: the views of the journal."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import JsonOpt, MentorArg, OptionalMentorArg, journal, journal_path, when
from mentorlog.cli.deliver import MailtoOpt, OutputOpt, deliver
from mentorlog.core import dates
from mentorlog.core.errors import CannotWrite, UsageError
from mentorlog.fast import REMIND_OPTIONS, WITHIN_MAX
from mentorlog.render.text import echo, emit_json


def review(
    mentor: OptionalMentorArg = None,
    agenda: Annotated[
        bool, typer.Option("--agenda", help="Print a Markdown agenda to send the mentor.")
    ] = False,
    output: OutputOpt = None,
    as_mailto: MailtoOpt = False,
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

    if (output is not None or as_mailto) and not agenda:
        raise UsageError("-o and --mailto deliver the agenda; give them with --agenda.")
    now = dates.now()
    from mentorlog.render.console import SECTION_LIMIT  # a constant: Rich is not imported yet

    # The text view fetches a screenful of each section; JSON and the agenda (which the mentor
    # reads: every topic) take them whole.
    screen = None if as_json or agenda else SECTION_LIMIT
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
        from mentorlog.views import letters

        markdown = view.agenda(brief, name=mentor is None)
        deliver(letters.agenda(markdown, brief.mentor), output, as_mailto, "the agenda")
    elif as_json:
        emit_json(brief.to_json())
    else:
        from mentorlog.render.console import make_console
        from mentorlog.render.views import review as draw

        make_console().print(draw(brief))


def remind(
    within: Annotated[
        int | None,
        typer.Option("--within", min=0, max=WITHIN_MAX, metavar="DAYS", help=REMIND_OPTIONS["--within"]),
    ] = None,
    exit_code: Annotated[bool, typer.Option("--exit-code", help=REMIND_OPTIONS["--exit-code"])] = False,
    as_json: Annotated[bool, typer.Option("--json", help=REMIND_OPTIONS["--json"])] = False,
) -> None:
    """What needs you now: check-ins, todos, advice, thanks.

    One line each, eight at most. Silent when nothing is due and when there is no journal
    yet; made for a shell's start-up file (e.g. `mentorlog remind` in ~/.bashrc).

    Example: mentorlog remind --within 7 --exit-code
    """
    from mentorlog.cli.common import session
    from mentorlog.fast import answer_remind, journal_for_remind

    current = session()
    path = journal_for_remind(journal_path)
    code = answer_remind(path, within, exit_code, as_json, db=current.db_shown if current else None)
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
    last 12 months (starting at the first month with a record) or from --since. --save draws
    the picture at a fixed width (100 columns, wider when every week of the period needs it),
    whatever the terminal's width.

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

    make_console().print(draw(data))
    if save is not None:  # drawn again at the picture's own width, whatever the terminal's
        import io

        from mentorlog.render.picture import export_picture, picture_width

        picture = make_console(record=True, file=io.StringIO(), width=picture_width(data.since, data.until))
        picture.print(draw(data))
        title = f"mentorlog progress — {data.mentor.name}" if data.mentor else "mentorlog progress"
        _write_new(save, export_picture(picture, save.suffix, title), force=force)
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
    from mentorlog.core.files import output_error, write_private

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
    output: OutputOpt = None,
    as_mailto: MailtoOpt = False,
    closing: Annotated[
        bool, typer.Option("--closing", help="The letter at the end: the whole relationship, with thanks.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """A Markdown letter for MENTOR: their advice and what it led to.

    Also the todos completed, goals and thanks. Never meeting notes, open topics or other
    mentors. --closing writes the letter at the end instead: the agreement's purpose, the
    check-ins held, the advice and what came of it, and thanks, over the whole relationship.
    -o FILE.eml writes a mail draft; --mailto prints a mailto: URL.

    Example: mentorlog report ada --since "6 months ago" -o report.md
    """
    from mentorlog.journal import mentors
    from mentorlog.views import letters
    from mentorlog.views import report as view

    if closing:
        if since is not None or until is not None or as_json:
            raise UsageError(
                "--closing covers the whole relationship; give it without --since, --until and --json."
            )
        with journal() as conn:
            letter = letters.closing(conn, mentors.resolve(conn, mentor), dates.today())
        deliver(letter, output, as_mailto, "the closing letter")
        return

    start = _since(since)
    end = when(until, "--until", future=False).day if until else dates.today()
    if start > end:
        raise UsageError(f"--since {start} is after {'--until ' if until else 'today, '}{end}.")
    with journal() as conn:
        letter = view.build(conn, mentors.resolve(conn, mentor), start, end, screen=not as_json)
    if as_json:
        emit_json(letter.to_json())
        return
    text = view.markdown(letter)
    if output is not None and output.suffix.lower() != ".eml" and not as_mailto:
        from mentorlog.core.files import output_error, write_private
        from mentorlog.render.text import visible

        try:
            write_private(output, visible(text))  # a file someone will `cat`: escaped like the screen
        except OSError as e:
            raise output_error(output, e, force_hint=False) from None
        echo(f"Wrote the report for {mentor} to {output}.")
        return
    deliver(letters.report_letter(text, letter.mentor), output, as_mailto, "the report")


def today() -> None:
    """Today's view: what `mentorlog` alone shows (the remind lines, then the brief for a
    check-in within three days). With no journal yet, how to start."""
    from mentorlog.cli.common import session
    from mentorlog.core.errors import NotFound
    from mentorlog.fast import inbox_waiting, show, within_default
    from mentorlog.views import today as view

    now = dates.now()
    try:
        with journal() as conn:
            found = view.build(conn, now, within_default())
    except NotFound as e:
        if not journal_path().exists():
            echo("No journal yet. Start with: mentorlog mentor add 'Ada Lovelace'  (or try: mentorlog demo)")
            echo("Every command: mentorlog --help")
            return
        raise e
    current = session()
    lines = show(found.reminders + inbox_waiting(journal_path()), now.date(), current and current.db_shown)
    if found.brief is not None:
        from mentorlog.render.console import make_console
        from mentorlog.render.views import review as draw

        if lines:
            echo("")
        make_console().print(draw(found.brief))
    if not lines and found.brief is None:
        echo("Nothing needs you today. (mentorlog review shows the brief for your next check-in.)")
