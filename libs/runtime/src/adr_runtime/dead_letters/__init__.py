"""The operator's desk for dead letters (issue #10): inspect, correct and replay, or discard with a reason.

A dead letter is a message a service's consumer could not apply. The desk lists only the letters of its
own service, shows each one with why it was rejected, and replays it through the same path a live
delivery takes (inbox row and handler in one transaction), optionally with a corrected document. A
replayed or discarded letter leaves the stream, and the operator's action is recorded in the audit log.
"""

from adr_runtime.dead_letters.desk import (
    DeadLetter,
    DeadLetterDesk,
    DeadLetterNotFound,
    LetterStillRejected,
    ReplayRefused,
)

__all__ = ["DeadLetter", "DeadLetterDesk", "DeadLetterNotFound", "LetterStillRejected", "ReplayRefused"]
