"""What most use cases share: load the case, change it, save it, commit its events."""

from collections.abc import Callable
from uuid import UUID

from adr_mediation.domain.model import (
    MediationCase,
)
from adr_mediation.uow import MediationUnitOfWork

CaseChange = Callable[[MediationCase], None]


async def change_case(uow: MediationUnitOfWork, mediation_case_id: UUID, change: CaseChange) -> MediationCase:
    """Loads the case, applies ``change`` (a domain method that raises on refusal), saves and commits."""
    async with uow:
        case = await uow.cases.get(mediation_case_id)
        change(case)
        await uow.cases.save(case)
        await uow.commit()
    return case
