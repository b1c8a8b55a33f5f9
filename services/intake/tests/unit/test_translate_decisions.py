"""Issue #4's events as published: codes and counts, never personal data or free-text reasons."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from adr_contracts.intake import AgencyDirectoryChangedV1, DisputeWithdrawnV1
from adr_intake import translate
from adr_intake.domain.directory import AgencyChanged
from adr_intake.domain.events import DisputeWithdrawn, RepeatFlagged
from adr_runtime.outbox import HistoryNote

AT = datetime(2026, 11, 27, 17, 30, tzinfo=UTC)  # 01:30 on 28 Nov in Beijing time


@pytest.mark.clause("M3")
def test_withdrawal_is_dated_in_the_district() -> None:
    event = DisputeWithdrawn(case_id=uuid4(), at=AT, reason_code="applicant_withdrew", registration_no="WJG-2026-1")

    envelope = translate.to_envelope(event, correlation_id=uuid4(), causation_id=None)

    assert not isinstance(envelope, HistoryNote) and isinstance(envelope.data, DisputeWithdrawnV1)
    assert envelope.data.withdrawn_on == date(2026, 11, 28)


@pytest.mark.clause("M3")
def test_a_repeat_is_kept_in_the_history_and_not_published() -> None:
    earlier = uuid4()
    event = RepeatFlagged(case_id=uuid4(), at=AT, earlier_case_id=earlier, earlier_registration_no="WJG-2026-000001")

    note = translate.to_envelope(event, correlation_id=uuid4(), causation_id=None)

    assert isinstance(note, HistoryNote) and note.details["earlier_case_id"] == str(earlier)


@pytest.mark.clause("O3")
def test_a_directory_change_is_reference_data_without_a_case() -> None:
    event = AgencyChanged(
        at=AT, code="WJG-SCJ", name_zh="伍家岗区市场监督管理局", kind="department", change="updated", liaison_count=2
    )

    envelope = translate.directory_envelope(event, correlation_id=uuid4())

    assert envelope.case_id is None and envelope.event_type == AgencyDirectoryChangedV1.SUBJECT
    assert envelope.data == AgencyDirectoryChangedV1(
        code="WJG-SCJ", name_zh="伍家岗区市场监督管理局", kind="department", change="updated", liaison_count=2
    )
