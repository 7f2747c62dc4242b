--- add autor to notas (this file has CRLF line ends)
--
-- Revision ID: 0002
-- Revises: 0001
-- Create Date: 2026-12-07 15:00:01

revision = "0002"
down_revision = "0001"
branch_labels = nil
depends_on = nil

function upgrade()
  op.add_column("notas", sa.Column("autor", sa.String(80), { nullable = true }))
end

function downgrade()
  op.drop_column("notas", "autor")
end
