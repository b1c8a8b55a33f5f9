"""merge portal and audit chain

Revision ID: 954fc45b67fa
Revises: 3f7b5b6a0bc1, 3460339bfaac
Create Date: 2026-11-28 21:48:05.861315
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '954fc45b67fa'
down_revision: str | None = ('3f7b5b6a0bc1', '3460339bfaac')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
