"""Bodies of ``POST /api/v1/filing-checks``: the complaint's facts (RULES.md §1.0) and the eight checks' result.

Identities (names of natural persons, ID numbers, contacts) are not asked for: no check needs them.
"""

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from adr_contracts.vocabulary import CourtLevel, FilingCheck, Route, Verdict
from adr_intake.domain.case_numbers import parse_case_number
from adr_intake.domain.filing import (
    Act,
    AdminLevel,
    Claim,
    Complaint,
    DecisionType,
    Defendant,
    DefendantKind,
    FilingAssessment,
    Plaintiff,
    PlaintiffKind,
    PriorCase,
    PriorOutcome,
    Procedure,
    Reconsideration,
)

CODE = r"^[a-z][a-z0-9_]{1,59}$"
_STRICT = ConfigDict(extra="forbid")


class PlaintiffIn(BaseModel):
    """一名原告（仅与原告资格有关的事实）。"""

    model_config = _STRICT

    kind: PlaintiffKind = Field(description="natural 自然人；legal_person 法人；other_org 其他组织")
    is_addressee: bool = Field(description="是否为被诉行政行为的相对人")
    relation_to_act: str | None = Field(
        default=None,
        pattern=CODE,
        description="非相对人时与行为的关系：adjacent_rights 相邻权、fair_competition 公平竞争权、"
        "procedure_third_party 行政程序第三人、pursue_wrongdoer 要求追究加害人、affected_by_change 撤销变更涉及其权益、"
        "complainant 投诉人、other_interest 其他利害关系、owners 业主、shareholders 股东会或董事会、creditor 债权人、"
        "close_relative 近亲属（原告死亡）、successor 权利承受人（原告终止）",
    )
    deceased_or_terminated: bool = Field(default=False, description="原告已死亡（自然人）或已终止（法人、其他组织）")

    def to_fact(self) -> Plaintiff:
        """The domain fact."""
        return Plaintiff(**self.model_dump())


class DefendantIn(BaseModel):
    """一名被告。"""

    model_config = _STRICT

    name: str = Field(min_length=1, max_length=100, description="被告名称", examples=["伍家岗区市场监督管理局"])
    kind: DefendantKind = Field(
        description="government 人民政府；department 工作部门；dispatched_office 派出机关；dispatched_branch 派出机构；"
        "authorised_org 授权组织；entrusted_org 受委托组织；internal_body 内设机构；village_committee 村（居）委会；"
        "customs 海关；other 其他"
    )
    level: AdminLevel = Field(
        description="central 中央；province 省；city 市；county 县（区）；township 乡镇街道；other"
    )
    seal_name_on_document: str | None = Field(
        default=None, max_length=100, description="被诉文书上署名（盖章）的机关名称"
    )

    def to_fact(self) -> Defendant:
        """The domain fact."""
        return Defendant(**self.model_dump())


class ActIn(BaseModel):
    """被诉行政行为（或不履行法定职责）。"""

    model_config = _STRICT

    type: str = Field(
        pattern=CODE, description="行为类型代码，如 penalty 行政处罚、licensing 行政许可", examples=["penalty"]
    )
    made_date: date | None = Field(default=None, description="作出日")
    served_date: date | None = Field(default=None, description="送达日")
    known_date: date | None = Field(default=None, description="知道或者应当知道作出行政行为之日")
    content_known_date: date | None = Field(default=None, description="知道行政行为内容之日（晚于前者时填写）")
    deadline_known_date: date | None = Field(default=None, description="未告知起诉期限时，知道起诉期限之日")
    informed_of_litigation_right_and_deadline: bool = Field(default=True, description="是否告知了诉权和起诉期限")
    informed_of_reconsideration_right: bool = Field(default=True, description="是否告知了申请复议的权利")
    on_the_spot: bool = Field(default=False, description="当场作出")
    concerns_real_property: bool = Field(default=False, description="涉及不动产")
    amount_yuan: int | None = Field(default=None, ge=0, description="涉及金额（元）")
    involves_discretion: bool = Field(default=False, description="行使法律、法规规定的自由裁量权")
    is_failure_to_act: bool = Field(default=False, description="起诉不履行法定职责")
    application_date: date | None = Field(default=None, description="申请行政机关履行职责之日")
    statutory_duty_period_days: int | None = Field(
        default=None, ge=1, le=3650, description="法律、法规规定的履责期限（日）；未规定的为两个月"
    )
    emergency: bool = Field(default=False, description="紧急情况（行政诉讼法第四十七条第二款）")

    def to_fact(self) -> Act:
        """The domain fact."""
        return Act(**self.model_dump())


