"""Serials of the court's numbers (RULES.md §3): one counter per scope and year, safe under concurrent first use."""

import asyncio

import pytest

from adr_court_bridge.uow import CourtBridgeUnitOfWork
from adr_runtime.context import ServiceContext

pytestmark = [pytest.mark.integration, pytest.mark.clause("M3")]

RACERS = 8


async def take_serial(ctx: ServiceContext, scope: str, year: int) -> int:
    """Takes one serial in its own transaction, holding it open a moment so that the racers overlap."""
    async with CourtBridgeUnitOfWork(ctx.sessions, ctx.tables, actor="test") as uow:
        serial = await uow.next_serial(scope, year)
        await asyncio.sleep(0.05)
        await uow.commit()
    return serial


async def test_simultaneous_first_serials_of_a_year_all_succeed_and_are_consecutive(ctx: ServiceContext) -> None:
    """The race that used to end in a UniqueViolation (HTTP 500) for all but one of the first numbers."""
    serials = await asyncio.gather(*(take_serial(ctx, "行初", 2026) for _ in range(RACERS)))

    assert sorted(serials) == list(range(1, RACERS + 1))


async def test_each_scope_and_year_counts_on_its_own(ctx: ServiceContext) -> None:
    scopes = [("行初", 2026), ("行初", 2026), ("suggestion", 2026), ("行初", 2027)]
    taken = [await take_serial(ctx, scope, year) for scope, year in scopes]

    assert taken == [1, 2, 1, 1]
