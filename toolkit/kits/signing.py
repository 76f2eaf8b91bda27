"""Ed25519 signatures of the kits, in minisign's format, so that a partner can check a kit with
``hub verify`` or with the ``minisign`` tool alone.

The hub signs each kit's ``manifest.json`` (which holds the SHA-256 of every other file of the
kit) into ``manifest.json.minisig``: whoever rewrites a file must rewrite the manifest, and cannot
sign it again. Kits built in CI are signed with the secret in ``HUB_SIGNING_KEY``; local builds
are unsigned, and ``hub verify`` says so.

Formats (https://jedisct1.github.io/minisign/):

- public key: ``untrusted comment: ...`` then base64(``Ed`` || key id (8 bytes) || public key (32));
- signature: ``untrusted comment: ...``, base64(``ED`` || key id || Ed25519(BLAKE2b-512(file))),
  ``trusted comment: ...``, base64(Ed25519(signature || trusted comment));
- secret (the hub's own, for the CI secret, never minisign's encrypted file):
  ``hub-ed25519:`` base64(key id || 32-byte seed).

Check by hand: ``minisign -Vm manifest.json -P <HUB_PUBLIC_KEY>``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

from toolkit.base.environment import environment

#: The hub's public key (minisign format, the base64 line). Its secret half is the CI secret
#: HUB_SIGNING_KEY; README.md and the downloads page print the same key.
HUB_PUBLIC_KEY = "RWRZ/Xin9z05FiyF+KB4Shm9fAEvHAdsBAbxVHB0cgE/PfxZxDhTlDtp"
ENV_KEY = "HUB_SIGNING_KEY"
SECRET_PREFIX = "hub-ed25519:"
SIGNATURE_SUFFIX = ".minisig"
#: A signature file is four short lines; anything longer is not one.
MAX_SIGNATURE_BYTES = 4096

SIGNED = "signed by the hub"
UNSIGNED = "unsigned (local build)"
MISMATCH = "signature does not match"


class SigningError(Exception):
    """The signing key cannot be used: the message says why and how to fix it."""


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes
    raw: bytes

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        """A public key from its base64 line, or from a minisign.pub file's text."""
        line = [
            part
            for part in text.strip().splitlines()
            if part and not part.startswith("untrusted comment:")
        ]
        try:
            data = base64.b64decode(line[-1].strip(), validate=True)
        except (IndexError, binascii.Error) as error:
            raise ValueError("not a minisign public key") from error
        if len(data) != 42 or data[:2] != b"Ed":
            raise ValueError("not a minisign Ed25519 public key")
        return cls(data[2:10], data[10:])

    def line(self) -> str:
        return base64.b64encode(b"Ed" + self.key_id + self.raw).decode("ascii")

    def file_text(self) -> str:
        return f"untrusted comment: minisign public key {self.key_id[::-1].hex().upper()}\n{self.line()}\n"


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    seed: bytes

    @classmethod
    def generate(cls) -> SecretKey:
        return cls(secrets.token_bytes(8), secrets.token_bytes(32))

    @classmethod
    def parse(cls, text: str) -> SecretKey:
        text = text.strip()
        if not text.startswith(SECRET_PREFIX):
            raise SigningError(
                f"{ENV_KEY} does not start with '{SECRET_PREFIX}' (make one with `hub keygen`)."
            )
        try:
            data = base64.b64decode(text[len(SECRET_PREFIX) :], validate=True)
        except binascii.Error:
            data = b""
        if len(data) != 40:
            raise SigningError(f"{ENV_KEY} is not a hub signing key (make one with `hub keygen`).")
        return cls(data[:8], data[8:])

    def text(self) -> str:
        return SECRET_PREFIX + base64.b64encode(self.key_id + self.seed).decode("ascii")

    def _private(self):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.seed)

    def public(self) -> PublicKey:
        from cryptography.hazmat.primitives import serialization

        raw = (
            self._private()
            .public_key()
            .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        )
        return PublicKey(self.key_id, raw)

    def sign(
        self,
        data: bytes,
        trusted_comment: str,
        untrusted_comment: str = "signature from the Kayes hub",
    ) -> str:
        """The text of a minisign signature (prehashed, ``ED``) of ``data``."""
        if "\n" in trusted_comment or "\r" in trusted_comment:
            raise SigningError("a trusted comment is one line")
        private = self._private()
        signature = private.sign(hashlib.blake2b(data, digest_size=64).digest())
        global_signature = private.sign(signature + trusted_comment.encode("utf-8"))
        return (
            f"untrusted comment: {untrusted_comment}\n"
            f"{base64.b64encode(b'ED' + self.key_id + signature).decode('ascii')}\n"
            f"trusted comment: {trusted_comment}\n"
            f"{base64.b64encode(global_signature).decode('ascii')}\n"
        )


def key_from_environment() -> SecretKey | None:
    """The CI's signing key (HUB_SIGNING_KEY), or None for a local, unsigned build."""
    value = environment().signing_key
    return SecretKey.parse(value) if value else None


def check(data: bytes, signature_text: bytes | str, public: PublicKey | None = None) -> str:
    """SIGNED or MISMATCH: ``signature_text`` (a .minisig file) over ``data``, by ``public``
    (default: the hub's key). Never raises on a malformed signature: it does not match."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    public = public or PublicKey.parse(HUB_PUBLIC_KEY)
    try:
        if isinstance(signature_text, bytes):
            if len(signature_text) > MAX_SIGNATURE_BYTES:
                return MISMATCH
            signature_text = signature_text.decode("utf-8")
        lines = signature_text.split("\n")
        if len(lines) < 4 or not lines[2].startswith("trusted comment: "):
            return MISMATCH
        blob = base64.b64decode(lines[1].strip(), validate=True)
        global_signature = base64.b64decode(lines[3].strip(), validate=True)
        if len(blob) != 74 or blob[2:10] != public.key_id or len(global_signature) != 64:
            return MISMATCH
        algorithm, signature = blob[:2], blob[10:]
        if algorithm == b"ED":
            message = hashlib.blake2b(data, digest_size=64).digest()
        elif algorithm == b"Ed":
            message = data
        else:
            return MISMATCH
        key = Ed25519PublicKey.from_public_bytes(public.raw)
        key.verify(signature, message)
        key.verify(
            global_signature, signature + lines[2][len("trusted comment: ") :].encode("utf-8")
        )
    except (UnicodeDecodeError, binascii.Error, ValueError, InvalidSignature):
        return MISMATCH
    return SIGNED


def sign_file(path: Path, key: SecretKey, trusted_comment: str | None = None) -> Path:
    """Write ``<path>.minisig`` with ``key``."""
    path = Path(path)
    comment = trusted_comment if trusted_comment is not None else f"file:{path.name}"
    target = path.with_name(path.name + SIGNATURE_SUFFIX)
    target.write_text(key.sign(path.read_bytes(), comment), encoding="utf-8", newline="\n")
    return target
