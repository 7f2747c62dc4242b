#!/usr/bin/python3
"""Generates the two equivalent projects the benchmarks run: one for retort, one for Alembic.

    bench/generate.py OUT_DIR N M

OUT_DIR/retort/          retort.toml, migrations/{versions/*.lua, models.lua} (the caller runs
                         `retort init migrations` there first, for script.lua.tmpl)
OUT_DIR/alembic/         alembic.ini, migrations/{env.py, script.py.mako, versions/*.py}, models.py
OUT_DIR/retort_autogen/  the same models with an empty versions/ (autogenerate into an empty db)
OUT_DIR/alembic_autogen/ likewise for Alembic

The chain: revision k (1..N) creates table t_k (10 columns of mixed types, a foreign key to
t_{k-1}, an index on `code`), and every third revision also adds a column extra_k to the earlier
table t_{k//2}; each downgrade undoes exactly that. Every constraint and index is named
explicitly on both sides, so both tools emit the same DDL.

The models (M tables) are the schema the chain leaves behind at revision M: the same 10 columns,
the same foreign key chain and indexes, plus the extra columns. So a database upgraded to the
head of an M-revision chain matches the models exactly, and `check` has nothing to report.

Nothing here is committed: bench/run regenerates it in a scratch folder on every run.
"""
import os
import sys


def rev_id(k):
    # Deterministic, random-looking 12-hex-digit ids (a multiplicative hash of k).
    return "%012x" % ((k * 0x9E3779B97F4A7C15) % (1 << 48))


def extra_target(k):
    """The earlier table revision k adds a column to, or None."""
    if k % 3 != 0:
        return None
    return k // 2


# (name, retort type, sqlalchemy type, nullable)
COLUMNS = [
    ("name", "sa.String(100)", "sa.String(100)", False),
    ("code", "sa.String(20)", "sa.String(20)", False),
    ("description", "sa.Text()", "sa.Text()", True),
    ("amount", "sa.Numeric(12, 2)", "sa.Numeric(12, 2)", True),
    ("ratio", "sa.Float()", "sa.Float()", True),
    ("active", "sa.Boolean()", "sa.Boolean()", True),
    ("born", "sa.Date()", "sa.Date()", True),
    ("created_at", "sa.DateTime()", "sa.DateTime()", True),
]


def lua_columns(k, indent):
    pad = " " * indent
    lines = [pad + 'sa.Column("id", sa.Integer(), { primary_key = true, nullable = false })']
    if k > 1:
        lines.append(pad + 'sa.Column("parent_id", sa.Integer(), sa.ForeignKey("t_%d.id", '
                     '{ name = "fk_t_%d_parent_id_t_%d" }))' % (k - 1, k, k - 1))
    else:
        lines.append(pad + 'sa.Column("parent_id", sa.Integer())')
    for name, rtype, _, nullable in COLUMNS:
        lines.append(pad + 'sa.Column("%s", %s, { nullable = %s })' %
                     (name, rtype, "true" if nullable else "false"))
    return lines


def py_columns(k, indent):
    pad = " " * indent
    lines = [pad + 'sa.Column("id", sa.Integer(), nullable=False)']
    if k > 1:
        lines.append(pad + 'sa.Column("parent_id", sa.Integer(), sa.ForeignKey("t_%d.id", '
                     'name="fk_t_%d_parent_id_t_%d"), nullable=True)' % (k - 1, k, k - 1))
    else:
        lines.append(pad + 'sa.Column("parent_id", sa.Integer(), nullable=True)')
    for name, _, ptype, nullable in COLUMNS:
        lines.append(pad + 'sa.Column("%s", %s, nullable=%s)' % (name, ptype, nullable))
    lines.append(pad + 'sa.PrimaryKeyConstraint("id", name="pk_t_%d")' % k)
    return lines


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


RETORT_TOML = """[retort]
script_location = "migrations"
models = "migrations/models.lua"
"""



def retort_revision(k):
    rev = rev_id(k)
    down = rev_id(k - 1) if k > 1 else None
    up = ['  op.create_table("t_%d",' % k]
    cols = lua_columns(k, 4)
    cols.append('    sa.PrimaryKeyConstraint("id", { name = "pk_t_%d" })' % k)
    up += [c + "," for c in cols[:-1]] + [cols[-1] + ")"]
    up.append('  op.create_index("ix_t_%d_code", "t_%d", { "code" })' % (k, k))
    down_ops = []
    j = extra_target(k)
    if j:
        up.append('  op.add_column("t_%d", sa.Column("extra_%d", sa.String(50), '
                  '{ nullable = true }))' % (j, k))
        down_ops.append('  op.drop_column("t_%d", "extra_%d")' % (j, k))
    down_ops.append('  op.drop_index("ix_t_%d_code", "t_%d")' % (k, k))
    down_ops.append('  op.drop_table("t_%d")' % k)
    return ("""--- create t_%d
--
-- Revision ID: %s
-- Revises: %s
-- Create Date: 2026-11-24 00:00:00

revision = "%s"
down_revision = %s
branch_labels = nil
depends_on = nil

function upgrade()
%s
end

function downgrade()
%s
end
""" % (k, rev, down or "", rev, '"%s"' % down if down else "nil", "\n".join(up),
       "\n".join(down_ops)))


