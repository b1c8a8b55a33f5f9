"""What reporting reads from the bus: every event it is entitled to, projected into read models."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope
from adr_contracts.intake import (
    AgencyDirectoryChangedV1,
    DisputeClassifiedV1,
    DisputeRegisteredV1,
    DisputeRoutedV1,
    DisputeWithdrawnV1,
    FilingReviewCompletedV1,
    LeadAgencyDecidedV1,
)
from adr_contracts.mediation import AgreementReachedV1, MediationFailedV1, MediationOpenedV1
from adr_reporting import projections, translate
from adr_runtime.consumer import RejectedEvent, Subscription
from adr_runtime.context import ServiceContext


async def on_dispute_event(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """Merges the event's facts into the dispute's row (any order, each event once)."""
    if envelope.case_id is None:
        raise RejectedEvent("dispute event without a case id")
    await projections.apply(session, envelope.case_id, translate.to_fact(envelope))


async def on_directory_changed(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """Merges a directory change into the unit's row (reference data: no case id)."""
    await projections.apply_directory(session, translate.to_directory_fact(envelope))


def subscriptions(_: ServiceContext) -> Sequence[Subscription]:
    """Reporting's handlers, one per contract in whose audience it is."""
    return [
        Subscription(DisputeRegisteredV1, on_dispute_event),
        Subscription(FilingReviewCompletedV1, on_dispute_event),
        Subscription(DisputeRoutedV1, on_dispute_event),
        Subscription(MediationOpenedV1, on_dispute_event),
        Subscription(AgreementReachedV1, on_dispute_event),
        Subscription(MediationFailedV1, on_dispute_event),
        Subscription(DisputeClassifiedV1, on_dispute_event),
        Subscription(LeadAgencyDecidedV1, on_dispute_event),
        Subscription(DisputeWithdrawnV1, on_dispute_event),
        Subscription(AgencyDirectoryChangedV1, on_directory_changed),
    ]
