from adr_procuratorate_bridge.store.tables import metadata
from adr_runtime.migrations import run_env

run_env(metadata, "alembic_version_procuratorate_bridge")
