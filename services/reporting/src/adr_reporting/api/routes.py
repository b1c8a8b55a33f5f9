"""Reporting's HTTP API: indicators for the Justice Bureau's review meetings (M11, C6)."""

from fastapi import APIRouter

from adr_reporting import views
from adr_reporting.api.schemas import DirectoryIndicators, DisputeIndicators, MediationIndicators
from adr_runtime.api_deps import ClockDep, ContextDep

router = APIRouter(prefix="/api/v1/indicators", tags=["indicators"])


@router.get("/disputes", response_model=DisputeIndicators)
async def dispute_indicators(ctx: ContextDep, now: ClockDep) -> DisputeIndicators:
    """Registered disputes in total and by channel, and routed disputes by route.

    Built only from the events intake publishes; `definition` states in Chinese what is counted.
    Disputes whose registration has not reached reporting yet are not counted in `total`.
    """
    return await views.dispute_indicators(ctx.sessions, now=now)


@router.get("/mediation", response_model=MediationIndicators)
async def mediation_indicators(ctx: ContextDep, now: ClockDep) -> MediationIndicators:
    """Mediations opened, in progress, agreed and failed, and the success rate agreed ÷ (agreed + failed).

    `success_rate` is null while no mediation has concluded; `definition` states what is counted.
    """
    return await views.mediation_indicators(ctx.sessions, now=now)


@router.get("/directory", response_model=DirectoryIndicators)
async def directory_indicators(ctx: ContextDep, now: ClockDep) -> DirectoryIndicators:
    """Units of the agency directory by kind, and how many still have no designated liaison officer (O3).

    Built from `adr.intake.directory.agency_changed.v1`; liaisons are counted, never named.
    """
    return await views.directory_indicators(ctx.sessions, now=now)
