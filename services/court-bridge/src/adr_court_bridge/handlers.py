"""Court-bridge's use cases: each one loads, asks the domain, and commits through the unit of work."""

from adr_court_bridge.domain.model import FilingEntry, Trigger
from adr_court_bridge.uow import CourtBridgeUnitOfWork


async def queue_for_filing(trigger: Trigger, uow: CourtBridgeUnitOfWork) -> bool:
    """Puts the dispute in the filing queue once (M3); True if the trigger concerned filing at all."""
    if not trigger.leads_to_filing:
        return False
    async with uow:
        entry = await uow.entries.find(trigger.case_id)
        if entry is None:
            await uow.entries.add(FilingEntry.queue(trigger))
        else:
            entry.add_trigger(trigger)
            if entry.events:
                await uow.entries.save(entry)
        await uow.commit()
    return True
