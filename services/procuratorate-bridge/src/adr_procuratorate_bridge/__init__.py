"""ADR service: procuratorate-bridge (the procuratorate's studio: entitled data sharing, suggestions)."""
