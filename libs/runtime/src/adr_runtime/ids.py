"""Time-ordered identifiers (UUIDv7, RFC 9562) for cases and events."""

import os
import time
import uuid


def new_uuid7() -> uuid.UUID:
    """A UUIDv7: 48 bits of Unix milliseconds, then random bits, so ids sort by creation time."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version 7
    value |= ((rand >> 62) & 0xFFF) << 64  # 12 random bits
    value |= 0b10 << 62  # RFC 4122 variant
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)
