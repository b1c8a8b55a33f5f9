"""The receipt contracts (issue #10 item 2) follow the audiences of every other contract."""

import pytest

from adr_contracts import receipts, registry
from adr_contracts.subjects import parse_subject

pytestmark = pytest.mark.clause("R2")


def test_every_reader_of_another_producer_has_exactly_one_receipt_contract_to_it() -> None:
    expected = {
        (reader, parse_subject(c.SUBJECT).producer)
        for c in registry.ALL
        if not receipts.is_receipt(c.SUBJECT)
        for reader in c.AUDIENCE
    }
    found = [(parse_subject(c.SUBJECT).producer, next(iter(c.AUDIENCE))) for c in receipts.CONTRACTS]

    assert sorted(found) == sorted(expected)
    assert len(found) == len(set(found)) == 14


@pytest.mark.parametrize("contract", receipts.CONTRACTS, ids=lambda c: c.SUBJECT)
def test_a_receipt_is_read_by_its_producer_only_and_holds_no_personal_data(contract: type) -> None:
    consumer = parse_subject(contract.SUBJECT).producer
    [producer] = contract.AUDIENCE

    assert receipts.receipt_subject(consumer, producer) == contract.SUBJECT
    assert receipts.receipt_contract(consumer, producer) is contract
    assert contract in receipts.receipts_addressed_to(producer)
    assert contract.pii_fields() == [] and contract.SUMMARY
    assert registry.contract_for(contract.SUBJECT) is contract


def test_no_receipt_for_a_pair_without_a_hand_off() -> None:
    assert receipts.receipt_contract("intake", "procuratorate-bridge") is None  # intake reads nothing of it
