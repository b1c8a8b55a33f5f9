"""the agency directory, classification, lead agency, withdrawal (issue 4)

Revision ID: b1a7c0de0002
Revises: 17d8d297d757
Create Date: 2026-11-28 18:30:00

Two branches of intake's history were written in parallel; a later merge revision joins them.

Personal data: from this revision on, intake seals applicants' names, ID numbers and phones, the
claims summary, and liaison officers' names and phones (AES-GCM, adr_intake/store/pii.py), and keeps
a masked name beside each applicant in ``disputes.applicants``. This revision re-encrypts nothing:
rows registered before it (none in production; only development databases) keep their plaintext
and are not readable as sealed values. Recreate such a development database (``var/intake.db``)
rather than carry plaintext personal data forward.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b1a7c0de0002"
down_revision: str | None = "17d8d297d757"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_DISPUTE_COLUMNS = (
    ("act_doc_no", sa.String(length=100), None),
    ("amount_yuan", sa.BigInteger(), None),
    ("repeat_of", sa.Uuid(), None),
    ("is_major", sa.Boolean(), sa.false()),
    ("is_group", sa.Boolean(), sa.false()),
    ("is_sensitive", sa.Boolean(), sa.false()),
    ("classification_reasons", sa.JSON(none_as_null=True), None),
    ("classification_manual", sa.Boolean(), sa.false()),
    ("classification_note", sa.Text(), None),
    ("lead_agency_code", sa.String(length=40), None),
    ("lead_agency_reasons", sa.Text(), None),
    ("lead_agency_decided_on", sa.Date(), None),
    ("liaisons_to_notify", sa.JSON(none_as_null=True), None),
    ("withdrawal_reason_code", sa.String(length=60), None),
    ("withdrawn_at", sa.DateTime(timezone=True), None),
)


def upgrade() -> None:
    with op.batch_alter_table("disputes", schema=None) as batch_op:
        for name, type_, default in _DISPUTE_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=default is None, server_default=default))
    _create_applicant_keys()
    _create_directory()


def _create_applicant_keys() -> None:
    op.create_table(
        "dispute_applicant_keys",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id_key", sa.String(length=80), nullable=True),
        sa.Column("name_key", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["disputes.id"], name=op.f("fk_dispute_applicant_keys_case_id_disputes")
        ),
        sa.PrimaryKeyConstraint("case_id", "position", name=op.f("pk_dispute_applicant_keys")),
    )
    with op.batch_alter_table("dispute_applicant_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dispute_applicant_keys_id_key"), ["id_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_dispute_applicant_keys_name_key"), ["name_key"], unique=False)


def _create_directory() -> None:
    op.create_table(
        "agency_units",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_zh", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("reconsideration_organ_zh", sa.String(length=200), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_agency_units")),
    )
    with op.batch_alter_table("agency_units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agency_units_kind"), ["kind"], unique=False)

    op.create_table(
        "agency_liaisons",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_masked", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("phone_masked", sa.String(length=30), nullable=True),
        sa.Column("post", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["unit_code"], ["agency_units.code"], name=op.f("fk_agency_liaisons_unit_code_agency_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_liaisons")),
    )
    with op.batch_alter_table("agency_liaisons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agency_liaisons_unit_code"), ["unit_code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("agency_liaisons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_liaisons_unit_code"))
    op.drop_table("agency_liaisons")
    with op.batch_alter_table("agency_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_units_kind"))
    op.drop_table("agency_units")
    with op.batch_alter_table("dispute_applicant_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dispute_applicant_keys_name_key"))
        batch_op.drop_index(batch_op.f("ix_dispute_applicant_keys_id_key"))
    op.drop_table("dispute_applicant_keys")
    with op.batch_alter_table("disputes", schema=None) as batch_op:
        for name, _type, _default in reversed(_DISPUTE_COLUMNS):
            batch_op.drop_column(name)
