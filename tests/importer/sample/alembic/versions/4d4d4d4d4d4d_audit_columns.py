"""audit columns through a helper

Revision ID: 4d4d4d4d4d4d
Revises: 2b2b2b2b2b2b
Create Date: 2024-01-05 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "4d4d4d4d4d4d"
down_revision = "2b2b2b2b2b2b"
branch_labels = None
depends_on = None

TABLES = ["users", "roles"]


def add_audit(table_name):
    op.add_column(table_name, sa.Column("updated_by", sa.String(50), nullable=True))


def drop_audit(table_name):
    with op.batch_alter_table(table_name) as batch_op:
        batch_op.drop_column("updated_by")


def upgrade():
    for name in ["users", "roles"]:
        add_audit(name)


def downgrade():
    for name in TABLES:
        drop_audit(name)
