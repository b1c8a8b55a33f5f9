"""Mapping intake's events to contracts."""

from datetime import UTC, date, datetime
from uuid import uuid4

from adr_contracts.intake import DisputeRoutedV1
from adr_intake import translate
from adr_intake.domain.events import DisputeRouted


def test_routed_on_is_the_district_date_not_the_utc_date() -> None:
    early_morning_in_china = datetime(2026, 11, 27, 17, 30, tzinfo=UTC)  # 01:30 on 28 Nov in Beijing time
    event = DisputeRouted(
        case_id=uuid4(),
        at=early_morning_in_china,
        route="mediation",
        reason_code="discretionary_act",
        basis=None,
        registration_no="WJG-2026-000001",
        first_received_on=date(2026, 11, 20),
        agency_codes=("WJG-SCJ",),
        mediation_consent=True,
    )

    envelope = translate.to_envelope(event, correlation_id=uuid4(), causation_id=None)

    assert isinstance(envelope.data, DisputeRoutedV1)  # type: ignore[union-attr]
    assert envelope.data.routed_on == date(2026, 11, 28)  # type: ignore[union-attr]
