"""Builders of complaints for the filing-check tests (RULES.md §1.0): a plain penalty case, then changes."""

from dataclasses import replace
from datetime import date
from typing import Any

from adr_intake.domain.filing import (
    Act,
    AdminLevel,
    Claim,
    Complaint,
    DecisionType,
    Defendant,
    DefendantKind,
    Plaintiff,
    PlaintiffKind,
    Reconsideration,
)

D = date.fromisoformat
AS_OF = D("2025-11-20")
BUREAU = "伍家岗区市场监督管理局"
DISTRICT_GOVERNMENT = "伍家岗区人民政府"
CITY_GOVERNMENT = "宜昌市人民政府"

ADDRESSEE = Plaintiff(kind=PlaintiffKind.NATURAL, is_addressee=True)


def an_agency(name: str = BUREAU, **changes: Any) -> Defendant:
    """A district department, named as on its seal."""
    agency = Defendant(name=name, kind=DefendantKind.DEPARTMENT, level=AdminLevel.COUNTY, seal_name_on_document=name)
    return replace(agency, **changes)


def the_district_government(**changes: Any) -> Defendant:
    """The district people's government: a county-level government."""
    return an_agency(DISTRICT_GOVERNMENT, kind=DefendantKind.GOVERNMENT, **changes)


def a_penalty(**changes: Any) -> Act:
    """A fine of a district department, served with the right to sue and its deadline told."""
    act = Act(
        type="penalty",
        made_date=D("2025-09-08"),
        served_date=D("2025-09-10"),
        known_date=D("2025-09-10"),
        amount_yuan=5000,
    )
    return replace(act, **changes)


def a_reconsideration(decision: DecisionType | None = DecisionType.MAINTAIN, **changes: Any) -> Reconsideration:
    """A reconsideration by the district government, decided and served."""
    reconsideration = Reconsideration(
        applied=True,
        organ=DISTRICT_GOVERNMENT,
        applied_date=D("2025-07-01"),
        accepted_date=D("2025-07-03"),
        decision_type=decision,
        decision_served_date=D("2025-09-16") if decision else None,
    )
    return replace(reconsideration, **changes)


def a_complaint(act: Act | None = None, **changes: Any) -> Complaint:
    """The addressee sues the department to revoke its penalty; nothing else recorded."""
    complaint = Complaint(
        act=act or a_penalty(),
        plaintiffs=(ADDRESSEE,),
        defendants=(an_agency(),),
        claims=(Claim(type="revoke_or_alter"),),
    )
    return replace(complaint, **changes)


def upheld_by_the_district_government(**changes: Any) -> Complaint:
    """A department's penalty upheld by the district government; both sued."""
    return a_complaint(
        reconsideration=a_reconsideration(DecisionType.MAINTAIN),
        defendants=(an_agency(), the_district_government()),
        **changes,
    )
