"""The 3-way merge of one row file, and the merge driver git runs with it (SPEC §2, ``sync``).

A row file holds one row (``row``: its fields as an export has them, references by uuid), when
each field was last edited (``edited``) and the machine that wrote it; a deleted row is a
tombstone (``deleted``: when). Git hands the driver three versions of a file — the common base,
ours and theirs — and the merge goes field by field against the base: a field changed on one
side takes that change; changed on both, a text of several lines merges line by line (``git
merge-file``: lines that clash are both kept between marker lines naming the two machines), any
other value is the later edit's and the other one is noted; a row deleted on one side and edited
on the other comes back. What the merge decided beyond the obvious is appended to a notes file
in the git folder, which ``sync`` reads and prints. With encryption the three versions are
decrypted with the journal's identity and the result is encrypted to the repository's
recipients.

Run by git as ``python -m mentorlog.journal.store.syncmerge BASE OURS THEIRS PATH``; it writes the
result over OURS and exits 0, or exits 1 (git then stops the merge) when a version cannot be
read, naming it on stderr.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

# Fields that are bookkeeping, not what someone typed: never reported as a clash.
_QUIET = {"id", "created_at", "updated_at"}
MARKER = "<<<<<<< "  # how a clash in a text starts (git's marker), for doctor and sync to find


class RowFileError(Exception):
    """A row file that is not one mentorlog wrote (damaged, or from a newer mentorlog)."""


def encode(data: dict) -> bytes:
    """A row file's bytes: sorted keys, one field per line, so git's own diffs read well."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def decode(raw: bytes, where: str) -> dict:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RowFileError(f"{where} is not a row file mentorlog wrote (not JSON).") from None
    if not isinstance(data, dict) or not isinstance(data.get("uuid"), str) or "concept" not in data:
        raise RowFileError(f"{where} is not a row file mentorlog wrote (no uuid or concept).")
    row = data.get("row")
    if data.get("deleted") is None and not isinstance(row, dict):
        raise RowFileError(f"{where} holds neither a row nor a deletion.")
    if row is not None and not isinstance(row, dict):
        raise RowFileError(f"{where} holds a row that is not an object.")
    edited = data.get("edited", {})
    if not isinstance(edited, dict):
        raise RowFileError(f"{where} has edit times that are not an object.")
    return data


def _later(a: str | None, b: str | None) -> bool:
    """True when edit time ``a`` is later than ``b`` (ISO UTC text sorts as time)."""
    return (a or "") > (b or "")


def merge(base: dict | None, ours: dict, theirs: dict, *, here: str, git=None) -> tuple[dict, list[dict]]:
    """The merged row file and the notes on what was decided (for ``sync`` to print).

    ``here`` names this machine (ours); ``git`` merges two texts line by line (``merge_lines``)."""
    notes: list[dict] = []
    uuid, concept = ours["uuid"], ours["concept"]
    who = {"ours": here, "theirs": theirs.get("machine") or "the other machine"}
    base_row = (base or {}).get("row") or {}
    if ours.get("deleted") is not None or theirs.get("deleted") is not None:
        if ours.get("deleted") is not None and theirs.get("deleted") is not None:
            return ours, notes
        kept, gone = (theirs, ours) if ours.get("deleted") is not None else (ours, theirs)
        if base is not None and base.get("row") is not None and kept.get("row") == base_row:
            return gone, notes  # deleted on one side, untouched on the other: gone
        notes.append(
            {"kind": "restored", "concept": concept, "uuid": uuid, "deleted_by": gone.get("machine")}
        )
        return {**kept, "machine": here}, notes
    o_row, t_row = ours["row"], theirs["row"]
    o_ed, t_ed = ours.get("edited") or {}, theirs.get("edited") or {}
    row, edited = {}, {}
    for key in sorted(set(o_row) | set(t_row)):
        b, o, t = base_row.get(key), o_row.get(key), t_row.get(key)
        if o == t:
            row[key], edited[key] = o, max(o_ed.get(key) or "", t_ed.get(key) or "")
        elif t == b:
            row[key], edited[key] = o, o_ed.get(key)
        elif o == b:
            row[key], edited[key] = t, t_ed.get(key)
        elif key in _QUIET:
            row[key] = max(o, t, key=lambda v: (v is not None, str(v))) if key != "id" else o
            edited[key] = max(o_ed.get(key) or "", t_ed.get(key) or "")
        elif _multiline(b, o, t) and git is not None:
            text, clean = git(b or "", o or "", t or "", who["ours"], who["theirs"])
            row[key], edited[key] = text, max(o_ed.get(key) or "", t_ed.get(key) or "")
            if not clean:
                notes.append({"kind": "conflict", "concept": concept, "uuid": uuid, "field": key})
        else:
            if _later(t_ed.get(key), o_ed.get(key)):
                winner, loser, side = t, o, "ours"
            else:
                winner, loser, side = o, t, "theirs"
            row[key], edited[key] = winner, max(o_ed.get(key) or "", t_ed.get(key) or "")
            notes.append(
                {
                    "kind": "overridden",
                    "concept": concept,
                    "uuid": uuid,
                    "field": key,
                    "kept": winner,
                    "lost": loser,
                    "lost_on": who[side],
                }
            )
    stamps = [s for s in (o_row.get("updated_at"), t_row.get("updated_at")) if s]
    if stamps:
        row["updated_at"] = max(stamps)
    merged = {"concept": concept, "uuid": uuid, "machine": here, "row": row, "edited": edited}
    return merged, notes


