"""What the portal does: register an online application, and show one dispute to the one who holds its code."""

import base64
import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from adr_intake import handlers
from adr_intake.api.routes import registration_command
from adr_intake.api.schemas import RegistrationRequest
from adr_intake.directory.files import PACKAGED_DIRECTORY
from adr_intake.portal import codes
from adr_intake.portal.guard import AttemptLimiter, PortalRefused, record_attempt
from adr_intake.portal.notices import PUBLIC_STAGES, RECORDER, applicant_notice, applicant_ref
from adr_intake.portal.uploads import KIND_ZH, Upload
from adr_intake.settings import Settings
from adr_intake.store.pii import PiiCipher, mask_phone
from adr_intake.store.tables import agency_units, disputes, filing_reviews, portal
from adr_intake.uow import IntakeUnitOfWork, pii_cipher
from adr_intake.web.labels import ACT_TYPES
from adr_runtime.auth.roles import Role
from adr_runtime.clock import local_date
from adr_runtime.context import ServiceContext
from adr_runtime.ids import new_uuid7
from adr_runtime.legal_time import official_calendar
from adr_runtime.legal_time.periods import days
from adr_runtime.notifications import ADDRESS_CONTEXT, Notice, Recipient, mask_address, role_ref
from adr_runtime.notifications.model import ChannelKind

PORTAL_ACTOR = "applicant:online"
# units an applicant may name as the agency whose act they contest (not courts, procuratorates, the centre)
_NOT_RESPONDENTS = {"court", "procuratorate", "centre"}


@dataclass(frozen=True)
class Receipt:
    """What the applicant takes away: the number and the code (shown once)."""

    case_id: UUID
    registration_no: str
    access_code: str
    received_on: date
    documents: int


@dataclass(frozen=True)
class DeadlineView:
    """A date that matters to the applicant."""

    label: str
    day: date
    note: str = ""


@dataclass(frozen=True)
class StatusView:
    """One dispute as its applicant sees it: public status, dates, notices; nobody's personal data."""

    registration_no: str
    received_on: date
    registered_on: date
    stage: str
    stage_zh: str
    explanation: str
    agencies: list[str]
    act_type_zh: str
    mediation_consent: bool
    deadlines: list[DeadlineView] = field(default_factory=list)
    notices: list[Any] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    unread: int = 0


async def agency_choices(session: AsyncSession) -> list[tuple[str, str]]:
    """The agencies an applicant may choose: the directory's, or the packaged list before it is loaded."""
    rows = (
        await session.execute(
            select(agency_units.c.code, agency_units.c.name_zh, agency_units.c.kind)
            .where(agency_units.c.retired.is_(False))
            .order_by(agency_units.c.code)
        )
    ).all()
    if rows:
        return [(r.code, r.name_zh) for r in rows if r.kind not in _NOT_RESPONDENTS]
    with PACKAGED_DIRECTORY.open(encoding="utf-8") as handle:
        return [(r["code"], r["name_zh"]) for r in csv.DictReader(handle) if r["kind"] not in _NOT_RESPONDENTS]


async def apply_online(
    ctx: ServiceContext,
    body: RegistrationRequest,
    uploads: list[Upload],
    *,
    email: str | None,
    now: datetime,
    correlation_id: UUID,
) -> Receipt:
    """Registers the application (channel online) with its documents, its access code and the first notice.

    All in one transaction: the dispute, its registration event (outbox), the hashed code, the sealed
    documents and the notice to the applicant.
    """
    settings = ctx.settings
    assert isinstance(settings, Settings)
    cipher = pii_cipher(ctx)
    code = codes.new_code()
    code_hash = codes.hash_code(code)
    phone = body.applicants[0].phone
    async with ctx.sessions() as session, session.begin():
        choices = await _chosen_agencies(session, body)
        uow = IntakeUnitOfWork(session, ctx.tables, actor=PORTAL_ACTOR, correlation_id=correlation_id, cipher=cipher)
        case_id = await handlers.register_dispute(
            registration_command(body),
            uow,
            now=now,
            number_format=settings.registration_no_format,
            rules=settings.classification_rules(),
        )
        registration_no = await session.scalar(select(disputes.c.registration_no).where(disputes.c.id == case_id))
        assert registration_no is not None
        access = _access_row(case_id, registration_no, code_hash, cipher, email=email, phone=phone, now=now)
        await session.execute(insert(portal.access).values(**access))
        for upload in uploads:
            await session.execute(insert(portal.documents).values(**_document_row(case_id, upload, cipher, now)))
        await _notify_registered(session, body, case_id, registration_no, choices, now)
    return Receipt(case_id, registration_no, code, body.received_on, len(uploads))


