"""Builders of filing-review requests (the stateless check's facts, plus the reviewer's decisions)."""

from datetime import date
from typing import Any

from adr_intake.api.filing_schemas import EXAMPLE

CHECKS = ["claim", "scope", "plaintiff", "defendant", "limitation", "reconsideration", "jurisdiction", "other_bars"]

# Illustrative rows for 2027 (the tests' own data, not the official notice): Qingming on Monday 5 April.
QINGMING_2027 = {"date": "2027-04-05", "kind": "holiday", "name_zh": "清明节"}
SPRING_FESTIVAL_WORKDAY_2027 = {"date": "2027-02-20", "kind": "workday", "name_zh": "春节"}
NOTICE_2027 = "https://www.gov.cn/zhengce/content/2027-test-notice"

A_DISPUTE = {
    "channel": "centre_walk_in",
    "received_on": "2025-11-20",
    "applicants": [{"kind": "natural", "name": "张三"}],
    "agency_codes": ["WJG-SCJ"],
    "act_type": "penalty",
    "claims_summary": "请求撤销罚款决定",
    "mediation_consent": True,
}


def confirm_all(**overrides: dict[str, Any]) -> dict[str, Any]:
    """Every check confirmed, except those given (e.g. ``limitation={...}``)."""
    return {check: overrides.get(check, {"decision": "confirm"}) for check in CHECKS}


def a_review(facts: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    """The documented example's facts (all checks pass, mediable), every check confirmed, routed to mediation."""
    return {
        **(facts or EXAMPLE),
        "confirmations": confirm_all(),
        "route": "mediation",
        "reason_code": "discretionary_act",
        **changes,
    }


def facts_known_on(known: date, *, as_of: str) -> dict[str, Any]:
    """The example's facts with the act known (and served) on ``known``, nothing filed yet."""
    act = {**EXAMPLE["act"], "made_date": known.isoformat(), "served_date": known.isoformat(),
           "known_date": known.isoformat()}  # fmt: skip
    return {**EXAMPLE, "act": act, "filed_date": None, "as_of": as_of}
