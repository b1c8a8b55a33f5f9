"""merge parallel branches

Revision ID: 762924be6a17
Revises: b1a7c0de0002, b1a7c0de0001, b1a7c0de0003
Create Date: 2026-11-28 19:15:19.862562
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '762924be6a17'
down_revision: str | None = ('b1a7c0de0002', 'b1a7c0de0001', 'b1a7c0de0003')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
