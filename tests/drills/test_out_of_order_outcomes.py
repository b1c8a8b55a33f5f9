"""Outcomes that reach intake out of order (a defect these drills found, now fixed).

When a mediation's opening and its failure reach intake close together, they wait in two separate
consumers and are applied in either order. Intake's board used to follow whichever it handled last and
could end at 调解中 (mediating) while mediation said 调解不成 (failed), breaking consistency rule R3.
The board now never moves back unless a follow-up visit reopens the case (``Dispute.move_to``).
"""

import os
from typing import Any

import pytest

from adr_runtime import consistency

pytestmark = [
    pytest.mark.drill,
    pytest.mark.e2e,
    pytest.mark.nats,
    pytest.mark.postgres,
    pytest.mark.integration,
    pytest.mark.timeout(600),
    pytest.mark.clause("C1", "R2"),
]

DISPUTES = int(os.environ.get("DRILL_DISPUTES", "6"))
SETTLE_SECONDS = 90.0


def test_a_mediation_failed_right_after_its_opening(drill_platform: Any) -> None:
    """The failure is recorded as soon as mediation shows the case, without waiting for intake's board: the
    opening and the failure reach intake's two consumers close together, as after any delay on intake's side.
    """
    drill_platform.journey(DISPUTES, causal=False)

    report = consistency.check_until(drill_platform.clients, SETTLE_SECONDS)
    assert not report.disagreements, report.summary()
    drill_platform.assert_consistent()
