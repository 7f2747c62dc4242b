"""merge feature and audit

Revision ID: 5e5e5e5e5e5e
Revises: 3c3c3c3c3c3c, 4d4d4d4d4d4d
Create Date: 2024-01-06 00:00:00

"""
revision = "5e5e5e5e5e5e"
down_revision = ("3c3c3c3c3c3c", "4d4d4d4d4d4d")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
