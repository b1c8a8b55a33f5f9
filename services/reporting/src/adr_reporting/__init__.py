"""ADR service: reporting (the Justice Bureau's read models, built from events only)."""
