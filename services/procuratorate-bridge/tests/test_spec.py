"""Procuratorate-bridge's wiring: it reads exactly the contracts whose audience names it."""

from collections import Counter

import pytest

from adr_contracts import registry
from adr_procuratorate_bridge.domain.model import SHARED_KINDS
from adr_procuratorate_bridge.settings import Settings
from adr_procuratorate_bridge.spec import SPEC
from adr_runtime.context import ServiceContext


@pytest.mark.clause("P2")
async def test_subscriptions_cover_exactly_the_contracts_the_procuratorate_may_read() -> None:
    ctx = ServiceContext.build(SPEC, Settings(database_url="sqlite+aiosqlite:///:memory:"))

    contracts = Counter(s.contract for s in SPEC.subscriptions(ctx))

    assert set(contracts) == set(registry.read_by("procuratorate-bridge"))
    assert max(contracts.values()) == 1
    await ctx.engine.dispose()


@pytest.mark.clause("P2")
def test_no_contract_the_procuratorate_reads_carries_personal_data_unless_it_states_why() -> None:
    read = registry.read_by("procuratorate-bridge")
    unexplained = [c.SUBJECT for c in read if c.pii_fields() and not (c.PII_REASON or "").strip()]
    assert unexplained == []
    assert [c.SUBJECT for c in registry.read_by("procuratorate-bridge") if c.pii_fields()] == []  # today: none at all


@pytest.mark.clause("P2")
def test_every_contract_read_has_a_kind_shown_to_staff() -> None:
    assert {c.SUBJECT for c in registry.read_by("procuratorate-bridge")} == set(SHARED_KINDS)


@pytest.mark.parametrize("name", ["PROCURATORATE_BRIDGE_DATABASE_URL", "PROCURATORATE_BRIDGE_NATS_URL"])
def test_settings_read_the_procuratorate_bridge_prefix(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(name, "x://configured")

    settings = Settings()

    assert "x://configured" in (settings.database_url, settings.nats_url)
    assert SPEC.default_port == 8004
