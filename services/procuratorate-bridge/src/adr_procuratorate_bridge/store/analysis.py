"""Joint analyses and quality evaluations in the database (row <-> domain mapping)."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_procuratorate_bridge.domain.analysis import AnalysisStatus, JointAnalysis
from adr_procuratorate_bridge.domain.errors import NotFound
from adr_procuratorate_bridge.domain.evaluation import EvaluationTask, Finding, Rating
from adr_procuratorate_bridge.store.tables import evaluations, joint_analyses

_ANALYSIS = ("id", "case_id", "topic", "invited_by", "meeting_on", "opinion", "opinion_on", "decline_reason")
_TASK = ("id", "agency_code", "title", "period_from", "period_to", "closed_on")


def _analysis_row(analysis: JointAnalysis) -> dict[str, Any]:
    values = {name: getattr(analysis, name) for name in _ANALYSIS}
    return values | {"status": analysis.status.value, "participants": list(analysis.participants)}


def to_analysis(row: Any) -> JointAnalysis:
    values = {name: getattr(row, name) for name in _ANALYSIS}
    return JointAnalysis(
        **values, status=AnalysisStatus(row.status), participants=tuple(row.participants or ())
    )


def _task_row(task: EvaluationTask) -> dict[str, Any]:
    findings = [
        {"case_ref": f.case_ref, "rating": f.rating.value, "problems": f.problems} for f in task.findings.values()
    ]
    return {name: getattr(task, name) for name in _TASK} | {"case_refs": list(task.case_refs), "findings": findings}


def to_task(row: Any) -> EvaluationTask:
    findings = {
        f["case_ref"]: Finding(case_ref=f["case_ref"], rating=Rating(f["rating"]), problems=f["problems"])
        for f in row.findings or ()
    }
    return EvaluationTask(
        **{name: getattr(row, name) for name in _TASK}, case_refs=tuple(row.case_refs), findings=findings
    )


class AnalysisRepository:
    """Joint analyses and evaluation tasks inside the unit of work's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_analysis(self, analysis: JointAnalysis, *, now: datetime) -> None:
        await self._session.execute(insert(joint_analyses).values(**_analysis_row(analysis), created_at=now))

    async def analysis(self, analysis_id: UUID) -> JointAnalysis:
        query = select(joint_analyses).where(joint_analyses.c.id == analysis_id).with_for_update()
        row = (await self._session.execute(query)).first()
        if row is None:
            raise NotFound(f"未找到研判邀请 {analysis_id}")
        return to_analysis(row)

    async def save_analysis(self, analysis: JointAnalysis) -> None:
        table = joint_analyses
        await self._session.execute(update(table).where(table.c.id == analysis.id).values(**_analysis_row(analysis)))

    async def add_task(self, task: EvaluationTask, *, now: datetime) -> None:
        await self._session.execute(insert(evaluations).values(**_task_row(task), created_at=now))

    async def task(self, task_id: UUID) -> EvaluationTask:
        query = select(evaluations).where(evaluations.c.id == task_id).with_for_update()
        row = (await self._session.execute(query)).first()
        if row is None:
            raise NotFound(f"未找到评查任务 {task_id}")
        return to_task(row)

    async def save_task(self, task: EvaluationTask) -> None:
        await self._session.execute(update(evaluations).where(evaluations.c.id == task.id).values(**_task_row(task)))
