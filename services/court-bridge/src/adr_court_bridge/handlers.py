"""Court-bridge's use cases for the filing queue, filing and delegation (M3, K1).

Each one loads, asks the domain, and commits the change and its events through the unit of work.
"""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import insert, select

from adr_contracts.court import CaseFiledV1, DelegatedParty, DisputeDelegatedV1
from adr_court_bridge.domain.case_numbers import CaseNumbering
from adr_court_bridge.domain.errors import ConsentRequired, FilingEntryNotFound
from adr_court_bridge.domain.model import EntryStatus, FilingEntry, FilingSource, Trigger
from adr_court_bridge.store.tables import court_cases, delegations
from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.clock import local_date
from adr_runtime.ids import new_uuid7


async def queue_for_filing(
    trigger: Trigger, uow: CourtBridgeUnitOfWork, *, numbering: CaseNumbering | None = None
) -> bool:
    """Puts the dispute in the filing queue once (M3); True if the trigger concerned filing at all.

    A dispute the court itself delegated comes back as a failed mediation and is filed at once
    (Online-Med art.21(2)), keeping the date the court first received it.
    """
    if not trigger.leads_to_filing:
        return False
    async with uow:
        entry = await uow.entries.find(trigger.case_id)
        if entry is None:
            entry = FilingEntry.queue(trigger)
            await uow.entries.add(entry)
        else:
            entry.add_trigger(trigger)
            if entry.events:
                await uow.entries.save(entry)
        delegated_on = await uow.session.scalar(
            select(delegations.c.received_on).where(delegations.c.case_id == trigger.case_id)
        )
        if numbering is not None and delegated_on is not None and trigger.source is FilingSource.MEDIATION_FAILED:
            entry.first_received_on = min(entry.first_received_on, delegated_on)
            if entry.status is EntryStatus.AWAITING_FILING:
                await _file(entry, uow, numbering=numbering, filed_on=trigger.decided_on, now=trigger.at)
        await uow.commit()
    return True


async def file_case(
    case_id: UUID, uow: CourtBridgeUnitOfWork, *, numbering: CaseNumbering, filed_on: date, now: datetime
) -> str:
    """Files a queued dispute (立案): gives it this court's number and publishes the filing; returns the number."""
    async with uow:
        entry = await uow.entries.find(case_id)
        if entry is None:
            raise FilingEntryNotFound(case_id)
        number = await _file(entry, uow, numbering=numbering, filed_on=filed_on, now=now)
        await uow.commit()
    return number


async def _file(
    entry: FilingEntry, uow: CourtBridgeUnitOfWork, *, numbering: CaseNumbering, filed_on: date, now: datetime
) -> str:
    serial = await uow.next_serial(numbering.filing_type, filed_on.year)
    number = numbering.number(year=filed_on.year, type_code=numbering.filing_type, serial=serial).text
    entry.file(court_case_no=number, filed_on=filed_on)
    await uow.entries.save(entry)
    await uow.session.execute(
        insert(court_cases).values(
            case_id=entry.case_id, court_case_no=number, filed_on=filed_on, first_received_on=entry.first_received_on,
            agency_codes=list(entry.agency_codes), after_mediation=entry.after_mediation, origin="queue", filed_at=now,
        )
    )
    uow.publish(
        CaseFiledV1(
            court_case_no=number, filed_on=filed_on, first_received_on=entry.first_received_on,
            agency_codes=list(entry.agency_codes), after_mediation=entry.after_mediation,
        ),
        case_id=entry.case_id,
        at=now,
    )
    return number


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str | None = None
    phone: str | None = None
    organisation: bool = False


@dataclass(frozen=True)
class Delegate:
    received_on: date
    agency_codes: tuple[str, ...]
    act_type: str
    applicants: tuple[Applicant, ...]
    consent: bool


async def delegate(
    cmd: Delegate, uow: CourtBridgeUnitOfWork, *, numbering: CaseNumbering, now: datetime
) -> tuple[UUID, str]:
    """Delegates a dispute to the centre before filing, with the parties' consent (委派, K1).

    The dispute gets its case id here; intake registers it under the same id, so mediation's outcome
    (and a later filing) refer to the same dispute. Returns the case id and the pre-litigation number.
    """
    if not cmd.consent:
        raise ConsentRequired()
    today = local_date(now)
    case_id = new_uuid7()
    async with uow:
        serial = await uow.next_serial(numbering.pre_litigation_type, today.year)
        number = numbering.number(year=today.year, type_code=numbering.pre_litigation_type, serial=serial).text
        await uow.session.execute(
            insert(delegations).values(
                case_id=case_id, delegation_no=number, delegated_on=today, received_on=cmd.received_on,
                agency_codes=list(cmd.agency_codes), act_type=cmd.act_type, applicant_count=len(cmd.applicants),
                consent=cmd.consent, delegated_at=now,
            )
        )
        uow.publish(
            DisputeDelegatedV1(
                delegation_no=number, delegated_on=today, received_on=cmd.received_on,
                applicants=[DelegatedParty(**vars(a)) for a in cmd.applicants],
                agency_codes=list(cmd.agency_codes), act_type=cmd.act_type, consent=cmd.consent,
            ),
            case_id=case_id,
            at=now,
        )
        await uow.commit()
    return case_id, number
