"""merge parallel branches

Revision ID: bc7ab5db1bcc
Revises: ce2eb596cfe1, c0ffee000003
Create Date: 2026-11-28 19:15:27.880422
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'bc7ab5db1bcc'
down_revision: str | None = ('ce2eb596cfe1', 'c0ffee000003')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
