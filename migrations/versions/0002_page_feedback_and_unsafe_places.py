"""Page feedback asks whether the page helped; unsafe-place reports and their reasons.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("helped", sa.Boolean, nullable=True))
        batch.create_index("ix_feedback_received_on", ["received_on"])
    op.create_table(
        "unsafe_place_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("received_week", sa.Date, nullable=False, index=True),
        sa.Column("lang", sa.String(10), nullable=False),
        sa.Column("area", sa.String(40), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("time_of_day", sa.String(20), nullable=False),
        sa.Column("day_of_week", sa.String(20), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
    )
    op.create_table(
        "unsafe_place_reasons",
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("unsafe_place_reports.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("reason", sa.String(20), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("unsafe_place_reasons")
    op.drop_table("unsafe_place_reports")
    with op.batch_alter_table("feedback") as batch:
        batch.drop_index("ix_feedback_received_on")
        batch.drop_column("helped")
