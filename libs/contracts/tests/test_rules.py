"""Naming and audience rules of every registered contract (DESIGN.md §3–§4, STYLE.md B.5)."""

import re
from typing import ClassVar

import pytest
from pydantic import Field

from adr_contracts import registry
from adr_contracts.base import PII, ContractModel
from adr_contracts.rules import NO_PERSONAL_DATA, contract_problems
from adr_contracts.services import SERVICES, ServiceName
from adr_contracts.subjects import ALL_STREAMS, durable_name, parse_subject, stream_name

CONTRACTS = sorted(registry.ALL, key=lambda c: c.SUBJECT)
DURABLE = re.compile(r"^[A-Za-z0-9_-]+$")  # NATS durable names: no dots, wildcards or whitespace


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.SUBJECT)
def test_subject_follows_the_naming_rule(contract: type[ContractModel]) -> None:
    parts = parse_subject(contract.SUBJECT)

    assert parts.event_type == contract.SUBJECT
    assert contract.SUBJECT.endswith(f".v{parts.version}")
    assert contract.__name__.endswith(f"V{parts.version}")


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.SUBJECT)
def test_subject_falls_in_its_producers_stream(contract: type[ContractModel]) -> None:
    producer = parse_subject(contract.SUBJECT).producer
    stream = stream_name(producer)

    assert stream in ALL_STREAMS
    [filter_subject] = ALL_STREAMS[stream]
    assert contract.SUBJECT.startswith(filter_subject.removesuffix(">"))
    other_filters = [f for s, fs in ALL_STREAMS.items() if s != stream for f in fs]
    assert not any(contract.SUBJECT.startswith(f.removesuffix(">")) for f in other_filters)


def test_subjects_are_unique() -> None:
    subjects = [c.SUBJECT for c in registry.ALL]

    assert len(subjects) == len(set(subjects))
    assert set(registry.BY_SUBJECT) == set(subjects)


def test_durable_names_have_no_dots_and_are_unique() -> None:
    durables = [durable_name(reader, c.SUBJECT) for c in registry.ALL for reader in c.AUDIENCE]

    assert durables
    assert all(DURABLE.match(name) for name in durables), durables
    assert len(durables) == len(set(durables))


@pytest.mark.parametrize(
    "subject",
    [
        "adr.intake.dispute.registered",
        "adr.nobody.dispute.registered.v1",
        "adr.intake.dispute.registered.v0",
        "adr.intake.Dispute.registered.v1",
        "nats.intake.dispute.registered.v1",
        "adr.intake.dispute.registered.v1.x",
    ],
)
def test_malformed_subjects_are_refused(subject: str) -> None:
    with pytest.raises(ValueError):
        parse_subject(subject)


@pytest.mark.clause("P2")
@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.SUBJECT)
def test_registered_contract_follows_every_rule(contract: type[ContractModel]) -> None:
    assert contract_problems(contract) == []
    assert contract.AUDIENCE
    assert set(contract.AUDIENCE) <= set(SERVICES)


@pytest.mark.clause("P2")
@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.SUBJECT)
def test_contract_with_personal_data_says_why_and_skips_barred_readers(contract: type[ContractModel]) -> None:
    if not contract.pii_fields():
        assert "x-pii" not in str(contract.model_json_schema())
        return
    assert (contract.PII_REASON or "").strip()
    assert not set(contract.AUDIENCE) & NO_PERSONAL_DATA


# Contracts that break the rules, to show that the rules catch them.


class _Applicant(ContractModel):
    name: str = Field(json_schema_extra=PII)


class _PartiesNamedV1(ContractModel):
    SUBJECT: ClassVar[str] = "adr.mediation.case.parties_named.v1"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"court-bridge", "reporting"})

    applicants: list[_Applicant]


class _NoAudienceV1(ContractModel):
    SUBJECT: ClassVar[str] = "adr.court.case.filed"
    AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"archive"})  # type: ignore[arg-type]


@pytest.mark.clause("P2")
def test_rules_find_nested_personal_data_without_reason_and_a_barred_reader() -> None:
    problems = contract_problems(_PartiesNamedV1)

    assert _PartiesNamedV1.pii_fields() == ["applicants.name"]
    assert len(problems) == 2
    assert "PII_REASON" in problems[0]
    assert "['reporting']" in problems[1]


@pytest.mark.clause("P2")
def test_rules_accept_personal_data_with_reason_for_entitled_readers() -> None:
    class _PartiesForCourtV1(_PartiesNamedV1):
        AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({"court-bridge"})
        PII_REASON: ClassVar[str | None] = "The court serves the filing on the named applicants"

    assert contract_problems(_PartiesForCourtV1) == []


@pytest.mark.parametrize("reader", sorted(NO_PERSONAL_DATA))
def test_rules_bar_reporting_and_procuratorate_from_personal_data(reader: ServiceName) -> None:
    class _Reasoned(_PartiesNamedV1):
        AUDIENCE: ClassVar[frozenset[ServiceName]] = frozenset({reader})
        PII_REASON: ClassVar[str | None] = "a reason"

    assert contract_problems(_Reasoned) == [
        f"_Reasoned: fields ['applicants.name'] hold personal data, which ['{reader}'] may not read"
    ]


def test_rules_find_bad_subject_and_unknown_reader() -> None:
    problems = " | ".join(contract_problems(_NoAudienceV1))

    assert "does not follow adr.<producer>.<aggregate>.<event>.v<N>" in problems
    assert "unknown services ['archive']" in problems


def test_rules_find_an_empty_audience() -> None:
    class _UnreadV1(ContractModel):
        SUBJECT: ClassVar[str] = "adr.intake.dispute.unread.v1"

    assert contract_problems(_UnreadV1) == [
        "_UnreadV1: AUDIENCE is empty; every contract names the services that may read it"
    ]
