"""A one-time id for each form as shown, kept once, so the same post sent twice is saved once
(a retry by the proxy after an app server went down, or a second press of Send). Rows saved
before this have none.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("feedback", "unsafe_place_reports")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("submission_id", sa.String(32), nullable=True))
            batch.create_index(f"ix_{table}_submission_id", ["submission_id"], unique=True)


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_submission_id")
            batch.drop_column("submission_id")
