"""When no mentor fits what was typed (``mentors.resolve``): the closest handles and names,
as for a typo, and the error that offers them, or names every mentor when none is close.
Imported only then, so a MENTOR that matches never loads ``difflib``.
"""

from __future__ import annotations

from difflib import get_close_matches

from mentorlog.core.errors import NotFound, Suggest

SUGGESTIONS = 3


class NoSuchMentor(NotFound):
    """No mentor fits what was typed; ``suggestions`` are the closest ``(handle, name)``."""

    def __init__(self, ref: str, suggestions: list[tuple[str, str]], known: list[str]):
        self.ref, self.suggestions, self.known = ref, suggestions, known
        if suggestions:
            close = " or ".join(f"{h} ({n})" for h, n in suggestions)
            super().__init__(f"There is no mentor {ref!r}: did you mean {close}?")
        else:
            everyone = ", ".join(known) or "none yet"
            super().__init__(
                f"There is no mentor {ref!r} (mentors: {everyone}).",
                hint=Suggest("add_mentor"),
            )


def closest(needle: str, keyed) -> list[tuple[str, str]]:
    """The mentors whose handle, name or a word of it is closest to ``needle`` (a typo);
    ``keyed`` holds each mentor's row with its handle and name folded (``mentors.fold``)."""
    by_key: dict[str, list] = {}
    for r, handle, name in keyed:
        for key in (handle, name, *name.split()):
            by_key.setdefault(key, []).append(r)
    found: dict[int, tuple[str, str]] = {}
    for key in get_close_matches(needle, list(by_key), n=SUGGESTIONS, cutoff=0.6):
        for r in by_key[key]:
            found.setdefault(r["id"], (r["handle"], r["name"]))
    return list(found.values())[:SUGGESTIONS]
