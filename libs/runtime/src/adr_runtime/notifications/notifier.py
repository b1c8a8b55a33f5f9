"""The notifications capability: record a notice with its deliveries in the caller's transaction,
deliver them by a sweeper with retries and backoff, keep the inbox and the acknowledgements.

A notice is written with one delivery row per channel in the same transaction as the change it
reports (like the outbox). In-app deliveries are done at once (the row is the inbox entry); e-mail
and SMS wait for the sweeper, which claims each due delivery with a lease, sends it, and records
the outcome: sent, or failed with an error code and the next attempt after a backoff. A channel
that keeps failing ends ``failed`` and stays on record beside the notice; the other channels
proceed on their own. Running the sweeper twice, or in two processes, sends nothing twice
(a delivery is claimed by one UPDATE before sending).
"""

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol
from uuid import UUID

from sqlalchemy import insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adr_runtime.clock import utc_now
from adr_runtime.ids import new_uuid7
from adr_runtime.notifications.channels import ChannelSender, OutgoingMessage
from adr_runtime.notifications.model import ChannelKind, DeliveryError, DeliveryStatus, Notice, RetryPolicy
from adr_runtime.notifications.reader import NoticeReader
from adr_runtime.notifications.tables import NotificationTables
from adr_runtime.notifications.templates import TemplateCatalog

logger = logging.getLogger(__name__)


class AddressSealer(Protocol):
    """Seals addresses at rest (a service's personal-data cipher has this shape)."""

    def seal(self, value: str, *, context: str) -> str: ...

    def open(self, token: str, *, context: str) -> str: ...


ADDRESS_CONTEXT = "notice_deliveries.address"


def mask_address(channel: ChannelKind, address: str) -> str:
    """What lists show of an address: ``z***@example.cn``, ``138****0000``."""
    if channel is ChannelKind.EMAIL:
        local, _, domain = address.partition("@")
        return f"{local[:1]}***@{domain}"[:80]
    digits = address.strip()
    return (digits[:3] + "****" + digits[-4:]) if len(digits) >= 8 else "****"