async def _chosen_agencies(session: AsyncSession, body: RegistrationRequest) -> dict[str, str]:
    """The agencies the applicant may choose, by code; refuses the application if it names any other."""
    choices = dict(await agency_choices(session))
    if any(c not in choices for c in body.agency_codes):
        raise PortalRefused(422, "请从列表中选择被申请的行政机关。", field="agency_code")
    return choices


def _access_row(
    case_id: UUID, number: str, code_hash: str, cipher: PiiCipher, email: str | None, phone: str | None, now: datetime
) -> dict[str, Any]:
    """The access record: the hashed code and the applicant's contact, sealed with a masked copy beside."""
    return {
        "case_id": case_id,
        "registration_no": number,
        "code_hash": code_hash,
        "created_at": now,
        "email": cipher.seal(email, context=ADDRESS_CONTEXT) if email else None,
        "email_masked": mask_address(ChannelKind.EMAIL, email) if email else None,
        "phone": cipher.seal(phone, context=ADDRESS_CONTEXT) if phone else None,
        "phone_masked": mask_phone(phone) if phone else None,
    }


async def _notify_registered(
    session: AsyncSession, body: RegistrationRequest, case_id: UUID, number: str, choices: dict[str, str], now: datetime
) -> None:
    """Queues the applicant's first notice and tells the centre's staff in their inbox."""
    params = {"registration_no": number, "received_on": body.received_on.isoformat()}
    row = (await session.execute(select(portal.access).where(portal.access.c.case_id == case_id))).one()
    await RECORDER.enqueue(session, applicant_notice(case_id, row, "portal.registered", params), now=now)
    staff = Notice(
        "staff.online_application",
        Recipient(ref=role_ref(Role.CENTRE_STAFF.value)),
        {"registration_no": number, "agency_codes": "、".join(choices[c] for c in body.agency_codes)},
        case_id=case_id,
    )
    await RECORDER.enqueue(session, staff, now=now)


def _document_row(case_id: UUID, upload: Upload, cipher: PiiCipher, now: datetime) -> dict[str, Any]:
    context = f"portal_documents.{case_id}"
    return {
        "id": new_uuid7(),
        "case_id": case_id,
        "kind": upload.kind,
        "filename": cipher.seal(upload.filename, context=context),
        "content_type": upload.content_type,
        "size_bytes": upload.size,
        "sha256": upload.sha256,
        "content": cipher.seal(base64.b64encode(upload.content).decode(), context=context),
        "uploaded_at": now,
    }


def open_document(cipher: PiiCipher, row: Any) -> tuple[str, bytes]:
    """A stored document's name and content (for staff; checked against its SHA-256 by the caller)."""
    context = f"portal_documents.{row.case_id}"
    return cipher.open(row.filename, context=context), base64.b64decode(cipher.open(row.content, context=context))


async def follow(ctx: ServiceContext, *, registration_no: str, code: str, client: str, now: datetime) -> StatusView:
    """The status of the dispute with this number, if ``code`` is its code; limited and audited.

    A wrong number and a wrong code answer alike (nobody learns which numbers exist).
    """
    settings = ctx.settings
    assert isinstance(settings, Settings)
    number = registration_no.strip()[:60]
    limiter = AttemptLimiter(settings.portal)
    refusal: PortalRefused | None = None
    view: StatusView | None = None
    async with ctx.sessions() as session, session.begin():  # the attempt is recorded whatever its outcome
        try:
            await limiter.check(session, registration_no=number, client=client, now=now)
        except PortalRefused as exc:
            await record_attempt(session, registration_no=number, client=client, outcome="limited", now=now)
            refusal = exc
        else:
            access = (
                await session.execute(select(portal.access).where(portal.access.c.registration_no == number))
            ).first()
            matched = codes.check_code(access.code_hash if access else None, code)  # same work for an unknown number
            if matched and access is not None:
                await record_attempt(session, registration_no=number, client=client, outcome="success", now=now)
                view = await _status(session, access.case_id, review_days=settings.portal.review_days)
            else:
                reason = "wrong_code" if access else "unknown_number"
                await record_attempt(
                    session, registration_no=number, client=client, outcome="failure", now=now, reason=reason
                )
                refusal = PortalRefused(403, "登记号或查询码不正确，请核对后重试。")
    if refusal is not None:
        raise refusal
    assert view is not None
    return view


