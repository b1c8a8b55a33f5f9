from adr_runtime.migrations import run_env

from adr_intake.store.tables import metadata

run_env(metadata, "alembic_version_intake")
