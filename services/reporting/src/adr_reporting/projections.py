"""Idempotent projections of every event reporting reads, inside the consumer's transaction.

Each event is first recorded in the journal (by event id: a second delivery, or a replay over
what is already there, changes nothing); then the dispute row, the directory, the subsidy ledger
and the early warnings it concerns are updated, and each projection's stream position is moved
forward in the same transaction.
"""

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope, envelope_for
from adr_contracts.reporting import EarlyWarningRaisedV1
from adr_contracts.vocabulary import WarningKind
from adr_reporting import translate
from adr_reporting.domain import warnings
from adr_reporting.domain.directory import AgencyChanged
from adr_reporting.domain.facts import Fact
from adr_reporting.domain.journal import Entry, Kind
from adr_reporting.store import journal
from adr_reporting.store.agencies import AgencyRepository
from adr_reporting.store.repository import FactsRepository
from adr_reporting.store.tables import early_warnings, messaging, subsidy_lines
from adr_runtime import outbox
from adr_runtime.consumer import current_position

_DISPUTE_KINDS = frozenset({
    Kind.REGISTERED, Kind.FILING_REVIEWED, Kind.ROUTED, Kind.MEDIATION_OPENED, Kind.AGREEMENT_REACHED,
    Kind.MEDIATION_FAILED, Kind.CLASSIFIED, Kind.LEAD_AGENCY_DECIDED, Kind.WITHDRAWN,
})
ACTOR = "system:reporting"

Handler = Callable[[AsyncSession, Envelope[Any]], Awaitable[None]]


async def apply(session: AsyncSession, case_id: UUID, fact: Fact) -> None:
    """Merges one fact into the dispute's row, creating the row if this is the first fact about it."""
    repository = FactsRepository(session)
    facts = await repository.get_for_update(case_id)
    facts.apply(fact)
    await repository.save(facts)


async def apply_directory(session: AsyncSession, fact: AgencyChanged) -> None:
    """Merges a directory change into the unit's row (O3)."""
    repository = AgencyRepository(session)
    facts = await repository.get_for_update(fact.code)
    facts.apply(fact)
    await repository.save(facts)


async def project(session: AsyncSession, envelope: Envelope[Any], rules: warnings.WarningRules) -> bool:
    """Applies one event to every read model; False when the journal already had it (nothing changes)."""
    position = current_position.get()
    entry = translate.to_entry(envelope)
    if not await journal.record(session, entry, envelope.event_type, position):
        return False
    await journal.advance(session, "journal", position)
    if entry.kind in _DISPUTE_KINDS and envelope.case_id is not None:
        await apply(session, envelope.case_id, translate.to_fact(envelope))
        await journal.advance(session, "disputes", position)
    elif entry.kind is Kind.AGENCY_CHANGED:
        await apply_directory(session, translate.to_directory_fact(envelope))
        await journal.advance(session, "directory", position)
    elif entry.kind is Kind.SUBSIDY_APPROVED:
        await _ledger(session, entry)
        await journal.advance(session, "subsidies", position)
    if await _warn(session, envelope, entry, rules):
        await journal.advance(session, "warnings", position)
    return True


async def _ledger(session: AsyncSession, entry: Entry) -> None:
    # one batch is booked once, whichever event reports it (一案一补)
    for number, line in enumerate(entry.get("lines", []), start=1):
        await session.execute(
            journal.insert_for(session)(subsidy_lines).values(
                batch_id=UUID(entry.get("batch_id")), line_no=number, period=entry.get("period"),
                approved_on=entry.on, mediator_id=UUID(line["mediator_id"]),
                mediation_case_id=UUID(line["mediation_case_id"]), basis_code=line["basis_code"],
                amount_fen=int(line["amount_fen"]),
            ).on_conflict_do_nothing(index_elements=["batch_id", "line_no"])
        )


async def _warn(session: AsyncSession, cause: Envelope[Any], entry: Entry, rules: warnings.WarningRules) -> bool:
    recent: list[Entry] = []
    if entry.kind is Kind.REGISTERED:
        recent = await journal.load_between(session, Kind.REGISTERED, warnings.window_start(entry.on, rules), entry.on)
    candidates = warnings.from_fact(entry, recent, rules)
    for candidate in candidates:
        last = await session.scalar(
            select(early_warnings.c.raised_on)
            .where(early_warnings.c.key == candidate.key)
            .order_by(early_warnings.c.raised_on.desc())
            .limit(1)
        )
        if not warnings.is_new(candidate, last):
            continue
        await _raise(session, cause, candidate)
    return bool(candidates)  # the warnings projection has considered this event


async def _raise(session: AsyncSession, cause: Envelope[Any], candidate: warnings.Candidate) -> None:
    warning_id = uuid4()
    await session.execute(
        insert(early_warnings).values(
            warning_id=warning_id, key=candidate.key, kind=candidate.kind, raised_on=candidate.raised_on,
            agency_code=candidate.agency_code, act_type=candidate.act_type,
            case_ids=[str(c) for c in candidate.case_ids],
            count=candidate.count, window_days=candidate.window_days, detail=candidate.detail,
            source_event_id=cause.event_id,
        )
    )
    payload = EarlyWarningRaisedV1(
        warning_id=warning_id, kind=WarningKind(candidate.kind), raised_on=candidate.raised_on,
        agency_code=candidate.agency_code, act_type=candidate.act_type, case_ids=list(candidate.case_ids),
        count=candidate.count, window_days=candidate.window_days,
    )
    single_case = candidate.window_days is None and len(candidate.case_ids) == 1
    event = envelope_for(
        payload, case_id=candidate.case_ids[0] if single_case else warning_id,
        correlation_id=cause.correlation_id, causation_id=cause.event_id,
    )
    await outbox.stage(session, messaging, event, actor=ACTOR)
