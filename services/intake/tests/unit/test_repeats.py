"""Repeat detection (RULES.md §1.8): the same applicant against the same act, by blind keys."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from adr_intake.domain.repeats import (
    ApplicantKeys,
    ContestedAct,
    EarlierDispute,
    IndexedApplicant,
    find_repeat,
    normalise_doc_no,
    same_act,
    same_applicant,
)

pytestmark = pytest.mark.clause("M3")

ACT = ContestedAct(("WJG-SCJ",), "penalty", "伍市监罚〔2026〕12号")
WITH_ID = ApplicantKeys(id_keys=frozenset({"id-1"}), name_keys=frozenset({"name-张三"}))
NAME_ONLY = ApplicantKeys(id_keys=frozenset(), name_keys=frozenset({"name-张三"}))


def earlier(
    act: ContestedAct = ACT, *, id_key: str | None = "id-1", name_key: str = "name-张三", days_ago: int = 10
) -> EarlierDispute:
    return EarlierDispute(
        case_id=uuid4(),
        registration_no=f"WJG-2026-{days_ago:06d}",
        registered_at=datetime(2026, 11, 28, tzinfo=UTC) - timedelta(days=days_ago),
        act=act,
        applicants=(IndexedApplicant(id_key=id_key, name_key=name_key),),
    )


def test_the_id_number_decides_when_both_have_one() -> None:
    assert same_applicant(WITH_ID, IndexedApplicant(id_key="id-1", name_key="name-other"))
    assert not same_applicant(WITH_ID, IndexedApplicant(id_key="id-2", name_key="name-张三"))


def test_the_exact_name_decides_when_either_has_no_id_number() -> None:
    assert same_applicant(NAME_ONLY, IndexedApplicant(id_key="id-1", name_key="name-张三"))
    assert same_applicant(WITH_ID, IndexedApplicant(id_key=None, name_key="name-张三"))
    assert not same_applicant(NAME_ONLY, IndexedApplicant(id_key=None, name_key="name-张三丰"))


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (ContestedAct(("WJG-SCJ",), "penalty", "伍市监罚[2026]12号"), True),
        (ContestedAct(("WJG-SCJ", "WJG-GAFJ"), "penalty", None), True),
        (ContestedAct(("WJG-SCJ",), "penalty", "伍市监罚〔2026〕13号"), False),
        (ContestedAct(("WJG-SCJ",), "licensing", "伍市监罚〔2026〕12号"), False),
        (ContestedAct(("WJG-ZJJ",), "penalty", "伍市监罚〔2026〕12号"), False),
    ],
    ids=["brackets_typed_differently", "number_unknown", "other_number", "other_act_type", "other_agency"],
)
def test_the_same_act(other: ContestedAct, same: bool) -> None:
    assert same_act(ACT, other) is same


def test_document_numbers_are_compared_without_spaces_and_bracket_styles() -> None:
    assert normalise_doc_no(" 伍市监罚（2026）12 号 ") == normalise_doc_no("伍市监罚〔2026〕12号")
    assert normalise_doc_no("   ") is None


def test_the_latest_earlier_dispute_is_the_one_linked() -> None:
    older, newer = earlier(days_ago=30), earlier(days_ago=3)

    assert find_repeat(ACT, [WITH_ID], [older, newer]) == newer


def test_another_applicant_or_another_act_is_no_repeat() -> None:
    other_person = earlier(id_key="id-9", name_key="name-李四")
    other_act = earlier(ContestedAct(("WJG-SCJ",), "licensing", None))

    assert find_repeat(ACT, [WITH_ID], [other_person, other_act]) is None
