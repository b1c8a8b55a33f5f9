"""Bodies of the filing-review endpoints: the facts, the reviewer's verdicts and route, the stored review."""

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from adr_contracts.vocabulary import CourtLevel, FilingCheck, Route, Verdict
from adr_intake.api.filing_schemas import CODE, EXAMPLE, FilingCheckRequest
from adr_intake.domain.filing import Check
from adr_intake.domain.filing import Route as DomainRoute
from adr_intake.domain.filing import Verdict as DomainVerdict
from adr_intake.domain.review import CheckDecision, RouteDecision

_STRICT = ConfigDict(extra="forbid")
DECISION_FIELDS = frozenset({"confirmations", "route", "reason_code", "basis", "as_of"})


class CheckConfirmationIn(BaseModel):
    """审查人对一项审查的意见：确认计算结论，或改判并写明理由。"""

    model_config = _STRICT

    decision: Literal["confirm", "override"] = Field(description="confirm 确认计算结论；override 改判")
    verdict: Verdict | None = Field(
        default=None, validate_default=True, description="改判后的结论（改判时必填，确认时不填）"
    )
    reason: str | None = Field(
        default=None, max_length=1000, validate_default=True, description="改判理由（改判时必填）"
    )
    computed: Verdict | None = Field(
        default=None, description="审查人看到的计算结论；与提交时重新计算的结论不一致时返回 409，须重新评估"
    )

    @field_validator("verdict")
    @classmethod
    def _verdict_only_when_overriding(cls, value: Verdict | None, info: ValidationInfo) -> Verdict | None:
        overriding = info.data.get("decision") == "override"
        if overriding and value is None:
            raise PydanticCustomError("override_verdict_required", "改判须选择结论")
        if not overriding and value is not None:
            raise PydanticCustomError("confirm_without_verdict", "确认计算结论时不填写结论；改判请选择 override")
        return value

    @field_validator("reason")
    @classmethod
    def _reason_when_overriding(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("decision") == "override" and not (value or "").strip():
            raise PydanticCustomError("override_reason_required", "改判须写明理由")
        return value

    def to_decision(self) -> CheckDecision:
        """The domain's decision."""
        return CheckDecision(
            verdict=DomainVerdict(self.verdict.value) if self.verdict else None,
            reason=self.reason,
            seen=DomainVerdict(self.computed.value) if self.computed else None,
        )


class ConfirmationsIn(BaseModel):
    """八项审查逐项的确认或改判（八项都须填写）。"""

    model_config = _STRICT

    claim: CheckConfirmationIn = Field(description="看诉讼请求")
    scope: CheckConfirmationIn = Field(description="看受案范围")
    plaintiff: CheckConfirmationIn = Field(description="看原告资格")
    defendant: CheckConfirmationIn = Field(description="看被告资格")
    limitation: CheckConfirmationIn = Field(description="看起诉期限")
    reconsideration: CheckConfirmationIn = Field(description="看复议前置")
    jurisdiction: CheckConfirmationIn = Field(description="看管辖")
    other_bars: CheckConfirmationIn = Field(description="看重复起诉及其他情形")

    def to_decisions(self) -> dict[Check, CheckDecision]:
        """Each check's decision, keyed by the domain's check."""
        return {check: getattr(self, check.value).to_decision() for check in Check}


_CONFIRM: dict[str, Any] = {"decision": "confirm", "computed": "pass"}
REVIEW_EXAMPLE: dict[str, Any] = {
    **EXAMPLE,
    "confirmations": {
        **{check.value: _CONFIRM for check in Check},
        "other_bars": {
            "decision": "override",
            "verdict": "review",
            "reason": "申请人称已向市中级人民法院起诉，待核实案号",
            "computed": "pass",
        },
    },
    "route": "mediation",
    "reason_code": "discretionary_act",
}


class FilingReviewRequest(FilingCheckRequest):
    """起诉材料中的事实（同 POST /api/v1/filing-checks），加上审查人逐项的确认或改判和分流决定。"""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [REVIEW_EXAMPLE]})

    confirmations: ConfirmationsIn
    route: Route = Field(
        description="审查人决定的去向：mediation 诉前调解；filing 立案；reconsideration 行政复议；not_accepted 不予受理"
    )
    reason_code: str = Field(pattern=CODE, description="分流理由代码", examples=["discretionary_act"])
    basis: str | None = Field(
        default=None, max_length=500, validate_default=True, description="不予受理时引用的法律依据（此时必填）"
    )

    @field_validator("basis")
    @classmethod
    def _basis_when_not_accepted(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("route") == Route.NOT_ACCEPTED and not (value or "").strip():
            raise PydanticCustomError("basis_required", "不予受理必须写明法律依据")
        return value

    def facts(self) -> dict[str, Any]:
        """The complaint's facts as entered, for the record."""
        return self.model_dump(mode="json", exclude=set(DECISION_FIELDS))

    def route_decision(self) -> RouteDecision:
        """The reviewer's route."""
        return RouteDecision(DomainRoute(self.route.value), self.reason_code, (self.basis or "").strip() or None)


class ReviewedCheckOut(BaseModel):
    """一项审查：计算结论与审查人结论并列。"""

    check: FilingCheck
    computed_verdict: Verdict = Field(description="规则计算的结论")
    verdict: Verdict = Field(description="审查人确认或改判后的结论（以此为准）")
    overridden: bool = Field(description="审查人改判了计算结论")
    basis: str = Field(description="计算所依据的法律条文")
    explanation: str = Field(description="计算的说明")
    reason: str | None = Field(description="改判理由")


class FilingReviewView(BaseModel):
    """已保存的立案“八看”审查。"""

    case_id: UUID
    as_of: date = Field(description="评估日")
    reviewed_at: datetime
    reviewed_by: str
    checks: list[ReviewedCheckOut]
    filing_deadline: date | None
    deadline_provisional: bool
    missing_calendar_years: list[int]
    earliest_filing_date: date | None
    reconsideration_first: bool
    court_level: CourtLevel
    mediable: bool
    suggested_route: Route = Field(description="规则建议的去向")
    route: Route = Field(description="审查人决定的去向")
    reason_code: str
    basis: str | None
    facts: dict[str, Any] = Field(description="审查所依据的事实（提交时的原样）")
