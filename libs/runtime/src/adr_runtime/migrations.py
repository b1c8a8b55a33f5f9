"""Alembic, one environment per service, each with its own version table.

A service's ``migrations/env.py`` is two lines: import its metadata and call :func:`run_env`.
``include_name`` keeps autogenerate to the service's own tables, so services can share one
PostgreSQL database in development without dropping each other's tables.
"""

import asyncio
import os
from pathlib import Path
from typing import Any

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from adr_runtime.db import UtcDateTime


def run_env(metadata: MetaData, version_table: str) -> None:
    """The body of every service's ``env.py``.

    Args:
        metadata: the service's tables.
        version_table: ``alembic_version_<service>``.
    """
    config = context.config

    def include_name(name: str | None, type_: str, _parents: Any) -> bool:
        return type_ != "table" or name in metadata.tables

    def configure(connection: Connection) -> None:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table=version_table,
            include_name=include_name,
            render_item=_render_item,
            compare_type=True,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()

    connection = config.attributes.get("connection")
    if connection is not None:
        configure(connection)
        return
    url = config.attributes.get("url") or os.environ["DATABASE_URL"]
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, version_table=version_table, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    asyncio.run(_run_online(url, configure))


def _render_item(type_: str, obj: Any, _autogen: Any) -> str | bool:
    # Migrations stay plain SQLAlchemy: our UtcDateTime is a DateTime(timezone=True) column.
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


async def _run_online(url: str, configure: Any) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(configure)
        await connection.commit()
    await engine.dispose()


def alembic_config(migrations_dir: Path) -> Config:
    """An Alembic configuration pointing at a service's migrations folder."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("path_separator", "os")
    return config


async def upgrade(engine: AsyncEngine, migrations_dir: Path) -> None:
    """Brings the service's database to the latest revision (safe to run again).

    Args:
        engine: the service's engine.
        migrations_dir: the service's migrations folder.
    """

    def _upgrade(connection: Connection) -> None:
        config = alembic_config(migrations_dir)
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")

    async with engine.begin() as connection:
        await connection.run_sync(_upgrade)


def autogenerate(migrations_dir: Path, message: str) -> None:
    """Writes a new revision from the difference between the models and the migrations so far.

    The comparison runs on a scratch SQLite database brought to the current head first.

    Args:
        migrations_dir: the service's migrations folder.
        message: the revision's slug.
    """
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        config = alembic_config(migrations_dir)
        config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d_%%(slug)s")
        config.attributes["url"] = f"sqlite+aiosqlite:///{scratch}/scratch.db"
        command.upgrade(config, "heads")
        command.revision(config, message=message, autogenerate=True)
