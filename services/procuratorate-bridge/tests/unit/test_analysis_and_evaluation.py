"""Joint analysis of major disputes (P1) and quality evaluation of enforcement cases (P5): transitions."""

from datetime import date
from uuid import uuid4

import pytest

from adr_procuratorate_bridge.domain.analysis import AnalysisStatus, JointAnalysis
from adr_procuratorate_bridge.domain.errors import Conflict, DomainError
from adr_procuratorate_bridge.domain.evaluation import EvaluationTask, Finding, Rating


def an_invitation() -> JointAnalysis:
    return JointAnalysis(
        id=uuid4(), case_id=uuid4(), topic="群体性征收补偿争议研判", invited_by="centre", meeting_on=date(2026, 12, 2)
    )


def a_task(*refs: str) -> EvaluationTask:
    return EvaluationTask.open(
        id=uuid4(), agency_code="WJG-SCJ", period_from=date(2026, 1, 1), period_to=date(2026, 6, 30),
        case_refs=refs or ("罚-1", "罚-2"), title="2026年上半年行政处罚案卷评查",
    )


@pytest.mark.clause("P1")
def test_the_procuratorate_gives_its_written_opinion_once() -> None:
    analysis = an_invitation()

    analysis.give_opinion(participants=("检察官甲", " "), opinion="建议先行协调补偿标准", opinion_on=date(2026, 12, 3))

    assert (analysis.status, analysis.participants) == (AnalysisStatus.OPINION_GIVEN, ("检察官甲",))
    with pytest.raises(Conflict, match="已答复"):
        analysis.decline("时间冲突")


@pytest.mark.clause("P1")
def test_declining_needs_a_reason_and_ends_the_invitation() -> None:
    analysis = an_invitation()

    with pytest.raises(DomainError, match="理由"):
        analysis.decline(" ")
    analysis.decline("回避")

    assert analysis.status is AnalysisStatus.DECLINED
    with pytest.raises(Conflict):
        analysis.give_opinion(participants=("甲",), opinion="x", opinion_on=date(2026, 12, 3))


@pytest.mark.clause("P1")
@pytest.mark.parametrize(
    ("participants", "opinion", "opinion_on", "message"),
    [((), "意见", date(2026, 12, 3), "检察人员"), (("甲",), " ", date(2026, 12, 3), "书面意见"),
     (("甲",), "意见", date(2026, 12, 1), "不能早于")],
)
def test_an_opinion_needs_participants_text_and_a_date_after_the_meeting(
    participants: tuple[str, ...], opinion: str, opinion_on: date, message: str
) -> None:
    analysis = an_invitation()

    with pytest.raises(DomainError, match=message):
        analysis.give_opinion(participants=participants, opinion=opinion, opinion_on=opinion_on)
    assert analysis.status is AnalysisStatus.INVITED


@pytest.mark.clause("P5")
def test_an_evaluation_records_findings_and_closes_when_every_case_is_rated() -> None:
    task = a_task()
    task.record_finding(Finding("罚-1", Rating.QUALIFIED))

    with pytest.raises(DomainError, match="1 件"):
        task.close(date(2026, 7, 10))
    task.record_finding(Finding("罚-2", Rating.FLAWED, "未载明救济途径"))
    task.close(date(2026, 7, 10))

    assert task.counts() == {"qualified": 1, "flawed": 1, "unqualified": 0}
    assert task.problems() == [Finding("罚-2", Rating.FLAWED, "未载明救济途径")]
    with pytest.raises(Conflict):
        task.record_finding(Finding("罚-1", Rating.UNQUALIFIED, "x"))
    with pytest.raises(Conflict):
        task.close(date(2026, 7, 11))


@pytest.mark.clause("P5")
def test_findings_must_be_on_the_sample_and_name_the_problems() -> None:
    task = a_task()

    with pytest.raises(DomainError, match="不在本次评查"):
        task.record_finding(Finding("罚-9", Rating.QUALIFIED))
    with pytest.raises(DomainError, match="发现的问题"):
        task.record_finding(Finding("罚-1", Rating.UNQUALIFIED, " "))


@pytest.mark.clause("P5")
@pytest.mark.parametrize(("refs", "message"), [((" ",), "列明"), (("罚-1", "罚-1"), "重复")])
def test_a_sample_is_non_empty_without_repeats(refs: tuple[str, ...], message: str) -> None:
    with pytest.raises(DomainError, match=message):
        a_task(*refs)
