"""age encryption: round trips, wrong keys and passphrases, bad recipients, and interop with `age`.

Passphrase encryption runs scrypt at the work factor pyrage calibrates (seconds on a slow machine),
so one passphrase-encrypted file is made per module and shared.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from helpers import age_key, run_process
from mentorlog.core.errors import UsageError
from mentorlog.io.crypto import (
    AGE_MAGIC,
    CryptoError,
    decrypt,
    encrypt,
    is_age,
    load_identities,
    needs_passphrase,
    parse_recipients,
    passphrase_from,
)

pyrage = pytest.importorskip("pyrage")
pytestmark = pytest.mark.real_scrypt  # this module checks age's own passphrase files

PLAIN = b'{"mentors": [{"name": "Ada Lovelace"}]}\n'
SECRET = "correct horse battery staple"
needs_ssh_keygen = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not installed")
needs_age = pytest.mark.skipif(
    shutil.which("age") is None or shutil.which("age-keygen") is None, reason="age not installed"
)


def ssh_key(tmp_path, kind="ed25519", name="id", password=""):
    path = tmp_path / name
    args = ["ssh-keygen", "-q", "-t", kind, "-N", password, "-C", "mentee@example", "-f", str(path)]
    if kind == "rsa":
        args[4:4] = ["-b", "2048"]
    subprocess.run(args, check=True, capture_output=True)
    return path, (tmp_path / f"{name}.pub").read_text().strip()


@pytest.fixture(scope="module")
def by_passphrase():
    return encrypt(PLAIN, passphrase=SECRET)


# --- round trips --------------------------------------------------------------------------


def test_x25519_round_trip(tmp_path):
    key, public = age_key(tmp_path)
    sealed = encrypt(PLAIN, recipients=[public])
    assert sealed.startswith(AGE_MAGIC) and PLAIN not in sealed
    assert is_age(sealed) and not needs_passphrase(sealed)
    assert decrypt(sealed, identity=key) == PLAIN


@needs_ssh_keygen
@pytest.mark.parametrize("kind", ["ed25519", "rsa"])
def test_ssh_round_trip(tmp_path, kind):
    private, public = ssh_key(tmp_path, kind)
    sealed = encrypt(PLAIN, recipients=[public])
    assert f"-> ssh-{kind}".encode() in sealed
    assert decrypt(sealed, identity=private) == PLAIN


def test_two_recipients_either_identity_opens(tmp_path):
    first, first_pub = age_key(tmp_path, "first.txt")
    second, second_pub = age_key(tmp_path, "second.txt")
    sealed = encrypt(PLAIN, recipients=[first_pub, second_pub])
    assert decrypt(sealed, identity=first) == PLAIN
    assert decrypt(sealed, identity=second) == PLAIN


def test_recipients_file_with_comments_and_two_keys(tmp_path):
    _, first_pub = age_key(tmp_path, "first.txt")
    second, second_pub = age_key(tmp_path, "second.txt")
    keys = tmp_path / "team.txt"
    keys.write_text(f"# the mentee\n{first_pub}\n\n   # the backup key\n  {second_pub}  \n")
    assert len(parse_recipients([str(keys)])) == 2
    sealed = encrypt(PLAIN, recipients=[str(keys)])
    assert decrypt(sealed, identity=second) == PLAIN


def test_identity_file_with_several_keys(tmp_path):
    _, other_pub = age_key(tmp_path, "other.txt")
    a, _ = age_key(tmp_path, "a.txt")
    b, b_pub = age_key(tmp_path, "b.txt")
    both = tmp_path / "both.txt"
    both.write_text(a.read_text() + "\n" + b.read_text())
    assert len(load_identities(both)) == 2
    sealed = encrypt(PLAIN, recipients=[b_pub])
    assert decrypt(sealed, identity=both) == PLAIN
    with pytest.raises(CryptoError):
        decrypt(encrypt(PLAIN, recipients=[other_pub]), identity=both)


def test_armored_input_is_opened(tmp_path):
    key, public = age_key(tmp_path)
    armored = pyrage.encrypt(PLAIN, [pyrage.x25519.Recipient.from_str(public)], armored=True)
    assert armored.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert is_age(b"\n" + armored)
    assert decrypt(armored, identity=key) == PLAIN


def test_passphrase_round_trip(by_passphrase):
    assert is_age(by_passphrase) and needs_passphrase(by_passphrase)
    assert b"-> scrypt " in by_passphrase
    assert decrypt(by_passphrase, passphrase=SECRET) == PLAIN


@pytest.mark.parametrize("data", [b"", b"SQLite format 3\x00", PLAIN, b"age-encryption.org/v2\n"])
def test_is_age_refuses_other_files(data):
    assert not is_age(data)


# --- opening fails clearly ----------------------------------------------------------------


def test_wrong_identity(tmp_path):
    _, public = age_key(tmp_path, "right.txt")
    wrong, _ = age_key(tmp_path, "wrong.txt")
    with pytest.raises(CryptoError, match="could not be decrypted with that key; nothing was changed") as e:
        decrypt(encrypt(PLAIN, recipients=[public]), identity=wrong, source="backup.db.age")
    assert e.value.exit_code == 1 and str(e.value).startswith("backup.db.age")


def test_wrong_passphrase(by_passphrase):
    with pytest.raises(CryptoError, match="could not be decrypted with that passphrase; nothing was changed"):
        decrypt(by_passphrase, passphrase="tr0ub4dor")


def test_passphrase_file_without_passphrase_says_so(tmp_path, by_passphrase):
    key, _ = age_key(tmp_path)
    with pytest.raises(CryptoError, match="encrypted with a passphrase") as e:
        decrypt(by_passphrase, identity=key)
    assert "MENTORLOG_PASSPHRASE" in e.value.hint


def test_armored_passphrase_file_is_recognised(by_passphrase):
    import base64

    body = base64.b64encode(by_passphrase).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    armored = "\r\n".join(
        ["-----BEGIN AGE ENCRYPTED FILE-----", *lines, "-----END AGE ENCRYPTED FILE-----", ""]
    )
    assert needs_passphrase(armored.encode())
    with pytest.raises(CryptoError, match="encrypted with a passphrase"):
        decrypt(armored.encode())
    with pytest.raises(CryptoError, match="cut short"):
        decrypt(armored.encode()[:-40])
    with pytest.raises(CryptoError, match="bad base64"):
        decrypt(armored.replace(lines[1], "!!" + lines[1][2:]).encode())


def test_key_file_without_identity_says_so(tmp_path):
    _, public = age_key(tmp_path)
    with pytest.raises(CryptoError, match="encrypted to a key") as e:
        decrypt(encrypt(PLAIN, recipients=[public]), passphrase=SECRET)
    assert "--identity" in e.value.hint


def test_damaged_file(tmp_path):
    key, public = age_key(tmp_path)
    sealed = bytearray(encrypt(PLAIN, recipients=[public]))
    sealed[-3] ^= 0xFF
    with pytest.raises(CryptoError, match="may be damaged"):
        decrypt(bytes(sealed), identity=key)
    with pytest.raises(CryptoError, match="not an age-encrypted file"):
        decrypt(PLAIN, identity=key)


def test_missing_identity_file(tmp_path):
    _, public = age_key(tmp_path)
    missing = tmp_path / "nowhere" / "key.txt"
    with pytest.raises(CryptoError, match="does not exist") as e:
        decrypt(encrypt(PLAIN, recipients=[public]), identity=missing)
    assert str(missing) in str(e.value) and e.value.exit_code == 1


def test_unreadable_identity_file(tmp_path):
    with pytest.raises(CryptoError, match=f"Cannot read the identity file {tmp_path}"):
        load_identities(tmp_path)


def test_identity_file_with_public_key_or_garbage(tmp_path):
    ident = pyrage.x25519.Identity.generate()
    pub = tmp_path / "pub.txt"
    pub.write_text(f"{ident.to_public()}\n")
    with pytest.raises(CryptoError, match="holds a public key"):
        load_identities(pub)
    broken = tmp_path / "broken.txt"
    secret = str(ident)[:-4] + "QQQQ"
    broken.write_text(f"# comment\n{secret}\n")
    with pytest.raises(CryptoError, match="Line 2 of the identity file") as e:
        load_identities(broken)
    assert secret not in str(e.value)
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing here\n\n")
    with pytest.raises(CryptoError, match="holds no keys"):
        load_identities(empty)


@needs_ssh_keygen
def test_passphrase_protected_ssh_key_is_explained(tmp_path):
    private, public = ssh_key(tmp_path, password="hunter22")
    sealed = encrypt(PLAIN, recipients=[public])
    with pytest.raises(CryptoError, match="protected by a passphrase") as e:
        decrypt(sealed, identity=private)
    assert "age -d -i" in e.value.hint


# --- recipients and options ---------------------------------------------------------------

GOOD = str(pyrage.x25519.Identity.generate().to_public())
TYPO = GOOD[:10] + ("q" if GOOD[10] != "q" else "p") + GOOD[11:]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "age1",
        GOOD[:-6],  # truncated
        TYPO,  # checksum fails
        "my mentor's key",
        str(pyrage.x25519.Identity.generate()),  # a secret key
        "ssh-ed25519 AAAA!!!not-base64!!! me@laptop",
        "ssh-ed25519",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== me@laptop",  # base64 fine, key too short
        "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= me@laptop",
        "x" * 5000,
        "bad\0name",
    ],
    # The same ids on every collection (the keys are random), so test runners can share them out.
    ids=[
        "empty",
        "blank",
        "age1",
        "truncated",
        "typo",
        "words",
        "secret-key",
        "ssh-not-base64",
        "ssh-alone",
        "ssh-short",
        "ecdsa",
        "long",
        "nul",
    ],
)
def test_bad_recipient(text):
    with pytest.raises(UsageError) as e:
        parse_recipients([GOOD, text])
    assert e.value.exit_code == 2
    assert "age1" in e.value.hint
    assert len(str(e.value)) < 120  # names the input without dumping it
    if text.startswith("AGE-SECRET-KEY-"):
        assert "secret key" in str(e.value) and text not in str(e.value)
    else:
        assert "is not an age or SSH public key" in str(e.value)


def test_bad_line_in_recipients_file_is_named(tmp_path):
    keys = tmp_path / "keys.txt"
    keys.write_text(f"{GOOD}\nage1oops\n")
    with pytest.raises(UsageError, match=f"on line 2 of {keys}"):
        parse_recipients([str(keys)])
    keys.write_text("# only a comment\n")
    with pytest.raises(UsageError, match="holds no public keys"):
        parse_recipients([str(keys)])


@needs_ssh_keygen
def test_private_key_file_as_recipient(tmp_path):
    private, _ = ssh_key(tmp_path)
    with pytest.raises(UsageError, match="is a private key") as e:
        parse_recipients([str(private)])
    assert ".pub" in e.value.hint


def test_recipient_and_passphrase_together_refused():
    with pytest.raises(UsageError, match="not both") as e:
        encrypt(PLAIN, recipients=[GOOD], passphrase=SECRET)
    assert "passphrase only on its own" in e.value.hint


def test_nothing_to_encrypt_to_or_empty_passphrase():
    with pytest.raises(UsageError, match="Nothing to encrypt to"):
        encrypt(PLAIN)
    with pytest.raises(UsageError, match="passphrase is empty"):
        encrypt(PLAIN, passphrase="")


# --- passphrase_from ----------------------------------------------------------------------


class Ask:
    def __init__(self, *answers):
        self.answers = list(answers)
        self.prompts = []

    def __call__(self, prompt):
        self.prompts.append(prompt)
        return self.answers.pop(0)


def test_passphrase_from_env_wins_over_terminal():
    ask = Ask("typed")
    assert passphrase_from({"MENTORLOG_PASSPHRASE": "from env"}, ask, confirm=True) == "from env"
    assert ask.prompts == []


def test_passphrase_from_empty_env_refused():
    with pytest.raises(UsageError, match="MENTORLOG_PASSPHRASE is set but empty"):
        passphrase_from({"MENTORLOG_PASSPHRASE": ""}, Ask("x"), confirm=False)


def test_passphrase_asked_twice_when_confirming():
    ask = Ask(SECRET, SECRET)
    assert passphrase_from({}, ask, confirm=True) == SECRET
    assert len(ask.prompts) == 2


def test_passphrase_asked_once_to_decrypt():
    ask = Ask(SECRET)
    assert passphrase_from({}, ask, confirm=False) == SECRET
    assert len(ask.prompts) == 1


def test_passphrase_mismatch_refused():
    with pytest.raises(UsageError, match="differ") as e:
        passphrase_from({}, Ask(SECRET, SECRET + "!"), confirm=True)
    assert e.value.exit_code == 2


def test_empty_passphrase_refused():
    with pytest.raises(UsageError, match="empty"):
        passphrase_from({}, Ask("", ""), confirm=True)


def test_no_terminal_and_no_env():
    with pytest.raises(UsageError, match="no terminal") as e:
        passphrase_from({"HOME": "/nonexistent"}, None, confirm=True)
    assert "MENTORLOG_PASSPHRASE" in e.value.hint


# --- interop with the age command (skipped when it is not installed) ---------------------


@needs_age
def test_age_opens_what_we_wrote(tmp_path):
    key, public = age_key(tmp_path)
    sealed = tmp_path / "export.json.age"
    sealed.write_bytes(encrypt(PLAIN, recipients=[public]))
    out = subprocess.run(["age", "-d", "-i", str(key), str(sealed)], capture_output=True, check=True)
    assert out.stdout == PLAIN


@needs_age
@pytest.mark.parametrize("armor", [False, True])
def test_we_open_what_age_wrote(tmp_path, armor):
    key = tmp_path / "key.txt"
    subprocess.run(["age-keygen", "-o", str(key)], capture_output=True, check=True)
    public = subprocess.run(["age-keygen", "-y", str(key)], capture_output=True, check=True, text=True)
    args = ["age", "-r", public.stdout.strip()] + (["-a"] if armor else [])
    sealed = subprocess.run(args, input=PLAIN, capture_output=True, check=True).stdout
    assert is_age(sealed)
    assert decrypt(sealed, identity=key) == PLAIN


@needs_age
@needs_ssh_keygen
def test_ssh_interop_both_ways(tmp_path):
    private, public = ssh_key(tmp_path)
    sealed = tmp_path / "backup.db.age"
    sealed.write_bytes(encrypt(PLAIN, recipients=[public]))
    out = subprocess.run(["age", "-d", "-i", str(private), str(sealed)], capture_output=True, check=True)
    assert out.stdout == PLAIN
    pub_file = tmp_path / "id.pub"
    by_age = subprocess.run(["age", "-R", str(pub_file)], input=PLAIN, capture_output=True, check=True).stdout
    assert decrypt(by_age, identity=private) == PLAIN


@pytest.mark.parametrize("command", ["import", "restore"])
def test_an_identity_that_never_ends_is_refused(cli, ada, tmp_path, command):
    """--identity /dev/zero read without limit (issue 23)."""
    _, public = age_key(tmp_path)
    sealed = tmp_path / "sealed.age"
    cli("export" if command == "import" else "backup", *(["-o"] if command == "import" else []), str(sealed),
        "--encrypt-to", public)  # fmt: skip
    result = run_process(
        command,
        str(sealed),
        "--identity",
        "/dev/zero",
        *(["--force"] if command == "restore" else []),
        timeout=20,
    )
    assert result.returncode == 1, result.stderr
    assert "is not a key file" in result.stderr and "Traceback" not in result.stderr
