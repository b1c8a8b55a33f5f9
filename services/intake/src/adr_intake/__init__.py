"""ADR service: intake."""