async def _status(session: AsyncSession, case_id: UUID, *, review_days: int) -> StatusView:
    """The dispute as its applicant sees it; opening it marks the applicant's notices read."""
    row = (await session.execute(select(disputes).where(disputes.c.id == case_id))).one()
    names = await _agency_names(session, row.agency_codes)
    stage_zh, explanation = PUBLIC_STAGES.get(row.stage, (row.stage, ""))
    inbox, unread = await _read_inbox(session, case_id)
    documents = (
        await session.execute(
            select(portal.documents.c.kind, portal.documents.c.size_bytes, portal.documents.c.sha256)
            .where(portal.documents.c.case_id == case_id)
            .order_by(portal.documents.c.uploaded_at, portal.documents.c.id)
        )
    ).all()
    return StatusView(
        registration_no=row.registration_no,
        received_on=row.received_on,
        registered_on=local_date(row.registered_at),
        stage=row.stage,
        stage_zh=stage_zh,
        explanation=explanation,
        agencies=[names.get(code, code) for code in row.agency_codes],
        act_type_zh=ACT_TYPES.get(row.act_type, row.act_type),
        mediation_consent=row.mediation_consent,
        deadlines=await _deadlines(session, row, review_days),
        notices=inbox,
        documents=[
            {"kind_zh": KIND_ZH.get(d.kind, d.kind), "size_kb": max(1, d.size_bytes // 1024), "sha256": d.sha256}
            for d in documents
        ],
        unread=unread,
    )


async def _agency_names(session: AsyncSession, agency_codes: list[str]) -> dict[str, str]:
    """The Chinese names of these agencies: from the directory, or the packaged list before it is loaded."""
    query = select(agency_units.c.code, agency_units.c.name_zh).where(agency_units.c.code.in_(agency_codes))
    names: dict[str, str] = dict((await session.execute(query)).tuples().all())
    if not names:
        with PACKAGED_DIRECTORY.open(encoding="utf-8") as handle:
            names = {r["code"]: r["name_zh"] for r in csv.DictReader(handle) if r["code"] in agency_codes}
    return names


async def _read_inbox(session: AsyncSession, case_id: UUID) -> tuple[list[Any], int]:
    """The applicant's notices and how many were unread; the unread ones are marked read now."""
    inbox = await RECORDER.inbox(session, applicant_ref(case_id), limit=100, with_deliveries=True)
    unread = await RECORDER.unread_count(session, applicant_ref(case_id))
    for notice in inbox:  # opening the status page reads them
        if notice.read_at is None:
            await RECORDER.mark_read(session, applicant_ref(case_id), notice.id, now=notice.created_at)
    return inbox, unread


async def _deadlines(session: AsyncSession, row: Any, review_days: int) -> list[DeadlineView]:
    calendar = official_calendar()
    found: list[DeadlineView] = []
    if row.stage == "registered":
        review = days(row.received_on, review_days, calendar=calendar)
        note = f"自收件之日起 {review_days} 日内告知处理途径"
        found.append(DeadlineView("中心审查分流（承诺期限）", review.day, note))
    deadline = await session.scalar(select(filing_reviews.c.filing_deadline).where(filing_reviews.c.case_id == row.id))
    if deadline is not None:
        note = "依中心审查时掌握的事实计算，以法院认定为准"
        found.append(DeadlineView("向人民法院起诉的期限（参考）", deadline, note))
    return found