def _multiline(*values) -> bool:
    return any(isinstance(v, str) and "\n" in v for v in values)


def merge_lines(base: str, ours: str, theirs: str, ours_name: str, theirs_name: str) -> tuple[str, bool]:
    """``git merge-file``: the two texts merged line by line against ``base``; clashing lines
    both kept between markers naming the machines. Returns the text and whether it was clean."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mentorlog-merge-") as folder:
        paths = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            # A last line without its newline would clash with itself: add one, take it off after.
            path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
            paths.append(str(path))
        result = subprocess.run(
            ["git", "merge-file", "-p", "-L", ours_name, "-L", "base", "-L", theirs_name, *paths],
            capture_output=True,
        )
    if result.returncode < 0 or result.returncode > 127:
        raise RowFileError(f"git merge-file failed: {result.stderr.decode(errors='replace').strip()}")
    text = result.stdout.decode("utf-8")
    if not (ours.endswith("\n") or theirs.endswith("\n")) and text.endswith("\n"):
        text = text[:-1]
    return text, result.returncode == 0


# --- the driver ------------------------------------------------------------------------------


def _read(path: str, where: str, identity: list | None) -> dict | None:
    raw = Path(path).read_bytes()
    if not raw:
        return None  # git gives an empty base when the file is new on both sides
    if identity is not None and where.endswith(".age"):
        import pyrage

        try:
            raw = pyrage.decrypt(raw, identity)
        except Exception:  # pyrage raises its own DecryptError, and ValueError on a bad header
            raise RowFileError(f"{where} cannot be opened with this journal's key.") from None
    return decode(raw, where)


def main(argv: list[str]) -> int:
    base_path, ours_path, theirs_path, where = argv[:4]
    here = os.environ.get("MENTORLOG_MACHINE") or "this machine"
    identity = None
    recipients: list = []
    if where.endswith(".age"):
        import pyrage

        key_file = os.environ.get("MENTORLOG_SYNC_IDENTITY")
        if not key_file:
            print(f"mentorlog: {where}: no key to open it with.", file=sys.stderr)
            return 1
        try:
            identity = [pyrage.x25519.Identity.from_str(Path(key_file).read_text().strip())]
            setup = json.loads(Path("mentorlog-sync.json").read_text(encoding="utf-8"))
            recipients = [pyrage.x25519.Recipient.from_str(r) for r in setup.get("row_recipients", [])]
            recipients += _ssh_or_age(setup.get("recipients", []))
        except (OSError, ValueError) as e:
            print(
                f"mentorlog: {where}: cannot read the journal's key or the recipients ({e}).", file=sys.stderr
            )
            return 1
    try:
        base = _read(base_path, where, identity)
        ours = _read(ours_path, where, identity)
        theirs = _read(theirs_path, where, identity)
        if ours is None or theirs is None:
            raise RowFileError(f"{where} is empty.")
        merged, notes = merge(base, ours, theirs, here=here, git=merge_lines)
    except RowFileError as e:
        print(f"mentorlog: {e}", file=sys.stderr)
        return 1
    data = encode(merged)
    if identity is not None:
        import pyrage

        data = pyrage.encrypt(data, recipients)
    Path(ours_path).write_bytes(data)
    notes_file = os.environ.get("MENTORLOG_SYNC_NOTES")
    if notes and notes_file:
        with open(notes_file, "a", encoding="utf-8") as f:
            for note in notes:
                f.write(json.dumps({**note, "path": where}) + "\n")
    return 0


def _ssh_or_age(keys: list[str]) -> list:
    from pyrage import ssh, x25519

    return [ssh.Recipient.from_str(k) if k.startswith("ssh-") else x25519.Recipient.from_str(k) for k in keys]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
