"""Mediation's HTTP API: cases and their agreements, obligations, risks, visits, people, sessions, subsidies.

This module holds the case, its agreement, obligations and endings; case_work.py the work on a case,
pool.py what lies beside the cases (people, the sweep, subsidies)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response

from adr_mediation import handlers, views
from adr_mediation.access import CASE_GUARD, restriction_viewer, visible_case
from adr_mediation.api import schemas as s
from adr_mediation.api.common import case_after as _after
from adr_mediation.api.common import settings_of as _settings
from adr_mediation.api.common import uow_of as _uow
from adr_mediation.documents import agreement_document
from adr_mediation.domain.errors import AgreementNotFound
from adr_mediation.domain.model import Failure, MediationStatus, Referral, Signature, Stage
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep, PrincipalDep
from adr_runtime.auth.scoping import agency_scope
from adr_runtime.clock import local_date
from adr_runtime.context import ServiceContext
from adr_runtime.documents import render_docx, render_pdf

router = APIRouter(prefix="/api/v1/mediation-cases", tags=["mediation-cases"], dependencies=CASE_GUARD)


@router.get("", response_model=s.MediationCasePage)
async def list_mediation_cases(
    ctx: ContextDep,
    principal: PrincipalDep,
    now: ClockDep,
    status: Annotated[MediationStatus | None, Query(description="案件状态")] = None,
    case_id: Annotated[UUID | None, Query(description="只列出该争议的调解案件")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> s.MediationCasePage:
    """Lists mediation cases, newest first, with the total matching the filters.

    A case opens when intake routes a dispute to mediation (`adr.intake.dispute.routed.v1`, `route =
    mediation`), or by hand (POST) in trial or in reconsideration. An agency liaison sees only cases
    involving its agency; a restricted case is listed only for the people it names (O3).
    """
    return await views.mediation_case_page(
        ctx.sessions,
        status=status.value if status else None,
        case_id=case_id,
        limit=limit,
        offset=offset,
        agency=agency_scope(principal),
        viewer=restriction_viewer(principal),
        today=local_date(now),
    )


@router.post("", response_model=s.MediationCaseView, status_code=201)
async def open_by_hand(
    body: s.OpenRequest, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> s.MediationCaseView:
    """Opens a mediation in trial at the judge's request, in reconsideration or on a court's delegation (自愿)."""
    referral = Referral(
        case_id=body.case_id,
        reason_code="manual",
        routed_on=body.opened_on,
        first_received_on=body.first_received_on,
        registration_no=body.registration_no,
        agency_codes=tuple(body.agency_codes),
        consent=body.consent,
        restricted_to=tuple(body.restricted_to),
        stage=Stage(body.stage),
    )
    opened = await handlers.open_mediation(
        handlers.OpenMediation(route="mediation", referral=referral),
        _uow(ctx, actor, correlation_id),
        now=now,
        period_days=_settings(ctx).mediation_period_days,
    )
    assert opened is not None
    return await views.mediation_case(ctx.sessions, opened, today=local_date(now))


@router.get("/{mediation_case_id}", response_model=s.MediationCaseView)
async def get_mediation_case(
    mediation_case_id: UUID, ctx: ContextDep, request: Request, principal: PrincipalDep, now: ClockDep
) -> s.MediationCaseView:
    """One mediation case with its agreement, obligations and period warning. 404 if unknown; 403 if not visible."""
    return await visible_case(request, principal, ctx.sessions, mediation_case_id, today=local_date(now))


@router.post("/{mediation_case_id}/period-extension", response_model=s.MediationCaseView)
async def extend_period(
    mediation_case_id: UUID,
    body: s.ExtensionRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> s.MediationCaseView:
    """Extends the mediation period by the parties' agreement (Online-Med art.24), counted as a legal period."""
    await handlers.extend_period(
        _uow(ctx, actor, correlation_id),
        mediation_case_id,
        extra_days=body.extra_days,
        consented_on=body.consented_on,
        parties_consent=body.parties_consent,
        now=now,
    )
    return await _after(ctx, mediation_case_id)


