"""The desk page's reading of an operator's correction (issue #10 item 7)."""

import pytest

from adr_runtime.dead_letters.desk import DeadLetter
from adr_runtime.dead_letters.pages import correction


def _letter(body: bytes) -> DeadLetter:
    return DeadLetter(1, "adr.x.y.z.v1", "S", 1, "c", "r", 1, None, body)


def test_an_unchanged_form_replays_as_received_and_a_change_is_compacted() -> None:
    letter = _letter(b'{"id": "1", "data": {}}')

    assert correction(letter.pretty_body, letter) is None
    assert correction('{"id": "1", "data": {"a": 1}}', letter) == b'{"id": "1", "data": {"a": 1}}'
    with pytest.raises(ValueError):
        correction("{not json", letter)
