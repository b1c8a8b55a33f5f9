from adr_court_bridge.store.tables import metadata
from adr_runtime.migrations import run_env

run_env(metadata, "alembic_version_court_bridge")
