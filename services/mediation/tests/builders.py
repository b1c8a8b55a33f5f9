"""Test builders for mediation: referrals, cases in each state, agreements, routing and court envelopes."""

from dataclasses import replace
from datetime import UTC, date, datetime
from uuid import UUID, uuid4

from adr_contracts import Envelope, envelope_for
from adr_contracts.intake import DisputeRoutedV1
from adr_contracts.vocabulary import Channel, Route
from adr_mediation import handlers
from adr_mediation.domain.model import Agreement, Failure, MediationCase, Obligation, Referral, Signature
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.context import ServiceContext

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
ROUTED_ON = date(2026, 11, 30)
FIRST_RECEIVED_ON = date(2026, 11, 20)
AGENCY = "WJG-SCJ"


def a_referral(
    *, case_id: UUID | None = None, reason_code: str = "mediable", routed_on: date = ROUTED_ON,
    channel: str | None = None, restricted_to: tuple[str, ...] = (),
) -> Referral:
    """What a routing to mediation tells mediation."""
    return Referral(
        case_id=case_id or uuid4(),
        reason_code=reason_code,
        routed_on=routed_on,
        first_received_on=FIRST_RECEIVED_ON,
        registration_no="WJG-2026-000001",
        agency_codes=(AGENCY,),
        consent=True,
        channel=channel,
        restricted_to=restricted_to,
    )


def an_open_case(*, reason_code: str = "mediable", period_days: int = 30, channel: str | None = None) -> MediationCase:
    """A freshly opened mediation case (its opened event still pending)."""
    referral = a_referral(reason_code=reason_code, channel=channel)
    return MediationCase.open(referral, id=uuid4(), now=T0, period_days=period_days, existing=None)


def an_obligation(**changes: object) -> Obligation:
    """The agency refunds 15,000 yuan by the end of December."""
    item = Obligation(id=uuid4(), obligor_kind="agency", agency_code=AGENCY, description="退还罚款",
                      amount_fen=1_500_000, due_on=date(2026, 12, 31))
    return replace(item, **changes)  # type: ignore[arg-type]


def an_agreement(*obligations: Obligation, **changes: object) -> Agreement:
    """A draft agreement dated after the opening, with one obligation unless given."""
    agreement = Agreement(
        id=uuid4(), drafted_on=date(2026, 12, 8), terms="双方同意以退还罚款方式化解争议。",
        obligations=obligations or (an_obligation(),), confirmation_requested=True,
    )
    return replace(agreement, **changes)  # type: ignore[arg-type]


SIGNATURES = (
    Signature("applicant", "张三", date(2026, 12, 9)),
    Signature("agency", "李四", date(2026, 12, 10)),
    Signature("mediator", "王五", date(2026, 12, 10)),
)


def a_failure(**changes: object) -> Failure:
    """A failure dated after the opening, sent on to filing."""
    return replace(Failure(failed_on=date(2026, 12, 20), reason="no_agreement", next_route="filing"), **changes)  # type: ignore[arg-type]


def a_routing(
    case_id: UUID, *, route: str = "mediation", reason_code: str = "mediable", channel: Channel | None = None,
    restricted_to: list[str] | None = None,
) -> Envelope[DisputeRoutedV1]:
    """Intake's routing event for a dispute, as it travels on the bus."""
    payload = DisputeRoutedV1(
        route=Route(route),
        reason_code=reason_code,
        routed_on=ROUTED_ON,
        first_received_on=FIRST_RECEIVED_ON,
        registration_no="WJG-2026-000001",
        agency_codes=[AGENCY],
        mediation_consent=True,
        channel=channel,
        restricted_to=restricted_to or [],
    )
    return envelope_for(payload, case_id=case_id, correlation_id=uuid4(), occurred_at=T0)


async def open_case(
    ctx: ServiceContext, *, now: datetime = T0, reason_code: str = "mediable", restricted_to: tuple[str, ...] = (),
) -> UUID:
    """Opens a mediation case through the real handler, as a routing event would."""
    referral = a_referral(reason_code=reason_code, restricted_to=restricted_to)
    command = handlers.OpenMediation(route="mediation", referral=referral)
    uow = MediationUnitOfWork(ctx.sessions, ctx.tables, actor="system:test")
    mediation_case_id = await handlers.open_mediation(command, uow, now=now, period_days=30)
    assert mediation_case_id is not None
    return mediation_case_id
