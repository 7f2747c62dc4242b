--- feature branch: flags
--
-- Revision ID: 3c3c3c3c3c3c
-- Revises: 2b2b2b2b2b2b
-- Create Date: 2024-01-04 00:00:00
--
-- Imported from Alembic by retort import-alembic: alembic/versions/3c3c3c3c3c3c_feature_branch.py

revision = "3c3c3c3c3c3c"
down_revision = "2b2b2b2b2b2b"
branch_labels = {"feature"}
depends_on = nil

function upgrade()
  op.create_table("flags",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("name", sa.String(40), { nullable = false }),
    sa.Column("on", sa.Boolean(), { nullable = false, server_default = sa.false_() }))
  if (context.dialect == "postgresql") then
    op.execute("COMMENT ON TABLE flags IS 'feature flags'")
  elseif (context.dialect == "mysql") then
    op.execute("ALTER TABLE flags COMMENT = 'feature flags'")
  else
  end
end

function downgrade()
  op.drop_table("flags")
end
