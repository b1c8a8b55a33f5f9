"""Loading and saving mediation cases (row <-> domain mapping), with optimistic concurrency."""

from uuid import UUID

from sqlalchemy import RowMapping, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_mediation.domain.errors import MediationCaseNotFound
from adr_mediation.domain.model import Agreement, Failure, MediationCase, MediationStatus, Stage
from adr_mediation.store.tables import mediation_cases


class ConcurrentUpdate(Exception):
    """Someone else changed the mediation case since it was loaded."""

    def __init__(self, mediation_case_id: UUID) -> None:
        super().__init__(f"调解案件 {mediation_case_id} 已被他人修改，请刷新后重试")
        self.mediation_case_id = mediation_case_id


class MediationCaseRepository:
    """Mediation cases in mediation's database; remembers what it loaded so the unit of work can harvest events."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: list[MediationCase] = []

    async def get(self, mediation_case_id: UUID) -> MediationCase:
        """Loads a mediation case or raises MediationCaseNotFound."""
        query = select(mediation_cases).where(mediation_cases.c.id == mediation_case_id)
        row = (await self._session.execute(query)).one_or_none()
        if row is None:
            raise MediationCaseNotFound(mediation_case_id)
        return self._seen(_to_domain(row._mapping))

    async def find_for_dispute(self, case_id: UUID) -> MediationCase | None:
        """The dispute's mediation case, if it has one."""
        query = select(mediation_cases).where(mediation_cases.c.case_id == case_id)
        row = (await self._session.execute(query)).one_or_none()
        return None if row is None else self._seen(_to_domain(row._mapping))

    async def add(self, case: MediationCase) -> None:
        """Inserts a new mediation case."""
        await self._session.execute(insert(mediation_cases).values(**_to_row(case)))
        self.seen.append(case)

    async def save(self, case: MediationCase) -> None:
        """Writes a changed mediation case if nobody else changed it meanwhile."""
        values = {k: v for k, v in _to_row(case).items() if k not in _FIXED}
        result = await self._session.execute(
            update(mediation_cases)
            .where(mediation_cases.c.id == case.id, mediation_cases.c.version == case.version - 1)
            .values(**values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentUpdate(case.id)

    def _seen(self, case: MediationCase) -> MediationCase:
        self.seen.append(case)
        return case


# set when the case is opened, never rewritten
_FIXED = frozenset({"id", "case_id", "registration_no", "agency_codes", "stage", "opened_at", "opened_on"})


def _to_row(case: MediationCase) -> dict[str, object]:
    agreement, failure = case.agreement, case.failure
    return {
        "id": case.id,
        "case_id": case.case_id,
        "registration_no": case.registration_no,
        "agency_codes": list(case.agency_codes),
        "stage": case.stage.value,
        "status": case.status.value,
        "consent": case.consent,
        "opened_at": case.opened_at,
        "opened_on": case.opened_on,
        "period_ends_on": case.period_ends_on,
        "first_received_on": case.first_received_on,
        "agreed_on": agreement.agreed_on if agreement else None,
        "obligation_count": agreement.obligation_count if agreement else None,
        "total_amount_fen": agreement.total_amount_fen if agreement else None,
        "confirmation_requested": agreement.confirmation_requested if agreement else None,
        "failed_on": failure.failed_on if failure else None,
        "failure_reason": failure.reason if failure else None,
        "next_route": failure.next_route if failure else None,
        "version": case.version,
    }


def _to_domain(data: RowMapping) -> MediationCase:
    return MediationCase(
        id=data["id"],
        case_id=data["case_id"],
        stage=Stage(data["stage"]),
        opened_at=data["opened_at"],
        opened_on=data["opened_on"],
        period_ends_on=data["period_ends_on"],
        first_received_on=data["first_received_on"],
        registration_no=data["registration_no"],
        agency_codes=tuple(data["agency_codes"]),
        consent=data["consent"],
        status=MediationStatus(data["status"]),
        agreement=_agreement(data),
        failure=_failure(data),
        version=data["version"],
    )


def _agreement(data: RowMapping) -> Agreement | None:
    if data["agreed_on"] is None:
        return None
    return Agreement(
        agreed_on=data["agreed_on"],
        obligation_count=data["obligation_count"],
        total_amount_fen=data["total_amount_fen"],
        confirmation_requested=data["confirmation_requested"],
    )


def _failure(data: RowMapping) -> Failure | None:
    if data["failed_on"] is None:
        return None
    return Failure(failed_on=data["failed_on"], reason=data["failure_reason"], next_route=data["next_route"])
