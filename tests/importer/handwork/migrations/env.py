from alembic import context

context.configure(url="sqlite://", version_table="app_versions", version_table_schema=None)