class ReconsiderationIn(BaseModel):
    """已申请的行政复议（未申请时省略）。"""

    model_config = _STRICT

    applied: bool = Field(default=False, description="是否申请了行政复议")
    organ: str | None = Field(default=None, max_length=100, description="复议机关", examples=["伍家岗区人民政府"])
    applied_date: date | None = Field(default=None, description="申请日")
    accepted_date: date | None = Field(default=None, description="受理日")
    procedure: Procedure = Field(default=Procedure.ORDINARY, description="ordinary 普通程序；simple 简易程序")
    extended_days: int = Field(default=0, ge=0, le=30, description="延长的天数（最多三十日）")
    decision_type: DecisionType | None = Field(
        default=None,
        description="maintain 维持；change 改变；reject_request 驳回复议请求；reject_procedural 不予受理或驳回申请；"
        "no_decision 逾期未作决定",
    )
    decision_served_date: date | None = Field(default=None, description="复议决定送达日")
    decision_informed_deadline: bool = Field(default=True, description="复议决定是否告知了起诉期限")
    deadline_known_date: date | None = Field(default=None, description="未告知时，知道起诉期限之日")
    withdrawn: bool = Field(default=False, description="复议申请已撤回")

    def to_fact(self) -> Reconsideration:
        """The domain fact."""
        return Reconsideration(**self.model_dump())


class ClaimIn(BaseModel):
    """一项诉讼请求（行诉法解释第六十八条）。"""

    model_config = _STRICT

    type: str = Field(
        pattern=CODE,
        description="revoke_or_alter 撤销或变更；order_perform_duty_or_payment 履行职责或给付；"
        "confirm_illegal 确认违法；confirm_void 确认无效；compensation_or_indemnity 赔偿或补偿；"
        "admin_agreement_dispute 行政协议争议；"
        "incidental_review_normative_doc 一并审查规范性文件；joint_civil_dispute 一并解决民事争议；other 其他",
        examples=["revoke_or_alter"],
    )
    amount_yuan: int | None = Field(default=None, ge=0, description="赔偿、补偿请求的数额（元）")
    normative_doc_name: str | None = Field(default=None, max_length=200, description="请求一并审查的规范性文件名称")
    normative_doc_is_rule: bool = Field(default=False, description="该文件是规章")
    civil_claim: str | None = Field(default=None, max_length=1000, description="一并解决的民事诉讼请求")

    def to_fact(self) -> Claim:
        """The domain fact."""
        return Claim(**self.model_dump())


class PriorCaseIn(BaseModel):
    """同一事项的在先案件，与本案对照。"""

    model_config = _STRICT

    case_no: str = Field(min_length=1, max_length=60, description="前案案号", examples=["（2025）鄂0503行初1号"])
    same_parties: bool = Field(description="当事人相同")
    same_subject: bool = Field(description="诉讼标的相同")
    same_or_included_claims: bool = Field(description="诉讼请求相同或者被前诉包含")
    outcome: PriorOutcome = Field(
        description="pending 审理中；judgment 生效裁判；mediation_statement 生效调解书；dismissed 不予立案或驳回起诉；"
        "withdrawn 准予撤诉；deemed_withdrawn_fee 未交费按撤诉处理；act_revoked 原行为被撤销后重新作出"
    )
    withdrawn: bool = Field(default=False, description="前案已撤诉")

    @field_validator("case_no")
    @classmethod
    def _a_real_case_number(cls, value: str) -> str:
        parsed = parse_case_number(value)
        if parsed is None:
            raise ValueError("案号格式不正确，应如（2025）鄂0503行初1号（2016年前的案号如(2014)鄂孝南民初字第02154号）")
        return parsed.text

    def to_fact(self) -> PriorCase:
        """The domain fact."""
        return PriorCase(**self.model_dump())


