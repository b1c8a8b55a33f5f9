"""Mediation's HTTP API beside the cases: the mediator pool, the obligations sweep and subsidy batches."""

from uuid import UUID

from fastapi import APIRouter

from adr_mediation import handlers, views
from adr_mediation.api import schemas as s
from adr_mediation.api.common import UowDep
from adr_mediation.api.common import require_admin as _admin
from adr_mediation.api.common import settings_of as _settings
from adr_mediation.api.common import uow_of as _uow
from adr_mediation.domain.people import Person
from adr_runtime.api_deps import ActorDep, ClockDep, ContextDep, CorrelationDep, PrincipalDep
from adr_runtime.ids import new_uuid7

pool_router = APIRouter(prefix="/api/v1", tags=["people-and-subsidies"])


# -- beside the cases ------------------------------------------------------------------------------------


@pool_router.post("/people", response_model=s.CreatedView, status_code=201)
async def add_person(body: s.PersonRequest, uow: UowDep) -> s.CreatedView:
    """Adds a person to the pool (people's mediators, lawyers, NPC deputies, CPPCC members, judges, agency staff)."""
    person = Person(
        id=new_uuid7(),
        name=body.name,
        kind=body.kind,
        username=body.username,
        agency_code=body.agency_code,
        legal_aid=body.legal_aid and body.kind == "lawyer",
        declared_conflicts=tuple(body.declared_conflicts),
    )
    return s.CreatedView(id=await handlers.add_person(uow, person))


@pool_router.get("/people")
async def list_people(ctx: ContextDep) -> list[dict[str, object]]:
    """The pool of people."""
    return [dict(row._mapping) for row in await views.pool(ctx.sessions)]


@pool_router.post("/obligations/sweep", response_model=s.SweepView)
async def sweep(ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep) -> s.SweepView:
    """Publishes ObligationOverdueV1 once per overdue obligation and lists reminders due soon (run daily)."""
    result = await handlers.sweep_obligations(
        _uow(ctx, actor, correlation_id), now=now, remind_within_days=_settings(ctx).obligation_reminder_days
    )
    return s.SweepView(overdue_published=result.overdue_published, reminders=result.reminders)


@pool_router.post("/subsidy-batches", response_model=s.CreatedView, status_code=201)
async def draft_batch(
    body: s.SubsidyBatchRequest, ctx: ContextDep, now: ClockDep, actor: ActorDep, correlation_id: CorrelationDep
) -> s.CreatedView:
    """Computes a month's subsidies from closed cases (RULES.md §8, R4); 422 when no fact justifies any."""
    batch_id = await handlers.draft_subsidy_batch(
        _uow(ctx, actor, correlation_id), period=body.period, table=_settings(ctx).subsidy_table(), now=now
    )
    return s.CreatedView(id=batch_id)


@pool_router.get("/subsidy-batches/{batch_id}")
async def get_batch(batch_id: UUID, ctx: ContextDep) -> dict[str, object]:
    """A subsidy batch with its lines."""
    return await views.subsidy_batch(ctx.sessions, batch_id)


@pool_router.post("/subsidy-batches/{batch_id}/approval")
async def approve_batch(
    batch_id: UUID,
    ctx: ContextDep,
    now: ClockDep,
    actor: ActorDep,
    correlation_id: CorrelationDep,
    principal: PrincipalDep,
) -> dict[str, object]:
    """An administrator approves the batch (SubsidyBatchApprovedV1); 403 for anyone else, 409 if approved."""
    _admin(principal)
    await handlers.approve_subsidy_batch(_uow(ctx, actor, correlation_id), batch_id, now=now)
    return await views.subsidy_batch(ctx.sessions, batch_id)
