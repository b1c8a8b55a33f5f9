"""Procuratorate-bridge's use cases: each loads, asks the domain, and commits through the unit of work."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from adr_procuratorate_bridge.domain.analysis import JointAnalysis
from adr_procuratorate_bridge.domain.errors import DomainError
from adr_procuratorate_bridge.domain.evaluation import EvaluationTask, Finding
from adr_procuratorate_bridge.domain.hearings import AssistanceApplication, Hearing, HearingOutcome, Participant
from adr_procuratorate_bridge.domain.suggestions import ReplyRules, Suggestion, SuggestionKind
from adr_procuratorate_bridge.uow import ProcuratorateUnitOfWork
from adr_runtime.clock import local_date
from adr_runtime.ids import new_uuid7
from adr_runtime.legal_time import HolidayCalendar
from adr_runtime.outbox import HistoryNote


@dataclass(frozen=True)
class DraftSuggestion:
    kind: SuggestionKind
    agency_code: str
    topic_code: str
    findings: str
    recommendations: str
    case_id: UUID | None = None
    legal_basis: str = ""
    urgent: bool = False
    evaluation_id: UUID | None = None


async def draft_suggestion(cmd: DraftSuggestion, uow: ProcuratorateUnitOfWork, *, now: datetime) -> UUID:
    """Keeps a draft suggestion (nothing is published yet); returns its id."""
    async with uow:
        suggestion = Suggestion.draft(id=new_uuid7(), **cmd.__dict__)
        await uow.suggestions.add(suggestion, now=now)
        await uow.commit()
    return suggestion.id


async def issue_suggestion(
    suggestion_id: UUID,
    uow: ProcuratorateUnitOfWork,
    *,
    served_on: date,
    now: datetime,
    number_format: str,
    rules: ReplyRules,
    calendar: HolidayCalendar | None = None,
) -> None:
    """Issues a draft with its number and its reply deadline; publishes ProcuratorialSuggestionIssuedV1."""
    async with uow:
        uow.occurred_at = now
        suggestion = await uow.suggestions.get(suggestion_id)
        seq = await uow.suggestions.next_seq(served_on.year)
        suggestion.issue(
            suggestion_no=number_format.format(year=served_on.year, seq=seq), served_on=served_on, rules=rules,
            calendar=calendar,
        )
        await uow.suggestions.save(suggestion)
        await uow.commit()


async def reply_to_suggestion(
    suggestion_id: UUID,
    uow: ProcuratorateUnitOfWork,
    *,
    replied_on: date,
    adopted: bool,
    measures: tuple[str, ...],
    summary: str,
    now: datetime,
) -> None:
    """Records the agency's reply and measures; publishes ProcuratorialSuggestionRepliedV1."""
    async with uow:
        uow.occurred_at = now
        suggestion = await uow.suggestions.get(suggestion_id)
        suggestion.reply(replied_on=replied_on, adopted=adopted, measures=measures, summary=summary)
        await uow.suggestions.save(suggestion)
        await uow.commit()


async def sweep_overdue(uow: ProcuratorateUnitOfWork, *, now: datetime) -> list[UUID]:
    """Notices every unanswered suggestion past its deadline, once (ProcuratorialSuggestionOverdueV1 each).

    Driven by the database: running it again, or in two processes at once, notices nothing twice.
    """
    today = local_date(now)
    async with uow:
        uow.occurred_at = now
        noticed = []
        for suggestion in await uow.suggestions.unanswered_past_due(today):
            if suggestion.notice_overdue(today):
                await uow.suggestions.save(suggestion)
                noticed.append(suggestion.id)
        await uow.commit()
    return noticed


# --- hearings and judicial assistance (P4) ---


async def schedule_hearing(
    uow: ProcuratorateUnitOfWork, *, case_id: UUID, topic: str, scheduled_on: date, location: str, now: datetime
) -> UUID:
    """Schedules a procuratorial hearing about a case; returns its id."""
    async with uow:
        hearing = Hearing(id=new_uuid7(), case_id=case_id, topic=topic, scheduled_on=scheduled_on, location=location)
        await uow.hearings.add(hearing, now=now)
        await uow.commit()
    return hearing.id


async def hold_hearing(
    hearing_id: UUID,
    uow: ProcuratorateUnitOfWork,
    *,
    held_on: date,
    participants: tuple[Participant, ...],
    outcome: HearingOutcome,
    summary: str,
    now: datetime,
) -> None:
    """Records a hearing as held; publishes ProcuratorialHearingHeldV1."""
    async with uow:
        uow.occurred_at = now
        hearing = await uow.hearings.get(hearing_id)
        hearing.hold(held_on=held_on, participants=participants, outcome=outcome, summary=summary)
        await uow.hearings.save(hearing)
        await uow.commit()


