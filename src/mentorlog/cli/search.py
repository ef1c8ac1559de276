"""``search``: full-text search over meetings, todos, advice, applications, topics, thanks and
goals (SPEC §2), best match first. The query grammar and the ranked query live in
``journal.store.searchquery`` and ``journal.store.search``; this module turns options into
their arguments and prints the hits. The ``--json`` path imports neither Rich nor sqlite-utils,
so a search stays within its start-up budget (SPEC §7); ``--help`` loads the grammar alone.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer

from mentorlog.cli.common import Command, JsonOpt, MentorOpt, journal, when
from mentorlog.core.dates import When
from mentorlog.core.errors import UsageError
from mentorlog.journal import mentors
from mentorlog.journal.store.searchquery import Kind, match_expression
from mentorlog.render.text import echo, emit_json, one_line

QUERY_SHOWN = 80  # characters of the query a message repeats

SHOWN = 20  # hits the text view shows without --limit: a screenful, one line each
# --json is never cut short except by an explicit --limit (SPEC §4).
EVERY = 2**63 - 1  # SQLite's largest LIMIT


def _bound(w: When | None) -> date | datetime | None:
    """A bare day covers the whole day; a day with a time counts from (or to) that time."""
    if w is None:
        return None
    return w.at if w.has_time else w.day


def search(
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...",
            help='Words to find, all of them; "a phrase", prefix*, a OR b, -excluded.',
            show_default=False,
        ),
    ],
    mentor: MentorOpt = None,
    kind: Annotated[
        Kind | None, typer.Option("--kind", case_sensitive=False, help="Only this kind of entry.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="WHEN", help="Only entries dated from this day.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="WHEN", help="Only entries dated up to this day.")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, max=1_000_000, metavar="N", help=f"Show N hits (default {SHOWN})."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Search everything you wrote, best match first.

    Meeting notes, todos, advice and how you applied it, topics, thanks, goals, your notes,
    agreements, closings, updates, skills and their ratings, feedback and offers. Accents and
    case are ignored (cafe finds Café).

    Words are all required; "a phrase" (quoted for the shell: '"a phrase"'), prefix*, a OR b,
    -word (search brag -draft, search -review roadmap) and tag:T (what is tagged T: search
    tag:energy) narrow it; anything else is searched as plain words. A -word is always a word
    here: give -m as -m ada, not -mada.

    Example: mentorlog search roadmap --mentor ada --since 2026-01-01
    """
    text = " ".join(query)
    searchable = match_expression(text) is not None
    start = when(since, "--since", future=False)
    end = when(until, "--until", future=False)
    if start and end and start.day > end.day:  # as export says it
        raise UsageError(f"--since {since} is after --until {until}.")
    shown = repr(one_line(text, QUERY_SHOWN))  # a query of 10,000 words is not echoed whole
    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)
        hits, total = [], 0
        if searchable:
            from mentorlog.journal.store.search import search as find

            hits, total = find(
                conn,
                text,
                mentor_id=m.id if m else None,
                kind=kind,
                since=_bound(start),
                until=_bound(end),
                limit=limit or (EVERY if as_json else SHOWN),
            )
    if as_json:
        emit_json([h.to_json() for h in hits])
    elif not searchable:
        echo(
            f"Nothing to search for in {shown}: give at least one word to find "
            "(a leading - only excludes a word; a lone * or - is not a word)."
        )
    elif not hits:
        echo(f"No match for {shown}" + (" with these filters." if _filtered(m, kind, start, end) else "."))
    else:
        from mentorlog.core import dates
        from mentorlog.render import search as view
        from mentorlog.render.console import make_console

        console = make_console()  # piped: a hit a line, however long; on a terminal, wrapped
        terminal = console.is_terminal
        console.print(view.hits_view(hits, total, dates.today(), wrap=terminal), soft_wrap=not terminal)


class SearchCommand(Command):
    """``search`` takes a leading ``-word`` for a word to exclude (SPEC §2), where Click would
    read it as short options (``search -review``: "No such option: -r"; ``-hiring`` would even
    be ``-h``). Every argument that is not one of the command's own options, or the value of
    one, goes to the query, in the order typed, after a ``--``."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        return super().parse_args(ctx, query_last(args, self.get_params(ctx)))


def query_last(args: list[str], params) -> list[str]:
    """``args`` with the options first and the query words after ``--``: an exact option name
    (``-m``, ``--since``, ``--limit=3``) is an option; an unknown ``--name`` stays one too, so
    that Click names it; any other ``-word`` is a query word."""
    takes_value, flags = set(), set()
    for param in params:
        if param.param_type_name == "option":
            names = [*param.opts, *param.secondary_opts]
            (flags if param.is_flag or param.count else takes_value).update(names)
    options, words = [], []
    n = 0
    while n < len(args):
        arg = args[n]
        if arg == "--":
            words += args[n + 1 :]
            break
        if arg in takes_value:
            options += args[n : n + 2]
            n += 1
        elif arg in flags or (arg.startswith("--") and len(arg) > 2):
            options.append(arg)  # --since=fri and --unknown too
        else:
            words.append(arg)
        n += 1
    return options + (["--", *words] if words else [])


search.command_class = SearchCommand


def _filtered(*filters) -> bool:
    return any(f is not None for f in filters)