@router.put("/{mediation_case_id}/agreement", response_model=s.MediationCaseView)
async def draft_agreement(
    mediation_case_id: UUID,
    body: s.AgreementDraftRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> s.MediationCaseView:
    """Drafts, or redrafts until signed, the agreement (和解协议) with its obligations (W3, W4)."""
    drafts = [
        handlers.ObligationDraft(
            obligor_kind=o.obligor_kind.value,
            description=o.description,
            due_on=o.due_on,
            agency_code=o.agency_code,
            amount_fen=o.amount_fen,
        )
        for o in body.obligations
    ]
    await handlers.draft_agreement(
        _uow(ctx, actor, correlation_id),
        mediation_case_id,
        drafted_on=body.drafted_on,
        terms=body.terms,
        obligations_=drafts,
        confirmation_requested=body.confirmation_requested,
        now=now,
    )
    return await _after(ctx, mediation_case_id)


@router.post("/{mediation_case_id}/agreement/signatures", response_model=s.MediationCaseView)
async def sign_agreement(
    mediation_case_id: UUID,
    body: s.SignaturesRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> s.MediationCaseView:
    """Records signatures; once applicant, agency and mediator have signed, the agreement takes effect and
    `adr.mediation.case.agreement_reached.v1` is committed with the change."""
    signatures = [Signature(role=x.role, name=x.name, signed_on=x.signed_on) for x in body.signatures]
    await handlers.sign_agreement(_uow(ctx, actor, correlation_id), mediation_case_id, signatures, now=now)
    return await _after(ctx, mediation_case_id)


@router.post("/{mediation_case_id}/agreement/confirmation-request", response_model=s.MediationCaseView)
async def request_confirmation(
    mediation_case_id: UUID,
    body: s.ConfirmationRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> s.MediationCaseView:
    """Sends the application for judicial confirmation to the court side (ConfirmationRequestedV1, W3)."""
    await handlers.request_confirmation(
        _uow(ctx, actor, correlation_id), mediation_case_id, requested_on=body.requested_on, now=now
    )
    return await _after(ctx, mediation_case_id)


async def _agreement_case(ctx: ServiceContext, mediation_case_id: UUID) -> s.MediationCaseView:
    case = await views.mediation_case(ctx.sessions, mediation_case_id)
    if case.agreement is None:
        raise AgreementNotFound("本案尚无和解协议")
    return case


@router.get("/{mediation_case_id}/agreement.docx", response_class=Response)
async def agreement_docx(mediation_case_id: UUID, ctx: ContextDep) -> Response:
    """The 和解协议书 as a Word file."""
    document = agreement_document(await _agreement_case(ctx, mediation_case_id))
    return Response(
        render_docx(document),
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="agreement-{mediation_case_id}.docx"'},
    )


@router.get("/{mediation_case_id}/agreement.pdf", response_class=Response)
async def agreement_pdf(mediation_case_id: UUID, ctx: ContextDep) -> Response:
    """The 和解协议书 as a PDF."""
    document = agreement_document(await _agreement_case(ctx, mediation_case_id))
    return Response(
        render_pdf(document),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="agreement-{mediation_case_id}.pdf"'},
    )


@router.post("/{mediation_case_id}/obligations/{obligation_id}/fulfilment", response_model=s.MediationCaseView)
async def fulfil(
    mediation_case_id: UUID,
    obligation_id: UUID,
    body: s.FulfilmentRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> s.MediationCaseView:
    """Records an obligation performed with its evidence (ObligationFulfilledV1, W4)."""
    await handlers.fulfil_obligation(
        _uow(ctx, actor, correlation_id),
        mediation_case_id,
        obligation_id,
        fulfilled_on=body.fulfilled_on,
        evidence_note=body.evidence_note,
        now=now,
    )
    return await _after(ctx, mediation_case_id)


@router.post("/{mediation_case_id}/closing", response_model=s.MediationCaseView)
async def close_performed(
    mediation_case_id: UUID,
    body: s.ClosingRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> s.MediationCaseView:
    """Closes the case once every obligation is performed (MediationClosedV1 agreement_performed); 409 before."""
    await handlers.close_performed(
        _uow(ctx, actor, correlation_id), mediation_case_id, closed_on=body.closed_on, now=now
    )
    return await _after(ctx, mediation_case_id)


@router.post("/{mediation_case_id}/withdrawal", response_model=s.MediationCaseView)
async def withdraw(
    mediation_case_id: UUID,
    body: s.WithdrawalRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> s.MediationCaseView:
    """The applicant withdrew (MediationClosedV1 withdrawn)."""
    await handlers.withdraw(
        _uow(ctx, actor, correlation_id), mediation_case_id, withdrawn_on=body.withdrawn_on, now=now
    )
    return await _after(ctx, mediation_case_id)


@router.post("/{mediation_case_id}/self-correction", response_model=s.MediationCaseView)
async def self_correct(
    mediation_case_id: UUID,
    body: s.SelfCorrectionRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> s.MediationCaseView:
    """The agency corrected its act itself (M6; MediationClosedV1 self_corrected)."""
    await handlers.self_correct(
        _uow(ctx, actor, correlation_id), mediation_case_id, corrected_on=body.corrected_on, note=body.note, now=now
    )
    return await _after(ctx, mediation_case_id)


@router.post("/{mediation_case_id}/failure", response_model=s.MediationCaseView)
async def record_failure(
    mediation_case_id: UUID,
    body: s.FailureRequest,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
) -> s.MediationCaseView:
    """Ends the mediation without agreement and sends the dispute on to filing or reconsideration (A2, M3).

    A case the court delegated can only go to `filing`. `adr.mediation.case.failed.v1` commits with it.
    """
    failure = Failure(failed_on=body.failed_on, reason=body.reason.value, next_route=body.next_route)
    await handlers.record_failure(
        handlers.RecordFailure(mediation_case_id, failure), _uow(ctx, actor, correlation_id), now=now
    )
    return await _after(ctx, mediation_case_id)
