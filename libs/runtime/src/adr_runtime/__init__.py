"""Shared plumbing of the ADR services (no domain logic)."""
