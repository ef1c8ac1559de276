"""Shell completion (SPEC §2): mentor handles, and the open ids with their text as the
description, for ``todo done``, ``advice apply`` and ``log --raised/--done``.

Typer calls these functions while the user presses Tab, with the command line parsed so far in
``ctx``. They read the journal (the one ``--db`` or ``MENTORLOG_DB`` names) without ever creating
it, and they never raise: no journal yet, a damaged or locked one, or any other trouble completes
nothing. Descriptions are user text, so they are escaped like all user text and cut to one line;
a handle is offered only when it is safe to print as it is.
"""

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import wraps

import typer

from mentorlog.render.text import one_line

DESCRIPTION_WIDTH = 60  # characters of an item's text a shell shows beside its id

Completions = list[tuple[str, str]]


def _never_raises(complete: Callable[..., Completions]) -> Callable[..., Completions]:
    @wraps(complete)
    def guarded(ctx: typer.Context, incomplete: str) -> Completions:
        try:
            return complete(ctx, incomplete)
        except Exception:
            return []

    return guarded


@contextmanager
def _journal(ctx: typer.Context | None) -> Iterator[sqlite3.Connection]:
    """The journal, read-only. The root command's callback (which records ``--db``) has not run
    during completion, so the path comes from what was parsed: ``--db`` or ``MENTORLOG_DB``."""
    from mentorlog.journal.store.db import open_journal, resolve_path

    db = ctx.find_root().params.get("db") if ctx is not None else None
    with open_journal(resolve_path(db), write=False) as conn:
        yield conn


def describe(text: str) -> str:
    """User text as a completion's description: control characters visible, one short line.

    Typer passes zsh, fish and PowerShell descriptions through Rich markup, where ``[bold]``
    would vanish and a stray ``[/x]`` would fail; escaped, they show as typed.
    """
    line = one_line(text, DESCRIPTION_WIDTH)
    # Rich reads "\[" as a literal bracket; backslashes before a bracket are doubled first.
    return re.sub(r"(\\*)\[", lambda m: m.group(1) * 2 + "\\[", line)


def _ids(items, incomplete: str, label: Callable) -> Completions:
    return [(str(item.id), describe(label(item))) for item in items if str(item.id).startswith(incomplete)]


@_never_raises
def complete_mentor(ctx: typer.Context, incomplete: str) -> Completions:
    """The handles that start with ``incomplete``, active mentors first, with their names. A handle
    outside SPEC §2's grammar (from an old journal or an import) is not offered: the shell would
    print it raw, and typed back it would not be a valid argument anyway."""
    from mentorlog.journal import mentors

    with _journal(ctx) as conn:
        everyone = mentors.all_mentors(conn)
    everyone.sort(key=lambda m: not m.active)
    return [
        (m.handle, describe(m.name if m.active else f"{m.name} (ended)"))
        for m in everyone
        if mentors.valid_handle(m.handle) and m.handle.startswith(incomplete)
    ]


@_never_raises
def complete_open_todo(ctx: typer.Context, incomplete: str) -> Completions:
    """Open todos (overdue first, as ``todo list`` orders them)."""
    from mentorlog.journal import todos

    with _journal(ctx) as conn:
        found = todos.list_todos(conn, status=todos.Status.OPEN)
    return _ids(found, incomplete, lambda t: t.text)


@_never_raises
def complete_advice(ctx: typer.Context, incomplete: str) -> Completions:
    """Every piece of advice, untried first, the others with their status."""
    from mentorlog.core import dates
    from mentorlog.journal import advice

    with _journal(ctx) as conn:
        found = list(advice.list_advice(conn, dates.today()))
    found.sort(key=lambda a: a.status != advice.Status.UNTRIED)
    return _ids(
        found, incomplete, lambda a: a.text if a.status == advice.Status.UNTRIED else f"({a.status}) {a.text}"
    )


@_never_raises
def complete_open_topic(ctx: typer.Context, incomplete: str) -> Completions:
    """Open topics: those of the mentor already on the line (``log ada --raised``), else all."""
    from mentorlog.core.errors import MentorlogError
    from mentorlog.journal import mentors, topics

    with _journal(ctx) as conn:
        mentor_id = None
        # While an option waits for its value, Click stops parsing before the arguments, so the
        # mentor typed earlier is still among the leftover words (``ctx.args``).
        ref = ctx.params.get("mentor") or next(iter(ctx.args), None)
        if ref:
            with suppress(MentorlogError):  # a half-typed or ambiguous mentor: every open topic
                mentor_id = mentors.resolve(conn, ref).id
        found = topics.list_topics(conn, mentor_id=mentor_id)
    return _ids(found, incomplete, lambda t: t.text if mentor_id else f"{t.mentor}: {t.text}")


def complete_ids(concept_name: str) -> Callable[..., Completions]:
    """Completion of any concept's ids, newest first, with its registry title as the
    description: what a concept without a completer of its own offers."""

    @_never_raises
    def complete(ctx: typer.Context, incomplete: str) -> Completions:
        from mentorlog.journal import concepts
        from mentorlog.journal.common import ids_starting

        concept = concepts.by_name(concept_name)
        with _journal(ctx) as conn:
            rows = ids_starting(conn, concept.table, concept.title, incomplete)
        return [(str(row_id), describe(str(title or ""))) for row_id, title in rows]

    return complete


@_never_raises
def complete_open_offer(ctx: typer.Context, incomplete: str) -> Completions:
    """Open offers, oldest first (``offer done``, ``offer decline``)."""
    from mentorlog.journal import offers

    with _journal(ctx) as conn:
        found = offers.list_offers(conn, limit=500)
    return _ids(found, incomplete, lambda o: f"{o.mentor}: {o.text}")


@_never_raises
def complete_skill(ctx: typer.Context, incomplete: str) -> Completions:
    """Active skills (``skill rate``, ``advice add --skill``)."""
    from mentorlog.core import dates
    from mentorlog.journal import skills

    with _journal(ctx) as conn:
        found = skills.list_skills(conn, dates.today(), limit=500)
    return _ids(found, incomplete, lambda s: s.name)
