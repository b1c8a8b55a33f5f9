"""What the procuratorate reads from the bus: the facts it is entitled to see (P2), each with a receipt."""

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import ContractModel, Envelope
from adr_contracts.court import (
    AppealSettledV1,
    CaseFiledV1,
    DecisionIssuedV1,
    HearingHeldV1,
    JudicialSuggestionIssuedV1,
    JudicialSuggestionRepliedV1,
)
from adr_contracts.intake import DisputeRegisteredV1
from adr_contracts.reporting import EarlyWarningRaisedV1
from adr_procuratorate_bridge import translate
from adr_procuratorate_bridge.domain.model import receipt_for
from adr_procuratorate_bridge.store.repository import SharedRecordRepository
from adr_runtime.consumer import Handler, RejectedEvent, Subscription
from adr_runtime.context import ServiceContext
from adr_runtime.ids import new_uuid7

Clock = Callable[[], datetime]

# Every contract whose audience names the procuratorate; each is kept as a shared record with a receipt.
SHARED_CONTRACTS: tuple[type[ContractModel], ...] = (
    DisputeRegisteredV1,
    CaseFiledV1,
    HearingHeldV1,
    DecisionIssuedV1,
    AppealSettledV1,
    JudicialSuggestionIssuedV1,
    JudicialSuggestionRepliedV1,
    EarlyWarningRaisedV1,
)


def utc_now() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


def _keep_shared_record(contract: type[ContractModel], clock: Clock) -> Handler:
    async def keep(session: AsyncSession, envelope: Envelope[Any]) -> None:
        """Keeps the shared fact with the digest of the message received, and issues its receipt."""
        if envelope.case_id is None:
            raise RejectedEvent(f"{contract.__name__} without a subject (case or warning id)")
        record = translate.to_record(envelope, received_at=clock())
        await SharedRecordRepository(session).add(record, receipt_for(record, receipt_id=new_uuid7()))

    keep.__name__ = f"keep_{contract.__name__}"
    return keep


def subscriptions(ctx: ServiceContext) -> Sequence[Subscription]:
    """Procuratorate-bridge's handlers, one per contract in whose audience it is."""
    clock: Clock = ctx.extras.get("clock", utc_now)
    return [Subscription(contract, _keep_shared_record(contract, clock)) for contract in SHARED_CONTRACTS]
