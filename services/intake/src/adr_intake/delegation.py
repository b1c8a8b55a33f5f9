"""A dispute the court delegated before filing (委派, K1), registered by intake like any other.

The court gives the dispute its case id; intake registers it under that same id, so that mediation's
outcome and a later filing refer to one dispute across institutions. Registration goes through the
same domain as the API's (numbering, repeat check, classification, sealed personal data, events);
with the parties' consent the domain routes it to mediation in the same transaction. Intake has no
field for another institution's reference yet, so the court's pre-litigation number is kept at the
head of the (sealed) claims summary.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_contracts.court import DisputeDelegatedV1
from adr_contracts.vocabulary import Channel
from adr_intake import handlers
from adr_intake.domain.classification import ClassificationRules
from adr_intake.domain.model import Applicant, Dispute
from adr_intake.settings import Settings
from adr_intake.store.tables import disputes, messaging
from adr_intake.uow import IntakeUnitOfWork, pii_cipher
from adr_runtime.consumer import Handler, RejectedEvent, Subscription
from adr_runtime.context import ServiceContext


def claims_summary(delegation: DisputeDelegatedV1) -> str:
    """The summary a delegated dispute is registered with: the court's number as its reference."""
    return f"法院诉前委派（{delegation.delegation_no}），{delegation.delegated_on.isoformat()}委派化解中心调解"


async def register_delegated(
    delegation: DisputeDelegatedV1,
    envelope: Envelope[Any],
    uow: IntakeUnitOfWork,
    *,
    number_format: str,
    rules: ClassificationRules,
    now: datetime,
) -> bool:
    """Registers the delegated dispute under the court's case id, once; False if it is already registered."""
    assert envelope.case_id is not None
    async with uow:
        known = await uow.session.scalar(select(disputes.c.id).where(disputes.c.id == envelope.case_id))
        if known is not None:
            return False
        seq = await uow.disputes.next_registration_seq(now.year)
        dispute = Dispute.register(
            id=envelope.case_id,
            registration_no=number_format.format(year=now.year, seq=seq),
            channel=Channel.COURT_DELEGATION.value,
            received_on=delegation.received_on,
            registered_at=now,
            agency_codes=tuple(delegation.agency_codes),
            act_type=delegation.act_type,
            applicants=tuple(
                Applicant(
                    kind="legal_person" if a.organisation else "natural", name=a.name, id_no=a.id_number, phone=a.phone
                )
                for a in delegation.applicants
            ),
            claims_summary=claims_summary(delegation),
            mediation_consent=delegation.consent,
        )
        await handlers._on_registration(dispute, uow, rules=rules, now=now)  # the API's own registration steps
        await uow.disputes.add(dispute)
        await uow.commit()
    return True


def delegation_subscription(ctx: ServiceContext) -> Subscription:
    """Intake's subscriber for the court's delegations."""
    settings = ctx.settings
    assert isinstance(settings, Settings)

    async def on_delegated(session: AsyncSession, envelope: Envelope[Any]) -> None:
        """Registers the delegated dispute (channel court_delegation) and routes it on as consented."""
        if envelope.case_id is None:
            raise RejectedEvent("delegation without a case id")
        uow = IntakeUnitOfWork(
            session, messaging, actor="system:court-bridge", correlation_id=envelope.correlation_id,
            causation_id=envelope.event_id, cipher=pii_cipher(ctx),
        )
        await register_delegated(
            envelope.data, envelope, uow, number_format=settings.registration_no_format,
            rules=settings.classification_rules(), now=envelope.occurred_at,
        )

    handler: Handler = on_delegated
    return Subscription(DisputeDelegatedV1, handler)
