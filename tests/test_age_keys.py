"""age keys beyond X25519 and plain SSH keys, as a user brings them to ``export``, ``import``
and ``restore``: passphrase-protected identity files (``age -p keys.txt``), which pyrage can
open; post-quantum keys (``age1pq1…``, age 1.3) and passphrase-protected SSH keys, which pyrage
cannot, refused with a message that says exactly that."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from helpers import age_key, snapshot

pyrage = pytest.importorskip("pyrage")

PQ_PUBLIC = "age1pq1" + "qpzry9x8gf2tvdw0s3jn54khce6mua7l" * 60  # the shape; pyrage cannot use one


@pytest.fixture
def journal(cli):
    cli("mentor", "add", "Ada Lovelace", "--every", "weekly")
    cli("log", "ada", "--on", "2026-11-10 15:00", "--notes", "Talked about the RFC.")
    return "ada"


_sealed: dict[str, tuple[bytes, str]] = {}  # passphrase → (the sealed key file, its public key)


def protected_key(tmp_path, passphrase: str):
    """An age key file protected with a passphrase, as ``age -p keys.txt > keys.txt.age`` makes it.
    Sealed once per test process (scrypt takes over a second) and copied into each test's folder."""
    if passphrase not in _sealed:
        plain, public = age_key(tmp_path)
        _sealed[passphrase] = (pyrage.passphrase.encrypt(plain.read_bytes(), passphrase), public)
        plain.unlink()
    data, public = _sealed[passphrase]
    sealed = tmp_path / "keys.txt.age"
    sealed.write_bytes(data)
    return sealed, public


def test_post_quantum_recipient_is_refused_saying_pyrage_cannot(cli, journal, tmp_path):
    from mentorlog.io.crypto import pyrage_version

    target = tmp_path / "out.json.age"
    result = cli("export", "-o", str(target), "--encrypt-to", PQ_PUBLIC, code=2)
    assert "is a post-quantum age key (age1pq1…, age 1.3 and later)" in result.stderr
    assert (
        f"pyrage {pyrage_version()}, the age library mentorlog uses, cannot encrypt to one yet"
        in result.stderr
    )
    assert "X25519 key" in result.stderr and "--passphrase" in result.stderr
    assert PQ_PUBLIC not in result.stderr  # named, not dumped
    assert not target.exists()


def test_post_quantum_secret_key_is_refused_saying_pyrage_cannot(cli, journal, tmp_path, monkeypatch):
    _, public = age_key(tmp_path, "other.txt")
    sealed = tmp_path / "out.json.age"
    cli("export", "-o", str(sealed), "--encrypt-to", public)
    keys = tmp_path / "pq.txt"
    keys.write_text("# created by age-keygen -pq\nAGE-SECRET-KEY-PQ-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQ\n")
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "other.db"))
    result = cli("import", str(sealed), "--identity", str(keys), code=1)
    assert "Line 2 of the identity file" in result.stderr and "post-quantum" in result.stderr
    assert "cannot decrypt with one yet" in result.stderr
    assert "QQQQQQQQ" not in result.stderr


def test_passphrase_protected_identity_file_opens_an_export(cli, journal, tmp_path, monkeypatch):
    keys, public = protected_key(tmp_path, "correct horse")
    sealed = tmp_path / "out.json.age"
    cli("export", "-o", str(sealed), "--encrypt-to", public)
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "other.db"))
    monkeypatch.setenv("MENTORLOG_IDENTITY_PASSPHRASE", "correct horse")
    out = cli("import", str(sealed), "--identity", str(keys)).stdout
    assert re.search(r"meetings +1 added", out)  # the column is as wide as the longest table name


def test_wrong_identity_passphrase_changes_nothing(cli, journal, tmp_path, monkeypatch, db_path):
    keys, public = protected_key(tmp_path, "correct horse")
    sealed = tmp_path / "out.json.age"
    cli("export", "-o", str(sealed), "--encrypt-to", public)
    before = snapshot(db_path)
    monkeypatch.setenv("MENTORLOG_IDENTITY_PASSPHRASE", "battery staple")
    result = cli("import", str(sealed), "--identity", str(keys), code=1)
    assert f"The identity file {keys} could not be unlocked with that passphrase" in result.stderr
    assert snapshot(db_path) == before


def test_identity_passphrase_without_a_terminal_or_variable_says_how(cli, journal, tmp_path, monkeypatch):
    keys, public = protected_key(tmp_path, "correct horse")
    sealed = tmp_path / "out.json.age"
    cli("export", "-o", str(sealed), "--encrypt-to", public)
    for var in ("MENTORLOG_IDENTITY_PASSPHRASE", "MENTORLOG_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    result = cli("import", str(sealed), "--identity", str(keys), code=2)
    assert "no terminal to ask" in result.stderr


def test_passphrase_protected_identity_file_restores_a_backup(cli, journal, tmp_path, monkeypatch, db_path):
    keys, public = protected_key(tmp_path, "correct horse")
    backup = tmp_path / "journal.db.age"
    cli("backup", str(backup), "--encrypt-to", public)
    cli("todo", "add", "Made after the backup")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse")  # also unlocks a key file
    cli("restore", str(backup), "--identity", str(keys), "--force")
    assert "Made after the backup" not in cli("todo", "list").stdout


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not installed")
def test_passphrase_protected_ssh_key_says_pyrage_cannot(cli, journal, tmp_path, monkeypatch, db_path):
    key = tmp_path / "id_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "hunter22", "-C", "me@laptop", "-f", str(key)],
        check=True,
        capture_output=True,
    )
    public = (tmp_path / "id_ed25519.pub").read_text().strip()
    sealed = tmp_path / "out.json.age"
    cli("export", "-o", str(sealed), "--encrypt-to", public)
    before = snapshot(db_path)
    result = cli("import", str(sealed), "--identity", str(key), code=1)
    assert "is protected by a passphrase; pyrage" in result.stderr
    assert "cannot unlock a passphrase-protected SSH key" in result.stderr
    assert f"age -d -i {key}" in result.stderr
    assert snapshot(db_path) == before
