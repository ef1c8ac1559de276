"""A passphrase-encrypted age file written at a low scrypt work factor, for the tests.

age seals a passphrase with scrypt at a work factor chosen to take about a second on the
machine, which is right for a person and wrong for a suite that seals dozens of them: it was a
quarter of the suite's CPU. As Django swaps its password hasher for a cheap one in tests, the
suite swaps ``pyrage.passphrase.encrypt`` for ``seal`` below (conftest.py), except in the tests
marked ``real_scrypt``, which keep age's own. Everything else stays real: the file is the age v1
format (https://age-encryption.org/v1), and mentorlog opens it with pyrage's real decryption,
which checks the header's MAC and every chunk's tag, so a mistake here fails the tests.

ChaCha20-Poly1305 is written out from RFC 8439 because the standard library has no AEAD; it is
slow in Python (about a megabyte a second), which the small files of the tests do not notice.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct

WORK_FACTOR = 10  # log2 of scrypt's N: a millisecond, against age's 2**18 or so
CHUNK = 64 * 1024

_MASK = 0xFFFFFFFF
_SIGMA = struct.unpack("<4I", b"expand 32-byte k")


def _quarter(s: list[int], a: int, b: int, c: int, d: int) -> None:
    s[a] = (s[a] + s[b]) & _MASK
    s[d] ^= s[a]
    s[d] = ((s[d] << 16) | (s[d] >> 16)) & _MASK
    s[c] = (s[c] + s[d]) & _MASK
    s[b] ^= s[c]
    s[b] = ((s[b] << 12) | (s[b] >> 20)) & _MASK
    s[a] = (s[a] + s[b]) & _MASK
    s[d] ^= s[a]
    s[d] = ((s[d] << 8) | (s[d] >> 24)) & _MASK
    s[c] = (s[c] + s[d]) & _MASK
    s[b] ^= s[c]
    s[b] = ((s[b] << 7) | (s[b] >> 25)) & _MASK


def _block(key: tuple[int, ...], counter: int, nonce: tuple[int, ...]) -> bytes:
    start = [*_SIGMA, *key, counter & _MASK, *nonce]
    s = list(start)
    for _ in range(10):
        _quarter(s, 0, 4, 8, 12)
        _quarter(s, 1, 5, 9, 13)
        _quarter(s, 2, 6, 10, 14)
        _quarter(s, 3, 7, 11, 15)
        _quarter(s, 0, 5, 10, 15)
        _quarter(s, 1, 6, 11, 12)
        _quarter(s, 2, 7, 8, 13)
        _quarter(s, 3, 4, 9, 14)
    return struct.pack("<16I", *((x + y) & _MASK for x, y in zip(s, start, strict=True)))


def _chacha20(key: bytes, counter: int, nonce: bytes, data: bytes) -> bytes:
    k, n = struct.unpack("<8I", key), struct.unpack("<3I", nonce)
    stream = b"".join(_block(k, counter + i, n) for i in range((len(data) + 63) // 64))
    mixed = int.from_bytes(data, "little") ^ int.from_bytes(stream[: len(data)], "little")
    return mixed.to_bytes(len(data), "little")


def _poly1305(key: bytes, message: bytes) -> bytes:
    r = int.from_bytes(key[:16], "little") & 0x0FFFFFFC0FFFFFFC0FFFFFFC0FFFFFFF
    s = int.from_bytes(key[16:], "little")
    p = (1 << 130) - 5
    acc = 0
    for i in range(0, len(message), 16):
        piece = message[i : i + 16] + b"\x01"
        acc = (acc + int.from_bytes(piece, "little")) * r % p
    return ((acc + s) & ((1 << 128) - 1)).to_bytes(16, "little")


def _pad16(data: bytes) -> bytes:
    return b"\x00" * (-len(data) % 16)


def chacha20_poly1305(key: bytes, nonce: bytes, plaintext: bytes, aad: bytes = b"") -> bytes:
    """RFC 8439 §2.8: the ciphertext followed by its 16-byte tag."""
    one_time = _chacha20(key, 0, nonce, b"\x00" * 32)
    ciphertext = _chacha20(key, 1, nonce, plaintext)
    mac_data = aad + _pad16(aad) + ciphertext + _pad16(ciphertext)
    mac_data += struct.pack("<QQ", len(aad), len(ciphertext))
    return ciphertext + _poly1305(one_time, mac_data)


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    prk = hmac.new(salt or b"\x00" * 32, ikm, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()  # 32 bytes: one block


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def seal(plaintext: bytes, passphrase: str, armored: bool = False) -> bytes:
    """``plaintext`` as a binary age file that opens with ``passphrase``."""
    assert not armored, "mentorlog writes binary age files"
    file_key, salt, nonce = os.urandom(16), os.urandom(16), os.urandom(16)
    wrap_key = hashlib.scrypt(
        passphrase.encode(),
        salt=b"age-encryption.org/v1/scrypt" + salt,
        n=2**WORK_FACTOR,
        r=8,
        p=1,
        dklen=32,
    )
    body = _b64(chacha20_poly1305(wrap_key, b"\x00" * 12, file_key))
    header = f"age-encryption.org/v1\n-> scrypt {_b64(salt)} {WORK_FACTOR}\n{body}\n---".encode()
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    payload_key = _hkdf(file_key, nonce, b"payload")
    pieces = [plaintext[i : i + CHUNK] for i in range(0, len(plaintext), CHUNK)] or [b""]
    sealed = [
        chacha20_poly1305(payload_key, i.to_bytes(11, "big") + bytes([i == len(pieces) - 1]), piece)
        for i, piece in enumerate(pieces)
    ]
    return header + b" " + _b64(mac).encode() + b"\n" + nonce + b"".join(sealed)
