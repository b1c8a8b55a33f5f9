"""warning windows: registrations per pattern key, filled from the journal

Revision ID: 7e5d0c1a9b42
Revises: a7ed87f39a6f
Create Date: 2026-11-29 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7e5d0c1a9b42"
down_revision: str | None = "a7ed87f39a6f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    window = op.create_table(
        "window_registrations",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("key", "occurred_on", "event_id", name=op.f("pk_window_registrations")),
    )
    _fill(window)


def _fill(window: sa.Table) -> None:
    # the registrations already in the journal, counted once per agency and once for the act type
    journal = sa.table(
        "report_facts",
        sa.column("event_id", sa.Uuid()),
        sa.column("kind", sa.String()),
        sa.column("case_id", sa.Uuid()),
        sa.column("occurred_on", sa.Date()),
        sa.column("agency_codes", sa.JSON()),
        sa.column("data", sa.JSON()),
    )
    bind = op.get_bind()
    query = sa.select(journal).where(journal.c.kind == "registered", journal.c.case_id.is_not(None))
    rows = []
    for fact in bind.execute(query):
        keys = [f"repeated_agency:{code}" for code in dict.fromkeys(fact.agency_codes or [])]
        if (fact.data or {}).get("act_type"):
            keys.append(f"repeated_act_type:{fact.data['act_type']}")
        rows += [
            {"key": k, "occurred_on": fact.occurred_on, "event_id": fact.event_id, "case_id": fact.case_id}
            for k in keys
        ]
    if rows:
        op.bulk_insert(window, rows)


def downgrade() -> None:
    op.drop_table("window_registrations")
