"""tags

Revision ID: aaaa00000001
Revises:
Create Date: 2024-02-01 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "aaaa00000001"
down_revision = None


def upgrade():
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(40), nullable=False))


def downgrade():
    op.drop_table("tags")
