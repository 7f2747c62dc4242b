#!/usr/bin/python3
"""The checks of `retort test` written with Alembic, as pytest-alembic runs them: the baseline of
the `test` rows of bench/run.

    bench/stairway_alembic.py PROJECT_DIR [--no-compare]

PROJECT_DIR is a generated Alembic project (bench/generate.py's OUT_DIR/alembic). On one
in-memory SQLite connection (pytest-alembic hands env.py one connection too), for each revision
in upgrade order: reflect the schema, upgrade to the revision, downgrade to its parent, compare
the reflected schema with the database (alembic.autogenerate.compare_metadata, what
pytest-alembic's test_downgrade_leaves_no_trace does), and upgrade again (the stairway).
--no-compare runs the stairway alone (pytest-alembic's test_up_down_consistency runs the same
steps). Exits 1 on the first failure, naming the revision.

The migrations run through alembic's EnvironmentContext with the project's ScriptDirectory,
exactly as alembic.command.upgrade/downgrade do, minus reading env.py (which would open a new
engine on every call).
"""
import os
import sys

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine


def main():
    # SQLAlchemy reflects a foreign-key chain recursively (one frame group per table): the
    # default limit of 1,000 frames dies on the benchmark's chain (bench/README.md, `check`).
    sys.setrecursionlimit(20000)
    project = sys.argv[1]
    compare = "--no-compare" not in sys.argv[2:]
    cfg = Config(os.path.join(project, "alembic.ini"))
    cfg.set_main_option("script_location", os.path.join(project, "migrations"))
    script = ScriptDirectory.from_config(cfg)
    engine = create_engine("sqlite://")
    conn = engine.connect()

    def run(destination, fn):
        with EnvironmentContext(cfg, script, fn=fn, destination_rev=destination) as env:
            env.configure(connection=conn, target_metadata=None)
            with env.begin_transaction():
                env.run_migrations()
        if conn.in_transaction():
            conn.commit()

    def upgrade(rev):
        run(rev, lambda current, ctx: script._upgrade_revs(rev, current))

    def downgrade(rev):
        run(rev, lambda current, ctx: script._downgrade_revs(rev, current))

    revisions = list(reversed(list(script.walk_revisions("base", "heads"))))
    for r in revisions:
        before = None
        if compare:
            before = MetaData()
            before.reflect(conn)
        upgrade(r.revision)
        downgrade(r.down_revision or "base")
        if compare:
            diff = compare_metadata(MigrationContext.configure(conn), before)
            if diff:
                print("FAIL downgrade %s: %s" % (r.revision, diff), file=sys.stderr)
                sys.exit(1)
        upgrade(r.revision)
    print("%d revisions: stairway%s passed" % (len(revisions), " and downgrade" if compare else ""))


if __name__ == "__main__":
    main()
