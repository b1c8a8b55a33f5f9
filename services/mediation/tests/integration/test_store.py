"""One mediation case per dispute and optimistic concurrency, held by the database (SQLite and PostgreSQL)."""

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from uuid import uuid4

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from adr_mediation import handlers
from adr_mediation.domain.errors import MediationAlreadyOpen
from adr_mediation.spec import SPEC
from adr_mediation.store.repository import ConcurrentUpdate
from adr_mediation.store.tables import mediation_cases
from adr_mediation.uow import MediationUnitOfWork
from adr_runtime.context import ServiceContext
from adr_runtime.testing.service import service_context

from ..builders import T0, a_failure, a_referral, an_open_case

pytestmark = [pytest.mark.integration, pytest.mark.clause("M3")]


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[ServiceContext]:
    async with service_context(SPEC, database_url=database_url) as context:
        yield context


def uow(ctx: ServiceContext) -> MediationUnitOfWork:
    return MediationUnitOfWork(ctx.sessions, ctx.tables, actor="system:test")


async def count_cases(ctx: ServiceContext) -> int:
    async with ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(mediation_cases)) or 0)


async def test_the_database_refuses_a_second_case_for_the_same_dispute(ctx: ServiceContext) -> None:
    first = an_open_case()
    second = replace(an_open_case(), case_id=first.case_id)
    async with uow(ctx) as work:
        await work.cases.add(first)
        await work.commit()

    with pytest.raises(IntegrityError):
        async with uow(ctx) as work:
            await work.cases.add(second)
            await work.commit()

    assert await count_cases(ctx) == 1


async def test_a_second_routing_of_the_same_dispute_opens_nothing(ctx: ServiceContext) -> None:
    command = handlers.OpenMediation(route="mediation", referral=a_referral())
    first = await handlers.open_mediation(command, uow(ctx), now=T0, period_days=30)

    with pytest.raises(MediationAlreadyOpen) as refused:
        await handlers.open_mediation(command, uow(ctx), now=T0, period_days=30)

    assert refused.value.mediation_case_id == first
    assert await count_cases(ctx) == 1


async def test_other_routes_store_nothing(ctx: ServiceContext) -> None:
    command = handlers.OpenMediation(route="filing", referral=a_referral())

    assert await handlers.open_mediation(command, uow(ctx), now=T0, period_days=30) is None
    assert await count_cases(ctx) == 0


async def test_a_change_based_on_a_stale_copy_is_refused(ctx: ServiceContext) -> None:
    command = handlers.OpenMediation(route="mediation", referral=a_referral(case_id=uuid4()))
    mediation_case_id = await handlers.open_mediation(command, uow(ctx), now=T0, period_days=30)
    assert mediation_case_id is not None
    async with uow(ctx) as work:
        stale = await work.cases.get(mediation_case_id)
    await handlers.withdraw(uow(ctx), mediation_case_id, withdrawn_on=date(2026, 12, 5), now=T0)

    stale.fail(a_failure(), now=T0)
    with pytest.raises(ConcurrentUpdate):
        async with uow(ctx) as work:
            await work.cases.save(stale)

    async with uow(ctx) as work:
        assert (await work.cases.get(mediation_case_id)).status.value == "withdrawn"
