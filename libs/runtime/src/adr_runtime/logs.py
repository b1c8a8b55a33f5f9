"""Structured JSON logs; personal data patterns are masked as a last line of defence.

The code never logs payloads, request bodies or names (STYLE.md B.11); the filter below still
masks anything shaped like a resident ID number or a mobile phone number, in case one slips in.
"""

import logging
import re
import sys

from pythonjsonlogger.json import JsonFormatter

_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def mask_personal_data(text: str) -> str:
    """Replaces resident ID numbers and mobile numbers with a fixed mask."""
    return _MOBILE.sub("1**********", _ID_NUMBER.sub("******************", text))


class PersonalDataFilter(logging.Filter):
    """Masks ID and phone numbers in the rendered message and in string arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask_personal_data(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(mask_personal_data(a) if isinstance(a, str) else a for a in record.args)
        return True


def setup_logging(service: str, *, level: str = "INFO", json_format: bool = True) -> None:
    """Configures the root logger once for the process.

    Args:
        service: added to every line as ``service``.
        level: the root level.
        json_format: JSON lines (default) or plain text for a terminal.
    """
    handler = logging.StreamHandler(sys.stderr)
    if json_format:
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
                static_fields={"service": service},
            )
        )
    else:
        handler.setFormatter(logging.Formatter(f"%(asctime)s {service} %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("faststream", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
