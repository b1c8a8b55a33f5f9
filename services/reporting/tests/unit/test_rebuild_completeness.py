"""A rebuild that read fewer messages than its stream held is refused, so its transaction rolls back
(nats-py's ordered consumer can drop messages as a slow consumer without noticing the gap)."""

from typing import Any

import pytest

from adr_reporting.rebuild import IncompleteReplay, RebuildReport, _Replay

pytestmark = [pytest.mark.clause("M11", "J1")]


def replay_that_read(read: int, expected: int) -> _Replay:
    report = RebuildReport(read={"ADR_INTAKE": read})
    unused: Any = None
    return _Replay(unused, unused, unused, report, "ADR_INTAKE", set(), expected=expected)


def test_a_short_read_is_refused_with_the_counts() -> None:
    with pytest.raises(IncompleteReplay, match="read 999 of 1000"):
        replay_that_read(999, 1000)._check_complete()


def test_a_complete_read_passes() -> None:
    assert replay_that_read(1000, 1000)._check_complete() is None
    assert replay_that_read(0, 0)._check_complete() is None
