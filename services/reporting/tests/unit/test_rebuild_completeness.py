"""A rebuild that misses a message is refused, so its transaction rolls back: fewer messages read than
the stream held, or a gap in its consumer's sequence (a push subscription can drop messages as a slow
consumer without noticing, as nats-py's ordered consumer did at 1,000,000 events)."""

from types import SimpleNamespace
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


def message(stream_sequence: int, consumer_sequence: int) -> Any:
    sequence = SimpleNamespace(stream=stream_sequence, consumer=consumer_sequence)
    return SimpleNamespace(subject="adr.other.v1", data=b"{}", metadata=SimpleNamespace(sequence=sequence))


class ServerThatSkipsOne:
    """A JetStream context whose consumer delivers messages 1, 2 and then 4 (3 went missing on the way)."""

    def __init__(self) -> None:
        self.consumers: set[str] = set()
        self.unsubscribed = False

    async def add_consumer(self, stream: str, config: Any) -> None:
        self.consumers.add(config.name)

    async def pull_subscribe_bind(self, name: str, **_: Any) -> Any:
        batches = [[message(1, 1), message(2, 2)], [message(4, 4)]]

        async def fetch(batch: int, timeout: float) -> list[Any]:
            return batches.pop(0) if batches else []

        async def unsubscribe() -> None:
            self.unsubscribed = True

        return SimpleNamespace(fetch=fetch, unsubscribe=unsubscribe)

    async def delete_consumer(self, stream: str, name: str) -> None:
        self.consumers.discard(name)


async def test_a_gap_in_the_consumers_sequence_is_refused_and_the_consumer_deleted() -> None:
    server = ServerThatSkipsOne()
    replay = replay_that_read(0, 4)

    with pytest.raises(IncompleteReplay, match="message 3 was not delivered; nothing changed"):
        await replay.run(server, last=4, total=4, progress=None, batch_size=10)  # type: ignore[arg-type]

    assert server.consumers == set() and server.unsubscribed
