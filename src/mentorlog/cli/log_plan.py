"""``log``'s capture plan: where a check-in's text comes from, what the editor starts with, and
how text that cannot be filed is kept. Pure: ``plan`` decides from plain data (what the command
line said, the ``--from`` file's bytes, whether stdin is a terminal, the time); the command
carries the plan out (reads stdin or opens the editor, files, prints).

The text comes from ``--notes -`` (stdin, as the notes), ``--from FILE`` (the template format,
or a mended recovery file whose header says what its command line said), the editor (``--edit``,
or no content options on a terminal) or stdin (no content options, stdin not a terminal); else
the options are the whole check-in. What the command line said besides the text (``Said``) is
kept in a recovery file's header (``mentorlog.io.recovery``) and read back by ``--from``
(SPEC §6): ``KEPT`` is the one table of those header lines.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from mentorlog.core import dates, template
from mentorlog.core.dates import When
from mentorlog.core.errors import UsageError
from mentorlog.core.numbers import parse_minutes, parse_rating
from mentorlog.core.record import Record, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mentorlog.io.capture import Keeping


class Said(Record):
    """What a ``log`` command line said besides the text (SPEC §6). ``held`` None: not given
    (now); ``minutes`` None, ``late``/``rescheduled`` False, ``next_`` None and ``no_next``
    False: not given either."""

    held: datetime | None = None
    minutes: int | None = None
    late: bool = False
    rescheduled: bool = False
    next_: When | None = None
    no_next: bool = False
    rating: int | None = None

    def but(self, **changes) -> Said:
        return Said(**{**{f.name: getattr(self, f.name) for f in self.__fields__}, **changes})

    def over(self, kept: Said) -> Said:
        """These options where they were given, else what ``kept`` (a header) says."""
        values = {f.name: getattr(self, f.name) for f in self.__fields__}
        for name, value in values.items():
            if value is None or value is False:
                values[name] = getattr(kept, name)
        if self.next_ is not None or self.no_next:  # --next and --no-next are one choice
            values["next_"], values["no_next"] = self.next_, self.no_next
        return Said(**values)


class Source:
    """Where the check-in's text comes from. Plain words, not an Enum: making an Enum class
    costs every ``log`` a quarter of a millisecond."""

    OPTIONS = "options"  # no text: the options are the whole check-in
    STDIN = "stdin"
    EDITOR = "editor"
    FILE = "file"  # --from FILE, read already: ``Plan.typed``


class Plan(Record):
    """What ``log`` will do: where the text comes from (``where`` names it in an error), what
    the editor starts with, how the text becomes the entry, and how it is kept if it cannot be
    filed. Plain data; ``entry``, ``buffer`` and ``keeping`` are pure."""

    mentor: str  # as typed: the recovery file's command repeats it
    said: Said  # with ``held`` resolved (now, when not given)
    given: template.Entry  # what the options file
    source: str  # a Source
    where: str = "the text"
    typed: bytes | None = None  # the --from file's text, below its header
    notes_only: bool = False  # the text is the notes as typed (--notes -), not the template
    from_recovery: bool = False  # --from named a recovery file: it moves to recovery/filed/ once filed
    ignored: list[str] = field(default_factory=list)  # header keys this version does not know

    @property
    def keeps(self) -> bool:
        """Typed text is kept in a recovery file when it cannot be filed; a --from file is
        kept already (it is the file)."""
        return self.source in (Source.STDIN, Source.EDITOR)

    def buffer(self, mentor_name: str, tickets: list[template.Ticket]) -> str:
        """The editor's buffer: the template, with the open topics and todos to tick and what the
        options gave (the rating too, where it can be changed)."""
        prefill = self.given
        if self.said.rating is not None:
            prefill = template.Entry(**{**self.given.__dict__, "ratings": [str(self.said.rating)]})
        title = f"Meeting with {mentor_name} — {dates.show_when(self.said.held)}"
        return template.render(title, tickets, prefill)

    def entry(self, typed: bytes | None) -> template.Entry:
        """What is filed, from the bytes the source gave (None: there were none). Bytes that
        are not UTF-8 are a ``NotText`` naming the line (``where``)."""
        if typed is None:
            return self.given
        from mentorlog.io import capture

        text = capture.decode(typed, self.where)
        if self.notes_only:
            return _with(self.given, template.Entry(notes=template.trim(text)))
        if self.source == Source.FILE:  # options given with --from add to what the file files
            return _with(self.given, template.parse(text))
        return template.parse(text)

    def keeping(self) -> Keeping:
        """How ``log`` keeps text it cannot file: a header with what the command line said, and
        the command that files it once mended."""
        from mentorlog.io import capture, recovery

        fields = {key: text for key, (write, _) in KEPT.items() if (text := write(self.said)) is not None}
        if self.notes_only:
            fields["notes-only"] = "yes"
        command = f"mentorlog log {shlex.quote(self.mentor)} --from"
        return capture.Keeping(
            header=recovery.header(fields, [f"To file it once mended: {command} <this file>"]),
            how_to_file=lambda kept: f"Once mended, file it with: {command} {shlex.quote(kept)}",
        )


def plan(
    mentor: str,
    said: Said,
    given: template.Entry,
    *,
    notes: str | None,
    on: str | None,
    edit: bool,
    from_file: Path | None,
    read: Callable[[Path], bytes],
    stdin_is_terminal: bool,
    now: datetime,
) -> Plan:
    """Decide where ``log``'s text comes from. ``notes`` is --notes as given ('-': stdin), ``on``
    --on as typed (repeated in a hint), ``read`` reads the --from file. Refuses (UsageError,
    before the editor opens: nothing typed is lost) the notes given twice, a meeting edit's
    recovery file, and a check-in later than now."""
    typed, where, fields = None, "the text", None
    if from_file is not None:
        if given.notes or notes is not None:
            raise UsageError("Give the notes with --notes or --from, not both.")
        from mentorlog.io import capture, recovery

        raw = read(from_file)
        capture.decode(raw, str(from_file))  # a line that is not UTF-8, numbered as in the file
        fields, typed = recovery.split(raw)
        where = str(from_file)
        if fields is not None and "meeting" in fields:  # meeting edit's, not log's
            raise UsageError(
                f"--from: {from_file} holds notes kept by meeting edit, not a check-in to log.",
                hint=f"Put them back with: mentorlog meeting edit {fields['meeting']} --from "
                f"{shlex.quote(str(from_file))}",
            )
        if fields is not None:
            said = said.over(_read_header(fields))
    held = said.held or now
    again = on if on is not None else held.strftime("%Y-%m-%d %H:%M")
    dates.check_happened(
        held,
        "--on",
        now,
        then="log a check-in once it has happened",
        hint=f"To plan one: mentorlog mentor edit {shlex.quote(mentor)} --next {shlex.quote(again)}",
    )
    if notes == "-":
        source, where = Source.STDIN, "stdin"
    elif from_file is not None:
        source = Source.FILE
    elif edit or (given.is_empty() and notes is None and stdin_is_terminal):
        source, where = Source.EDITOR, "the editor's text"
    elif given.is_empty() and notes is None:
        source, where = Source.STDIN, "stdin"
    else:
        source = Source.OPTIONS
    return Plan(
        mentor=mentor,
        said=said.but(held=held),
        given=given,
        source=source,
        where=where,
        typed=typed,
        notes_only=notes == "-" or (fields or {}).get("notes-only") == "yes",
        from_recovery=fields is not None,
        ignored=sorted(set(fields or {}) - set(KEPT) - {"notes-only"}),
    )


# --- what the command line said, kept in a recovery file's header ---------------------------


def _yes(value: bool) -> str | None:
    return "yes" if value else None


def _read_yes(text: str, key: str) -> bool:
    if text.lower() not in ("yes", "no"):
        raise UsageError(f"The recovery file's {key!r} line says {text!r}; write yes or no.")
    return text.lower() == "yes"


def _read_instant(text: str, key: str, *, future: bool) -> When:
    """A header's date: as written (ISO with its offset), or any WHEN a user mended it to."""
    try:
        return When(dates.local(datetime.fromisoformat(text)), True)
    except ValueError:
        return dates.parse_when(text, future=future, option=f"the recovery file's {key!r} line")


