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
    op.create_table(
        "filing_reviews",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_by", sa.String(length=120), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.Column("filing_deadline", sa.Date(), nullable=True),
        sa.Column("deadline_provisional", sa.Boolean(), nullable=False),
        sa.Column("missing_calendar_years", sa.JSON(), nullable=False),
        sa.Column("earliest_filing_date", sa.Date(), nullable=True),
        sa.Column("reconsideration_first", sa.Boolean(), nullable=False),
        sa.Column("court_level", sa.String(length=20), nullable=False),
        sa.Column("mediable", sa.Boolean(), nullable=False),
        sa.Column("suggested_route", sa.String(length=30), nullable=False),
        sa.Column("route", sa.String(length=30), nullable=False),
        sa.Column("reason_code", sa.String(length=60), nullable=False),
        sa.Column("basis", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_filing_reviews")),
    )
    op.create_table(
        "holiday_calendar_years",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.Column("loaded_by", sa.String(length=120), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_holiday_calendar_years")),
    )
    op.create_table(
        "holiday_calendar_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name_zh", sa.String(length=60), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_holiday_calendar_days")),
    )
    op.create_index(op.f("ix_holiday_calendar_days_year"), "holiday_calendar_days", ["year"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_holiday_calendar_days_year"), table_name="holiday_calendar_days")
    op.drop_table("holiday_calendar_days")
    op.drop_table("holiday_calendar_years")
    op.drop_table("filing_reviews")
