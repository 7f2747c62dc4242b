--- add avatar_url to usuarios
--
-- Revision ID: 2b3c4d5e6f70
-- Revises: 1a2b3c4d5e6f
-- Create Date: 2026-12-07 15:31:00

revision = "2b3c4d5e6f70"
down_revision = "1a2b3c4d5e6f"
branch_labels = nil
depends_on = nil

function upgrade()
  op.add_column("usuarios", sa.Column("avatar_url", sa.String(), { nullable = true }))
end

function downgrade()
  op.drop_column("usuarios", "avatar_url")
end
