"""Contracts published by reporting (the justice bureau's rule-of-law office)."""

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from adr_contracts.base import ContractModel
from adr_contracts.services import ServiceName
from adr_contracts.vocabulary import WarningKind


class EarlyWarningRaisedV1(ContractModel):
    """An early warning (M11); a class pattern may justify a comprehensive judicial suggestion (K3).

    The envelope's subject is the case for a case's warning; for a pattern it is the warning's id.
    """

    SUBJECT: ClassVar[str] = "adr.reporting.warning.raised.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"court-bridge", "procuratorate-bridge"})
    SUMMARY: ClassVar[str] = "预警：逾期、高风险或同类争议集中"

    warning_id: UUID
    kind: WarningKind
    raised_on: date
    agency_code: str | None = None
    act_type: str | None = None
    case_ids: list[UUID] = Field(
        default_factory=list, description="The disputes the warning rests on: for a pattern, the latest 500 at most"
    )
    count: int = Field(ge=0, description="How many disputes form the pattern (all of them, listed or not)")
    window_days: int | None = Field(default=None, ge=1, description="The window a pattern was counted over")


CONTRACTS: tuple[type[ContractModel], ...] = (EarlyWarningRaisedV1,)
