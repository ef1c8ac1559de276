"""The small whole numbers a user types besides ids — a check-in's minutes, a rating — read
from text. Pure. A bad one is a ``UsageError`` that names where it came from (an option such
as ``--minutes``, or a recovery file's header line), as the caller words it."""

from __future__ import annotations

from mentorlog.core.errors import UsageError

MAX_MINUTES = 24 * 60  # a check-in longer than a day is a typo


def parse_minutes(text: str, option: str, *, allow_none: bool = False) -> int | None:
    """``--minutes N`` (0 to a day), or ``none`` to clear it where that is allowed."""
    if allow_none and text.strip().lower() == "none":
        return None
    if not (text.isascii() and text.strip().isdigit()) or int(text) > MAX_MINUTES:
        raise UsageError(
            f"{option}: {text!r} is not a number of minutes from 0 to {MAX_MINUTES}.",
            hint=f"e.g. {option} 45" + (" (or none)" if allow_none else ""),
        )
    return int(text)


def parse_rating(
    text: str, option: str, highest: int, *, allow_none: bool = False, example: str | None = None
) -> int | None:
    """A rating as typed: a whole number from 1 to ``highest`` in plain ASCII digits (not
    '0', '3.5' or '٣'); ``none`` clears it where that is allowed. ``option`` names where it
    came from in the message; ``example`` is the hint's example (default ``OPTION 3``)."""
    if allow_none and text.strip().lower() == "none":
        return None
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 2 and 1 <= int(digits) <= highest):
        raise UsageError(
            f"{option + ': ' if option else ''}{text!r} is not a rating;"
            f" give a whole number from 1 to {highest}.",
            hint=f"e.g. {example or f'{option} {min(3, highest)}'}" + (" (or none)" if allow_none else ""),
        )
    return int(digits)
