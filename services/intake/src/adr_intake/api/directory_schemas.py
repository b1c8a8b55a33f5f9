"""Request and response bodies of the directory API (O3); liaisons' names and phones are shown masked."""

from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from adr_intake.domain.directory import CODE_PATTERN, AgencyKind, AgencyLevel

UnitCode = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
PHONE = r"^[0-9+\- ]{5,20}$"


class UnitFields(BaseModel):
    """A unit's facts as staff enter them."""

    model_config = ConfigDict(extra="forbid")

    name_zh: str = Field(min_length=1, max_length=100, description="简称，如 伍家岗区司法局")
    kind: AgencyKind = Field(description="单位类型")
    level: AgencyLevel = Field(description="层级")
    reconsideration_organ_zh: str = Field(default="", max_length=200, description="行政复议机关（2023年修订的复议法）")
    verified: bool = Field(default=False, description="已对照官方来源核实；否则显示为“待核实”")
    source: str = Field(default="", max_length=500, description="来源（网址或文件文号）；已核实的单位必填")


class UnitIn(UnitFields):
    """A new unit of the directory."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "code": "WJG-SCJ",
                    "name_zh": "伍家岗区市场监督管理局",
                    "kind": "department",
                    "level": "county",
                    "reconsideration_organ_zh": "伍家岗区人民政府",
                    "verified": False,
                    "source": "http://www.ycwjg.gov.cn/",
                }
            ]
        },
    )

    code: UnitCode = Field(description="稳定的目录代码（大写字母、数字、连字符），改名也不变")


class UnitPatch(BaseModel):
    """Only the fields given change."""

    model_config = ConfigDict(extra="forbid")

    name_zh: str | None = Field(default=None, min_length=1, max_length=100)
    kind: AgencyKind | None = None
    level: AgencyLevel | None = None
    reconsideration_organ_zh: str | None = Field(default=None, max_length=200)
    verified: bool | None = None
    source: str | None = Field(default=None, max_length=500)


class LiaisonIn(BaseModel):
    """A liaison officer (personal data: encrypted at rest, masked in every view, never logged)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=50, description="姓名", examples=["李四"])
    phone: str | None = Field(default=None, pattern=PHONE, description="联系电话")
    post: str | None = Field(default=None, max_length=100, description="职务，如 法制科科长")


class LiaisonView(BaseModel):
    """A liaison officer as pages show one (masked)."""

    liaison_id: UUID
    name: str = Field(description="姓名（脱敏）")
    phone: str | None = Field(description="电话（脱敏）")
    post: str | None


class UnitView(BaseModel):
    """A unit of the directory."""

    code: str
    name_zh: str
    kind: AgencyKind
    level: AgencyLevel
    reconsideration_organ_zh: str
    verified: bool
    status_zh: str = Field(description="已核实 or 待核实 (rows not yet checked against an official source)")
    source: str
    retired: bool = Field(description="已从目录移除")
    liaison_count: int


class UnitDetail(UnitView):
    """A unit with its liaison officers (masked)."""

    liaisons: list[LiaisonView]


class ImportReport(BaseModel):
    """What an import did (or, with dry_run, would do)."""

    dry_run: bool
    added: int
    updated: int
    unchanged: int
    liaisons_added: int
