"""What the sync's repository holds, and how it is sealed: the setup file, the keys, the row files.

The work tree mirrors the journal as one file per row, ``rows/<concept>/<uuid>.json`` (``.age``
when encrypted), plus ``mentorlog-sync.json`` (format, recipients) and ``.gitattributes`` naming
mentorlog's merge driver (``syncmerge``) for the row files. ``Keys`` seal a row file for the
recipients and open it with the journal's own age identity, which the repository keeps locked
(``identity.age``) and this machine caches beside the journal once unlocked. ``file_for`` makes
the row file for a row as the journal holds it, keeping the edit time of each field that did
not change.
"""

from __future__ import annotations

import json

from mentorlog.core import dates
from mentorlog.journal import concepts
from mentorlog.journal.store import syncmerge
from mentorlog.journal.store.syncrepo import Paths, SyncError

TYPE_CHECKING = False  # importing typing costs start-up; type checkers take this as True
if TYPE_CHECKING:
    from mentorlog.journal.store.dump import Table

FORMAT = "mentorlog-sync"
VERSION = 1
SETUP_FILE = "mentorlog-sync.json"
IDENTITY_FILE = "identity.age"  # the journal's own age identity, locked with a passphrase or keys
ATTRIBUTES = "rows/** merge=mentorlog\n"


# --- the setup and the keys ---------------------------------------------------------------


class Keys:
    """How row files are sealed: ``recipients`` to encrypt to (empty: plain JSON files) and the
    journal's own ``identity`` to open them."""

    def __init__(self, recipients: list | None = None, identity=None):
        self.recipients = recipients or []
        self.identity = identity

    @property
    def encrypted(self) -> bool:
        return bool(self.recipients)

    def seal(self, data: bytes) -> bytes:
        if not self.encrypted:
            return data
        import pyrage

        return pyrage.encrypt(data, self.recipients)

    def open(self, raw: bytes, where: str) -> dict:
        if self.encrypted:
            import pyrage

            try:
                raw = pyrage.decrypt(raw, [self.identity])
            except Exception:  # pyrage's DecryptError, or ValueError on a header that is not age
                raise syncmerge.RowFileError(f"{where} cannot be opened with this journal's key.") from None
        return syncmerge.decode(raw, where)

    def suffix(self) -> str:
        return ".json.age" if self.encrypted else ".json"


def read_setup(raw: bytes | None, where: str) -> dict:
    try:
        setup = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (UnicodeDecodeError, ValueError):
        setup = None
    if not isinstance(setup, dict) or setup.get("format") != FORMAT:
        raise SyncError(f"{where} holds no mentorlog journal (no {SETUP_FILE}); nothing was changed.")
    if not isinstance(setup.get("version"), int) or setup["version"] > VERSION:
        raise SyncError(
            f"{where} was set up by a newer mentorlog (sync format {setup.get('version')!r});"
            " nothing was changed.",
            hint="Upgrade mentorlog on this machine.",
        )
    return setup


def keys_from(setup: dict, identity_text: str | None) -> Keys:
    if not setup.get("encrypted"):
        return Keys()
    from pyrage import x25519

    from mentorlog.io import crypto

    recipients = [x25519.Recipient.from_str(r) for r in setup.get("row_recipients", [])]
    recipients += crypto.parse_recipients(list(setup.get("recipients", [])))
    identity = x25519.Identity.from_str(identity_text.strip()) if identity_text else None
    return Keys(recipients, identity)


def cached_identity(paths: Paths) -> str | None:
    try:
        return paths.identity.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def cache_identity(paths: Paths, text: str) -> None:
    """Keep the journal's age identity beside it (mode 0600; a write that fails leaves none)."""
    from mentorlog.core.files import write_private

    write_private(paths.identity, text.strip() + "\n", replace=True)


def new_setup(user_keys: list[str], passphrase: str | None) -> tuple[dict, bytes | None, str | None]:
    """The setup file's content, the locked identity (``identity.age``) and the identity's text.

    Encrypted journals get an age identity of their own; row files are encrypted to it (and to the
    user's keys, so ``age -d -i KEY`` opens one); the identity is kept in the repository locked with
    the passphrase or to the user's keys, so another machine unlocks it once when it joins."""
    setup = {"format": FORMAT, "version": VERSION, "encrypted": False, "recipients": [], "row_recipients": []}
    if not user_keys and passphrase is None:
        return setup, None, None
    from pyrage import x25519

    from mentorlog.io import crypto

    identity = x25519.Identity.generate()
    text = str(identity)
    if passphrase is not None:
        locked = crypto.encrypt(text.encode(), passphrase=passphrase)
    else:
        locked = crypto.encrypt(text.encode(), recipients=list(user_keys))
    setup.update(
        encrypted=True,
        recipients=[k.strip() for k in user_keys],
        row_recipients=[str(identity.to_public())],
        locked_with="passphrase" if passphrase is not None else "keys",
    )
    return setup, locked, text


# --- row files ----------------------------------------------------------------------------


def concept_of(table: str) -> str:
    found = concepts.by_table(table)
    return found.name if found is not None else table


def table_of(concept: str, known: dict[str, Table]) -> Table | None:
    found = concepts.by_name(concept)
    return known.get(found.table if found is not None else concept)


def row_path(concept: str, uuid: str, keys: Keys) -> str:
    return f"rows/{concept}/{uuid}{keys.suffix()}"


def file_for(concept: str, uuid: str, row: dict | None, previous: dict | None, machine: str) -> dict:
    """The row file for a row as the journal has it now (``row`` None: deleted), keeping the edit
    time of each field that did not change since ``previous``."""
    if row is None:
        return {"concept": concept, "uuid": uuid, "machine": machine, "deleted": dates.stamp(), "row": None}
    before = (previous or {}).get("row") or {}
    kept = (previous or {}).get("edited") or {}
    stamp = row.get("updated_at") or dates.stamp()
    edited = {
        k: kept[k] if k in kept and before.get(k) == v and k in before else stamp for k, v in row.items()
    }
    return {"concept": concept, "uuid": uuid, "machine": machine, "row": row, "edited": edited}


def same(a: dict | None, b: dict) -> bool:
    """Whether row file ``a`` (None: there is none) already says what ``b`` says."""
    if a is None:
        return False
    if b.get("deleted") is not None:
        return a.get("deleted") is not None
    return a.get("deleted") is None and a.get("row") == b.get("row")
