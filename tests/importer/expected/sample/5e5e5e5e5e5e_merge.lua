--- merge feature and audit
--
-- Revision ID: 5e5e5e5e5e5e
-- Revises: 3c3c3c3c3c3c, 4d4d4d4d4d4d
-- Create Date: 2024-01-06 00:00:00
--
-- Imported from Alembic by retort import-alembic: alembic/versions/5e5e5e5e5e5e_merge.py

revision = "5e5e5e5e5e5e"
down_revision = {"3c3c3c3c3c3c", "4d4d4d4d4d4d"}
branch_labels = nil
depends_on = nil

function upgrade()
end

function downgrade()
end
