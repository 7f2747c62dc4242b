"""feature branch: flags

Revision ID: 3c3c3c3c3c3c
Revises: 2b2b2b2b2b2b
Create Date: 2024-01-04 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "3c3c3c3c3c3c"
down_revision = "2b2b2b2b2b2b"
branch_labels = ("feature",)
depends_on = None


def upgrade():
    op.create_table(
        "flags",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("on", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("COMMENT ON TABLE flags IS 'feature flags'")
    elif op.get_bind().dialect.name in ("mysql", "mariadb"):
        op.execute("ALTER TABLE flags COMMENT = 'feature flags'")
    else:
        pass


def downgrade():
    op.drop_table("flags")