EXAMPLE: dict[str, Any] = {
    "act": {
        "type": "penalty",
        "made_date": "2025-09-08",
        "served_date": "2025-09-10",
        "known_date": "2025-09-10",
        "amount_yuan": 5000,
        "involves_discretion": True,
    },
    "plaintiffs": [{"kind": "natural", "is_addressee": True}],
    "defendants": [
        {
            "name": "伍家岗区市场监督管理局",
            "kind": "department",
            "level": "county",
            "seal_name_on_document": "伍家岗区市场监督管理局",
        }
    ],
    "claims": [{"type": "revoke_or_alter"}],
    "filed_date": "2025-11-20",
    "as_of": "2025-11-20",
}


class FilingCheckRequest(BaseModel):
    """起诉材料中的事实（RULES.md §1.0），以及评估所依据的日期。"""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE]})

    act: ActIn
    plaintiffs: list[PlaintiffIn] = Field(default_factory=list, max_length=10000, description="原告")
    defendants: list[DefendantIn] = Field(default_factory=list, max_length=50, description="被告")
    reconsideration: ReconsiderationIn = Field(default_factory=ReconsiderationIn, description="行政复议情况")
    claims: list[ClaimIn] = Field(default_factory=list, max_length=50, description="诉讼请求")
    filed_date: date | None = Field(default=None, description="起诉日（法院或中心最初收到起诉材料之日）")
    postmark_date: date | None = Field(default=None, description="邮寄起诉的交邮日（在途时间不计入期限）")
    prior_cases: list[PriorCaseIn] = Field(default_factory=list, max_length=50, description="同一事项的在先案件")
    delay_reason_recorded: bool = Field(
        default=False, description="有不可抗力等不属于自身原因耽误起诉期限的记录（行政诉讼法第四十八条）"
    )
    as_of: date | None = Field(default=None, description="评估日；未起诉时按此日起诉计算。缺省为当天（北京时间）")

    def to_complaint(self) -> Complaint:
        """The facts as the domain reads them."""
        return Complaint(
            act=self.act.to_fact(),
            plaintiffs=tuple(p.to_fact() for p in self.plaintiffs),
            defendants=tuple(d.to_fact() for d in self.defendants),
            reconsideration=self.reconsideration.to_fact(),
            claims=tuple(c.to_fact() for c in self.claims),
            filed_date=self.filed_date,
            postmark_date=self.postmark_date,
            prior_cases=tuple(p.to_fact() for p in self.prior_cases),
            delay_reason_recorded=self.delay_reason_recorded,
        )


class CheckOut(BaseModel):
    """一项审查的结论。fail 表示存在不予立案或驳回起诉的风险，并非最终决定；review 须由人工判断。"""

    check: FilingCheck
    verdict: Verdict
    basis: str = Field(description="所依据的法律条文")
    explanation: str = Field(description="说明")


class FilingCheckResponse(BaseModel):
    """立案“八看”的计算结果（不保存，由审查人确认或改判）。"""

    checks: list[CheckOut]
    filing_deadline: date | None = Field(description="起诉期限的最后一日；缺少日期时为空")
    deadline_provisional: bool = Field(description="该日期所在年份的国务院节假日安排尚未载入，仅按周末推算")
    missing_calendar_years: list[int] = Field(description="尚未载入节假日安排的年份")
    earliest_filing_date: date | None = Field(description="不履行法定职责案件最早可以起诉之日")
    reconsideration_first: bool = Field(description="复议前置")
    court_level: CourtLevel = Field(description="第一审法院级别")
    mediable: bool = Field(description="可以就实体问题调解（赔偿、补偿、自由裁量、行政协议）")
    route: Route = Field(
        description="建议分流：mediation 诉前调解；filing 立案；reconsideration 行政复议；not_accepted 不予受理风险"
    )

    @classmethod
    def from_assessment(cls, assessment: FilingAssessment) -> "FilingCheckResponse":
        """The response for a computed assessment."""
        deadline = assessment.filing_deadline
        return cls(
            checks=[
                CheckOut(
                    check=FilingCheck(r.check.value),
                    verdict=Verdict(r.verdict.value),
                    basis=r.basis,
                    explanation=r.explanation,
                )
                for r in assessment.checks
            ],
            filing_deadline=deadline.day if deadline else None,
            deadline_provisional=bool(deadline and deadline.provisional),
            missing_calendar_years=list(deadline.missing_years) if deadline else [],
            earliest_filing_date=assessment.earliest_filing_date,
            reconsideration_first=assessment.reconsideration_first,
            court_level=CourtLevel(assessment.court_level.value),
            mediable=assessment.mediable,
            route=Route(assessment.route.value),
        )
