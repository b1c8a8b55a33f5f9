"""Classification (C2): the district's rules raise the flags; by hand with a reason; becoming major alerts."""

import pytest

from adr_intake.domain.classification import Classification, ClassificationRules, by_hand, classify
from adr_intake.domain.errors import AlreadyWithdrawn, ClassificationReasonRequired
from adr_intake.domain.events import DisputeClassified

from ..builders import T0, a_dispute

pytestmark = pytest.mark.clause("C2")

RULES = ClassificationRules(
    group_threshold=10, major_amount_yuan=1_000_000, sensitive_act_types=frozenset({"expropriation"})
)


def flags(**facts: object) -> tuple[bool, bool, bool]:
    found = classify(**{"applicant_count": 1, "amount_yuan": None, "act_type": "penalty", "rules": RULES} | facts)
    return found.major, found.group, found.sensitive


@pytest.mark.parametrize(("count", "group"), [(9, False), (10, True), (11, True)])
def test_ten_or_more_applicants_make_a_group_dispute(count: int, group: bool) -> None:
    assert flags(applicant_count=count) == (False, group, False)


@pytest.mark.parametrize(("amount", "major"), [(None, False), (999_999, False), (1_000_000, True)])
def test_an_amount_at_the_threshold_makes_a_major_dispute(amount: int | None, major: bool) -> None:
    assert flags(amount_yuan=amount) == (major, False, False)


def test_a_configured_act_type_makes_a_sensitive_dispute() -> None:
    assert flags(act_type="expropriation") == (False, False, True)
    assert flags(act_type="penalty") == (False, False, False)


def test_the_thresholds_are_the_districts() -> None:
    stricter = ClassificationRules(group_threshold=5, major_amount_yuan=100, sensitive_act_types=frozenset())

    found = classify(applicant_count=5, amount_yuan=100, act_type="expropriation", rules=stricter)

    assert (found.major, found.group, found.sensitive) == (True, True, False)
    assert found.reason_codes == ("applicants_at_threshold", "amount_at_threshold")


def test_classifying_by_hand_needs_a_reason() -> None:
    with pytest.raises(ClassificationReasonRequired):
        by_hand(major=True, group=False, sensitive=False, note="  ")


def test_becoming_major_alerts_once() -> None:
    dispute = a_dispute()
    dispute.events.clear()

    dispute.classify(by_hand(major=True, group=False, sensitive=False, note="涉及重点工程"), now=T0)
    dispute.classify(by_hand(major=True, group=False, sensitive=True, note="另有舆情"), now=T0)

    first, second = dispute.events
    assert isinstance(first, DisputeClassified) and first.alert and first.manual
    assert isinstance(second, DisputeClassified) and not second.alert and second.sensitive


def test_nothing_is_recorded_when_the_flags_stay_the_same() -> None:
    dispute = a_dispute()
    dispute.events.clear()

    dispute.classify(Classification(), now=T0)

    assert dispute.events == [] and dispute.version == 0


def test_a_withdrawn_dispute_is_not_classified() -> None:
    dispute = a_dispute()
    dispute.withdraw(reason_code="applicant_withdrew", now=T0)

    with pytest.raises(AlreadyWithdrawn):
        dispute.classify(by_hand(major=True, group=False, sensitive=False, note="迟到的分类"), now=T0)
