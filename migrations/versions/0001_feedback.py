"""The "tell us something is wrong" table, as the site first made it.

Databases made before migrations existed already have this table; `flask db upgrade` marks them
as being at this revision instead of creating it again.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("lang", sa.String(10), nullable=False),
        sa.Column("page", sa.String(300), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feedback")
