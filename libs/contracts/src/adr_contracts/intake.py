"""Contracts published by intake (the Resolution Centre's registration and filing review)."""

from datetime import date
from typing import ClassVar, Literal

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
    channel: Channel | None = Field(default=None, description="The channel the dispute came in by (added 2026-11-28)")
    restricted_to: list[str] = Field(
        default_factory=list,
        description="Staff accounts (sign-in names) to whom the case is restricted; empty means not restricted",
    )


class DisputeClassifiedV1(ContractModel):
    """The dispute was classified as major/complex, group or sensitive, by the rules or by hand (C2)."""

    SUBJECT: ClassVar[str] = "adr.intake.dispute.classified.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"reporting"})
    SUMMARY: ClassVar[str] = "争议分类已确定或变更"

    major: bool = Field(description="重大复杂: mediated under the centre's direct organisation")
    group: bool = Field(description="群体性: applicants at or above the configured threshold (ALL-Interp art.29)")
    sensitive: bool = Field(description="敏感: e.g. an act type the district configured as sensitive")
    reason_codes: list[str] = Field(
        description="Why, as codes: applicants_at_threshold, amount_at_threshold, sensitive_act_type, manual"
    )
    manual: bool = Field(default=False, description="Classified by hand (the reason stays with intake)")
    alert: bool = Field(default=False, description="The dispute has just become major: the centre is alerted at once")


class LeadAgencyDecidedV1(ContractModel):
    """The Justice Bureau and the court decided which of several agencies leads (牵头机关, A1)."""

    SUBJECT: ClassVar[str] = "adr.intake.dispute.lead_agency_decided.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"reporting"})
    SUMMARY: ClassVar[str] = "已确定牵头机关"

    lead_agency_code: str = Field(description="Directory code of the lead agency, one of agency_codes")
    agency_codes: list[str] = Field(description="Directory codes of every agency involved")
    decided_on: date = Field(description="Date of the joint decision (district date)")


class DisputeWithdrawnV1(ContractModel):
    """The applicant withdrew the dispute before it was routed."""

    SUBJECT: ClassVar[str] = "adr.intake.dispute.withdrawn.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"reporting"})
    SUMMARY: ClassVar[str] = "争议已撤回"

    reason_code: str = Field(description="Why, as a code (never free text about people)")
    withdrawn_on: date = Field(description="District date of the withdrawal")
    registration_no: str


class AgencyDirectoryChangedV1(ContractModel):
    """A unit of the agency directory was added, changed or removed (O3); reference data, no case."""

    SUBJECT: ClassVar[str] = "adr.intake.directory.agency_changed.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"reporting"})
    SUMMARY: ClassVar[str] = "机关目录已变更"

    code: str = Field(description="Stable directory code, e.g. WJG-SCJ")
    name_zh: str = Field(description="The unit's short name, e.g. 伍家岗区司法局")
    kind: str = Field(description="government, department, branch_of_city_body, street_office, township, court, ...")
    change: Literal["added", "updated", "removed"]
    liaison_count: int = Field(ge=0, description="Number of designated liaison officers (no identities)")


CONTRACTS: tuple[type[ContractModel], ...] = (
    DisputeRegisteredV1,
    FilingReviewCompletedV1,
    DisputeRoutedV1,
    DisputeClassifiedV1,
    LeadAgencyDecidedV1,
    DisputeWithdrawnV1,
    AgencyDirectoryChangedV1,
)
