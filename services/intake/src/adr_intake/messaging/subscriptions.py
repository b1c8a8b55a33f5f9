"""What intake reads from the bus: mediation's and the court's outcomes, shown on the centre's board (C1)."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_contracts.court import CaseFiledV1
from adr_contracts.mediation import (
    AgreementReachedV1,
    FollowUpRecordedV1,
    MediationClosedV1,
    MediationFailedV1,
    MediationOpenedV1,
)
from adr_intake import handlers
from adr_intake.delegation import delegation_subscription
from adr_intake.domain.errors import DomainError
from adr_intake.domain.model import Stage
from adr_intake.store.tables import messaging
from adr_intake.uow import IntakeUnitOfWork
from adr_runtime.consumer import Handler, RejectedEvent, Subscription
from adr_runtime.context import ServiceContext


def _follow(stage: Stage | None, actor: str = "system:mediation") -> Handler:
    """A handler that moves the board stage; ``None`` means "only when a follow-up reopens the case"."""

    async def on_outcome(session: AsyncSession, envelope: Envelope[Any]) -> None:
        """Moves the dispute's board stage to follow another institution."""
        if envelope.case_id is None:
            raise RejectedEvent("outcome without a case id")
        target = stage
        if target is None:
            if not envelope.data.reopened:
                return
            target = Stage.MEDIATING
        uow = IntakeUnitOfWork(
            session,
            messaging,
            actor=actor,
            correlation_id=envelope.correlation_id,
            causation_id=envelope.event_id,
        )
        try:
            await handlers.follow_stage(
                envelope.case_id, target, uow, now=envelope.occurred_at, reopened=stage is None
            )
        except DomainError as exc:
            raise RejectedEvent(type(exc).__name__) from None

    return on_outcome


def subscriptions(ctx: ServiceContext) -> Sequence[Subscription]:
    """Intake's handlers, one per contract in whose audience it is."""
    return [
        Subscription(MediationOpenedV1, _follow(Stage.MEDIATING)),
        Subscription(AgreementReachedV1, _follow(Stage.AGREED)),
        Subscription(MediationFailedV1, _follow(Stage.MEDIATION_FAILED)),
        Subscription(MediationClosedV1, _follow(Stage.RESOLVED)),
        Subscription(FollowUpRecordedV1, _follow(None)),
        Subscription(CaseFiledV1, _follow(Stage.FILED_IN_COURT, "system:court-bridge")),
        delegation_subscription(ctx),  # the court's pre-filing delegations (K1)
    ]
