"""Mediation's wiring: it reads exactly the contracts whose audience names it."""

from collections import Counter

from adr_contracts import registry
from adr_mediation.settings import Settings
from adr_mediation.spec import SPEC
from adr_runtime.context import ServiceContext


async def test_subscriptions_cover_exactly_the_contracts_mediation_may_read() -> None:
    ctx = ServiceContext.build(SPEC, Settings(database_url="sqlite+aiosqlite:///:memory:"))

    contracts = Counter(s.contract for s in SPEC.subscriptions(ctx))

    assert set(contracts) == set(registry.read_by("mediation"))
    assert max(contracts.values()) == 1
    await ctx.engine.dispose()
