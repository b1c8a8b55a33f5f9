"""Intake's use cases: each one loads, asks the domain, and commits through the unit of work."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from adr_intake.domain.classification import ClassificationRules, classify
from adr_intake.domain.model import Applicant, Dispute, Stage
from adr_intake.domain.registration import ReconsiderationRecord
from adr_intake.domain.repeats import ContestedAct, find_repeat
from adr_intake.uow import IntakeUnitOfWork
from adr_runtime.ids import new_uuid7


@dataclass(frozen=True)
class RegisterDispute:
    channel: str
    received_on: date
    agency_codes: tuple[str, ...]
    act_type: str
    applicants: tuple[Applicant, ...]
    claims_summary: str
    mediation_consent: bool
    act_doc_no: str | None = None
    amount_yuan: int | None = None
    act_made_on: date | None = None
    act_served_on: date | None = None
    act_known_on: date | None = None
    postmark_on: date | None = None
    claim_types: tuple[str, ...] = ()
    reconsideration: ReconsiderationRecord | None = None


# optional at registration: the contested act's facts (issue #4; RULES.md §1.0)
_OPTIONAL_FACTS = (
    "act_doc_no",
    "amount_yuan",
    "act_made_on",
    "act_served_on",
    "act_known_on",
    "postmark_on",
    "claim_types",
    "reconsideration",
)


@dataclass(frozen=True)
class RouteDispute:
    case_id: UUID
    route: str
    reason_code: str
    basis: str | None


async def register_dispute(
    cmd: RegisterDispute,
    uow: IntakeUnitOfWork,
    *,
    now: datetime,
    number_format: str,
    rules: ClassificationRules | None = None,
) -> UUID:
    """Registers a dispute and gives it its number at once (先登后调, M3); returns its case id.

    With it: repeat flag (RULES.md §1.8), classification by the rules (C2), liaisons to notify (A1, O3).
    """
    async with uow:
        seq = await uow.disputes.next_registration_seq(now.year)
        dispute = Dispute.register(
            id=new_uuid7(),
            registration_no=number_format.format(year=now.year, seq=seq),
            channel=cmd.channel,
            received_on=cmd.received_on,
            registered_at=now,
            agency_codes=cmd.agency_codes,
            act_type=cmd.act_type,
            applicants=cmd.applicants,
            claims_summary=cmd.claims_summary,
            mediation_consent=cmd.mediation_consent,
            **{name: getattr(cmd, name) for name in _OPTIONAL_FACTS},
        )
        await _on_registration(dispute, uow, rules=rules or ClassificationRules(), now=now)
        await uow.disputes.add(dispute)
        await uow.commit()
    return dispute.id


async def route_dispute(cmd: RouteDispute, uow: IntakeUnitOfWork, *, now: datetime) -> None:
    """Sends a registered dispute to mediation, filing, reconsideration, or not accepted."""
    async with uow:
        dispute = await uow.disputes.get(cmd.case_id)
        dispute.route_to(cmd.route, reason_code=cmd.reason_code, basis=cmd.basis, now=now)
        await uow.disputes.save(dispute)
        await uow.commit()


async def follow_stage(
    case_id: UUID, stage: Stage, uow: IntakeUnitOfWork, *, now: datetime, reopened: bool = False
) -> None:
    """Shows on the board what another institution reported about the dispute."""
    async with uow:
        dispute = await uow.disputes.get(case_id)
        dispute.move_to(stage, now=now, reopened=reopened)
        if dispute.events:
            await uow.disputes.save(dispute)
        await uow.commit()


async def _on_registration(
    dispute: Dispute, uow: IntakeUnitOfWork, *, rules: ClassificationRules, now: datetime
) -> None:
    keys = uow.disputes.applicant_keys(dispute.applicants)
    act = ContestedAct(dispute.agency_codes, dispute.act_type, dispute.act_doc_no)
    earlier = find_repeat(act, keys, await uow.disputes.earlier_disputes(keys))
    if earlier is not None:
        dispute.flag_repeat(earlier.case_id, earlier.registration_no)
    facts = classify(
        applicant_count=len(dispute.applicants), amount_yuan=dispute.amount_yuan, act_type=dispute.act_type, rules=rules
    )
    dispute.classify(facts, now=now)
    if len(dispute.agency_codes) == 1:
        liaisons = await uow.directory.liaison_ids(dispute.agency_codes[0])
        dispute.name_responsible_agency(liaisons, now=now)
