"""Hand-off receipts (issue #10): every hand-off between institutions can be proven later.

- ``issuing``: a consumer that applies another institution's event stages a receipt (the SHA-256 of the
  exact body received) in its own outbox, in the same transaction as the inbox row and the effect.
- ``recording``: each producer reads the receipts addressed to it and records whether the hash matches
  the body it published.
- ``routes``: the administrators' proof on demand (``/api/v1/handoff-receipts``).

This module imports nothing, so that the consumer can use ``issuing`` without an import cycle.
"""
