"""add status, seed rows

Revision ID: 2b2b2b2b2b2b
Revises: 1a1a1a1a1a1a
Create Date: 2024-01-03 00:00:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql import table, column

revision = "2b2b2b2b2b2b"
down_revision = "1a1a1a1a1a1a"
branch_labels = None
depends_on = None

ROLES = ["admin", "editor"]


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(20), nullable=False, server_default="active"))
        batch_op.create_index("ix_users_status", ["status"], unique=False)

    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(30), nullable=False, default="x"),
    )
    roles = table("roles", column("id", sa.Integer), column("name", sa.String))
    op.bulk_insert(roles, [{"id": 1, "name": "admin"}, {"id": 2, "name": "editor"}])
    op.execute(sa.text("UPDATE users SET status = :s WHERE name = :n").bindparams(s="admin", n="root"))
    op.execute("UPDATE users SET status = 'active' WHERE status IS NULL")


def downgrade():
    op.drop_table("roles")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_index("ix_users_status")
        batch_op.drop_column("status")
