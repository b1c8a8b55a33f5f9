"""Bodies of the decisions on a dispute (classification C2, lead agency A1, withdrawal) and their views."""

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from adr_intake.domain.directory import CODE_PATTERN

REASON_CODE = r"^[a-z][a-z0-9_]{1,59}$"


class ClassificationRequest(BaseModel):
    """A classification by hand: the flags as they should stand, and why."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"major": True, "group": False, "sensitive": True, "reason": "涉及重点工程征收"}]
        },
    )

    major: bool = Field(description="重大复杂（由中心直接组织化解）")
    group: bool = Field(description="群体性")
    sensitive: bool = Field(description="敏感")
    reason: str = Field(min_length=1, max_length=500, description="分类理由（保存在本中心，不随事件发布）")


class LeadAgencyRequest(BaseModel):
    """The lead agency decided by the Justice Bureau and the court among the agencies involved."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"lead_agency_code": "WJG-ZJJ", "reasons": "征收补偿主要由区住建局实施"}]},
    )

    lead_agency_code: Annotated[str, StringConstraints(pattern=CODE_PATTERN)] = Field(description="牵头机关目录代码")
    reasons: str = Field(min_length=1, max_length=1000, description="司法局与法院确定牵头机关的理由")
    decided_on: date | None = Field(default=None, description="决定日期（默认为今日，北京时间）")


class WithdrawalRequest(BaseModel):
    """The applicant's withdrawal of a dispute not yet routed."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"reason_code": "applicant_withdrew"}]})

    reason_code: str = Field(pattern=REASON_CODE, description="撤回理由代码，如 applicant_withdrew、resolved_by_agency")


class ClassificationView(BaseModel):
    """The dispute's flags; `alert` while it is major (the centre was alerted when it became so)."""

    major: bool = False
    group: bool = False
    sensitive: bool = False
    reason_codes: list[str] = Field(default_factory=list)
    manual: bool = False
    note: str | None = None
    alert: bool = False


class LeadAgencyView(BaseModel):
    """The agency responsible: the only one involved, or the lead decided among several."""

    code: str
    decided: bool = Field(description="true: decided by the Justice Bureau and the court among several agencies")
    reasons: str | None = None
    decided_on: date | None = None
    liaisons_to_notify: list[UUID] = Field(description="Directory liaison ids to notify (no identities)")


class WithdrawalView(BaseModel):
    reason_code: str
    withdrawn_at: datetime
