# Reduced for retort's import corpus: the project's own env.py needs its application; the tests
# point Alembic at their database with ALEMBIC_TEST_URL.
import os

from alembic import context
from sqlalchemy import create_engine, pool

engine = create_engine(os.environ["ALEMBIC_TEST_URL"], poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
