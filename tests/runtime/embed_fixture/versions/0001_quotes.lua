--- create notas, whose rows hold text that would end a C++ raw string: )" )retort" ]] \ "
--
-- Revision ID: 0001
-- Revises:
-- Create Date: 2026-12-07 15:00:00

revision = "0001"
down_revision = nil
branch_labels = nil
depends_on = nil

function upgrade()
  op.create_table("notas",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("texto", sa.String(200), { nullable = false }))
  op.execute([==[INSERT INTO notas (id, texto) VALUES (1, ')"'), (2, 'R"(ação)"'), (3, '\0 \\ ]]')]==])
end

function downgrade()
  op.drop_table("notas")
end
