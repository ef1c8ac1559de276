"""age encryption for exports and backups: recipients, identities, passphrases.

This module owns everything mentorlog knows about the age format (https://age-encryption.org):
turning ``--encrypt-to`` values into recipients, reading an ``--identity`` file, getting a
passphrase from ``MENTORLOG_PASSPHRASE`` or the terminal, and encrypting or decrypting bytes with
the ``pyrage`` library, whose output the ``age`` command opens. It never touches files it was not
named; callers decide where the bytes go.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

from mentorlog.core.errors import MentorlogError, UsageError

AGE_MAGIC = b"age-encryption.org/v1\n"
ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
ARMOR_END = b"-----END AGE ENCRYPTED FILE-----"
PASSPHRASE_ENV = "MENTORLOG_PASSPHRASE"
IDENTITY_PASSPHRASE_ENV = "MENTORLOG_IDENTITY_PASSPHRASE"  # of a passphrase-protected key file

KEY_HINT = (
    "A key looks like age1… (from age-keygen) or the line in ~/.ssh/id_ed25519.pub (ssh-ed25519 AAAA…)."
)
# pyrage reports both "no stanza matched" and "scrypt MAC failed" this way; anything else means
# the file itself is damaged, which deserves a different next step.
_WRONG_KEY = ("No matching keys found", "Decryption failed")


class CryptoError(MentorlogError):
    """An age file could not be encrypted or opened: wrong key, missing identity, damaged file."""


def is_age(data: bytes) -> bool:
    """True for an age file, binary or ASCII-armored (age -a)."""
    return data.startswith(AGE_MAGIC) or data.lstrip().startswith(ARMOR_BEGIN)


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def pyrage_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pyrage")
    except PackageNotFoundError:
        return "(unknown version)"


def _recipient(text: str, where: str):
    from pyrage import RecipientError, ssh, tag, tagpq, x25519

    key = text.strip()
    # Never echo a secret key back into a terminal or a log.
    if key.upper().startswith("AGE-SECRET-KEY-"):
        raise UsageError(
            f"The recipient {where} is a secret key, not a public key.",
            hint="Give the public key instead: age-keygen -y KEYFILE prints it (age1…).",
        )
    if key.startswith("age1pq1"):
        # age 1.3's post-quantum (ML-KEM-768 + X25519) keys: pyrage reads them as a plugin's,
        # and no age-plugin-pq exists, so the encryption could never be made.
        raise UsageError(
            f"The recipient {where} is a post-quantum age key (age1pq1…, age 1.3 and later); pyrage "
            f"{pyrage_version()}, the age library mentorlog uses, cannot encrypt to one yet.",
            hint="Encrypt to an X25519 key (age-keygen without -pq) or an SSH key, or use --passphrase.",
        )
    kinds = (("age1tagpq1", tagpq), ("age1tag1", tag), ("ssh-", ssh))  # age 1.3's hardware-key tags too
    kind = next((k for prefix, k in kinds if key.startswith(prefix)), x25519)
    try:
        return kind.Recipient.from_str(key)
    except RecipientError:
        raise UsageError(f"The recipient {where} is not an age or SSH public key.", hint=KEY_HINT) from None


def _is_file(text: str) -> bool:
    try:
        return bool(text.strip()) and Path(text).expanduser().is_file()
    except (OSError, ValueError):  # a name too long for the OS, or one holding a NUL
        return False


def parse_recipients(texts: list[str]) -> list:
    """Turn each ``--encrypt-to`` value (a key, or a file of keys) into pyrage recipients."""
    found = []
    for text in texts:
        if not _is_file(text):
            found.append(_recipient(text, _shown(text)))
            continue
        try:
            content = _read_key_file(Path(text).expanduser()).decode("utf-8")
        except (OSError, UnicodeDecodeError, CryptoError):
            raise UsageError(f"Cannot read public keys from {text}.", hint=KEY_HINT) from None
        if "PRIVATE KEY-----" in content:
            raise UsageError(
                f"{text} is a private key.", hint="Give the public one, e.g. ~/.ssh/id_ed25519.pub."
            )
        keys = [
            (n, line) for n, line in enumerate(content.splitlines(), 1) if line.strip()[:1] not in ("", "#")
        ]
        if not keys:
            raise UsageError(f"{text} holds no public keys.", hint=KEY_HINT)
        found.extend(_recipient(line, f"on line {n} of {text}") for n, line in keys)
    return found


def encrypt(data: bytes, *, recipients: list[str] = (), passphrase: str | None = None) -> bytes:
    """Encrypt ``data`` to the recipients or with a passphrase; returns the binary age format."""
    import pyrage

    if recipients and passphrase is not None:
        raise UsageError(
            "Give either --encrypt-to or --passphrase, not both.",
            hint="age allows a passphrase only on its own; encrypt to several keys instead.",
        )
    if passphrase is not None:
        if not passphrase:
            raise UsageError("The passphrase is empty.", hint=f"Type one, or set {PASSPHRASE_ENV}.")
        return pyrage.passphrase.encrypt(data, passphrase)
    if not recipients:
        raise UsageError("Nothing to encrypt to.", hint="Give --encrypt-to KEY (repeatable) or --passphrase.")
    try:
        return pyrage.encrypt(data, parse_recipients(list(recipients)))
    except pyrage.EncryptError as e:
        raise CryptoError(f"Could not encrypt: {e}.") from None


def _dearmor(data: bytes) -> bytes:
    body = data.strip()
    if not body.startswith(ARMOR_BEGIN):
        return data
    if not body.endswith(ARMOR_END):
        raise CryptoError("The armored age file is cut short (no END line); nothing was changed.")
    try:
        return base64.b64decode(b"".join(body[len(ARMOR_BEGIN) : -len(ARMOR_END)].split()), validate=True)
    except ValueError:
        raise CryptoError("The armored age file is damaged (bad base64); nothing was changed.") from None


def _stanza_types(raw: bytes) -> list[str]:
    """The recipient types named in an age header (``X25519``, ``ssh-ed25519``, ``scrypt``…)."""
    header = raw[len(AGE_MAGIC) :].split(b"\n---", 1)[0]
    return [
        line[3:].split(b" ", 1)[0].decode("ascii", "replace")
        for line in header.split(b"\n")
        if line.startswith(b"-> ")
    ]


def needs_passphrase(data: bytes) -> bool:
    """True when the age file was encrypted with a passphrase rather than to keys."""
    return "scrypt" in _stanza_types(_dearmor(data))


KEY_FILE_LIMIT = 1024 * 1024  # a key file holds a few hundred bytes a key; /dev/zero never ends


def _read_key_file(path: Path) -> bytes:
    """A key file's bytes, refused past ``KEY_FILE_LIMIT``: ``--identity /dev/zero`` (or a
    big file named by mistake) read without end."""
    with path.open("rb") as f:
        data = f.read(KEY_FILE_LIMIT + 1)
    if len(data) > KEY_FILE_LIMIT:
        raise CryptoError(
            f"{path} is not a key file: it holds more than {KEY_FILE_LIMIT // 1024} KiB.",
            hint="Pass the key file age-keygen wrote, or your SSH private key (e.g. ~/.ssh/id_ed25519).",
        )
    return data


def load_identities(path: Path, passphrase: Callable[[Path], str] | None = None) -> list:
    """Read an age key file (``AGE-SECRET-KEY-1…`` lines, ``#`` comments), one protected by a
    passphrase (``age -p``; ``passphrase(path)`` gives it), or an OpenSSH private key."""
    from pyrage import IdentityError, ssh

    try:
        data = _read_key_file(Path(path))
    except FileNotFoundError:
        raise CryptoError(
            f"The identity file {path} does not exist.",
            hint="Pass the key file age-keygen wrote, or your SSH private key (e.g. ~/.ssh/id_ed25519).",
        ) from None
    except OSError as e:
        raise CryptoError(f"Cannot read the identity file {path}: {e.strerror or e}.") from None
    if is_age(data):
        data = _unlock_identity_file(data, path, passphrase)
    if b"PRIVATE KEY-----" in data:
        try:
            return [ssh.Identity.from_buffer(data)]
        except IdentityError as e:
            if "decrypted" in str(e):
                raise CryptoError(
                    f"The SSH key {path} is protected by a passphrase; pyrage {pyrage_version()}, the age "
                    "library mentorlog uses, cannot unlock a passphrase-protected SSH key.",
                    hint=f"Open the file with the age command instead: age -d -i {path} FILE",
                ) from None
            raise CryptoError(f"The SSH key {path} is not one age can use ({e}).") from None
    return _age_identities(data, path)


def _unlock_identity_file(data: bytes, path: Path, passphrase: Callable[[Path], str] | None) -> bytes:
    """The key file inside an identity file that is itself an age file (``age -p keys.txt``)."""
    import pyrage

    if not needs_passphrase(data):
        raise CryptoError(
            f"The identity file {path} is itself encrypted to a key.", hint=f"Decrypt it first: age -d {path}"
        )
    if passphrase is None:
        raise CryptoError(
            f"The identity file {path} is protected by a passphrase.",
            hint=f"Set {IDENTITY_PASSPHRASE_ENV}, or run the command on a terminal to be asked.",
        )
    try:
        return pyrage.passphrase.decrypt(_dearmor(data), passphrase(path))
    except pyrage.DecryptError as e:
        if str(e) in _WRONG_KEY:
            raise CryptoError(
                f"The identity file {path} could not be unlocked with that passphrase; nothing was changed."
            ) from None
        raise CryptoError(
            f"The identity file {path} could not be unlocked ({e}); it may be damaged."
        ) from None


def _age_identities(data: bytes, path: Path) -> list:
    from pyrage import IdentityError, x25519

    text = data.decode("utf-8", "replace")
    keys = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("age1", "ssh-")):
            raise CryptoError(
                f"The identity file {path} holds a public key (line {n}).",
                hint="Pass the secret key file (AGE-SECRET-KEY-1…) or the SSH key without .pub.",
            )
        if line.upper().startswith("AGE-SECRET-KEY-PQ-"):
            raise CryptoError(
                f"Line {n} of the identity file {path} is a post-quantum age key (age 1.3 and later); pyrage "
                f"{pyrage_version()}, the age library mentorlog uses, cannot decrypt with one yet.",
                hint=f"Open the file with the age command instead: age -d -i {path} FILE",
            )
        try:
            keys.append(x25519.Identity.from_str(line))
        except IdentityError:  # the line is a secret: do not quote it
            raise CryptoError(f"Line {n} of the identity file {path} is not an age secret key.") from None
    if not keys:
        raise CryptoError(
            f"The identity file {path} holds no keys.", hint="It should hold AGE-SECRET-KEY-1… lines."
        )
    return keys


def decrypt(
    data: bytes,
    *,
    identity: Path | None = None,
    passphrase: str | None = None,
    source: str = "The file",
    identity_passphrase: Callable[[Path], str] | None = None,
) -> bytes:
    """Open an age file (binary or armored) with an identity file or a passphrase; returns the plaintext."""
    import pyrage

    raw = _dearmor(data)
    if not raw.startswith(AGE_MAGIC):
        raise CryptoError(f"{source} is not an age-encrypted file.")
    what = "passphrase" if "scrypt" in _stanza_types(raw) else "key"
    if what == "passphrase" and passphrase is None:
        raise CryptoError(
            f"{source} is encrypted with a passphrase.", hint=f"Type it, or set {PASSPHRASE_ENV}."
        )
    if what == "key" and identity is None:
        raise CryptoError(
            f"{source} is encrypted to a key.", hint="Pass --identity FILE (age key or SSH key)."
        )
    try:
        if what == "passphrase":
            return pyrage.passphrase.decrypt(raw, passphrase)
        return pyrage.decrypt(raw, load_identities(identity, identity_passphrase))
    except pyrage.DecryptError as e:
        if str(e) in _WRONG_KEY:
            raise CryptoError(
                f"{source} could not be decrypted with that {what}; nothing was changed."
            ) from None
        raise CryptoError(
            f"{source} could not be decrypted ({e}); it may be damaged. Nothing was changed."
        ) from None


def passphrase_from(env: Mapping[str, str], ask: Callable[[str], str] | None, *, confirm: bool) -> str:
    """The passphrase from MENTORLOG_PASSPHRASE, else asked for (twice when ``confirm``)."""
    if PASSPHRASE_ENV in env:
        if not env[PASSPHRASE_ENV]:
            raise UsageError(f"{PASSPHRASE_ENV} is set but empty.", hint="Set it, or unset it to be asked.")
        return env[PASSPHRASE_ENV]
    if ask is None:
        raise UsageError(
            "A passphrase is needed and there is no terminal to ask.", hint=f"Set {PASSPHRASE_ENV}."
        )
    first = ask("Passphrase: ")
    if not first:
        raise UsageError("The passphrase is empty; nothing was done.", hint="Type a passphrase.")
    if confirm and ask("Passphrase again: ") != first:
        raise UsageError("The two passphrases differ; nothing was done.", hint="Run the command again.")
    return first


def encrypt_file(
    source: BinaryIO, target: BinaryIO, *, recipients: list[str] = (), passphrase: str | None = None
) -> None:
    """Like ``encrypt``, from one open file to another. To keys it streams, so a journal of any
    size takes little memory; with a passphrase pyrage needs the whole plaintext at once."""
    import pyrage

    if recipients and passphrase is None:
        keys = parse_recipients(list(recipients))
        try:
            pyrage.encrypt_io(source, target, keys)
        except pyrage.EncryptError as e:
            raise CryptoError(f"Could not encrypt: {e}.") from None
        return
    target.write(encrypt(source.read(), recipients=recipients, passphrase=passphrase))


def decrypt_file(
    source: BinaryIO,
    target: BinaryIO,
    *,
    identity: Path | None = None,
    passphrase: str | None = None,
    name: str = "The file",
    identity_passphrase: Callable[[Path], str] | None = None,
) -> None:
    """Like ``decrypt``, from one open file to another. A binary file encrypted to keys streams,
    so a journal of any size takes little memory; an armored or passphrase file is opened in
    memory, as ``decrypt`` does."""
    import pyrage

    head = source.read(4096)
    source.seek(0)
    if not head.startswith(AGE_MAGIC) or "scrypt" in _stanza_types(head):
        plain = decrypt(
            source.read(),
            identity=identity,
            passphrase=passphrase,
            source=name,
            identity_passphrase=identity_passphrase,
        )
        target.write(plain)
        return
    if identity is None:
        raise CryptoError(f"{name} is encrypted to a key.", hint="Pass --identity FILE (age key or SSH key).")
    keys = load_identities(identity, identity_passphrase)
    try:
        pyrage.decrypt_io(source, target, keys)
    except pyrage.DecryptError as e:
        if str(e) in _WRONG_KEY:
            raise CryptoError(f"{name} could not be decrypted with that key; nothing was changed.") from None
        raise CryptoError(
            f"{name} could not be decrypted ({e}); it may be damaged. Nothing was changed."
        ) from None
    except OSError as e:  # pyrage reports a cut-off stream as an I/O error
        raise CryptoError(
            f"{name} could not be decrypted ({e}); it may be cut off or damaged. Nothing was changed."
        ) from None
