"""Court-bridge's wiring: it reads exactly the contracts whose audience names it."""

from collections import Counter

import pytest

from adr_contracts import registry
from adr_court_bridge.settings import Settings
from adr_court_bridge.spec import SPEC
from adr_runtime.context import ServiceContext


async def test_subscriptions_cover_exactly_the_contracts_court_bridge_may_read() -> None:
    ctx = ServiceContext.build(SPEC, Settings(database_url="sqlite+aiosqlite:///:memory:"))

    contracts = Counter(s.contract for s in SPEC.subscriptions(ctx))

    assert set(contracts) == set(registry.read_by("court-bridge"))
    assert max(contracts.values()) == 1
    await ctx.engine.dispose()


@pytest.mark.parametrize("name", ["COURT_BRIDGE_DATABASE_URL", "COURT_BRIDGE_NATS_URL"])
def test_settings_read_the_court_bridge_prefix(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(name, "x://configured")

    settings = Settings()

    assert "x://configured" in (settings.database_url, settings.nats_url)
    assert SPEC.default_port == 8003
