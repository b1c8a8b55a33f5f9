"""A dispute's restriction to named people and the audited read of its personal data (issue #3: O2, O3)."""

from uuid import UUID

from fastapi import APIRouter, Request, Response

from adr_intake import restriction, views
from adr_intake.access import CASE_GUARD, visible_dispute
from adr_intake.api.restriction_schemas import PartyView, PersonalDataView, RestrictionRequest
from adr_intake.api.schemas import DisputeView
from adr_intake.uow import intake_uow
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep, PrincipalDep
from adr_runtime.auth import record_personal_data_read

router = APIRouter(prefix="/api/v1/disputes", tags=["disputes"], dependencies=CASE_GUARD)

PERSONAL_FIELDS = ("applicants.name", "applicants.id_no", "applicants.phone", "claims_summary")


@router.post("/{case_id}/restriction", response_model=DisputeView)
async def restrict_dispute(
    case_id: UUID,
    body: RestrictionRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> DisputeView:
    """Restricts the dispute to the people named by their account (1 to 20); an empty list lifts it.

    A restricted dispute is shown, listed and opened only for the people named and administrators
    (O3); the view says `restricted: true` without the names. Kept in the case history. 404 unknown.
    """
    command = restriction.RestrictDispute(case_id=case_id, restricted_to=body.restricted_to)
    await restriction.restrict_dispute(command, intake_uow(ctx, actor=actor, correlation_id=correlation_id), now=now)
    return await views.dispute(ctx.sessions, case_id)


@router.get("/{case_id}/parties", response_model=PersonalDataView)
async def dispute_parties(
    case_id: UUID,
    ctx: ContextDep,
    request: Request,
    response: Response,
    principal: PrincipalDep,
    correlation_id: CorrelationDep,
) -> PersonalDataView:
    """The applicants unmasked (name, ID number, phone) and the claims, decrypted (O2).

    Only for those who may see the dispute (403 otherwise, audited); every read is recorded in
    the audit log against the case id. Never cached, never logged.
    """
    await visible_dispute(request, principal, ctx.sessions, case_id)
    uow = intake_uow(ctx, actor=principal.actor, correlation_id=correlation_id)
    async with uow:
        data = await uow.disputes.personal_data(case_id)
    await record_personal_data_read(request, principal, target=str(case_id), fields=PERSONAL_FIELDS)
    response.headers["Cache-Control"] = "no-store"
    return PersonalDataView(
        case_id=case_id,
        applicants=[PartyView(kind=a.kind, name=a.name, id_no=a.id_no, phone=a.phone) for a in data.applicants],
        claims_summary=data.claims_summary,
    )
