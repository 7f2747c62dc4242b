"""orders with a foreign key; data step only online

Revision ID: 6f6f6f6f6f6f
Revises: 5e5e5e5e5e5e
Create Date: 2024-01-07 00:00:00

"""
from alembic import context, op
import sqlalchemy as sa

revision = "6f6f6f6f6f6f"
down_revision = "5e5e5e5e5e5e"
branch_labels = None
depends_on = "3c3c3c3c3c3c"


def upgrade():
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("total", sa.Numeric(10, 2), nullable=False, server_default="0"),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("total >= 0", name="ck_orders_total_positive"),
        sa.CheckConstraint("user_id > 0"),
    )
    if op.get_bind().dialect.name != "sqlite":
        op.create_foreign_key("fk_orders_user_id_users", "orders", "users", ["user_id"], ["id"], ondelete="CASCADE")
    else:
        with op.batch_alter_table("orders") as batch_op:
            batch_op.create_foreign_key("fk_orders_user_id_users", "users", ["user_id"], ["id"], ondelete="CASCADE")
    if not context.is_offline_mode():
        conn = op.get_bind()
        conn.execute(sa.text("UPDATE users SET status = :s WHERE status = :old"), {"s": "active", "old": "new"})
    users = sa.table("users", sa.column("status"))
    op.execute(users.update().where(users.c.status == "pending").values(status="active"))


def downgrade():
    with op.batch_alter_table("orders") as batch_op:
        batch_op.drop_constraint("fk_orders_user_id_users", type_="foreignkey")
    op.drop_table("orders")
