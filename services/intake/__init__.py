"""Marks the service folder as the root package of its tests (unique test module names)."""
