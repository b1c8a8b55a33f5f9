"""Filing (立案) and pre-filing delegation (委派) over HTTP (M3, K1), and the case-number check (K2)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status
from sqlalchemy import select

from adr_court_bridge import handlers, views
from adr_court_bridge.api.deps import SettingsDep, UowDep
from adr_court_bridge.api.schemas import (
    CaseNumberView,
    DelegationRequest,
    DelegationView,
    FiledView,
    FilingRequest,
)
from adr_court_bridge.domain.errors import RecordNotFound
from adr_court_bridge.store.tables import delegations
from adr_runtime.api_deps import ClockDep, ContextDep
from adr_runtime.clock import local_date

router = APIRouter(prefix="/api/v1", tags=["filing"])


@router.post("/filing-queue/{case_id}/filing", status_code=status.HTTP_201_CREATED, response_model=FiledView)
async def file_case(
    case_id: UUID, body: FilingRequest, ctx: ContextDep, uow: UowDep, settings: SettingsDep, now: ClockDep
) -> FiledView:
    """Files a queued dispute: this court's number (RULES.md §3) and `adr.court.case.filed.v1`.

    The date first received is kept from the queue entry (M3). 404 if the dispute is not queued,
    422 (`AlreadyFiled`) if it was filed already.
    """
    await handlers.file_case(
        case_id, uow, numbering=settings.numbering(), filed_on=body.filed_on or local_date(now), now=now
    )
    return await views.filed_case(ctx.sessions, case_id)


@router.get("/cases/{case_id}/filing", response_model=FiledView)
async def get_filed_case(case_id: UUID, ctx: ContextDep) -> FiledView:
    """A filed case's number and dates. 404 if the dispute was not filed."""
    return await views.filed_case(ctx.sessions, case_id)


@router.post("/delegations", status_code=status.HTTP_201_CREATED, response_model=DelegationView)
async def delegate(
    body: DelegationRequest, ctx: ContextDep, uow: UowDep, settings: SettingsDep, now: ClockDep
) -> DelegationView:
    """Delegates a dispute to the centre before filing, with the parties' consent (K1).

    Gives the pre-litigation number and publishes `adr.court.dispute.delegated.v1`; intake registers
    the dispute under the same case id. Without consent: 422 `ConsentRequired`.
    """
    command = handlers.Delegate(
        received_on=body.received_on,
        agency_codes=tuple(body.agency_codes),
        act_type=body.act_type,
        applicants=tuple(handlers.Applicant(**a.model_dump()) for a in body.applicants),
        consent=body.consent,
    )
    case_id, _ = await handlers.delegate(command, uow, numbering=settings.numbering(), now=now)
    return await delegation(case_id, ctx)


@router.get("/delegations/{case_id}", response_model=DelegationView)
async def delegation(case_id: UUID, ctx: ContextDep) -> DelegationView:
    """One delegation by the dispute's case id (no personal data)."""
    async with ctx.sessions() as session:
        row = (await session.execute(select(delegations).where(delegations.c.case_id == case_id))).one_or_none()
    if row is None:
        raise RecordNotFound("委派记录", case_id)
    return DelegationView.model_validate(dict(row._mapping))


@router.get("/case-numbers/parse", response_model=CaseNumberView)
async def parse_case_number(
    text: Annotated[str, Query(min_length=1, max_length=80)], settings: SettingsDep
) -> CaseNumberView:
    """Reads any court's case number in the 2016 format (RULES.md §3.4); 422 if malformed or of an unknown type."""
    numbering = settings.numbering()
    number = numbering.parse(text)
    return CaseNumberView(
        text=number.text,
        year=number.year,
        court=number.court,
        type_code=number.type_code,
        serial=number.serial,
        suffix=number.suffix,
        court_level=number.court_level,
        own_court=numbering.is_own(number),
    )
