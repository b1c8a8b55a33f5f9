"""What the court does with other institutions' facts: confirmation requests in (W3), suggestion drafts (M10, K3)."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import insert, select

from adr_contracts.mediation import ConfirmationRequestedV1, ObligationOverdueV1
from adr_contracts.reporting import EarlyWarningRaisedV1
from adr_contracts.vocabulary import ObligorKind, SuggestionKind, WarningKind
from adr_court_bridge.domain.suggestions import TOPIC_OF_TRIGGER, Trigger
from adr_court_bridge.store.tables import confirmations
from adr_court_bridge.suggestions import DRAFT_TEXT, Draft, propose
from adr_court_bridge.uow import CourtBridgeUnitOfWork

PATTERN_KINDS = {WarningKind.REPEATED_AGENCY, WarningKind.REPEATED_ACT_TYPE}


async def receive_confirmation_request(
    request: ConfirmationRequestedV1, case_id: UUID, uow: CourtBridgeUnitOfWork, *, now: datetime
) -> bool:
    """Records an application for judicial confirmation, awaiting the court's ruling; once per agreement."""
    async with uow:
        known = await uow.session.scalar(
            select(confirmations.c.agreement_id).where(confirmations.c.agreement_id == request.agreement_id)
        )
        if known is None:
            await uow.session.execute(
                insert(confirmations).values(
                    agreement_id=request.agreement_id, case_id=case_id, mediation_case_id=request.mediation_case_id,
                    requested_on=request.requested_on, agreed_on=request.agreed_on,
                    agency_codes=list(request.agency_codes), obligation_count=request.obligation_count,
                    total_amount_fen=request.total_amount_fen, status="requested", received_at=now,
                )
            )
            uow.note(case_id, "court.confirmation.requested", now, agreement_id=str(request.agreement_id))
        await uow.commit()
    return known is None


async def propose_for_overdue_obligation(
    overdue: ObligationOverdueV1, case_id: UUID, uow: CourtBridgeUnitOfWork, *, now: datetime
) -> UUID | None:
    """An agency's overdue obligation proposes an individual suggestion draft to that agency (M10)."""
    if overdue.obligor_kind is not ObligorKind.AGENCY or not overdue.agency_code:
        return None
    draft = Draft(
        trigger=Trigger.OBLIGATION_OVERDUE, kind=SuggestionKind.INDIVIDUAL,
        topic_code=TOPIC_OF_TRIGGER[Trigger.OBLIGATION_OVERDUE], content=DRAFT_TEXT[Trigger.OBLIGATION_OVERDUE],
        agency_code=overdue.agency_code, case_id=case_id, source_ref=f"obligation:{overdue.obligation_id}",
    )
    async with uow:
        suggestion_id = await propose(draft, uow, now=now)
        await uow.commit()
    return suggestion_id


async def propose_for_warning(
    warning: EarlyWarningRaisedV1, uow: CourtBridgeUnitOfWork, *, now: datetime
) -> UUID | None:
    """A pattern of similar disputes proposes a comprehensive suggestion drawn from those cases (K3)."""
    if warning.kind not in PATTERN_KINDS:
        return None
    draft = Draft(
        trigger=Trigger.WARNING, kind=SuggestionKind.COMPREHENSIVE,
        topic_code=f"{warning.kind.value}:{warning.act_type}" if warning.act_type else warning.kind.value,
        content=DRAFT_TEXT[Trigger.WARNING], agency_code=warning.agency_code,
        related_case_ids=tuple(warning.case_ids), source_ref=f"warning:{warning.warning_id}",
    )
    async with uow:
        suggestion_id = await propose(draft, uow, now=now)
        await uow.commit()
    return suggestion_id
