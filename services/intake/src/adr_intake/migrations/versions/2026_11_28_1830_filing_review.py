"""the stored filing review and the loaded holiday years (issue 4)

Revision ID: b1a7c0de0001
Revises: 17d8d297d757
Create Date: 2026-11-28 18:30:00

Two branches of intake's history were written in parallel; a later merge revision joins them.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b1a7c0de0001"
down_revision: str | None = "17d8d297d757"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
