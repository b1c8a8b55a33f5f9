"""Joint meetings (府院联席会议, O1): follow-up tasks with an owner and a due date, tracked to done (督办)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from adr_reporting.domain.errors import Conflict, ReportingError


class TaskStatus(StrEnum):
    OPEN = "open"  # 督办中
    DONE = "done"  # 已办结


@dataclass
class FollowUpTask:
    """A task a meeting assigned; overdue while open after its due date."""

    title: str
    owner_unit: str
    due_on: date
    status: TaskStatus = TaskStatus.OPEN
    done_on: date | None = None
    note: str | None = None

    def complete(self, on: date, note: str | None, *, held_on: date) -> None:
        """Marks the task done (办结), with what was done."""
        if self.status is TaskStatus.DONE:
            raise Conflict("该督办事项已办结，不能重复办结")
        if on < held_on:
            raise ReportingError("办结日期不能早于会议召开日期")
        self.status, self.done_on, self.note = TaskStatus.DONE, on, note

    def reopen(self, note: str | None) -> None:
        """Puts a done task back under supervision (the work was not in fact done)."""
        if self.status is TaskStatus.OPEN:
            raise Conflict("该督办事项尚未办结，无需重新督办")
        self.status, self.done_on, self.note = TaskStatus.OPEN, None, note

    def overdue(self, today: date) -> bool:
        """Open after its due date."""
        return self.status is TaskStatus.OPEN and today > self.due_on


def check_task(title: str, owner_unit: str, due_on: date, held_on: date) -> None:
    """A new task must be named, owned, and due after the meeting."""
    if not title.strip() or not owner_unit.strip():
        raise ReportingError("督办事项须写明事项内容和责任单位")
    if due_on < held_on:
        raise ReportingError("督办事项的办理期限不能早于会议召开日期")
