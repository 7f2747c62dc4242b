--- orders with a foreign key; data step only online
--
-- Revision ID: 6f6f6f6f6f6f
-- Revises: 5e5e5e5e5e5e
-- Create Date: 2024-01-07 00:00:00
--
-- Imported from Alembic by retort import-alembic: alembic/versions/6f6f6f6f6f6f_offline_and_fk.py

revision = "6f6f6f6f6f6f"
down_revision = "5e5e5e5e5e5e"
branch_labels = nil
depends_on = "3c3c3c3c3c3c"

function upgrade()
  op.create_table("orders",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("user_id", sa.Integer(), { nullable = false }),
    sa.Column("total", sa.Numeric(10, 2), { nullable = false, server_default = "0" }),
    sa.Column("note", sa.Text(), { nullable = true }),
    sa.CheckConstraint("total >= 0", { name = "ck_orders_total_positive" }),
    sa.CheckConstraint("user_id > 0"))
  if (context.dialect ~= "sqlite") then
    op.create_foreign_key("fk_orders_user_id_users",
      "orders",
      "users",
      { "user_id" },
      { "id" },
      { ondelete = "CASCADE" })
  else
    op.batch_alter_table("orders", function(batch_op)
      batch_op.create_foreign_key("fk_orders_user_id_users",
        "users",
        { "user_id" },
        { "id" },
        { ondelete = "CASCADE" })
    end)
  end
  if not context.is_offline_mode then
    local conn = op.get_bind()
    conn:execute("UPDATE users SET status = :s WHERE status = :old", { s = "active", old = "new" })
  end
  local users = sa.table("users", sa.column("status"))
  op.execute(users:update():where(users.c.status:eq("pending")):values({ status = "active" }))
end

function downgrade()
  op.batch_alter_table("orders", function(batch_op)
    batch_op.drop_constraint("fk_orders_user_id_users", { type_ = "foreignkey" })
  end)
  op.drop_table("orders")
end
