"""What ``doctor``'s checks report: a ``Finding`` each, and the next step when one fails.

A finding that did not pass names its step: ``RESTORE`` a backup (the file itself is damaged),
``REPAIR`` (``doctor --repair`` mends it: derived data, modes, stray files) or ``UPGRADE``
mentorlog (the journal is newer); or, where none of those is the way, a step to take by hand
(``hint_step``). The checks live in ``doctor`` (the journal's own structure), ``doctorrows``
(what its rows hold) and ``doctorfiles`` (the files around it).
"""

from __future__ import annotations

from mentorlog.core.errors import Suggest
from mentorlog.core.record import Record

RESTORE = "restore"
REPAIR = "repair"
UPGRADE = "upgrade"
READ_ONLY_STEP = Suggest("doctor_read_only")


class Finding(Record):
    check: str
    ok: bool
    detail: str
    fix: str | None = None  # RESTORE, REPAIR or UPGRADE when not ok
    repaired: bool = False
    hint_step: Suggest | None = None  # the step to take by hand, when it is none of those

    def to_json(self) -> dict:
        return {"check": self.check, "ok": self.ok, "detail": self.detail}


def mendable(check: str, detail: str, writable: bool) -> Finding:
    """A finding ``--repair`` mends, where it can write; else the step that makes it able to."""
    if writable:
        return Finding(check, False, detail, REPAIR)
    return Finding(check, False, detail, None, hint_step=READ_ONLY_STEP)