@dataclass(frozen=True)
class SweepResult:
    """What one sweep did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0


class Notifier(NoticeReader):
    """One service's notifications: its tables, templates, outgoing channels and retry policy.

    Recording and delivering are here; reading the inbox and the record back is inherited from NoticeReader.
    """

    def __init__(
        self,
        tables: NotificationTables,
        *,
        catalog: TemplateCatalog | None = None,
        senders: Mapping[ChannelKind, ChannelSender] | None = None,
        policy: RetryPolicy | None = None,
        sealer: AddressSealer | None = None,
    ) -> None:
        self.tables = tables
        self.catalog = catalog or TemplateCatalog()
        self.senders = dict(senders or {})
        self.policy = policy or RetryPolicy()
        self.sealer = sealer

    # --- recording, in the caller's transaction ---

    async def enqueue(self, session: AsyncSession, notice: Notice, *, now: datetime | None = None) -> UUID:
        """Records the notice and one delivery per channel in the caller's transaction; returns its id.

        A channel without an address (no e-mail given) is left out; in-app is delivered at once.
        """
        now = now or utc_now()
        rendered = self.catalog.render(notice.template, notice.params)
        notice_id = new_uuid7()
        await session.execute(
            insert(self.tables.notices).values(
                id=notice_id,
                template=notice.template,
                params=_jsonable(notice.params),
                recipient=notice.recipient.ref[:200],
                case_id=notice.case_id,
                subject=rendered.subject,
                body=rendered.body,
                sms_text=rendered.sms,
                requires_ack=notice.requires_ack,
                created_at=now,
            )
        )
        for channel in dict.fromkeys(notice.channels):
            row = self._delivery_row(notice, channel, now)
            if row is not None:
                await session.execute(insert(self.tables.deliveries).values(notice_id=notice_id, **row))
        return notice_id

    def _delivery_row(self, notice: Notice, channel: ChannelKind, now: datetime) -> dict[str, Any] | None:
        """The channel's delivery row: in-app is sent at once; others wait for the sweeper (None: no address)."""
        row: dict[str, Any] = {"channel": channel.value, "created_at": now}
        if channel is ChannelKind.IN_APP:
            return row | {"status": DeliveryStatus.SENT.value, "attempts": 1, "sent_at": now}
        address = notice.recipient.address(channel)
        if not address:
            return None
        sealed = notice.recipient.sealed
        return row | {
            "status": DeliveryStatus.PENDING.value,
            "attempts": 0,
            "next_attempt_at": now,
            "address": address if sealed else self._seal(address),
            "address_masked": notice.recipient.masked(channel) if sealed else mask_address(channel, address),
        }

    # --- delivering: the sweeper ---

    async def deliver_due(
        self, sessions: async_sessionmaker[AsyncSession], *, now: datetime | None = None, limit: int = 50
    ) -> SweepResult:
        """Sends every delivery due at ``now`` once; idempotent, safe to run in several processes."""
        now = now or utc_now()
        d = self.tables.deliveries
        due = (
            select(d.c.id)
            .where(d.c.status == DeliveryStatus.PENDING.value, d.c.next_attempt_at <= now, _lease_free(d, now))
            .order_by(d.c.next_attempt_at, d.c.id)
            .limit(limit)
        )
        async with sessions() as session:
            ids = list((await session.execute(due)).scalars())
        sent = retrying = failed = 0
        for delivery_id in ids:
            outcome = await self._deliver_one(sessions, delivery_id, now)
            if outcome is DeliveryStatus.SENT:
                sent += 1
            elif outcome is DeliveryStatus.FAILED:
                failed += 1
            elif outcome is DeliveryStatus.PENDING:
                retrying += 1
        return SweepResult(sent=sent, retrying=retrying, failed=failed)

    async def _deliver_one(
        self, sessions: async_sessionmaker[AsyncSession], delivery_id: int, now: datetime
    ) -> DeliveryStatus | None:
        row = await self._claim(sessions, delivery_id, now)
        if row is None:
            return None  # another sweeper has it, or it is done
        channel = ChannelKind(row.channel)
        provider_ref, error = await self._send(channel, row)
        attempts = row.attempts + 1
        values: dict[str, Any] = {"attempts": attempts, "lease_until": None}
        if error is None:
            status = DeliveryStatus.SENT
            values |= {"status": status.value, "sent_at": utc_now(), "provider_ref": provider_ref, "last_error": None}
        else:
            retry_at = self.policy.next_attempt(attempts, now)
            status = DeliveryStatus.PENDING if retry_at is not None else DeliveryStatus.FAILED
            values |= {"status": status.value, "last_error": error[:200], "next_attempt_at": retry_at}
            logger.warning("notice delivery %s over %s failed (%s), attempt %d", delivery_id, channel, error, attempts)
        async with sessions() as session, session.begin():
            await session.execute(
                update(self.tables.deliveries).where(self.tables.deliveries.c.id == delivery_id).values(**values)
            )
        return status

    async def _claim(self, sessions: async_sessionmaker[AsyncSession], delivery_id: int, now: datetime) -> Any:
        """Takes the delivery's lease with one UPDATE (so no two sweepers send it) and reads what to send."""
        d, n = self.tables.deliveries, self.tables.notices
        async with sessions() as session, session.begin():
            claimed = await session.execute(
                update(d)
                .where(d.c.id == delivery_id, d.c.status == DeliveryStatus.PENDING.value, _lease_free(d, now))
                .values(lease_until=now + timedelta(seconds=self.policy.lease_seconds))
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                return None
            return (
                await session.execute(
                    select(d.c.channel, d.c.address, d.c.attempts, n.c.id, n.c.subject, n.c.body, n.c.sms_text)
                    .join(n, n.c.id == d.c.notice_id)
                    .where(d.c.id == delivery_id)
                )
            ).one()

    async def _send(self, channel: ChannelKind, row: Any) -> tuple[str | None, str | None]:
        """Sends over the channel's sender: (the provider's reference, None) or (None, an error code)."""
        sender = self.senders.get(channel)
        if sender is None:
            return None, "channel_not_configured"
        message = OutgoingMessage(
            notice_id=row.id, address=self._open(row.address), subject=row.subject, body=row.body, sms_text=row.sms_text
        )
        try:
            return await sender.send(message), None
        except DeliveryError as exc:
            return None, exc.code
        except Exception as exc:  # a channel's bug must not stop the sweep nor lose the notice
            return None, f"error_{type(exc).__name__}"

    async def run(
        self, sessions: async_sessionmaker[AsyncSession], stop: asyncio.Event, *, interval_seconds: float = 5.0
    ) -> None:
        """Sweeps until ``stop`` is set (a worker's background task)."""
        while not stop.is_set():
            try:
                await self.deliver_due(sessions)
            except Exception:  # the database may be away for a moment; the next sweep tries again
                logger.exception("notification sweep failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval_seconds)

    def _seal(self, address: str) -> str:
        return self.sealer.seal(address, context=ADDRESS_CONTEXT) if self.sealer else address

    def _open(self, stored: str) -> str:
        return self.sealer.open(stored, context=ADDRESS_CONTEXT) if self.sealer else stored


def _lease_free(d: Any, now: datetime) -> Any:
    return or_(d.c.lease_until.is_(None), d.c.lease_until < now)


def _jsonable(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v if isinstance(v, (str, int, float, bool, type(None))) else str(v) for k, v in params.items()}
