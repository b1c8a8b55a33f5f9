"""Contracts published by mediation (the Centre and the court studio)."""

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from adr_contracts.base import ContractModel
from adr_contracts.services import ServiceName
from adr_contracts.vocabulary import (
    ClosingOutcome,
    FailureReason,
    FollowUpOutcome,
    MediationStage,
    ObligorKind,
    RiskKind,
    RiskLevel,
    Route,
)

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


class ConfirmationRequestedV1(ContractModel):
    """The parties applied for judicial confirmation of their agreement (司法确认申请, W3)."""

    SUBJECT: ClassVar[str] = "adr.mediation.agreement.confirmation_requested.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"court-bridge", "reporting"})
    SUMMARY: ClassVar[str] = "当事人申请司法确认调解协议"

    mediation_case_id: UUID
    agreement_id: UUID
    requested_on: date
    agreed_on: date
    agency_codes: list[str]
    obligation_count: int = Field(ge=0)
    total_amount_fen: int | None = Field(default=None, ge=0)


class RiskAssessedV1(ContractModel):
    """A petition or social-stability risk was assessed (RULES.md §7, W5, A3); ``high`` is an alert."""

    SUBJECT: ClassVar[str] = "adr.mediation.case.risk_assessed.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"reporting"})
    SUMMARY: ClassVar[str] = "完成信访/稳定风险评估（高风险即时预警）"

    mediation_case_id: UUID
    kind: RiskKind
    level: RiskLevel
    factor_codes: list[str] = Field(description="Codes of the factors that led to the level")
    assessed_on: date


class ObligationOverdueV1(ContractModel):
    """An obligation of an agreement was not performed by its due date (W4); the court may suggest (M10)."""

    SUBJECT: ClassVar[str] = "adr.mediation.obligation.overdue.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"court-bridge", "reporting"})
    SUMMARY: ClassVar[str] = "协议义务逾期未履行"

    mediation_case_id: UUID
    obligation_id: UUID
    obligor_kind: ObligorKind
    agency_code: str | None = Field(default=None, description="The obligor agency's code, when an agency owes it")
    due_on: date
    amount_fen: int | None = Field(default=None, ge=0)


class ObligationFulfilledV1(ContractModel):
    """An obligation was performed, with evidence recorded (W4)."""

    SUBJECT: ClassVar[str] = "adr.mediation.obligation.fulfilled.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"reporting"})
    SUMMARY: ClassVar[str] = "协议义务已履行"

    mediation_case_id: UUID
    obligation_id: UUID
    obligor_kind: ObligorKind
    agency_code: str | None = None
    due_on: date
    fulfilled_on: date
    late: bool = Field(description="Performed after the due date")


class MediationClosedV1(ContractModel):
    """The case ended: agreement performed, application withdrawn, or the agency corrected itself (M6)."""

    SUBJECT: ClassVar[str] = "adr.mediation.case.closed.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _OUTCOME_READERS
    SUMMARY: ClassVar[str] = "调解案件结案（履行完毕、撤回或自行纠正）"

    mediation_case_id: UUID
    outcome: ClosingOutcome
    closed_on: date


class FollowUpRecordedV1(ContractModel):
    """A follow-up visit was made after resolution or withdrawal (回访, M10); a broken promise reopens."""

    SUBJECT: ClassVar[str] = "adr.mediation.case.follow_up_recorded.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _OUTCOME_READERS
    SUMMARY: ClassVar[str] = "完成回访"

    mediation_case_id: UUID
    visited_on: date
    outcome: FollowUpOutcome
    reopened: bool = Field(description="The case was reopened because a promise was broken")


class SubsidyBatchApprovedV1(ContractModel):
    """A batch of case subsidies for mediators was approved (以案定补, RULES.md §8, R4)."""

    SUBJECT: ClassVar[str] = "adr.mediation.subsidy.batch_approved.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"reporting"})
    SUMMARY: ClassVar[str] = "调解员以案定补批次已审批"

    class Line(ContractModel):
        """One mediator's subsidy for one case (identifiers only)."""

        mediator_id: UUID
        mediation_case_id: UUID
        basis_code: str = Field(description="Which row of the subsidy table applied")
        amount_fen: int = Field(ge=0)

    batch_id: UUID
    period: str = Field(description="The period paid, e.g. 2026-11", pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    approved_on: date
    lines: list[Line]
    total_fen: int = Field(ge=0)


CONTRACTS: tuple[type[ContractModel], ...] = (
    MediationOpenedV1,
    AgreementReachedV1,
    MediationFailedV1,
    ConfirmationRequestedV1,
    RiskAssessedV1,
    ObligationOverdueV1,
    ObligationFulfilledV1,
    MediationClosedV1,
    FollowUpRecordedV1,
    SubsidyBatchApprovedV1,
)
