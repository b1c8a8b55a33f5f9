"""Each institution signs what it publishes (Ed25519); consumers verify before they apply (issue #10).

The signature covers the subject and the exact body bytes (``subject + "\\n" + body``), so an event
can be neither altered nor re-published under another subject. It travels in the ``Adr-Signature``
header as ``<key id>.<base64 signature>``. A key id is trusted only for the institution it was
issued to: intake's key cannot vouch for an event on a court subject.

Keys rotate by key id: the producer signs with its new key while consumers trust the old and the new
public key until every event signed with the old one has been consumed.

Development and tests use published keys derived from each service's name; production refuses them.
"""

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from adr_contracts.services import SERVICES, ServiceName
from adr_contracts.subjects import parse_subject

HEADER: Final = "Adr-Signature"


class SignatureRefused(ValueError):
    """An event's signature is missing, unknown, another institution's, or wrong."""


def _message(subject: str, body: bytes) -> bytes:
    return subject.encode() + b"\n" + body


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@dataclass(frozen=True)
class Signer:
    """Signs one institution's events with its current key."""

    key_id: str
    private_key: Ed25519PrivateKey

    @classmethod
    def from_secret(cls, secret: str) -> "Signer":
        """A signer from ``<key id>:<base64 of the 32-byte Ed25519 seed>``."""
        key_id, _, seed = secret.partition(":")
        raw = base64.b64decode(seed, validate=True)
        if not key_id or len(raw) != 32 or "." in key_id:
            raise ValueError("a signing key is '<key id>:<base64 of 32 bytes>' (the key id without dots)")
        return cls(key_id=key_id, private_key=Ed25519PrivateKey.from_private_bytes(raw))

    def sign(self, subject: str, body: bytes) -> str:
        """The header value for an event."""
        return f"{self.key_id}.{_b64(self.private_key.sign(_message(subject, body)))}"

    def public_key_b64(self) -> str:
        """The public half, as consumers list it in their trusted keys."""
        return _b64(self.private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


@dataclass(frozen=True)
class TrustedKey:
    """A public key and the institution whose events it may sign."""

    service: ServiceName
    public_key: Ed25519PublicKey


class Verifier:
    """Checks that an event was signed by the institution that owns its subject."""

    def __init__(self, trusted: Mapping[str, TrustedKey], *, required: bool) -> None:
        self._trusted = dict(trusted)
        self.required = required

    @classmethod
    def from_config(cls, config: Mapping[str, Mapping[str, str]], *, required: bool) -> "Verifier":
        """From ``{key id: {"service": ..., "public_key": <base64>}}`` (settings ``ADR_TRUSTED_KEYS``)."""
        trusted: dict[str, TrustedKey] = {}
        for key_id, entry in config.items():
            service = entry["service"]
            if service not in SERVICES:
                raise ValueError(f"trusted key {key_id!r} names an unknown service {service!r}")
            raw = base64.b64decode(entry["public_key"], validate=True)
            trusted[key_id] = TrustedKey(service, Ed25519PublicKey.from_public_bytes(raw))
        return cls(trusted, required=required)

    def verify(self, subject: str, body: bytes, header: str | None) -> bool:
        """True when a valid signature is present; False when absent and not required.

        Raises:
            SignatureRefused: absent while required, unknown key, another institution's key, or invalid.
        """
        if not header:
            if self.required:
                raise SignatureRefused("signature: missing")
            return False
        key_id, _, signature = header.partition(".")
        trusted = self._trusted.get(key_id)
        if trusted is None:
            raise SignatureRefused("signature: unknown key id")
        if trusted.service != parse_subject(subject).producer:
            raise SignatureRefused("signature: the key belongs to another institution")
        try:
            trusted.public_key.verify(base64.b64decode(signature, validate=True), _message(subject, body))
        except (InvalidSignature, ValueError):
            raise SignatureRefused("signature: does not match the event") from None
        return True


# --- published development keys (refused in production) ---


def development_secret(service: ServiceName) -> str:
    """The published development signing key of a service (never for production)."""
    seed = hashlib.sha256(f"adr-development-signing-key:{service}".encode()).digest()
    return f"dev-{service}-1:{_b64(seed)}"


def development_trusted_keys() -> dict[str, dict[str, str]]:
    """Every service's development public key, as ``ADR_TRUSTED_KEYS`` would list them."""
    keys: dict[str, dict[str, str]] = {}
    for service in SERVICES:
        signer = Signer.from_secret(development_secret(service))
        keys[signer.key_id] = {"service": service, "public_key": signer.public_key_b64()}
    return keys


def main(argv: list[str] | None = None) -> int:
    """``python -m adr_runtime.signing new <service>``: a fresh key pair for an institution."""
    import argparse
    import os
    import sys

    parser = argparse.ArgumentParser(prog="adr-signing", description="Ed25519 keys for signing events")
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser("new", help="print a new signing key and its trusted-key entry")
    new.add_argument("service", choices=SERVICES)
    new.add_argument("--key-id", help="default: <service>-<8 hex digits>")
    args = parser.parse_args(argv)
    seed = os.urandom(32)
    key_id = args.key_id or f"{args.service}-{seed.hex()[:8]}"
    signer = Signer.from_secret(f"{key_id}:{_b64(seed)}")
    entry = {key_id: {"service": args.service, "public_key": signer.public_key_b64()}}
    sys.stdout.write(f"signing key (the service's secret <PREFIX>SIGNING_KEY): {key_id}:{_b64(seed)}\n")
    sys.stdout.write(f"trusted-key entry (add to ADR_TRUSTED_KEYS of every service): {json.dumps(entry)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
