"""ADR service: reporting."""
