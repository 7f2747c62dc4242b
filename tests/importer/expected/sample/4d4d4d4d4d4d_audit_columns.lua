--- audit columns through a helper
--
-- Revision ID: 4d4d4d4d4d4d
-- Revises: 2b2b2b2b2b2b
-- Create Date: 2024-01-05 00:00:00
--
-- Imported from Alembic by retort import-alembic: alembic/versions/4d4d4d4d4d4d_audit_columns.py

revision = "4d4d4d4d4d4d"
down_revision = "2b2b2b2b2b2b"
branch_labels = nil
depends_on = nil

local TABLES = { "users", "roles" }

local function add_audit(table_name)
  op.add_column(table_name, sa.Column("updated_by", sa.String(50), { nullable = true }))
end

local function drop_audit(table_name)
  op.batch_alter_table(table_name, function(batch_op)
    batch_op.drop_column("updated_by")
  end)
end

function upgrade()
  for _, name in ipairs({ "users", "roles" }) do
    add_audit(name)
  end
end

function downgrade()
  for _, name in ipairs(TABLES) do
    drop_audit(name)
  end
end
