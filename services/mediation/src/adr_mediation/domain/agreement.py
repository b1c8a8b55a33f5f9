"""What a mediation case is about and what it may end with: the referral, the settlement agreement with its
obligations and signatures, and a failure with where the dispute goes next."""

from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID

from adr_mediation.domain.errors import (
    ObligationNotFound,
)
from adr_mediation.domain.status import (
    Stage,
)


@dataclass(frozen=True)
class Referral:
    """What intake's routing (or a court's request) tells mediation about a dispute (no personal data)."""

    case_id: UUID
    reason_code: str
    routed_on: date
    first_received_on: date
    registration_no: str
    agency_codes: tuple[str, ...]
    consent: bool
    channel: str | None = None
    restricted_to: tuple[str, ...] = ()
    stage: Stage | None = None  # given when opened by hand (in trial, in reconsideration)


@dataclass(frozen=True)
class Obligation:
    """What one side promised: who, what, how much, by when; and when it was performed, with evidence (W4)."""

    id: UUID
    obligor_kind: str
    description: str
    due_on: date
    agency_code: str | None = None
    amount_fen: int | None = None
    fulfilled_on: date | None = None
    evidence_note: str | None = None
    overdue_noticed_on: date | None = None

    @property
    def fulfilled(self) -> bool:
        return self.fulfilled_on is not None

    @property
    def late(self) -> bool:
        return self.fulfilled_on is not None and self.fulfilled_on > self.due_on


@dataclass(frozen=True)
class Signature:
    """Who signed the agreement for which side, and when."""

    role: str
    name: str
    signed_on: date


@dataclass(frozen=True)
class Agreement:
    """A settlement agreement (和解协议, W3): drafted with its obligations, then signed, then performed."""

    id: UUID
    drafted_on: date
    terms: str
    obligations: tuple[Obligation, ...]
    confirmation_requested: bool = False
    signatures: tuple[Signature, ...] = ()
    agreed_on: date | None = None  # the day the last required side signed
    confirmation_requested_on: date | None = None
    ruling_outcome: str | None = None
    ruling_no: str | None = None
    ruled_on: date | None = None

    @property
    def obligation_count(self) -> int:
        return len(self.obligations)

    @property
    def total_amount_fen(self) -> int | None:
        amounts = [o.amount_fen for o in self.obligations if o.amount_fen is not None]
        return sum(amounts) if amounts else None

    @property
    def signed(self) -> bool:
        return self.agreed_on is not None

    @property
    def enforceable(self) -> bool:
        """Confirmed by the court's ruling (行政诉前调解书, Split-Op art.6)."""
        return self.ruling_outcome == "confirmed"

    def obligation(self, obligation_id: UUID) -> Obligation:
        for item in self.obligations:
            if item.id == obligation_id:
                return item
        raise ObligationNotFound(obligation_id)

    def with_obligation(self, changed: Obligation) -> "Agreement":
        return replace(self, obligations=tuple(changed if o.id == changed.id else o for o in self.obligations))


@dataclass(frozen=True)
class Failure:
    """Why the mediation ended without agreement, and where the dispute goes next."""

    failed_on: date
    reason: str
    next_route: str
