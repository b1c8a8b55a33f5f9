"""Test builders for mediation: referrals, open cases, outcomes, routing envelopes."""

from dataclasses import replace
from datetime import UTC, date, datetime
from uuid import UUID, uuid4

from adr_contracts import Envelope, envelope_for
from adr_contracts.intake import DisputeRoutedV1
from adr_contracts.vocabulary import Route
from adr_mediation import handlers
from adr_mediation.domain.model import Agreement, Failure, MediationCase, Referral
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.context import ServiceContext

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
ROUTED_ON = date(2026, 11, 30)
FIRST_RECEIVED_ON = date(2026, 11, 20)


def a_referral(*, case_id: UUID | None = None, reason_code: str = "mediable", routed_on: date = ROUTED_ON) -> Referral:
    """What a routing to mediation tells mediation."""
    return Referral(
        case_id=case_id or uuid4(),
        reason_code=reason_code,
        routed_on=routed_on,
        first_received_on=FIRST_RECEIVED_ON,
        registration_no="WJG-2026-000001",
        agency_codes=("WJG-SCJ",),
        consent=True,
    )


def an_open_case(*, reason_code: str = "mediable", period_days: int = 30) -> MediationCase:
    """A freshly opened mediation case (its opened event still pending)."""
    referral = a_referral(reason_code=reason_code)
    return MediationCase.open(referral, id=uuid4(), now=T0, period_days=period_days, existing=None)


def an_agreement(**changes: object) -> Agreement:
    """A settlement agreement dated after the opening."""
    agreement = Agreement(
        agreed_on=date(2026, 12, 10), obligation_count=2, total_amount_fen=1_500_000, confirmation_requested=True
    )
    return replace(agreement, **changes)  # type: ignore[arg-type]


def a_failure(**changes: object) -> Failure:
    """A failure dated after the opening, sent on to filing."""
    return replace(Failure(failed_on=date(2026, 12, 20), reason="no_agreement", next_route="filing"), **changes)  # type: ignore[arg-type]


def a_routing(
    case_id: UUID, *, route: str = "mediation", reason_code: str = "mediable"
) -> Envelope[DisputeRoutedV1]:
    """Intake's routing event for a dispute, as it travels on the bus."""
    payload = DisputeRoutedV1(
        route=Route(route),
        reason_code=reason_code,
        routed_on=ROUTED_ON,
        first_received_on=FIRST_RECEIVED_ON,
        registration_no="WJG-2026-000001",
        agency_codes=["WJG-SCJ"],
        mediation_consent=True,
    )
    return envelope_for(payload, case_id=case_id, correlation_id=uuid4(), occurred_at=T0)


async def open_case(ctx: ServiceContext, *, now: datetime = T0, reason_code: str = "mediable") -> UUID:
    """Opens a mediation case through the real handler, as a routing event would."""
    command = handlers.OpenMediation(route="mediation", referral=a_referral(reason_code=reason_code))
    uow = MediationUnitOfWork(ctx.sessions, ctx.tables, actor="system:test")
    mediation_case_id = await handlers.open_mediation(command, uow, now=now, period_days=30)
    assert mediation_case_id is not None
    return mediation_case_id
