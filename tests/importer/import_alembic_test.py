"""retort import-alembic, end to end: the retort binary against Debian's python3-alembic.

  python3 tests/importer/import_alembic_test.py RETORT_BINARY

The database tests need RETORT_TEST_PG_URL and RETORT_TEST_MYSQL_URL (tests/servers.sh);
SQLite needs nothing. Alembic runs in-process through its command API on the same database.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "sample")
HANDWORK = os.path.join(HERE, "handwork")
EXPECTED = os.path.join(HERE, "expected")
RETORT = None

try:
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config
except ImportError as e:  # a missing dependency fails the test run, it is never skipped
    sys.exit("import_alembic_test needs python3-alembic, python3-psycopg2 and python3-pymysql "
             "(scripts/deps.sh test): %s" % e)


# Alembic 1.10 and later list a version folder in file-name order (retort does too); Debian's
# 1.8 takes os.listdir's order, which decides the order of `alembic history` across branches.
from alembic.script.base import Script  # noqa: E402
_list_py_dir = Script._list_py_dir.__func__
Script._list_py_dir = classmethod(lambda cls, sd, path: sorted(_list_py_dir(cls, sd, path)))


def run(args, cwd, env=None, expect=0):
    p = subprocess.run([RETORT] + args, cwd=cwd, env=env, capture_output=True, text=True)
    if p.returncode != expect:
        raise AssertionError("retort %s exited %d (expected %d)\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(args), p.returncode, expect, p.stdout, p.stderr))
    return p


def alembic_cfg(ini, url):
    os.environ["ALEMBIC_TEST_URL"] = url
    cfg = Config(ini)
    return cfg


def alembic_out(fn, cfg, *args, **kw):
    """Runs an alembic command and returns what it printed."""
    lines = []
    cfg.print_stdout = lambda text, *a: lines.append(text % a if a else text)
    fn(cfg, *args, **kw)
    return "\n".join(lines)


def sa_url(retort_url, db):
    """retort's URL of the test server, as SQLAlchemy's for database `db`."""
    scheme, rest = retort_url.split("://", 1)
    base = rest.rsplit("/", 1)[0]
    driver = {"postgresql": "postgresql+psycopg2", "mysql": "mysql+pymysql"}[scheme]
    return driver + "://" + base + "/" + db, scheme + "://" + base + "/" + db


def fresh_database(kind, name):
    """(SQLAlchemy URL, retort URL) of an empty database `name` on the test server."""
    env = {"postgresql": "RETORT_TEST_PG_URL", "mysql": "RETORT_TEST_MYSQL_URL"}[kind]
    if env not in os.environ:
        raise AssertionError("%s is not set: start tests/servers.sh and source its env" % env)
    admin_db = "postgres" if kind == "postgresql" else "mysql"
    admin, _ = sa_url(os.environ[env], admin_db)
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(sa.text("DROP DATABASE IF EXISTS " + name))
        c.execute(sa.text("CREATE DATABASE " + name))
    engine.dispose()
    return sa_url(os.environ[env], name)


def history_ids(text):
    """(parents, revision) per line of `history`: "a, b -> c (head), msg" -> ("a, b", "c")."""
    out = []
    for line in text.splitlines():
        arrow, _, rest = line.partition(" -> ")
        out.append((arrow.strip(), rest.split(",")[0].split(" ")[0]))
    return out


class ImportTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="retort-import-test-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def import_sample(self, *extra):
        return run(["import-alembic", SAMPLE] + list(extra), cwd=self.dir)


class ImportSample(ImportTest):
    def test_report(self):
        p = self.import_sample()
        self.assertEqual(p.stderr, "")
        self.assertEqual(p.stdout, (
            "Importing Alembic project {src}/alembic.ini\n"
            "Generating {dst}/retort.toml ... done\n"
            "Generating 6 revisions in {dst}/migrations ... done\n"
            "\n"
            "  1a1a1a1a1a1a  translated          create users\n"
            "  2b2b2b2b2b2b  translated          add status, seed rows\n"
            "  3c3c3c3c3c3c  translated          feature branch: flags\n"
            "  4d4d4d4d4d4d  translated          audit columns through a helper\n"
            "  5e5e5e5e5e5e  translated          merge feature and audit\n"
            "  6f6f6f6f6f6f  translated          orders with a foreign key; data step only online\n"
            "\n"
            "6 of 6 revisions translated (100 %).\n").format(src=SAMPLE, dst=self.dir))

    def test_json_report(self):
        p = self.import_sample("--json")
        out = json.loads(p.stdout)
        self.assertEqual(out["source"], os.path.join(SAMPLE, "alembic.ini"))
        self.assertEqual(out["version_table"], "alembic_version")
        self.assertEqual((out["total"], out["translated"], out["fraction"]), (6, 6, 1.0))
        self.assertEqual([r["revision"] for r in out["revisions"]],
                         ["1a1a1a1a1a1a", "2b2b2b2b2b2b", "3c3c3c3c3c3c", "4d4d4d4d4d4d",
                          "5e5e5e5e5e5e", "6f6f6f6f6f6f"])
        second = out["revisions"][1]
        self.assertEqual(second["file"], os.path.join(
            self.dir, "migrations/versions/2b2b2b2b2b2b_add_status_and_rows.lua"))
        self.assertEqual(second["notes"], [
            "sa.Column: dropped default (Python-side in SQLAlchemy, no DDL)"])
        self.assertEqual(second["hand_work"], [])

    def test_files_are_the_expected_lua(self):
        self.import_sample()
        versions = os.path.join(self.dir, "migrations", "versions")
        written = sorted(os.listdir(versions))
        expected_dir = os.path.join(EXPECTED, "sample")
        self.assertEqual(written, sorted(os.listdir(expected_dir)))
        for name in written:
            with open(os.path.join(versions, name)) as a, \
                    open(os.path.join(expected_dir, name)) as b:
                self.assertEqual(a.read(), b.read(), name)
        with open(os.path.join(self.dir, "retort.toml")) as f:
            toml = f.read()
        self.assertIn('script_location = "migrations"\n', toml)
        self.assertIn('url = "sqlite:///app.db"\n', toml)
        self.assertIn('version_table = "alembic_version"\n', toml)

    def test_history_equals_alembics(self):
        self.import_sample()
        cfg = alembic_cfg(os.path.join(SAMPLE, "alembic.ini"), "sqlite://")
        theirs = alembic_out(command.history, cfg)
        ours = run(["history"], cwd=self.dir).stdout.rstrip("\n")
        # The same revisions with the same parents in the same order, across the branches and
        # the merge too (Alembic reading the files in file-name order, as 1.10 and later do).
        self.assertEqual(history_ids(ours), history_ids(theirs))
        self.assertEqual(len(history_ids(ours)), 6)
        for verb in ("heads", "branches"):
            ours = run([verb], cwd=self.dir).stdout.splitlines()
            theirs = alembic_out(getattr(command, verb), cfg).splitlines()
            # Ids only: Alembic also shows the branch labels a revision inherits.
            key = lambda lines: sorted(l.split()[l.split()[0] == "->"] for l in lines if l.strip())
            self.assertEqual(key(ours), key(theirs), verb)

    def test_refuses_to_overwrite(self):
        self.import_sample()
        p = run(["import-alembic", SAMPLE], cwd=self.dir, expect=2)
        self.assertEqual(p.stderr, "retort: error: %s/retort.toml already exists: not "
                                   "overwriting it\n" % self.dir)

    def test_no_alembic_project(self):
        p = run(["import-alembic", self.dir], cwd=self.dir, expect=1)
        self.assertEqual(p.stderr, "retort: error: import-alembic: no alembic.ini or "
                                   "pyproject.toml in %s\n" % self.dir)

    def test_python_missing(self):
        env = dict(os.environ, PATH="/nonexistent")
        env.pop("RETORT_PYTHON", None)
        p = run(["import-alembic", SAMPLE], cwd=self.dir, env=env, expect=1)
        self.assertEqual(p.stderr, (
            "retort: error: import-alembic needs python3 (Python 3.9 or later reads the "
            "Alembic files with its own parser) and none was found: install it (Debian: "
            "apt-get install python3) or set RETORT_PYTHON to its path\n"))
        self.assertFalse(os.path.exists(os.path.join(self.dir, "retort.toml")))


class HandWork(ImportTest):
    def test_report_and_refusal(self):
        p = run(["import-alembic", HANDWORK], cwd=self.dir)
        self.assertEqual(p.stdout, (
            "Importing Alembic project {src}/pyproject.toml\n"
            "Generating {dst}/retort.toml ... done\n"
            "Generating 2 revisions in {dst}/migrations ... done\n"
            "\n"
            "  aaaa00000001  translated          tags\n"
            "  aaaa00000002  needs hand work     slugs from names\n"
            "      - upgrade: line 21: calls slugify() (imported from myapp.text.slugify)\n"
            "\n"
            "1 of 2 revisions translated (50 %); 1 needs hand work: in each, edit the blocks "
            "marked `>>> import-alembic` and delete the error(...) line at the top of the "
            "function.\n").format(src=HANDWORK, dst=self.dir))
        with open(os.path.join(self.dir, "retort.toml")) as f:
            self.assertIn('version_table = "app_versions"\n', f.read())
        with open(os.path.join(self.dir, "migrations/versions/aaaa00000002_slugs.lua")) as f:
            lua = f.read()
        self.assertIn(
            "  for _, row in ipairs(conn:query(\"SELECT id, name FROM tags\")) do\n"
            "    -- >>> import-alembic: translate by hand (line 21): calls slugify() (imported "
            "from myapp.text.slugify)\n"
            "    -- |         conn.execute(sa.text(\"UPDATE tags SET slug = :s WHERE id = :i\"),\n"
            "    -- |                      {\"s\": slugify(row[1]), \"i\": row[0]})\n"
            "    -- <<<\n"
            "  end\n", lua)
        # The revision refuses to run, before any of its ops: nothing of it is applied.
        db = os.path.join(self.dir, "app.db")
        p = run(["--url", "sqlite:///" + db, "upgrade", "head"], cwd=self.dir, expect=1)
        self.assertEqual(p.stderr, (
            "retort: error: upgrade aaaa00000002 failed: migrations/versions/"
            "aaaa00000002_slugs.lua:15: import-alembic: translate by hand: line 21: calls "
            "slugify() (imported from myapp.text.slugify) (see the blocks marked >>> in this "
            "function; delete this line when done); the run was rolled back, the database is as "
            "it was\n"))
        self.assertEqual(run(["--url", "sqlite:///" + db, "current"], cwd=self.dir).stdout, "")


class UnnamedChecks(ImportTest):
    """Unnamed check constraints translate (retort names them ck_<table>_<column>), unless two
    would get the same name: then the later one asks for a name, with the reason."""

    def test_clash_asks_for_a_name(self):
        src = os.path.join(self.dir, "src")
        versions = os.path.join(src, "alembic", "versions")
        os.makedirs(versions)
        with open(os.path.join(src, "alembic.ini"), "w") as f:
            f.write("[alembic]\nscript_location = %(here)s/alembic\n")
        revs = [
            ("c1", None, 'op.create_table("items", sa.Column("id", sa.Integer(), '
             'primary_key=True), sa.Column("qty", sa.Integer()), sa.CheckConstraint("qty > 0"))'),
            ("c2", "c1", 'op.create_check_constraint(None, "items", "id > 0")'),
            ("c3", "c2", 'op.create_check_constraint(None, "items", "qty < 100")'),
        ]
        for rev, down, body in revs:
            with open(os.path.join(versions, rev + "_x.py"), "w") as f:
                f.write("from alembic import op\nimport sqlalchemy as sa\n\nrevision = %r\n"
                        "down_revision = %r\n\n\ndef upgrade():\n    %s\n\n\n"
                        "def downgrade():\n    pass\n" % (rev, down, body))
        out = json.loads(run(["--json", "import-alembic", src, "-d", "m"], cwd=self.dir).stdout)
        by = {r["revision"]: r for r in out["revisions"]}
        self.assertEqual(by["c1"]["hand_work"], [])
        self.assertIn("sa.CheckConstraint: an unnamed check constraint gets retort's "
                      "conventional name (ck_<table>_<column>)", by["c1"]["notes"])
        self.assertEqual(by["c2"]["hand_work"], [])
        self.assertEqual(by["c3"]["hand_work"], [
            "upgrade: line 9: an unnamed check constraint on items.qty, as c1 has: retort would "
            "name both ck_items_qty; give this one a name"])
        db = os.path.join(self.dir, "app.db")
        run(["--url", "sqlite:///" + db, "upgrade", "c2"], cwd=self.dir)
        import sqlite3
        sql = sqlite3.connect(db).execute(
            "SELECT sql FROM sqlite_master WHERE name = 'items'").fetchone()[0]
        self.assertIn('CONSTRAINT "ck_items_qty" CHECK (qty > 0)', sql)
        self.assertIn('CONSTRAINT "ck_items_id" CHECK (id > 0)', sql)


class NullConditionsAndMissingDowngrade(ImportTest):
    """`c == null()` / `c != None` in a table expression are IS NULL / IS NOT NULL as in
    SQLAlchemy, values() takes a dict as well as keywords, op.inline_literal(v) there is the value
    (bound; retort's op.inline_literal is quoted SQL text), and a revision without downgrade()
    refuses to go down as Alembic does (which fails on the missing function), instead of moving
    the version and doing nothing."""

    def test_translated_and_run(self):
        src = os.path.join(self.dir, "src")
        versions = os.path.join(src, "alembic", "versions")
        os.makedirs(versions)
        with open(os.path.join(src, "alembic.ini"), "w") as f:
            f.write("[alembic]\nscript_location = %(here)s/alembic\n")
        with open(os.path.join(versions, "n1_x.py"), "w") as f:
            f.write("from alembic import op\nimport sqlalchemy as sa\n\nrevision = 'n1'\n"
                    "down_revision = None\n\n\ndef upgrade():\n"
                    "    op.create_table('items', sa.Column('id', sa.Integer(), "
                    "primary_key=True), sa.Column('state', sa.String(15)), "
                    "sa.Column('flag', sa.Boolean()))\n\n\n"
                    "def downgrade():\n    op.drop_table('items')\n")
        with open(os.path.join(versions, "n2_x.py"), "w") as f:
            f.write("from alembic import op\nfrom sqlalchemy import Boolean, String\n"
                    "from sqlalchemy.sql import table, column, null\n\n"
                    "revision = 'n2'\ndown_revision = 'n1'\n\n"
                    "items = table('items', column('state', String(15)), "
                    "column('flag', Boolean()))\n\n\n"
                    "def upgrade():\n"
                    "    op.execute(items.update().where(items.c.state == null())\n"
                    "               .values({'state': op.inline_literal('new')}))\n"
                    "    op.execute(items.update().where(items.c.flag != None)\n"
                    "               .values(flag=False))\n")
        out = json.loads(run(["--json", "import-alembic", src, "-d", "m"], cwd=self.dir).stdout)
        self.assertEqual([r["hand_work"] for r in out["revisions"]], [[], []])
        with open(os.path.join(self.dir, "m", "versions", "n2_x.lua")) as f:
            lua = f.read()
        self.assertIn(
            "  op.execute(items:update():where(items.c.state:is_(nil)):values({ state = "
            "\"new\" }))\n"
            "  op.execute(items:update():where(items.c.flag:isnot(nil)):values({ flag = false }))\n",
            lua)
        self.assertIn("function downgrade()\n"
                      "  error(\"revision n2 has no downgrade() in its Alembic file\", 0)\n"
                      "end\n", lua)
        db = os.path.join(self.dir, "app.db")
        run(["--url", "sqlite:///" + db, "upgrade", "n1"], cwd=self.dir)
        import sqlite3
        c = sqlite3.connect(db)
        c.executemany("INSERT INTO items (id, state, flag) VALUES (?, ?, ?)",
                      [(1, None, None), (2, "old", 1), (3, None, 1)])
        c.commit()
        run(["--url", "sqlite:///" + db, "upgrade", "n2"], cwd=self.dir)
        self.assertEqual(c.execute("SELECT id, state, flag FROM items ORDER BY id").fetchall(),
                         [(1, "new", None), (2, "old", 0), (3, "new", 0)])
        p = run(["--url", "sqlite:///" + db, "downgrade", "base", "--allow-data-loss"],
                cwd=self.dir, expect=1)
        self.assertEqual(p.stderr, (
            "retort: error: downgrade n2 failed: m/versions/n2_x.lua: revision n2 has no "
            "downgrade() in its Alembic file; the run was rolled back, the database is as it "
            "was\n"))
        self.assertEqual(run(["--url", "sqlite:///" + db, "current"], cwd=self.dir).stdout,
                         "n2 (head)\n")
        c.close()


class MysqlTableOptionSpellings(ImportTest):
    """SQLAlchemy takes MySQL table options in any case and the character set under several
    names (mysql_DEFAULT_CHARSET, mysql_character_set...): they become retort's mysql_engine,
    mysql_charset and mysql_collate."""

    def test_on_mysql(self):
        src = os.path.join(self.dir, "src")
        versions = os.path.join(src, "alembic", "versions")
        os.makedirs(versions)
        with open(os.path.join(src, "alembic.ini"), "w") as f:
            f.write("[alembic]\nscript_location = %(here)s/alembic\n")
        with open(os.path.join(versions, "m1_x.py"), "w") as f:
            f.write("from alembic import op\nimport sqlalchemy as sa\n\nrevision = 'm1'\n"
                    "down_revision = None\n\n\ndef upgrade():\n"
                    "    op.create_table('notes', sa.Column('id', sa.Integer(), "
                    "primary_key=True), sa.Column('body', sa.String(20)),\n"
                    "                    mysql_ENGINE='InnoDB', mysql_DEFAULT_CHARSET='latin1',\n"
                    "                    mysql_Default_Collate='latin1_bin')\n\n\n"
                    "def downgrade():\n    op.drop_table('notes')\n")
        out = json.loads(run(["--json", "import-alembic", src, "-d", "m"], cwd=self.dir).stdout)
        self.assertEqual(out["revisions"][0]["hand_work"], [])
        with open(os.path.join(self.dir, "m", "versions", "m1_x.lua")) as f:
            self.assertIn('{ mysql_engine = "InnoDB", mysql_charset = "latin1", '
                          'mysql_collate = "latin1_bin" })', f.read())
        url, rurl = fresh_database("mysql", "retort_import_mysql_options")
        run(["--url", rurl, "-q", "upgrade", "head"], cwd=self.dir)
        engine = sa.create_engine(url)
        with engine.connect() as c:
            self.assertEqual(c.execute(sa.text(
                "SELECT ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE "
                "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'notes'")).fetchall(),
                [("InnoDB", "latin1_bin")])
        engine.dispose()


class SyncEnumValues(ImportTest):
    """alembic-postgresql-enum's op.sync_enum_values translates, in both of its signatures, with
    its TableReference arguments as tables of the same fields."""

    def test_both_signatures(self):
        src = os.path.join(self.dir, "src")
        versions = os.path.join(src, "alembic", "versions")
        os.makedirs(versions)
        with open(os.path.join(src, "alembic.ini"), "w") as f:
            f.write("[alembic]\nscript_location = %(here)s/alembic\n")
        with open(os.path.join(versions, "e1_x.py"), "w") as f:
            f.write(
                "from alembic import op\n"
                "from alembic_postgresql_enum import TableReference\n\n"
                "revision = 'e1'\ndown_revision = None\n\n\n"
                "def upgrade():\n"
                "    op.sync_enum_values('public', 'mood', ['happy', 'calm'],\n"
                "                        [TableReference(table_schema='public', table_name='t',\n"
                "                                        column_name='m')],\n"
                "                        enum_values_to_rename=[('sad', 'calm')])\n\n\n"
                "def downgrade():\n"
                "    op.sync_enum_values('public', 'mood', ['happy', 'calm'], ['happy', 'sad'])\n")
        out = json.loads(run(["--json", "import-alembic", src, "-d", "m"], cwd=self.dir).stdout)
        self.assertEqual(out["revisions"][0]["hand_work"], [])
        with open(os.path.join(self.dir, "m", "versions", "e1_x.lua")) as f:
            lua = f.read()
        self.assertIn(
            '  op.sync_enum_values("public",\n'
            '    "mood",\n'
            '    { "happy", "calm" },\n'
            '    { { table_schema = "public", table_name = "t", column_name = "m" } },\n'
            '    { { "sad", "calm" } })\n', lua)
        self.assertIn(
            '  op.sync_enum_values("public", "mood", { "happy", "calm" }, { "happy", "sad" })\n',
            lua)


class SharedVersionTable(ImportTest):
    """Alembic and retort take turns on one database through alembic_version."""

    def check(self, alembic_url, retort_url):
        self.import_sample()
        cfg = alembic_cfg(os.path.join(SAMPLE, "alembic.ini"), alembic_url)
        rt = lambda *a, **kw: run(["-q", "--url", retort_url] + list(a), cwd=self.dir, **kw)
        # Alembic to a middle revision; retort continues from there, without stamp.
        command.upgrade(cfg, "2b2b2b2b2b2b")
        self.assertEqual(rt("current").stdout, "2b2b2b2b2b2b (branchpoint)\n")
        rt("upgrade", "head")
        self.assertEqual(alembic_out(command.current, cfg), "6f6f6f6f6f6f (head)")
        # Two heads written by Alembic (two rows), continued by retort (one row).
        rt("downgrade", "base", "--allow-data-loss")
        self.assertEqual(alembic_out(command.current, cfg), "")
        command.upgrade(cfg, "3c3c3c3c3c3c")
        command.upgrade(cfg, "4d4d4d4d4d4d")
        self.assertEqual(rt("current").stdout, "3c3c3c3c3c3c\n4d4d4d4d4d4d\n")
        rt("upgrade", "head")
        self.assertEqual(alembic_out(command.current, cfg), "6f6f6f6f6f6f (head)")
        # Two heads written by retort, read and continued by Alembic.
        rt("downgrade", "base", "--allow-data-loss")
        rt("upgrade", "3c3c3c3c3c3c")
        rt("upgrade", "4d4d4d4d4d4d")
        self.assertEqual(sorted(alembic_out(command.current, cfg).splitlines()),
                         ["3c3c3c3c3c3c", "4d4d4d4d4d4d"])
        command.upgrade(cfg, "head")
        self.assertEqual(rt("current").stdout, "6f6f6f6f6f6f (head)\n")
        command.downgrade(cfg, "base")
        self.assertEqual(rt("current").stdout, "")

    def test_sqlite(self):
        db = os.path.join(self.dir, "shared.db")
        self.check("sqlite:///" + db, "sqlite:///" + db)

    def test_postgresql(self):
        self.check(*fresh_database("postgresql", "retort_import_shared"))

    def test_mysql(self):
        self.check(*fresh_database("mysql", "retort_import_shared"))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: import_alembic_test.py RETORT_BINARY [unittest args]")
    RETORT = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
