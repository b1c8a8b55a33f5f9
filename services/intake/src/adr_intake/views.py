"""Read-only queries behind the API (no domain objects, no events)."""

from uuid import UUID

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_intake.api.schemas import ApplicantView, DisputePage, DisputeView, HistoryEntry
from adr_intake.board import Cursor, board_total
from adr_intake.decision_views import decision_views
from adr_intake.domain.errors import DisputeNotFound
from adr_intake.store.pii import mask_name
from adr_intake.store.tables import disputes, filing_reviews
from adr_runtime.auth.scoping import json_list_contains
from adr_runtime.tables import MessagingTables


def _masked(applicant: dict[str, str]) -> str:
    # the masked name is stored beside the sealed one (rows from before issue #4 hold the plain name)
    return applicant.get("masked") or mask_name(applicant["name"])


def dispute_view(row: object) -> DisputeView:
    """The API's view of a ``disputes`` row (with its filing review's deadline when joined), applicants masked."""
    data = dict(row._mapping)  # type: ignore[attr-defined]
    return DisputeView(
        case_id=data["id"],
        registration_no=data["registration_no"],
        channel=data["channel"],
        received_on=data["received_on"],
        registered_at=data["registered_at"],
        agency_codes=data["agency_codes"],
        act_type=data["act_type"],
        applicants=[ApplicantView(kind=a["kind"], name=_masked(a)) for a in data["applicants"]],
        stage=data["stage"],
        route=data["route"],
        mediation_consent=data["mediation_consent"],
        restricted=bool(data["restricted_to"]),
        filing_deadline=data.get("filing_deadline"),
        deadline_provisional=bool(data.get("deadline_provisional")),
        **decision_views(data),
    )


async def _row(sessions: async_sessionmaker[AsyncSession], case_id: UUID) -> object:
    async with sessions() as session:
        row = (await session.execute(select(disputes).where(disputes.c.id == case_id))).one_or_none()
    if row is None:
        raise DisputeNotFound(case_id)
    return row


async def dispute(sessions: async_sessionmaker[AsyncSession], case_id: UUID) -> DisputeView:
    """One dispute, applicants masked."""
    return dispute_view(await _row(sessions, case_id))


async def dispute_and_restriction(
    sessions: async_sessionmaker[AsyncSession], case_id: UUID
) -> tuple[DisputeView, tuple[str, ...]]:
    """One dispute, applicants masked, with the subjects it is restricted to (none: not restricted, O3)."""
    row = await _row(sessions, case_id)
    return dispute_view(row), tuple(row.restricted_to or ())  # type: ignore[attr-defined]


async def dispute_page(
    sessions: async_sessionmaker[AsyncSession],
    *,
    stage: str | None,
    channel: str | None,
    limit: int,
    offset: int = 0,
    agency: str | None = None,
    viewer: str | None = None,
    cursor: Cursor | None = None,
) -> DisputePage:
    """Disputes newest first, optionally filtered (O3); by ``offset`` or after a keyset ``cursor``.

    ``agency``: only disputes involving it; ``viewer``: restricted disputes only if they name this subject.
    The total counts the whole filtered list (estimated over a large unfiltered table, see adr_intake.board).
    """
    conditions = _board_conditions(stage=stage, channel=channel, agency=agency, viewer=viewer)
    # the board shows each dispute's filing deadline once its review is stored
    query = (
        select(disputes, filing_reviews.c.filing_deadline, filing_reviews.c.deadline_provisional)
        .outerjoin(filing_reviews, filing_reviews.c.case_id == disputes.c.id)
        .where(*conditions)
        .order_by(disputes.c.registered_at.desc(), disputes.c.id.desc())
        .limit(limit)
    )
    query = query.where(cursor.after()) if cursor is not None else query.offset(offset)
    async with sessions() as session:
        total = await board_total(
            session, select(disputes.c.id).where(*conditions), narrowed=bool(stage or channel or agency)
        )
        rows = (await session.execute(query)).all()
    items = [dispute_view(r) for r in rows]
    last = rows[-1] if len(rows) == limit else None
    return DisputePage(
        items=items,
        total=max(total.count, offset + len(items)) if total.estimated else total.count,
        total_is_estimate=total.estimated,
        next_cursor=Cursor(last.registered_at, last.id).encode() if last is not None else None,
    )


def _board_conditions(
    *, stage: str | None, channel: str | None, agency: str | None, viewer: str | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if agency:
        conditions.append(json_list_contains(disputes.c.agency_codes, agency))
    if viewer is not None:
        restricted_to = disputes.c.restricted_to
        conditions.append(or_(restricted_to.is_(None), json_list_contains(restricted_to, viewer)))
    if stage:
        conditions.append(disputes.c.stage == stage)
    if channel:
        conditions.append(disputes.c.channel == channel)
    return conditions


async def history(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables, case_id: UUID
) -> list[HistoryEntry]:
    """The case history intake kept, oldest first."""
    table = tables.case_history
    async with sessions() as session:
        rows = (await session.execute(select(table).where(table.c.case_id == case_id).order_by(table.c.id))).all()
    return [HistoryEntry(occurred_at=r.occurred_at, actor=r.actor, action=r.action, details=r.details) for r in rows]