def alembic_revision(k):
    rev = rev_id(k)
    down = rev_id(k - 1) if k > 1 else None
    up = ['    op.create_table("t_%d",' % k]
    cols = py_columns(k, 8)
    up += [c + "," for c in cols[:-1]] + [cols[-1] + ")"]
    up.append('    op.create_index("ix_t_%d_code", "t_%d", ["code"])' % (k, k))
    down_ops = []
    j = extra_target(k)
    if j:
        up.append('    op.add_column("t_%d", sa.Column("extra_%d", sa.String(50), '
                  'nullable=True))' % (j, k))
        down_ops.append('    op.drop_column("t_%d", "extra_%d")' % (j, k))
    down_ops.append('    op.drop_index("ix_t_%d_code", table_name="t_%d")' % (k, k))
    down_ops.append('    op.drop_table("t_%d")' % k)
    return ('''"""create t_%d

Revision ID: %s
Revises: %s
Create Date: 2026-11-24 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "%s"
down_revision = %s
branch_labels = None
depends_on = None


def upgrade():
%s


def downgrade():
%s
''' % (k, rev, down or "", rev, '"%s"' % down if down else "None", "\n".join(up),
       "\n".join(down_ops)))


def extras_of(m):
    """table -> [extra columns] the chain leaves behind at revision m."""
    out = {}
    for k in range(1, m + 1):
        j = extra_target(k)
        if j:
            out.setdefault(j, []).append("extra_%d" % k)
    return out


def retort_models(m):
    extras = extras_of(m)
    parts = ["-- Generated by bench/generate.py: %d tables, a foreign key chain.\n" % m]
    for k in range(1, m + 1):
        cols = lua_columns(k, 2)
        cols += ['  sa.Column("%s", sa.String(50), { nullable = true })' % e
                 for e in extras.get(k, [])]
        cols.append('  sa.PrimaryKeyConstraint("id", { name = "pk_t_%d" })' % k)
        cols.append('  sa.Index("ix_t_%d_code", "code")' % k)
        parts.append('sa.Table("t_%d",\n%s)\n' % (k, ",\n".join(cols)))
    return "".join(parts)


def alembic_models(m):
    extras = extras_of(m)
    parts = ['"""Generated by bench/generate.py: %d tables, a foreign key chain."""\n'
             "import sqlalchemy as sa\n\nmetadata = sa.MetaData()\n\n" % m]
    for k in range(1, m + 1):
        cols = py_columns(k, 4)
        cols += ['    sa.Column("%s", sa.String(50), nullable=True)' % e
                 for e in extras.get(k, [])]
        cols.append('    sa.Index("ix_t_%d_code", "code")' % k)
        parts.append('sa.Table("t_%d", metadata,\n%s)\n' % (k, ",\n".join(cols)))
    return "".join(parts)


ALEMBIC_INI = """[alembic]
script_location = migrations
prepend_sys_path = .

[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
"""

# Alembic's stock env.py (the `generic` template), with the URL from $BENCH_URL (as a project
# reads DATABASE_URL) and target_metadata from the generated models when $BENCH_MODELS is set.
ALEMBIC_ENV = '''import os
from logging.config import fileConfig

from sqlalchemy import engine_from_config, pool

from alembic import context

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
config.set_main_option("sqlalchemy.url", os.environ["BENCH_URL"])

# Only autogenerate needs the models (bench/run sets BENCH_MODELS for it): importing 1,000
# SQLAlchemy tables costs seconds, and the other commands should measure Alembic at its best.
if os.environ.get("BENCH_MODELS"):
    from models import metadata
    target_metadata = metadata
else:
    target_metadata = None


def run_migrations_offline():
    url = config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section),
                                     prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

ALEMBIC_MAKO = '''"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade():
    ${upgrades if upgrades else "pass"}


def downgrade():
    ${downgrades if downgrades else "pass"}
'''

# Alembic 1.8 (Debian 12) has no `alembic check` (added in 1.9). This is what 1.9's check does:
# configure a migration context on the database and compare it with target_metadata
# (alembic.autogenerate.compare_metadata), exit 1 when anything differs.
ALEMBIC_CHECK = '''import os
import sys

if os.environ.get("BENCH_RECURSION_LIMIT"):
    sys.setrecursionlimit(int(os.environ["BENCH_RECURSION_LIMIT"]))

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models import metadata

engine = sa.create_engine(os.environ["BENCH_URL"], poolclass=sa.pool.NullPool)
with engine.connect() as conn:
    diff = compare_metadata(MigrationContext.configure(conn), metadata)
if diff:
    print("%d difference(s), e.g. %r" % (len(diff), diff[:3]), file=sys.stderr)
    sys.exit(1)
print("No new upgrade operations detected.")
'''


def main():
    out, n, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for name, chain in (("retort", n), ("retort_autogen", 0)):
        root = os.path.join(out, name)
        write(os.path.join(root, "retort.toml"), RETORT_TOML)
        write(os.path.join(root, "migrations", "models.lua"), retort_models(m))
        os.makedirs(os.path.join(root, "migrations", "versions"), exist_ok=True)
        for k in range(1, chain + 1):
            write(os.path.join(root, "migrations", "versions", "%s_create_t_%d.lua" %
                               (rev_id(k), k)), retort_revision(k))
    for name, chain in (("alembic", n), ("alembic_autogen", 0)):
        root = os.path.join(out, name)
        write(os.path.join(root, "alembic.ini"), ALEMBIC_INI)
        write(os.path.join(root, "migrations", "env.py"), ALEMBIC_ENV)
        write(os.path.join(root, "migrations", "script.py.mako"), ALEMBIC_MAKO)
        write(os.path.join(root, "models.py"), alembic_models(m))
        write(os.path.join(root, "check.py"), ALEMBIC_CHECK)
        os.makedirs(os.path.join(root, "migrations", "versions"), exist_ok=True)
        for k in range(1, chain + 1):
            write(os.path.join(root, "migrations", "versions", "%s_create_t_%d.py" %
                               (rev_id(k), k)), alembic_revision(k))


if __name__ == "__main__":
    main()
