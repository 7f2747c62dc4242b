--- add status, seed rows
--
-- Revision ID: 2b2b2b2b2b2b
-- Revises: 1a1a1a1a1a1a
-- Create Date: 2024-01-03 00:00:00
--
-- Imported from Alembic by retort import-alembic: alembic/versions/2b2b2b2b2b2b_add_status_and_rows.py

revision = "2b2b2b2b2b2b"
down_revision = "1a1a1a1a1a1a"
branch_labels = nil
depends_on = nil

local ROLES = { "admin", "editor" }

function upgrade()
  op.batch_alter_table("users", function(batch_op)
    batch_op.add_column(sa.Column("status", sa.String(20), { nullable = false, server_default = "active" }))
    batch_op.create_index("ix_users_status", { "status" }, { unique = false })
  end)
  op.create_table("roles",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("name", sa.String(30), { nullable = false }))
  local roles = sa.table("roles", sa.column("id", sa.Integer), sa.column("name", sa.String))
  op.bulk_insert(roles, { { id = 1, name = "admin" }, { id = 2, name = "editor" } })
  op.execute(sa.text("UPDATE users SET status = :s WHERE name = :n"), { s = "admin", n = "root" })
  op.execute("UPDATE users SET status = 'active' WHERE status IS NULL")
end

function downgrade()
  op.drop_table("roles")
  op.batch_alter_table("users", function(batch_op)
    batch_op.drop_index("ix_users_status")
    batch_op.drop_column("status")
  end)
end
