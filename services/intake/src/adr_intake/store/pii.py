"""Personal data at rest: AES-256-GCM with the key id inside every value, so that keys can rotate.

A sealed value reads ``pii1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>``. It is bound to where
it is stored (the *context*, e.g. ``dispute:<id>:applicant.name``, as associated data), so a value
copied into another row or column does not open. Blind keys (HMAC-SHA256 under a key derived
from the same secret) let intake find the same applicant again without storing the ID number.

Keys come from the settings (``INTAKE_PII_KEY`` = ``<key id>:<base64 of 32 bytes>``, older keys
in ``INTAKE_PII_PREVIOUS_KEYS``, comma separated): values sealed under an older key still open,
new values are sealed under the current one. Nothing here logs or echoes a value or a key.
"""

import base64
import binascii
import hashlib
import hmac
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "pii1"
DEV_KEY_ID = "dev"
# Published in the source on purpose: it protects nothing and is refused outside env == "dev".
DEV_KEY = hashlib.sha256(b"adr-intake development key: never for real personal data").digest()
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_NONCE_BYTES = 12


class PiiKeyError(ValueError):
    """A configured key is malformed (the message never contains the key)."""


class UnreadablePersonalData(Exception):
    """A stored value does not open: unknown key id, wrong context, tampering, or plaintext."""


@dataclass(frozen=True)
class Keyring:
    """The key that seals new values and every key that may still open old ones."""

    current_id: str
    keys: Mapping[str, bytes]

    @property
    def is_dev(self) -> bool:
        """True when the published development key is among the keys."""
        return any(key == DEV_KEY for key in self.keys.values())


def parse_key(text: str) -> tuple[str, bytes]:
    """``<key id>:<base64 of 32 bytes>`` -> (key id, key)."""
    key_id, sep, encoded = text.strip().partition(":")
    if not sep or not _KEY_ID.match(key_id):
        raise PiiKeyError("a personal-data key reads <key id>:<base64 of 32 bytes>; the key id is [A-Za-z0-9_-]{1,32}")
    standard = encoded.replace("-", "+").replace("_", "/")
    try:
        key = base64.b64decode(standard + "=" * (-len(standard) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise PiiKeyError(f"personal-data key {key_id!r} is not valid base64") from None
    if len(key) != 32:
        raise PiiKeyError(f"personal-data key {key_id!r} must be 32 bytes (AES-256), not {len(key)}")
    return key_id, key


def keyring_from(current: str | None, previous: str | None = None) -> Keyring:
    """The keyring of the settings; without a current key, the development key.

    Args:
        current: ``INTAKE_PII_KEY`` (None: the development key, allowed by the settings in dev only).
        previous: ``INTAKE_PII_PREVIOUS_KEYS``, comma separated.
    """
    current_id, current_key = parse_key(current) if current else (DEV_KEY_ID, DEV_KEY)
    keys = {current_id: current_key}
    for item in (previous or "").split(","):
        if item.strip():
            key_id, key = parse_key(item)
            keys.setdefault(key_id, key)
    return Keyring(current_id=current_id, keys=keys)


def _derive(key: bytes, purpose: bytes) -> bytes:
    return hmac.new(key, b"adr-intake/" + purpose, hashlib.sha256).digest()


class PiiCipher:
    """Seals and opens personal data; computes blind keys for equality searches."""

    def __init__(self, keyring: Keyring) -> None:
        self._current = keyring.current_id
        self._aead = {kid: AESGCM(_derive(key, b"aes-gcm")) for kid, key in keyring.keys.items()}
        self._index = {kid: _derive(key, b"blind-index") for kid, key in keyring.keys.items()}

    def seal(self, value: str, *, context: str) -> str:
        """Encrypts ``value`` for storage at ``context`` under the current key."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._aead[self._current].encrypt(nonce, value.encode(), context.encode())
        return f"{PREFIX}.{self._current}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def open(self, token: str, *, context: str) -> str:
        """Decrypts a value sealed at ``context`` by any key of the keyring."""
        prefix, _, rest = token.partition(".")
        key_id, _, encoded = rest.partition(".")
        aead = self._aead.get(key_id)
        if prefix != PREFIX or aead is None:
            raise UnreadablePersonalData(f"not a sealed value, or sealed under an unknown key ({context})")
        try:
            raw = base64.urlsafe_b64decode(encoded)
            return aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode()).decode()
        except (InvalidTag, binascii.Error, ValueError):
            raise UnreadablePersonalData(f"sealed value does not open ({context})") from None

    def seal_optional(self, value: str | None, *, context: str) -> str | None:
        """``seal`` for an optional value."""
        return None if value is None else self.seal(value, context=context)

    def open_optional(self, token: str | None, *, context: str) -> str | None:
        """``open`` for an optional value."""
        return None if token is None else self.open(token, context=context)

    def blind_key(self, value: str, *, kind: str) -> str:
        """The searchable stand-in of a value under the current key (``<key id>.<hex>``)."""
        return self._blind(self._current, value, kind)

    def blind_keys(self, value: str, *, kind: str) -> frozenset[str]:
        """The stand-ins under every key, to find values indexed before a rotation."""
        return frozenset(self._blind(key_id, value, kind) for key_id in self._index)

    def _blind(self, key_id: str, value: str, kind: str) -> str:
        digest = hmac.new(self._index[key_id], f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
        return f"{key_id}.{digest[:40]}"


def mask_name(name: str) -> str:
    """Keeps the first character: 张三 -> 张*, 某某有限公司 -> 某*****."""
    return name[:1] + "*" * max(len(name) - 1, 1)


def mask_phone(phone: str) -> str:
    """Keeps the first three and the last four digits: 13800001234 -> 138****1234."""
    digits = phone.strip()
    if len(digits) <= 7:
        return "*" * max(len(digits) - 2, 1) + digits[-2:]
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
