"""Reading notices back: a person's inbox and unread count, marking read, acknowledging, and what was sent about a
case with each channel's outcome (addresses masked). The notifier inherits these queries."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import and_, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adr_runtime.notifications.model import ChannelKind
from adr_runtime.notifications.tables import NotificationTables


@dataclass(frozen=True)
class DeliveryView:
    """One channel's delivery as the record shows it (address masked)."""

    channel: str
    status: str
    attempts: int
    address_masked: str | None
    last_error: str | None
    next_attempt_at: datetime | None
    sent_at: datetime | None


@dataclass(frozen=True)
class NoticeView:
    """A notice as the inbox and the record show it."""

    id: UUID
    template: str
    recipient: str
    case_id: UUID | None
    subject: str
    body: str
    created_at: datetime
    read_at: datetime | None
    requires_ack: bool
    acknowledged_at: datetime | None
    deliveries: tuple[DeliveryView, ...] = ()


class NoticeNotFound(LookupError):
    """No notice of that id for that recipient."""


class NoticeReader:
    """The queries over one service's notices and deliveries (its ``tables``)."""

    tables: NotificationTables

    async def inbox(
        self, session: AsyncSession, recipient: str | Sequence[str], *, limit: int = 50, with_deliveries: bool = False
    ) -> list[NoticeView]:
        """The recipient's in-app notices (or those of several refs: a person's and their roles'), newest first."""
        n, d = self.tables.notices, self.tables.deliveries
        rows = (
            await session.execute(
                select(n)
                .join(d, and_(d.c.notice_id == n.c.id, d.c.channel == ChannelKind.IN_APP.value))
                .where(n.c.recipient.in_(_refs(recipient)))
                .order_by(n.c.created_at.desc(), n.c.id.desc())
                .limit(limit)
            )
        ).all()
        deliveries = await self._deliveries(session, [r.id for r in rows]) if with_deliveries else {}
        return [_notice_view(r, deliveries.get(r.id, ())) for r in rows]

    async def unread_count(self, session: AsyncSession, recipient: str | Sequence[str]) -> int:
        """How many in-app notices the recipient has not opened."""
        n, d = self.tables.notices, self.tables.deliveries
        count = await session.scalar(
            select(func.count())
            .select_from(n.join(d, and_(d.c.notice_id == n.c.id, d.c.channel == ChannelKind.IN_APP.value)))
            .where(n.c.recipient.in_(_refs(recipient)), n.c.read_at.is_(None))
        )
        return int(count or 0)

    async def mark_read(
        self, session: AsyncSession, recipient: str | Sequence[str], notice_id: UUID, *, now: datetime
    ) -> None:
        """Marks one of the recipient's notices read (404-like NoticeNotFound if it is not theirs)."""
        n = self.tables.notices
        result = await session.execute(
            update(n)
            .where(n.c.id == notice_id, n.c.recipient.in_(_refs(recipient)))
            .values(read_at=func.coalesce(n.c.read_at, now))
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise NoticeNotFound(notice_id)

    async def acknowledge(
        self, session: AsyncSession, recipient: str | Sequence[str], notice_id: UUID, *, by: str, now: datetime
    ) -> None:
        """Records the recipient's confirmation of a notice that requires one (the first one counts)."""
        n = self.tables.notices
        result = await session.execute(
            update(n)
            .where(n.c.id == notice_id, n.c.recipient.in_(_refs(recipient)), n.c.requires_ack.is_(True))
            .values(
                acknowledged_at=func.coalesce(n.c.acknowledged_at, now),
                acknowledged_by=func.coalesce(n.c.acknowledged_by, by[:200]),
                read_at=func.coalesce(n.c.read_at, now),
            )
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise NoticeNotFound(notice_id)

    async def record_of(self, session: AsyncSession, *, case_id: UUID) -> list[NoticeView]:
        """What was sent about a case, to whom, over which channel, when and with what outcome."""
        n = self.tables.notices
        rows = (await session.execute(select(n).where(n.c.case_id == case_id).order_by(n.c.created_at, n.c.id))).all()
        deliveries = await self._deliveries(session, [r.id for r in rows])
        return [_notice_view(r, deliveries.get(r.id, ())) for r in rows]

    async def _deliveries(self, session: AsyncSession, ids: Sequence[UUID]) -> dict[UUID, tuple[DeliveryView, ...]]:
        if not ids:
            return {}
        d = self.tables.deliveries
        rows = (await session.execute(select(d).where(d.c.notice_id.in_(ids)).order_by(d.c.id))).all()
        found: dict[UUID, list[DeliveryView]] = {}
        for r in rows:
            found.setdefault(r.notice_id, []).append(
                DeliveryView(
                    channel=r.channel,
                    status=r.status,
                    attempts=r.attempts,
                    address_masked=r.address_masked,
                    last_error=r.last_error,
                    next_attempt_at=r.next_attempt_at,
                    sent_at=r.sent_at,
                )
            )
        return {k: tuple(v) for k, v in found.items()}


def _refs(recipient: str | Sequence[str]) -> list[str]:
    return [recipient] if isinstance(recipient, str) else list(recipient)


def _notice_view(row: Any, deliveries: tuple[DeliveryView, ...]) -> NoticeView:
    return NoticeView(
        id=row.id,
        template=row.template,
        recipient=row.recipient,
        case_id=row.case_id,
        subject=row.subject,
        body=row.body,
        created_at=row.created_at,
        read_at=row.read_at,
        requires_ack=row.requires_ack,
        acknowledged_at=row.acknowledged_at,
        deliveries=deliveries,
    )
