"""ADR service: mediation."""
