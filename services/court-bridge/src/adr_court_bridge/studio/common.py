"""What every studio use case needs: the filed case it acts on."""

from typing import Any
from uuid import UUID

from sqlalchemy import select

from adr_court_bridge.domain.errors import RecordNotFound
from adr_court_bridge.store.tables import (
    court_cases,
)
from adr_court_bridge.uow import CourtBridgeUnitOfWork


async def filed_case(uow: CourtBridgeUnitOfWork, case_id: UUID) -> Any:
    """The filed case ``case_id``, or RecordNotFound."""
    row = (await uow.session.execute(select(court_cases).where(court_cases.c.case_id == case_id))).one_or_none()
    if row is None:
        raise RecordNotFound("已立案案件", case_id)
    return row
