--- create usuarios
--
-- Revision ID: 1a2b3c4d5e6f
-- Revises:
-- Create Date: 2026-12-07 15:30:00

revision = "1a2b3c4d5e6f"
down_revision = nil
branch_labels = nil
depends_on = nil

function upgrade()
  op.create_table("usuarios",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("nome", sa.String(120), { nullable = false }),
    sa.Column("email", sa.String(255), { nullable = false, unique = true }))
end

function downgrade()
  op.drop_table("usuarios")
end
