"""Signed events (issue #10 item 2): each institution signs what it publishes; consumers verify.

Unit tests of the signature rules, then a proof against a real nats-server: with signatures
required, a consumer applies the event its producer signed and sends forged, altered, foreign and
unsigned ones to the dead-letter stream.
"""

import json
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from adr_contracts.subjects import DEADLETTER_STREAM
from adr_runtime.deadletter import HEADER_REASON
from adr_runtime.relay import jetstream_publisher
from adr_runtime.settings import ServiceSettings
from adr_runtime.signing import (
    HEADER,
    SignatureRefused,
    Signer,
    Verifier,
    development_secret,
    development_trusted_keys,
)

from . import support

pytestmark = pytest.mark.clause("R2")

COURT_SUBJECT = "adr.court.case.filed.v1"
INTAKE = Signer.from_secret(development_secret("intake"))
COURT = Signer.from_secret(development_secret("court-bridge"))
VERIFIER = Verifier.from_config(development_trusted_keys(), required=True)


def test_a_signed_event_verifies_and_binds_its_subject_and_body() -> None:
    body = b'{"id": "1"}'
    header = INTAKE.sign(support.SUBJECT, body)

    assert VERIFIER.verify(support.SUBJECT, body, header) is True
    with pytest.raises(SignatureRefused, match="does not match"):
        VERIFIER.verify(support.SUBJECT, body + b" ", header)  # altered
    with pytest.raises(SignatureRefused, match="does not match"):
        VERIFIER.verify("adr.intake.dispute.routed.v1", body, header)  # moved to another subject


def test_a_key_vouches_only_for_its_own_institution() -> None:
    body = b"{}"

    with pytest.raises(SignatureRefused, match="another institution"):
        VERIFIER.verify(COURT_SUBJECT, body, INTAKE.sign(COURT_SUBJECT, body))
    assert VERIFIER.verify(COURT_SUBJECT, body, COURT.sign(COURT_SUBJECT, body))


def test_unknown_keys_and_missing_signatures() -> None:
    stranger = Signer.from_secret("stranger-1:" + "A" * 43 + "=")

    with pytest.raises(SignatureRefused, match="unknown key"):
        VERIFIER.verify(support.SUBJECT, b"{}", stranger.sign(support.SUBJECT, b"{}"))
    with pytest.raises(SignatureRefused, match="missing"):
        VERIFIER.verify(support.SUBJECT, b"{}", None)
    lenient = Verifier.from_config(development_trusted_keys(), required=False)
    assert lenient.verify(support.SUBJECT, b"{}", None) is False


def test_rotation_trusts_the_old_and_the_new_key_by_key_id() -> None:
    new = Signer.from_secret("intake-2027:" + "B" * 43 + "=")
    trusted = {**development_trusted_keys(), new.key_id: {"service": "intake", "public_key": new.public_key_b64()}}
    verifier = Verifier.from_config(trusted, required=True)

    assert verifier.verify(support.SUBJECT, b"{}", INTAKE.sign(support.SUBJECT, b"{}"))
    assert verifier.verify(support.SUBJECT, b"{}", new.sign(support.SUBJECT, b"{}"))


def test_production_requires_real_signing_settings() -> None:
    prod = {"env": "prod", "database_url": "postgresql+asyncpg://db/x"}
    with pytest.raises(ValidationError, match="SIGNING_KEY"):
        ServiceSettings(**prod)
    key = SecretStr("intake-2027:" + "B" * 43 + "=")
    trusted = {"intake-2027": {"service": "intake", "public_key": "m4Gdo+5aXoHVJM9riGm3Qgo+lmWKYlyVyPcy1KNrBiM="}}
    settings = ServiceSettings(**prod, signing_key=key, trusted_keys=trusted, require_signatures=True)
    assert settings.signer("intake").key_id == "intake-2027"
    with pytest.raises(ValidationError, match="development signing keys"):
        ServiceSettings(
            **prod, signing_key=SecretStr(development_secret("intake")), trusted_keys=trusted, require_signatures=True
        )


@pytest.mark.integration
@pytest.mark.nats
async def test_forged_altered_foreign_and_unsigned_events_are_dead_lettered(
    jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    consumer = await start_consumer(support.record_effect, require_signatures=True)
    events = [support.registered_event(n) for n in range(1, 6)]
    bodies = [e.to_json() for e in events]
    signed = {HEADER: INTAKE.sign(support.SUBJECT, bodies[0])}
    altered = json.loads(bodies[1])
    altered["data"]["applicant_count"] = 99
    cases = [
        (bodies[0], signed),  # genuine
        (json.dumps(altered).encode(), {HEADER: INTAKE.sign(support.SUBJECT, bodies[1])}),  # altered after signing
        (bodies[2], {HEADER: COURT.sign(support.SUBJECT, bodies[2])}),  # the court's key on intake's subject
        (bodies[3], {}),  # unsigned
        (bodies[4], {HEADER: "dev-intake-1." + "A" * 86 + "=="}),  # forged signature
    ]
    for number, (body, headers) in enumerate(cases):
        await jetstream.publish(
            support.SUBJECT, body, stream=support.STREAM, headers={"Nats-Msg-Id": f"m{number}", **headers}
        )

    async def four_letters() -> bool:
        return bool((await jetstream.stream_info(DEADLETTER_STREAM)).state.messages == 4)

    await support.wait_until(four_letters, what="four dead letters")
    await support.wait_until(lambda: support.consumer_settled(jetstream, expected_stream_seq=5), what="all acked")
    assert await consumer.effects() == 1
    reasons = [(await jetstream.get_msg(DEADLETTER_STREAM, seq)).headers[HEADER_REASON] for seq in range(1, 5)]
    assert reasons == [
        "signature: does not match the event",
        "signature: the key belongs to another institution",
        "signature: missing",
        "signature: does not match the event",
    ]


@pytest.mark.integration
@pytest.mark.nats
async def test_the_relay_publisher_signs_what_it_publishes(
    jetstream: Any, start_consumer: support.StartConsumer
) -> None:
    """The relay's publish function signs with the service's key; a strict consumer accepts the event."""
    consumer = await start_consumer(support.record_effect, require_signatures=True)
    publish = jetstream_publisher(jetstream, timeout=5.0, signer=ServiceSettings().signer("intake"))
    event = support.registered_event(7)

    await publish(support.SUBJECT, event.to_json(), {"Nats-Msg-Id": str(event.event_id)})

    await support.wait_until(lambda: support.consumer_settled(jetstream, expected_stream_seq=1), what="acked")
    assert await consumer.effects() == 1
    message = await jetstream.get_msg(support.STREAM, 1)
    assert message.headers[HEADER].startswith("dev-intake-1.")
