"""What reporting reads from the bus: every event it is entitled to, projected into read models."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adr_contracts import Envelope, registry
from adr_reporting import projections
from adr_reporting.domain.journal import Kind
from adr_reporting.domain.warnings import WarningRules
from adr_reporting.projections import Handler
from adr_reporting.settings import Settings
from adr_reporting.translate import entry_kind
from adr_runtime.consumer import RejectedEvent, Subscription
from adr_runtime.context import ServiceContext

# events about one dispute must say which (reference data and ledgers need not)
_CASELESS = frozenset({Kind.AGENCY_CHANGED, Kind.SUBSIDY_APPROVED})


def handler_for(rules: WarningRules) -> Handler:
    """The one handler of every contract: the journal, then the read models the event concerns."""

    async def on_event(session: AsyncSession, envelope: Envelope[Any]) -> None:
        if envelope.case_id is None and entry_kind(envelope.event_type) not in _CASELESS:
            raise RejectedEvent("dispute event without a case id")
        await projections.project(session, envelope, rules)

    return on_event


# the handler with the default thresholds (tests feed events through it directly)
on_dispute_event = handler_for(WarningRules())
on_directory_changed = on_dispute_event


def subscriptions(ctx: ServiceContext) -> Sequence[Subscription]:
    """Reporting's handlers, one per contract in whose audience it is."""
    settings = ctx.settings
    rules = settings.warning_rules() if isinstance(settings, Settings) else WarningRules()
    handler = handler_for(rules)
    return [Subscription(contract, handler) for contract in registry.read_by("reporting")]
