# The tests point Alembic at their database with ALEMBIC_TEST_URL.
import os

from alembic import context
from sqlalchemy import create_engine

VERSION_TABLE = "alembic_version"


def run_migrations_offline():
    context.configure(url=os.environ["ALEMBIC_TEST_URL"], literal_binds=True,
                      version_table=VERSION_TABLE)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = create_engine(os.environ["ALEMBIC_TEST_URL"])
    with engine.connect() as connection:
        context.configure(connection=connection, version_table=VERSION_TABLE)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
