"""Chinese labels of intake's codes, for pages (the API keeps the English codes)."""

from adr_intake.domain.filing.claim import CLAIM_TYPES

CHANNELS = {
    "centre_walk_in": "中心窗口申请",
    "online": "网上申请",
    "court_filing_window": "法院立案窗口",
    "court_delegation": "法院诉前委派",
    "reconsideration": "行政复议申请",
    "agency_lead": "机关报送线索",
    "petition_referral": "信访部门转送",
    "procuratorate_referral": "检察院移送",
}

STAGES = {
    "registered": ("已登记，待审查分流", "warn"),
    "routed_to_mediation": ("已分流至调解", "info"),
    "mediating": ("调解中", "info"),
    "agreed": ("已达成和解", "ok"),
    "mediation_failed": ("调解不成", "danger"),
    "routed_to_filing": ("转立案", "info"),
    "routed_to_reconsideration": ("引导行政复议", "info"),
    "not_accepted": ("不予受理", "danger"),
    "withdrawn": ("已撤回", "info"),
    "resolved": ("已化解结案", "ok"),
    "filed_in_court": ("法院已立案", "info"),
}

ROUTES = {
    "mediation": "诉前调解",
    "filing": "立案",
    "reconsideration": "引导行政复议",
    "not_accepted": "不予受理",
}

APPLICANT_KINDS = {"natural": "自然人", "legal_person": "法人", "other_org": "其他组织"}

ACT_TYPES = {
    "penalty": "行政处罚",
    "compulsory_measure": "行政强制",
    "licensing": "行政许可",
    "expropriation": "征收征用及补偿",
    "information_disclosure": "政府信息公开",
    "failure_to_act": "不履行法定职责",
    "social_security": "社会保障待遇",
    "admin_agreement": "行政协议",
    "other": "其他",
}

# Form field name for each API field, so that validation errors land beside the right input.
FORM_FIELDS = {
    "applicants.0.name": "applicant_name",
    "applicants.0.kind": "applicant_kind",
    "applicants.0.id_no": "applicant_id_no",
    "applicants.0.phone": "applicant_phone",
    "agency_codes": "agency_code",
    "agency_codes.0": "agency_code",
    "reconsideration.applied": "reconsideration_applied",
    "reconsideration.organ": "reconsideration_organ",
    "reconsideration.decision_type": "reconsideration_decision_type",
    "reconsideration.decision_served_on": "reconsideration_served_on",
}

STAGE_OPTIONS = [(code, text) for code, (text, _kind) in STAGES.items()]

# --- the directory, classification, lead agency, withdrawal (issue #4) ---

AGENCY_KINDS = {
    "government": "区人民政府",
    "department": "区政府工作部门",
    "branch_of_city_body": "市级部门派出机构",
    "street_office": "街道办事处",
    "township": "乡人民政府",
    "court": "人民法院",
    "procuratorate": "人民检察院",
    "centre": "中心",
}

AGENCY_LEVELS = {"county": "区（县）级", "township": "乡镇（街道）级", "city_branch": "市级派出"}

CLASSIFICATION_REASONS = {
    "applicants_at_threshold": "申请人数达到群体性争议标准",
    "amount_at_threshold": "涉案金额达到重大争议标准",
    "sensitive_act_type": "属于敏感行政行为类型",
    "manual": "人工分类",
}

WITHDRAWAL_REASONS = {
    "applicant_withdrew": "申请人主动撤回",
    "resolved_by_agency": "行政机关自行纠正，争议已化解",
    "settled_privately": "双方自行和解",
    "other": "其他",
}

# --- the contested act's facts at registration (RULES.md §1.0) ---

DECISION_TYPES = {
    "maintain": "维持",
    "change": "改变",
    "reject_request": "驳回复议请求",
    "reject_procedural": "不予受理或驳回申请",
    "no_decision": "逾期未作决定",
}

__all__ = ["CLAIM_TYPES", "DECISION_TYPES"]  # CLAIM_TYPES re-exported for the pages
