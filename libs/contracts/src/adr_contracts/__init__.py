"""Event contracts of the ADR platform: the only thing two institutions must agree on."""

from adr_contracts.base import ContractModel, Envelope, envelope_class, envelope_for

__all__ = ["ContractModel", "Envelope", "envelope_class", "envelope_for"]
