"""Chinese labels of the eight-check worksheet (立案“八看”审查表); the API keeps the English codes."""

from adr_intake.domain.filing.claim import CLAIM_TYPES
from adr_intake.domain.filing.scope import ACT_TYPES as SCOPE_ACT_TYPES
from adr_intake.web.labels import DECISION_TYPES as DECISION_LABELS
from adr_intake.web.labels import ROUTES

CHECKS = {
    "claim": "看诉讼请求",
    "scope": "看受案范围",
    "plaintiff": "看原告资格",
    "defendant": "看被告资格",
    "limitation": "看起诉期限",
    "reconsideration": "看复议前置",
    "jurisdiction": "看管辖",
    "other_bars": "看重复起诉及其他情形",
}

# verdict -> (label, badge kind)
VERDICTS = {
    "pass": ("符合", "ok"),
    "fail": ("存在不予立案风险", "danger"),
    "correctable": ("可补正", "warn"),
    "review": ("需人工判断", "info"),
}
VERDICT_OPTIONS = [(code, text) for code, (text, _kind) in VERDICTS.items()]

COURT_LEVELS = {"basic": "基层人民法院", "intermediate": "中级人民法院", "high": "高级人民法院"}

ACT_TYPES = [(code, kind.label) for code, kind in SCOPE_ACT_TYPES.items()]
CLAIMS = list(CLAIM_TYPES.items())

PLAINTIFF_KINDS = [("natural", "自然人"), ("legal_person", "法人"), ("other_org", "其他组织")]

DEFENDANT_KINDS = [
    ("government", "人民政府"),
    ("department", "政府工作部门"),
    ("dispatched_office", "派出机关（街道办事处等）"),
    ("dispatched_branch", "派出机构"),
    ("authorised_org", "法律、法规、规章授权的组织"),
    ("entrusted_org", "受委托的组织"),
    ("internal_body", "内设机构"),
    ("village_committee", "村（居）民委员会"),
    ("customs", "海关"),
    ("other", "其他"),
]

ADMIN_LEVELS = [
    ("central", "中央"),
    ("province", "省级"),
    ("city", "设区的市级"),
    ("county", "县级（含区）"),
    ("township", "乡镇、街道"),
    ("other", "其他"),
]

DECISION_TYPES = list(DECISION_LABELS.items())

ROUTE_OPTIONS = list(ROUTES.items())

# Form fields named in error messages.
FIELDS = {
    "act_type": "行为类型",
    "made_date": "作出日",
    "served_date": "送达日",
    "known_date": "知道之日",
    "application_date": "申请履责之日",
    "plaintiff_kind": "原告类型",
    "defendant_name": "被告名称",
    "defendant_kind": "被告类型",
    "defendant_level": "被告级别",
    "reconsideration_applied_date": "复议申请日",
    "reconsideration_decision_type": "复议决定类型",
    "reconsideration_served_date": "复议决定送达日",
    "claim_types": "诉讼请求",
    "filed_date": "起诉日",
    "as_of": "评估日",
    "route": "去向",
    "reason_code": "理由代码",
    "basis": "法律依据",
}
