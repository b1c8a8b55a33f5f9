"""Read-only queries about joint analyses (P1) and quality evaluations (P5)."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_procuratorate_bridge.api.analysis_schemas import AnalysisView, EvaluationView, FindingBody
from adr_procuratorate_bridge.domain.errors import NotFound
from adr_procuratorate_bridge.store.analysis import to_analysis, to_task
from adr_procuratorate_bridge.store.tables import evaluations, joint_analyses, suggestions


def analysis_view(row: object) -> AnalysisView:
    analysis = to_analysis(row)
    return AnalysisView.model_validate(analysis.__dict__ | {"participants": list(analysis.participants)})


async def analyses(sessions: async_sessionmaker[AsyncSession], *, case_id: UUID | None = None) -> list[AnalysisView]:
    query = select(joint_analyses).order_by(joint_analyses.c.meeting_on.desc(), joint_analyses.c.created_at.desc())
    if case_id is not None:
        query = query.where(joint_analyses.c.case_id == case_id)
    async with sessions() as session:
        return [analysis_view(r) for r in (await session.execute(query)).all()]


async def analysis(sessions: async_sessionmaker[AsyncSession], analysis_id: UUID) -> AnalysisView:
    async with sessions() as session:
        row = (await session.execute(select(joint_analyses).where(joint_analyses.c.id == analysis_id))).first()
    if row is None:
        raise NotFound(f"未找到研判邀请 {analysis_id}")
    return analysis_view(row)


async def _evaluation_view(session: AsyncSession, row: object) -> EvaluationView:
    task = to_task(row)
    linked = select(suggestions.c.id).where(suggestions.c.evaluation_id == task.id).order_by(suggestions.c.created_at)
    suggestion_ids = list((await session.execute(linked)).scalars())
    findings = [
        FindingBody(case_ref=f.case_ref, rating=f.rating, problems=f.problems)
        for ref in task.case_refs if (f := task.findings.get(ref)) is not None
    ]
    return EvaluationView(
        id=task.id, agency_code=task.agency_code, title=task.title, period_from=task.period_from,
        period_to=task.period_to, case_refs=list(task.case_refs), findings=findings, counts=task.counts(),
        closed_on=task.closed_on, suggestion_ids=suggestion_ids,
    )


async def evaluation_list(
    sessions: async_sessionmaker[AsyncSession], *, agency_code: str | None = None
) -> list[EvaluationView]:
    query = select(evaluations).order_by(evaluations.c.period_to.desc(), evaluations.c.created_at.desc())
    if agency_code is not None:
        query = query.where(evaluations.c.agency_code == agency_code)
    async with sessions() as session:
        return [await _evaluation_view(session, r) for r in (await session.execute(query)).all()]


async def evaluation(sessions: async_sessionmaker[AsyncSession], task_id: UUID) -> EvaluationView:
    async with sessions() as session:
        row = (await session.execute(select(evaluations).where(evaluations.c.id == task_id))).first()
        if row is None:
            raise NotFound(f"未找到评查任务 {task_id}")
        return await _evaluation_view(session, row)
