--- create users
--
-- Revision ID: 1a1a1a1a1a1a
-- Revises: 
-- Create Date: 2024-01-02 03:04:05.000000
--
-- A longer description
-- on two lines.
--
-- Imported from Alembic by retort import-alembic: alembic/versions/1a1a1a1a1a1a_create_users.py

revision = "1a1a1a1a1a1a"
down_revision = nil
branch_labels = nil
depends_on = nil

function upgrade()
  op.create_table("users",
    sa.Column("id", sa.Integer(), { nullable = false }),
    sa.Column("name", sa.String({ length = 50 }), { nullable = false }),
    sa.Column("email", sa.String(120), { nullable = true }),
    sa.Column("created_at", sa.DateTime({ timezone = true }), { server_default = sa.text("CURRENT_TIMESTAMP"), nullable = true }),
    sa.PrimaryKeyConstraint("id", { name = "pk_users" }),
    sa.UniqueConstraint("email", { name = "uq_users_email" }))
  op.create_index(op.f("ix_users_name"), "users", { "name" }, { unique = false })
end

function downgrade()
  op.drop_index(op.f("ix_users_name"), { table_name = "users" })
  op.drop_table("users")
end
