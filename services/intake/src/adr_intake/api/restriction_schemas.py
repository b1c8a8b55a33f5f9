"""Bodies and views of a dispute's restriction and of its personal data (issue #3: O2, O3)."""

from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Subject = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class RestrictionRequest(BaseModel):
    """Who alone may see the dispute (besides administrators); an empty list lifts the restriction."""

    model_config = ConfigDict(extra="forbid")

    restricted_to: list[Subject] = Field(
        max_length=20, description="可查看本案的人员账号（登录名或统一身份认证标识），空列表为取消限制"
    )


class PartyView(BaseModel):
    """An applicant unmasked (only through the audited read)."""

    kind: str
    name: str
    id_no: str | None
    phone: str | None


class PersonalDataView(BaseModel):
    """A dispute's applicants and claims, unmasked; every read is recorded in the audit log."""

    case_id: UUID
    applicants: list[PartyView]
    claims_summary: str
