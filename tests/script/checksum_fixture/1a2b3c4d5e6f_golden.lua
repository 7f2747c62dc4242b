--- golden revision for the checksum tests: never edit this file
--
-- Revision ID: 1a2b3c4d5e6f
-- Revises:
-- Create Date: 2026-12-07 18:00:00

revision = "1a2b3c4d5e6f"
down_revision = nil

function upgrade()
  op.create_table("golden",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("name", sa.String(50)))
end

function downgrade()
  op.drop_table("golden")
end