async def receive_assistance_application(
    uow: ProcuratorateUnitOfWork,
    *,
    case_id: UUID,
    applicant_name: str,
    reason: str,
    applied_on: date,
    requested_fen: int | None,
    now: datetime,
) -> UUID:
    """Registers an application for judicial assistance; returns its id."""
    async with uow:
        application = AssistanceApplication(
            id=new_uuid7(), case_id=case_id, applicant_name=applicant_name.strip(), reason=reason.strip(),
            applied_on=applied_on, requested_fen=requested_fen,
        )
        await uow.assistance.add(application, now=now)
        await uow.commit()
    return application.id


async def decide_assistance(
    application_id: UUID,
    uow: ProcuratorateUnitOfWork,
    *,
    decided_on: date,
    granted: bool,
    amount_fen: int | None,
    reason: str,
    now: datetime,
) -> None:
    """Grants or refuses judicial assistance; publishes JudicialAssistanceDecidedV1."""
    async with uow:
        uow.occurred_at = now
        application = await uow.assistance.get(application_id)
        application.decide(decided_on=decided_on, granted=granted, amount_fen=amount_fen, reason=reason)
        await uow.assistance.save(application)
        await uow.commit()


# --- joint analysis of major disputes (P1) ---


async def record_invitation(
    uow: ProcuratorateUnitOfWork, *, case_id: UUID, topic: str, invited_by: str, meeting_on: date, now: datetime
) -> UUID:
    """Records the invitation to analyse a major dispute; returns its id."""
    async with uow:
        analysis = JointAnalysis(
            id=new_uuid7(), case_id=case_id, topic=topic.strip(), invited_by=invited_by, meeting_on=meeting_on
        )
        await uow.analysis.add_analysis(analysis, now=now)
        uow.notes.append(HistoryNote(case_id, now, "procuratorate.analysis.invited", {"summary": "检察院受邀参与研判"}))
        await uow.commit()
    return analysis.id


async def answer_invitation(
    analysis_id: UUID,
    uow: ProcuratorateUnitOfWork,
    *,
    now: datetime,
    participants: tuple[str, ...] = (),
    opinion: str = "",
    opinion_on: date | None = None,
    decline_reason: str | None = None,
) -> None:
    """Gives the procuratorate's written opinion, or declines with a reason (kept in the case history)."""
    async with uow:
        analysis = await uow.analysis.analysis(analysis_id)
        if decline_reason is not None:
            analysis.decline(decline_reason)
            summary = "检察院未参加研判"
        else:
            analysis.give_opinion(participants=participants, opinion=opinion, opinion_on=opinion_on or local_date(now))
            summary = "检察院出具研判意见"
        await uow.analysis.save_analysis(analysis)
        uow.notes.append(HistoryNote(analysis.case_id, now, f"procuratorate.analysis.{analysis.status.value}",
                                     {"summary": summary, "analysis_id": str(analysis.id)}))
        await uow.commit()


# --- quality evaluation of law-enforcement cases (P5) ---


async def open_evaluation(
    uow: ProcuratorateUnitOfWork,
    *,
    agency_code: str,
    period_from: date,
    period_to: date,
    case_refs: tuple[str, ...],
    title: str,
    now: datetime,
) -> UUID:
    """Opens an evaluation task over a sample of one agency's enforcement cases; returns its id."""
    async with uow:
        task = EvaluationTask.open(
            id=new_uuid7(), agency_code=agency_code, period_from=period_from, period_to=period_to,
            case_refs=case_refs, title=title,
        )
        await uow.analysis.add_task(task, now=now)
        await uow.commit()
    return task.id


async def record_findings(task_id: UUID, uow: ProcuratorateUnitOfWork, *, findings: tuple[Finding, ...]) -> None:
    """Records the findings on sampled cases (all or none)."""
    async with uow:
        task = await uow.analysis.task(task_id)
        for finding in findings:
            task.record_finding(finding)
        await uow.analysis.save_task(task)
        await uow.commit()


async def close_evaluation(task_id: UUID, uow: ProcuratorateUnitOfWork, *, now: datetime) -> None:
    """Ends an evaluation once every sampled case has its finding."""
    async with uow:
        task = await uow.analysis.task(task_id)
        task.close(local_date(now))
        await uow.analysis.save_task(task)
        await uow.commit()


async def draft_suggestion_from_evaluation(
    task_id: UUID, uow: ProcuratorateUnitOfWork, *, kind: SuggestionKind, topic_code: str, recommendations: str,
    now: datetime,
) -> UUID:
    """Drafts a suggestion to the evaluated agency from the problems found, linked to the task."""
    async with uow:
        task = await uow.analysis.task(task_id)
        problems = task.problems()
        if not problems:
            raise DomainError("本次评查未发现问题，无需制发检察建议")
        findings = "\n".join(f"{f.case_ref}：{f.problems}" for f in problems)
        suggestion = Suggestion.draft(
            id=new_uuid7(), kind=kind, agency_code=task.agency_code, topic_code=topic_code,
            findings=f"经对{task.period_from}至{task.period_to}期间执法案件抽样评查，发现以下问题：\n{findings}",
            recommendations=recommendations, evaluation_id=task.id,
        )
        await uow.suggestions.add(suggestion, now=now)
        await uow.commit()
    return suggestion.id
