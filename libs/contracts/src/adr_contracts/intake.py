"""Contracts published by intake (the Resolution Centre's registration and filing review)."""

from datetime import date
from typing import ClassVar

from pydantic import Field

from adr_contracts.base import ContractModel
from adr_contracts.services import ServiceName
from adr_contracts.vocabulary import Channel, CourtLevel, FilingCheck, Route, Verdict


class DisputeRegisteredV1(ContractModel):
    """A dispute was registered and given its registration number (先登后调, M3)."""

    SUBJECT: ClassVar[str] = "adr.intake.dispute.registered.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"procuratorate-bridge", "reporting"})
    SUMMARY: ClassVar[str] = "争议已登记并取得登记号"

    registration_no: str = Field(description="登记号, unique within the centre", examples=["WJG-2026-000123"])
    channel: Channel
    received_on: date = Field(description="收件日: the date the application first reached any institution")
    agency_codes: list[str] = Field(description="Directory codes of the agencies whose act is contested")
    act_type: str = Field(description="Code of the contested act's type, e.g. penalty, licensing")
    applicant_count: int = Field(ge=1, description="Number of applicants (no identities)")


class FilingReviewCompletedV1(ContractModel):
    """The eight filing checks (八看) were reviewed and confirmed by a person (M4)."""

    SUBJECT: ClassVar[str] = "adr.intake.dispute.filing_review_completed.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"reporting"})
    SUMMARY: ClassVar[str] = "立案“八看”审查已完成"

    class CheckOutcome(ContractModel):
        """One reviewed check."""

        check: FilingCheck
        verdict: Verdict
        basis: str = Field(description="Legal basis cited, e.g. 行诉法第46条")
        overridden: bool = Field(default=False, description="The reviewer overrode the computed verdict")

    checks: list[CheckOutcome]
    filing_deadline: date | None = None
    deadline_provisional: bool = Field(
        default=False, description="The official holiday schedule of the deadline's year was not loaded"
    )
    reconsideration_first: bool = False
    court_level: CourtLevel | None = None
    mediable: bool | None = None


class DisputeRoutedV1(ContractModel):
    """The centre decided where the dispute goes next."""

    SUBJECT: ClassVar[str] = "adr.intake.dispute.routed.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"mediation", "court-bridge", "reporting"})
    SUMMARY: ClassVar[str] = "争议已分流（调解、立案、复议或不予受理）"

    route: Route
    reason_code: str = Field(description="Why this route, as a code (never free text about people)")
    basis: str | None = Field(default=None, description="The law cited when the dispute is not accepted")
    routed_on: date
    first_received_on: date = Field(description="Kept so that a later filing keeps the date first received")
    registration_no: str
    agency_codes: list[str]
    mediation_consent: bool = Field(default=False, description="The parties consented to mediation (自愿)")
    lead_agency_code: str | None = None
