"""Chinese names of the codes shown to staff and printed on documents."""

from adr_procuratorate_bridge.domain.model import KIND_LABELS

SHARED_KINDS = KIND_LABELS

SUGGESTION_KINDS = {
    "retrial": "再审检察建议",
    "correction": "纠正违法检察建议",
    "public_interest": "公益诉讼检察建议",
    "social_governance": "社会治理检察建议",
    "other": "其他检察建议",
}

SUGGESTION_STATUS = {
    "draft": ("草稿", "info"),
    "issued": ("已发出，待回复", "info"),
    "overdue": ("逾期未回复", "danger"),
    "replied": ("已回复", "ok"),
}

WARNINGS = {
    "overdue": ("已逾期", "danger"),
    "due_in_5": ("5日内到期", "danger"),
    "due_in_15": ("15日内到期", "warn"),
}

HEARING_OUTCOMES = {
    "reconciled": "达成和解",
    "suggestion": "制发检察建议",
    "closed": "审查终结",
    "supported": "支持监督申请",
    "not_supported": "不支持监督申请",
}

PARTICIPANT_ROLES = {
    "hearing_officer": "听证员",
    "applicant": "申请人",
    "agency": "行政机关",
    "third_party": "第三人",
    "people_supervisor": "人民监督员",
    "other": "其他参加人",
}

FINDING_RATINGS = {
    "qualified": "合格",
    "flawed": "有瑕疵",
    "unqualified": "不合格",
}


def yes_no(value: bool | None) -> str:
    """是 / 否 / —."""
    return "—" if value is None else ("是" if value else "否")
