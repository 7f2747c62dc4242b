"""slugs from names

Revision ID: aaaa00000002
Revises: aaaa00000001
Create Date: 2024-02-02 00:00:00

"""
from alembic import op
import sqlalchemy as sa

from myapp.text import slugify

revision = "aaaa00000002"
down_revision = "aaaa00000001"


def upgrade():
    op.add_column("tags", sa.Column("slug", sa.String(40), nullable=True))
    conn = op.get_bind()
    for row in conn.execute(sa.text("SELECT id, name FROM tags")):
        conn.execute(sa.text("UPDATE tags SET slug = :s WHERE id = :i"),
                     {"s": slugify(row[1]), "i": row[0]})


def downgrade():
    with op.batch_alter_table("tags") as batch_op:
        batch_op.drop_column("slug")
