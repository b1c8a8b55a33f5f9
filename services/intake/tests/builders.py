"""Test builders for intake (a_dispute(...), registration bodies)."""

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

from adr_intake.domain.model import Applicant, Dispute

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def a_dispute(*, channel: str = "centre_walk_in", consent: bool = False, case_id: UUID | None = None) -> Dispute:
    """A freshly registered dispute (its registration event still pending)."""
    return Dispute.register(
        id=case_id or uuid4(),
        registration_no="WJG-2026-000001",
        channel=channel,
        received_on=date(2026, 11, 20),
        registered_at=T0,
        agency_codes=("WJG-SCJ",),
        act_type="penalty",
        applicants=(Applicant(kind="natural", name="张三"),),
        claims_summary="请求撤销罚款决定",
        mediation_consent=consent,
    )
