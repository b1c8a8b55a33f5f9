"""Follow-up tasks tracked to done (O1), and the personal-data check of typical cases (R3)."""

from datetime import date

import pytest

from adr_reporting.domain.anonymity import personal_data
from adr_reporting.domain.errors import Conflict, ReportingError
from adr_reporting.domain.meetings import FollowUpTask, TaskStatus, check_task

HELD = date(2026, 11, 5)


def task() -> FollowUpTask:
    return FollowUpTask("梳理近三年行政处罚争议", "WJG-SCJ", date(2026, 11, 30))


@pytest.mark.clause("O1")
def test_open_task_can_be_done_and_a_done_task_reopened() -> None:
    item = task()

    item.complete(date(2026, 11, 20), "已报送", held_on=HELD)
    assert (item.status, item.done_on) == (TaskStatus.DONE, date(2026, 11, 20))
    item.reopen("报送材料不全")
    assert (item.status, item.done_on, item.note) == (TaskStatus.OPEN, None, "报送材料不全")


@pytest.mark.clause("O1")
def test_refused_transitions() -> None:
    done = task()
    done.complete(date(2026, 11, 20), None, held_on=HELD)

    with pytest.raises(Conflict):
        done.complete(date(2026, 11, 21), None, held_on=HELD)
    with pytest.raises(Conflict):
        task().reopen("未办结")
    with pytest.raises(ReportingError):
        task().complete(date(2026, 11, 1), None, held_on=HELD)  # before the meeting


@pytest.mark.clause("O1")
def test_overdue_only_while_open_after_the_due_date() -> None:
    item = task()

    assert not item.overdue(date(2026, 11, 30)) and item.overdue(date(2026, 12, 1))
    item.complete(date(2026, 12, 2), None, held_on=HELD)
    assert not item.overdue(date(2026, 12, 5))


@pytest.mark.clause("O1")
@pytest.mark.parametrize(("title", "owner", "due"), [("", "WJG-SCJ", date(2026, 12, 1)),
                                                     ("事项", " ", date(2026, 12, 1)),
                                                     ("事项", "WJG-SCJ", date(2026, 11, 4))])
def test_a_task_needs_a_title_an_owner_and_a_due_date_after_the_meeting(title: str, owner: str, due: date) -> None:
    with pytest.raises(ReportingError):
        check_task(title, owner, due, HELD)


@pytest.mark.clause("R3")
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("申请人身份证号42050219800101123X。", "身份证号码"),
        ("联系电话13972012345。", "手机号码"),
        ("办公电话0717-6221234。", "固定电话号码"),
        ("邮箱zhang@example.com。", "电子邮箱"),
        ("住伍家岗区胜利四路18号。", "详细地址"),
        ("住某小区3栋2单元501室。", "详细地址"),
        ("系伍家岗区桔城村3组村民。", "详细地址"),
        ("申请人张三不服处罚。", "当事人姓名"),
    ],
)
def test_each_kind_of_personal_data_is_found(text: str, kind: str) -> None:
    findings = personal_data(text, ["张三"])

    assert [f.kind for f in findings] == [kind]
    assert "张三" not in findings[0].describe() and "1397" not in findings[0].describe()


@pytest.mark.clause("R3")
def test_an_anonymised_write_up_passes() -> None:
    text = "申请人张某不服区市场监管局作出的罚款决定，经中心组织调解，机关自行纠正，申请人撤回申请。罚款2000元。"

    assert personal_data(text, ["张三", "李四"]) == []
