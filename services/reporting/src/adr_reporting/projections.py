"""Idempotent upserts of the read models, inside the consumer's transaction (with its inbox row)."""

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from adr_reporting.domain.directory import AgencyChanged
from adr_reporting.domain.facts import Fact
from adr_reporting.store.agencies import AgencyRepository
from adr_reporting.store.repository import FactsRepository


async def apply(session: AsyncSession, case_id: UUID, fact: Fact) -> None:
    """Merges one fact into the dispute's row, creating the row if this is the first fact about it."""
    repository = FactsRepository(session)
    facts = await repository.get_for_update(case_id)
    facts.apply(fact)
    await repository.save(facts)


async def apply_directory(session: AsyncSession, fact: AgencyChanged) -> None:
    """Merges a directory change into the unit's row (O3)."""
    repository = AgencyRepository(session)
    facts = await repository.get_for_update(fact.code)
    facts.apply(fact)
    await repository.save(facts)
