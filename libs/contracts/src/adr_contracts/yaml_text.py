"""A small, deterministic YAML writer for JSON-like data (the AsyncAPI document).

The package depends on pydantic only, so it does not pull in a YAML library. The output is
block-style YAML 1.2 that PyYAML and js-yaml read back to the same data: strings are plain
only when they cannot be mistaken for anything else, otherwise JSON-quoted (a JSON string
is a valid YAML double-quoted scalar).
"""

import json
import re
from typing import Any

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_./+\-]*$")
_PLAIN_KEY = re.compile(r"^[A-Za-z$][A-Za-z0-9_.\-]*$")
# Words that YAML 1.1 readers (PyYAML) turn into booleans or null.
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def to_yaml(data: dict[str, Any]) -> str:
    """Renders a mapping as block-style YAML, keeping the mapping's key order.

    Args:
        data: a JSON-like mapping (dict, list, str, int, float, bool, None).
    """
    return "\n".join(_mapping(data, 0)) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        plain = _PLAIN.match(value) and value.lower() not in _RESERVED
        return value if plain else json.dumps(value, ensure_ascii=False)
    if value is None or isinstance(value, bool | int | float):
        return json.dumps(value)
    raise TypeError(f"cannot render {type(value).__name__} as YAML")


def _key(key: str) -> str:
    plain = _PLAIN_KEY.match(key) and key.lower() not in _RESERVED
    return key if plain else json.dumps(key, ensure_ascii=False)


def _literal(value: Any) -> bool:
    """Multi-line text that a literal block (``|``, one final newline) keeps exactly."""
    if not isinstance(value, str) or not value.endswith("\n") or value.endswith("\n\n"):
        return False
    breaks = ("\r", "\t", "\x85", "\u2028", "\u2029")
    return value[0] not in " \n" and not any(b in value for b in breaks)


def _is_block(value: Any) -> bool:
    return isinstance(value, dict | list) and len(value) > 0


def _inline(value: Any) -> str:
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    return _scalar(value)


def _mapping(data: dict[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        if _literal(value):
            lines.append(f"{pad}{_key(key)}: |")
            lines.extend(f"{pad}  {line}" if line else "" for line in value[:-1].split("\n"))
        elif not _is_block(value):
            lines.append(f"{pad}{_key(key)}: {_inline(value)}")
        elif isinstance(value, dict):
            lines.append(f"{pad}{_key(key)}:")
            lines.extend(_mapping(value, indent + 2))
        else:
            lines.append(f"{pad}{_key(key)}:")
            lines.extend(_sequence(value, indent + 2))
    return lines


def _sequence(items: list[Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if not _is_block(item):
            lines.append(f"{pad}- {_inline(item)}")
            continue
        nested = _mapping(item, indent + 2) if isinstance(item, dict) else _sequence(item, indent + 2)
        # The first line of the nested block moves up beside the dash.
        lines.append(f"{pad}- {nested[0].lstrip()}")
        lines.extend(nested[1:])
    return lines
