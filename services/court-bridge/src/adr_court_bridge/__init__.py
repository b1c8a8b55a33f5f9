"""ADR service: court-bridge (the court's Administrative Dispute Resolution Studio)."""
