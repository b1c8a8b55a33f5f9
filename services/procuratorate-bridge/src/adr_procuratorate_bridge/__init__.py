"""ADR service: procuratorate-bridge."""
