"""Chinese labels of intake's codes, for pages (the API keeps the English codes)."""

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
}

STAGE_OPTIONS = [(code, text) for code, (text, _kind) in STAGES.items()]
