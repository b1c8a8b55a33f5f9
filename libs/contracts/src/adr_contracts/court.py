"""Contracts published by the court bridge (the district court's administrative-dispute studio)."""

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from adr_contracts.base import PII, ContractModel
from adr_contracts.services import ServiceName
from adr_contracts.vocabulary import (
    CaseOutcome,
    ConfirmationOutcome,
    DecisionKind,
    SuggestionKind,
)

_SHARED: frozenset[ServiceName] = frozenset({"procuratorate-bridge", "reporting"})


class DelegatedParty(ContractModel):
    """A party of a delegated dispute, as intake needs it to register the dispute."""

    name: str = Field(json_schema_extra=PII)
    id_number: str | None = Field(default=None, json_schema_extra=PII)
    phone: str | None = Field(default=None, json_schema_extra=PII)
    organisation: bool = Field(default=False, description="A legal person or other organisation")


class DisputeDelegatedV1(ContractModel):
    """Before filing, the court delegated a dispute to the centre with the parties' consent (委派, K1)."""

    SUBJECT: ClassVar[str] = "adr.court.dispute.delegated.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"intake"})
    PII_REASON: ClassVar[str | None] = "Intake registers the delegated dispute and must know who the applicants are"
    SUMMARY: ClassVar[str] = "法院诉前委派化解中心调解"

    delegation_no: str = Field(description="The court's pre-litigation number, e.g. （2026）沪0101诉前调123号")
    delegated_on: date
    received_on: date = Field(description="The date the court first received the complaint")
    applicants: list[DelegatedParty] = Field(min_length=1)
    agency_codes: list[str] = Field(min_length=1)
    act_type: str
    consent: bool = Field(description="The parties consented to pre-litigation mediation (自愿)")


class CaseFiledV1(ContractModel):
    """The court filed an administrative case (立案), keeping the date first received (M3)."""

    SUBJECT: ClassVar[str] = "adr.court.case.filed.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _SHARED | {"intake", "mediation"}
    SUMMARY: ClassVar[str] = "法院已立案"

    court_case_no: str = Field(description="案号 per RULES.md §3")
    filed_on: date
    first_received_on: date
    agency_codes: list[str]
    after_mediation: bool = Field(description="Filed because pre-litigation mediation failed")


class ResolutionPlanSubmittedV1(ContractModel):
    """The defendant agency submitted its substantive resolution plan (实质性化解方案, A4, J4)."""

    SUBJECT: ClassVar[str] = "adr.court.case.resolution_plan_submitted.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"mediation", "reporting"})
    SUMMARY: ClassVar[str] = "被诉机关提交实质性化解方案"

    plan_id: UUID
    version: int = Field(ge=1)
    agency_code: str
    submitted_on: date
    defence_due_on: date = Field(description="The 15-day defence deadline after service")
    on_time: bool
    evidence_count: int = Field(ge=0)


class HearingHeldV1(ContractModel):
    """A hearing took place; records the agency head's appearance (出庭应诉, M5, RULES.md §4)."""

    SUBJECT: ClassVar[str] = "adr.court.case.hearing_held.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _SHARED
    SUMMARY: ClassVar[str] = "开庭审理（行政机关负责人出庭情况）"

    hearing_id: UUID
    held_on: date
    agency_code: str
    head_required: bool
    head_appeared: bool
    head_rank: str | None = Field(default=None, description="Rank code of who appeared")
    spoke_to_substance: bool = False
    absence_reason_code: str | None = None


class DecisionIssuedV1(ContractModel):
    """A judgment or ruling was issued, with its appeal window (M7)."""

    SUBJECT: ClassVar[str] = "adr.court.case.decision_issued.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _SHARED
    SUMMARY: ClassVar[str] = "法院作出判决或裁定"

    decision_id: UUID
    kind: DecisionKind
    outcome: CaseOutcome
    issued_on: date
    served_on: date
    appeal_deadline: date
    agency_codes: list[str]


class AppealSettledV1(ContractModel):
    """An appeal was lodged, or the appeal window closed without one (M7)."""

    SUBJECT: ClassVar[str] = "adr.court.case.appeal_settled.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _SHARED
    SUMMARY: ClassVar[str] = "上诉情况确定（提起上诉或上诉期届满）"

    decision_id: UUID
    appealed: bool
    appellant_is_agency: bool | None = None
    settled_on: date


class ConfirmationRuledV1(ContractModel):
    """The court ruled on an application for judicial confirmation (W3)."""

    SUBJECT: ClassVar[str] = "adr.court.confirmation.ruled.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"mediation", "reporting"})
    SUMMARY: ClassVar[str] = "法院作出司法确认裁定"

    mediation_case_id: UUID
    agreement_id: UUID
    outcome: ConfirmationOutcome
    ruling_no: str
    ruled_on: date


class JudicialSuggestionIssuedV1(ContractModel):
    """The court issued a judicial suggestion (司法建议, K3, C5, M10) with its reply deadline."""

    SUBJECT: ClassVar[str] = "adr.court.suggestion.issued.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _SHARED
    SUMMARY: ClassVar[str] = "法院发出司法建议"

    suggestion_id: UUID
    suggestion_no: str
    kind: SuggestionKind
    agency_code: str
    topic_code: str = Field(description="The problem addressed, as a code")
    issued_on: date
    reply_due_on: date
    related_case_ids: list[UUID] = Field(default_factory=list, description="For a comprehensive suggestion")


class JudicialSuggestionRepliedV1(ContractModel):
    """The agency replied to a judicial suggestion."""

    SUBJECT: ClassVar[str] = "adr.court.suggestion.replied.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = _SHARED
    SUMMARY: ClassVar[str] = "行政机关回复司法建议"

    suggestion_id: UUID
    agency_code: str
    replied_on: date
    reply_due_on: date
    days_late: int = Field(ge=0)
    adopted: bool = Field(description="The agency accepted the suggestion and took measures")


class JudicialSuggestionOverdueV1(ContractModel):
    """No reply to a judicial suggestion by its deadline (the sweeper's event)."""

    SUBJECT: ClassVar[str] = "adr.court.suggestion.overdue.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"reporting"})
    SUMMARY: ClassVar[str] = "司法建议逾期未回复"

    suggestion_id: UUID
    agency_code: str
    reply_due_on: date
    noticed_on: date


CONTRACTS: tuple[type[ContractModel], ...] = (
    DisputeDelegatedV1,
    CaseFiledV1,
    ResolutionPlanSubmittedV1,
    HearingHeldV1,
    DecisionIssuedV1,
    AppealSettledV1,
    ConfirmationRuledV1,
    JudicialSuggestionIssuedV1,
    JudicialSuggestionRepliedV1,
    JudicialSuggestionOverdueV1,
)
