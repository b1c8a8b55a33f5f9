"""ADR service: court-bridge."""
