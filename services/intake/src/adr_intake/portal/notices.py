"""Notices to applicants who applied on the portal, through the runtime's notifications capability.

Registration is told by the portal itself (in the transaction that registers); every later stage
change (routed, mediation opened, agreed, failed, closed, filed in court, withdrawn) is told by
:func:`notify_stage_changes`, which intake's unit of work calls before it commits, so the notice
commits with the change it reports.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adr_intake.domain.events import DisputeRouted, DisputeWithdrawn, StageChanged
from adr_intake.domain.model import Dispute
from adr_intake.settings import Settings
from adr_intake.store.tables import notifications, portal
from adr_runtime.clock import local_date
from adr_runtime.context import ServiceContext
from adr_runtime.notifications import ChannelKind, Notice, Notifier, Recipient

# recording needs no channel configuration; sending does (see notifier_for)
RECORDER = Notifier(notifications)

# the public name of each stage, and what it means for the applicant
PUBLIC_STAGES: dict[str, tuple[str, str]] = {
    "registered": ("已登记，待审查分流", "中心正在审查您的申请，将决定通过调解、立案、行政复议等哪种途径处理。"),
    "routed_to_mediation": ("已转入诉前调解", "中心将组织您与行政机关进行调解，调解员会与您联系。"),
    "mediating": ("调解中", "调解已经开始，请留意调解员的通知并按时参加调解。"),
    "agreed": ("已达成调解协议", "双方已达成调解协议，请按协议约定履行。"),
    "mediation_failed": ("调解未成功", "调解未能达成协议，您可依法向人民法院起诉或申请行政复议。"),
    "routed_to_filing": ("已引导至法院立案", "您的争议将依法转入诉讼程序，请留意法院的通知。"),
    "routed_to_reconsideration": ("已引导申请行政复议", "请依法向复议机关申请行政复议，注意申请期限。"),
    "not_accepted": ("不予受理", "您的申请不符合受理条件，具体理由和法律依据以中心书面告知为准。"),
    "withdrawn": ("已撤回", "该争议已撤回，办理终结。"),
    "resolved": ("已化解结案", "该争议已化解结案。感谢您的配合。"),
    "filed_in_court": ("法院已立案", "人民法院已立案，后续请按法院通知参加诉讼。"),
}

_STAGE_OF_ROUTE = {
    "mediation": "routed_to_mediation",
    "filing": "routed_to_filing",
    "reconsideration": "routed_to_reconsideration",
    "not_accepted": "not_accepted",
}


def applicant_ref(case_id: UUID) -> str:
    """The recipient reference of a dispute's online applicant (their in-app notices on the status page)."""
    return f"applicant:{case_id}"


def applicant_notice(case_id: UUID, access: Any, template: str, params: dict[str, Any]) -> Notice:
    """A notice to the applicant: in-app always, e-mail and SMS when they gave an address (kept sealed)."""
    channels = [ChannelKind.IN_APP]
    if access.email:
        channels.append(ChannelKind.EMAIL)
    if access.phone:
        channels.append(ChannelKind.SMS)
    recipient = Recipient(
        ref=applicant_ref(case_id),
        email=access.email,
        phone=access.phone,
        sealed=True,
        email_masked=access.email_masked,
        phone_masked=access.phone_masked,
    )
    return Notice(template, recipient, params, channels=tuple(channels), case_id=case_id)


def _stage_of(event: object) -> str | None:
    if isinstance(event, DisputeRouted):
        return _STAGE_OF_ROUTE.get(event.route)
    if isinstance(event, StageChanged):
        return event.stage
    if isinstance(event, DisputeWithdrawn):
        return "withdrawn"
    return None


async def notify_stage_changes(session: AsyncSession, disputes: Iterable[Dispute]) -> None:
    """Records a notice to the online applicant of each stage change the disputes raised."""
    for dispute in disputes:
        changes = [(stage, getattr(e, "at", None)) for e in dispute.events if (stage := _stage_of(e)) is not None]
        if not changes:
            continue
        access = (await session.execute(select(portal.access).where(portal.access.c.case_id == dispute.id))).first()
        if access is None:
            continue  # not applied for on the portal
        for stage, at in changes:
            label, explanation = PUBLIC_STAGES.get(stage, (stage, ""))
            params = {
                "registration_no": access.registration_no,
                "stage": stage,
                "stage_zh": label,
                "explanation": explanation,
                "changed_on": local_date(at).isoformat() if isinstance(at, datetime) else "",
            }
            notice = applicant_notice(dispute.id, access, "portal.stage_changed", params)
            await RECORDER.enqueue(session, notice)  # recorded now, whenever the change happened elsewhere


def notifier_for(ctx: ServiceContext) -> Notifier:
    """The notifier that sends: the configured channels, the retry policy, the personal-data cipher."""
    from adr_intake.uow import pii_cipher  # the unit of work imports this module

    settings = ctx.settings
    assert isinstance(settings, Settings)
    config = settings.notifications
    return Notifier(notifications, senders=config.senders(), policy=config.retry_policy(), sealer=pii_cipher(ctx))


async def run_sweeper(ctx: ServiceContext, stop: Any) -> None:
    """The worker's background task: delivers due notices until stopped."""
    settings = ctx.settings
    assert isinstance(settings, Settings)
    await notifier_for(ctx).run(ctx.sessions, stop, interval_seconds=settings.notifications.sweep_interval_seconds)
