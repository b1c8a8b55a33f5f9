"""Contracts published by mediation (the Centre and the court studio)."""

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from adr_contracts.base import ContractModel
from adr_contracts.services import ServiceName
from adr_contracts.vocabulary import FailureReason, MediationStage, Route

_OUTCOME_READERS: frozenset[ServiceName] = frozenset({"intake", "reporting"})


class MediationOpenedV1(ContractModel):
    """A mediation case was opened with the parties' consent (自愿)."""

    SUBJECT: ClassVar[str] = "adr.mediation.case.opened.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _OUTCOME_READERS
    SUMMARY: ClassVar[str] = "调解案件已立案受理"

    mediation_case_id: UUID
    stage: MediationStage
    opened_on: date
    period_ends_on: date = Field(description="End of the mediation period (Online-Med art.24, 30 days by default)")


class AgreementReachedV1(ContractModel):
    """The parties reached a settlement agreement (和解协议, W3)."""

    SUBJECT: ClassVar[str] = "adr.mediation.case.agreement_reached.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _OUTCOME_READERS
    SUMMARY: ClassVar[str] = "调解达成和解协议"

    mediation_case_id: UUID
    agreed_on: date
    obligation_count: int = Field(ge=0)
    total_amount_fen: int | None = Field(default=None, ge=0, description="Sum of money obligations, in fen (分)")
    confirmation_requested: bool = Field(default=False, description="The parties apply for judicial confirmation")


class MediationFailedV1(ContractModel):
    """Mediation ended without agreement; the dispute goes on to filing or reconsideration (A2, M3)."""

    SUBJECT: ClassVar[str] = "adr.mediation.case.failed.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _OUTCOME_READERS | {"court-bridge"}
    SUMMARY: ClassVar[str] = "调解未成功，转立案或复议"

    mediation_case_id: UUID
    failed_on: date
    reason: FailureReason
    next_route: Route = Field(description="filing or reconsideration")
    first_received_on: date = Field(description="The filing keeps the date the dispute was first received")