def _write_next(said: Said) -> str | None:
    if said.no_next:
        return "none"
    return said.next_.at.isoformat() if said.next_ else None


def _read_next(text: str) -> dict:
    if text.strip().lower() == "none":
        return {"no_next": True}
    return {"next_": _read_instant(text, "next", future=True)}


# Header key → (its line's value for a Said, None when the option was not given; the Said fields
# a line sets). A new option of ``log`` is one entry here (and a field of Said).
KEPT: dict[str, tuple[Callable[[Said], str | None], Callable[[str], dict]]] = {
    "on": (
        lambda s: s.held.isoformat() if s.held else None,
        lambda t: {"held": _read_instant(t, "on", future=False).at},
    ),
    "minutes": (
        lambda s: None if s.minutes is None else str(s.minutes),
        lambda t: {"minutes": parse_minutes(t, "The recovery file's 'minutes' line")},
    ),
    "late": (lambda s: _yes(s.late), lambda t: {"late": _read_yes(t, "late")}),
    "rescheduled": (lambda s: _yes(s.rescheduled), lambda t: {"rescheduled": _read_yes(t, "rescheduled")}),
    "next": (_write_next, _read_next),
    "rating": (
        lambda s: None if s.rating is None else str(s.rating),
        lambda t: {"rating": parse_rating(t, "The recovery file's 'rating' line", 4)},
    ),
}


def _read_header(fields: dict[str, str]) -> Said:
    """What a recovery file's header says; keys this version does not know are left out."""
    values: dict = {}
    for key, text in fields.items():
        if key in KEPT:
            values.update(KEPT[key][1](text))
    return Said(**values)


def _with(given: template.Entry, read: template.Entry) -> template.Entry:
    """What a file or stdin filed, plus the items the options gave."""
    return template.Entry(
        notes=read.notes or given.notes,
        todos=read.todos + given.todos,
        advice=read.advice + given.advice,
        asks=read.asks + given.asks,
        thanks=read.thanks + given.thanks,
        feedback=read.feedback + given.feedback,
        offers=read.offers + given.offers,
        ratings=read.ratings + given.ratings,
        raised=list(dict.fromkeys(read.raised + given.raised)),  # a repeated id counts once
        done=list(dict.fromkeys(read.done + given.done)),
    )
