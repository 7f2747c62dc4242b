"""The import corpus (tests/import-corpus/SOURCES.md): real Alembic histories through
`retort import-alembic`, checked against Debian's python3-alembic.

  python3 tests/importer/import_corpus_test.py RETORT_BINARY [--table]

Per project:
  1. import: every revision becomes a Lua file; the fraction translated without hand work is
     printed (and must not fall below the floor recorded in PROJECTS);
  2. history: `retort history` lists the revisions Alembic lists, with the same parents, in the
     same order, branches and merges included (Alembic reads the files in file-name order, as
     Alembic 1.10 and later do; Debian's 1.8 takes the folder's order, which the file system
     decides);
  3. replay (projects with a `db`): from base to head and back to base, revision by revision,
     on two databases of the same kind: one migrated by Alembic alone, the other by retort for
     the translated revisions and by Alembic for the others (the version table is shared, so
     they take turns). After every step the two reflected schemas must be equal, constraint
     names aside (docs/from-alembic.md: Alembic leaves unnamed constraints to the database,
     retort names them by its convention; on MySQL also the names of the indexes MySQL creates
     for foreign keys, which follow them). A revision whose Python needs the project's own
     application (stubbed here) stops the replay: the revisions run before it are counted. A
     revision without downgrade() (ironic's) stops the way back: Alembic fails on it, and retort
     must refuse it too.
"""
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(os.path.dirname(HERE), "import-corpus")
RETORT = None
TABLE = False

try:
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
except ImportError as e:  # a missing dependency fails the run, it is never skipped
    sys.exit("import_corpus_test needs python3-alembic, python3-psycopg2 and python3-pymysql "
             "(scripts/deps.sh test): %s" % e)

# Alembic 1.10 and later list a version folder in file-name order (retort does too); Debian's
# 1.8 takes os.listdir's order, which decides the order of `alembic history` across branches.
from alembic.script.base import Script  # noqa: E402
_list_py_dir = Script._list_py_dir.__func__
Script._list_py_dir = classmethod(lambda cls, sd, path: sorted(_list_py_dir(cls, sd, path)))

# test name: (folder, database kind for the replay or None, the fraction translated it must
#             keep at least, how many revisions retort must run in the replay at least,
#             the revision where retort's replay is expected to stop and why, or None)
PROJECTS = {
    "ctfd": ("ctfd", "sqlite", 0.80, 9, None),
    # lemur's first revision assumes tables its application created: Alembic itself cannot
    # run it on an empty database, so the replay records where it stops.
    "lemur": ("lemur", "postgresql", 0.70, 0, None),
    "pgadmin4": ("pgadmin4", None, 0.60, 0, None),
    "warehouse": ("warehouse", "postgresql", 0.88, 60, None),
    # OpenStack ironic's revisions have no downgrade() (OpenStack's policy): Alembic cannot go
    # back, and neither does retort (the import keeps the refusal), so the replay is upgrades.
    "ironic": ("ironic", "mysql", 0.88, 72, None),
}


class _Stub(int):
    """Whatever the project's application would have been: every attribute and call is one
    (an int, 0, so that a log level read from the application's config is one too)."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Stub()

    def __call__(self, *args, **kwargs):
        return _Stub()

    def __iter__(self):
        return iter(())

    def __fspath__(self):  # a log file the revision opens at import time
        return os.devnull

    def __str__(self):
        return ""


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports of the project's own packages (and others not installed) load stubs, so Alembic
    can load revision files that import them at the top."""

    def __init__(self):
        self.names = set()

    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in self.names:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        m = types.ModuleType(spec.name)
        m.__path__ = []
        m.__getattr__ = lambda name: _Stub()
        return m

    def exec_module(self, module):
        pass


STUBS = StubFinder()
sys.meta_path.append(STUBS)

# warehouse imports CITEXT from SQLAlchemy 2.0; Debian 12 has 1.4. Loading the file (all that
# `alembic history` needs) only needs the name.
import sqlalchemy.dialects.postgresql as _pg  # noqa: E402
if not hasattr(_pg, "CITEXT"):
    _pg.CITEXT = type("CITEXT", (sa.types.UserDefinedType,),
                      {"get_col_spec": lambda self, **kw: "CITEXT", "cache_ok": True})

# ironic's columns use oslo.db's JSON types (not in Debian 12's python3 set): the same
# TypeDecorators as oslo_db.sqlalchemy.types (TEXT, LONGTEXT or MEDIUMTEXT on MySQL), so Alembic
# creates what it creates with oslo.db. The rest of oslo_db (the engine facade) is stubbed.
if importlib.util.find_spec("oslo_db") is None:
    from sqlalchemy.dialects import mysql as _mysql

    class _JsonEncodedType(sa.types.TypeDecorator):
        impl = sa.Text
        cache_ok = True

        def __init__(self, mysql_as_long=False, mysql_as_medium=False):
            super().__init__()
            if mysql_as_long:
                self.impl = sa.Text().with_variant(_mysql.LONGTEXT(), "mysql")
            elif mysql_as_medium:
                self.impl = sa.Text().with_variant(_mysql.MEDIUMTEXT(), "mysql")

    _types = types.ModuleType("oslo_db.sqlalchemy.types")
    _types.JsonEncodedDict = type("JsonEncodedDict", (_JsonEncodedType,), {"cache_ok": True})
    _types.JsonEncodedList = type("JsonEncodedList", (_JsonEncodedType,), {"cache_ok": True})
    for _name in ("oslo_db", "oslo_db.sqlalchemy"):
        _m = STUBS.create_module(importlib.machinery.ModuleSpec(_name, STUBS, is_package=True))
        _m.__spec__ = importlib.machinery.ModuleSpec(_name, STUBS, is_package=True)
        sys.modules[_name] = _m
    sys.modules["oslo_db"].sqlalchemy = sys.modules["oslo_db.sqlalchemy"]
    sys.modules["oslo_db.sqlalchemy"].types = _types
    sys.modules["oslo_db.sqlalchemy.types"] = _types


def stub_missing_imports(versions):
    for root, _, files in os.walk(versions):
        for f in files:
            if not f.endswith(".py"):
                continue
            with open(os.path.join(root, f), encoding="utf-8") as fh:
                for m in re.finditer(r"^\s*(?:from|import)\s+([A-Za-z_][A-Za-z0-9_]*)",
                                     fh.read(), re.M):
                    name = m.group(1)
                    if name not in STUBS.names and importlib.util.find_spec(name) is None:
                        STUBS.names.add(name)


# One ScriptDirectory per project for the whole run: each Alembic command would otherwise load
# every revision file again (hundreds of steps over hundreds of files).
_from_config = ScriptDirectory.from_config.__func__
_script_dirs = {}


def _cached_from_config(cls, config):
    key = config.get_main_option("script_location")
    if key not in _script_dirs:
        _script_dirs[key] = _from_config(cls, config)
    return _script_dirs[key]


ScriptDirectory.from_config = classmethod(_cached_from_config)

# One engine per database for the schema comparisons (dropped before its database is).
ENGINES = {}


def engine_for(url):
    if url not in ENGINES:
        ENGINES[url] = sa.create_engine(url)
    return ENGINES[url]


def dispose(url):
    e = ENGINES.pop(url, None)
    if e is not None:
        e.dispose()


def run(args, cwd, expect=0):
    p = subprocess.run([RETORT] + args, cwd=cwd, capture_output=True, text=True)
    if p.returncode != expect:
        raise AssertionError("retort %s exited %d\n%s%s" % (" ".join(args), p.returncode,
                                                            p.stdout, p.stderr))
    return p


def alembic_config(migrations, url):
    os.environ["ALEMBIC_TEST_URL"] = url
    cfg = Config(os.path.join(migrations, "alembic.ini"))
    cfg.set_main_option("script_location", migrations)
    cfg.print_stdout = lambda *a: None
    return cfg


def history_ids(text):
    out = []
    for line in text.splitlines():
        if " -> " not in line:
            continue  # the rest of a docstring Alembic prints on several lines
        arrow, _, rest = line.partition(" -> ")
        out.append((arrow.strip(), rest.split(",")[0].split(" ")[0]))
    return out


def databases(kind, tmp, name, which=("a", "r")):
    """Empty databases of `kind`, one per `which`: (SQLAlchemy URL, retort URL) each."""
    if kind == "sqlite":
        out = []
        for s in which:
            path = "%s/%s_%s.db" % (tmp, name, s)
            dispose("sqlite:///" + path)
            if os.path.exists(path):
                os.remove(path)
            out.append(("sqlite:///" + path,) * 2)
        return out
    env = {"postgresql": "RETORT_TEST_PG_URL", "mysql": "RETORT_TEST_MYSQL_URL"}[kind]
    if env not in os.environ:
        raise AssertionError("%s is not set: start tests/servers.sh and source its env" % env)
    scheme, rest = os.environ[env].split("://", 1)
    base = rest.rsplit("/", 1)[0]
    driver = {"postgresql": "postgresql+psycopg2", "mysql": "mysql+pymysql"}[kind]
    admin = sa.create_engine(driver + "://" + base + "/" + rest.rsplit("/", 1)[1],
                             isolation_level="AUTOCOMMIT")
    out = []
    with admin.connect() as c:
        for s in which:
            db = "retort_corpus_%s_%s" % (name, s)
            dispose(driver + "://" + base + "/" + db)
            c.execute(sa.text("DROP DATABASE IF EXISTS " + db))
            c.execute(sa.text("CREATE DATABASE " + db))
            out.append((driver + "://" + base + "/" + db, scheme + "://" + base + "/" + db))
    admin.dispose()
    return out


def schema(url):
    """The reflected schema, constraint names aside (see the module comment)."""
    engine = engine_for(url)
    insp = sa.inspect(engine)  # a new inspector: its caches would hide the last step
    out = {}
    for t in sorted(insp.get_table_names()):
        # The version table, and the history of runs retort keeps beside it (its own bookkeeping,
        # docs/guide.md "What retort records"), are not the project's schema.
        if t in ("alembic_version", "alembic_version_history"):
            continue
        cols = []
        for c in insp.get_columns(t):
            default = c.get("default")
            if default is not None:
                default = re.sub(r"^\((.*)\)$", r"\1", str(default).strip())
            # An auto-incrementing key: SQLAlchemy 1.4 writes SERIAL (a nextval default of the
            # column's own sequence), retort an identity column (docs/from-alembic.md).
            if c.get("identity") or (default is not None and default == "nextval('%s_%s_seq'"
                                     "::regclass)" % (t, c["name"])):
                default = "<auto-increment>"
            cols.append((c["name"], str(c["type"]), c["nullable"], default))
        reflected_fks = insp.get_foreign_keys(t)
        fks = sorted((tuple(f["constrained_columns"]), f["referred_table"],
                      tuple(f["referred_columns"]),
                      tuple(sorted((f.get("options") or {}).items())))
                     for f in reflected_fks)
        # MySQL gives a foreign key without an index one of its own, named after the constraint
        # (or after its first column when the constraint has no name): that name follows the
        # constraint names set aside above.
        fk_index_names = {}
        if engine.dialect.name == "mysql":
            for f in reflected_fks:
                for n in (f["name"], f["constrained_columns"][0]):
                    fk_index_names[(n, tuple(f["constrained_columns"]))] = \
                        "<index of the foreign key>"
        idx = sorted((fk_index_names.get((i["name"], tuple(i["column_names"])), i["name"]),
                      tuple(str(c) for c in i["column_names"]), bool(i["unique"]))
                     for i in insp.get_indexes(t))
        uqs = sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(t))
        try:
            checks = sorted(re.sub(r"\s+", " ", c["sqltext"]) for c in
                            insp.get_check_constraints(t))
        except NotImplementedError:
            checks = []
        out[t] = {"columns": cols, "pk": insp.get_pk_constraint(t)["constrained_columns"],
                  "fks": fks, "indexes": idx, "uniques": uqs, "checks": checks}
    return out


def diff(a, b):
    out = []
    for t in sorted(set(a) | set(b)):
        if t not in a or t not in b:
            out.append("table %s only in %s" % (t, "retort" if t in b else "alembic"))
            continue
        for k in a[t]:
            if a[t][k] != b[t][k]:
                out.append("%s.%s: alembic %r, retort %r" % (t, k, a[t][k], b[t][k]))
    return out


class Corpus(unittest.TestCase):
    results = {}

    def project(self, name):
        folder, kind, floor, min_replayed, stop = PROJECTS[name]
        migrations = os.path.join(CORPUS, folder, "migrations")
        tmp = tempfile.mkdtemp(prefix="retort-corpus-")
        try:
            # A PostgreSQL project keeps the database's names for the constraints Alembic left
            # unnamed (later revisions drop them by those names).
            names = ["--constraint-names", "postgresql"] if kind == "postgresql" else []
            out = json.loads(run(["--json", "import-alembic", migrations] + names,
                                 cwd=tmp).stdout)
            translated = {r["revision"]: r["translated"] for r in out["revisions"]}
            result = {"total": out["total"], "translated": out["translated"],
                      "fraction": out["fraction"], "replayed": 0, "by_retort": 0,
                      "differences": 0, "stopped": ""}
            self.results[name] = result
            self.assertGreaterEqual(out["fraction"], floor)

            stub_missing_imports(os.path.join(migrations, "versions"))
            cfg = alembic_config(migrations, "sqlite://")
            lines = []
            cfg.print_stdout = lambda text, *a: lines.append(text % a if a else text)
            command.history(cfg)
            theirs = history_ids("\n".join(lines))
            ours = history_ids(run(["history"], cwd=tmp).stdout)
            self.assertEqual(sorted(ours), sorted(theirs))
            self.assertEqual(len(ours), out["total"])
            sd = ScriptDirectory.from_config(cfg)
            self.assertEqual(ours, theirs)
            result["merges"] = sum(1 for r in sd.walk_revisions()
                                   if len(r._versioned_down_revisions) > 1)
            if kind is None:
                return
            self.replay(name, kind, migrations, tmp, sd, translated, result, stop)
            self.assertGreaterEqual(result["by_retort"], min_replayed)
            self.assertEqual(result["differences"], 0, result.get("diffs"))
        finally:
            for url in list(ENGINES):
                dispose(url)
            shutil.rmtree(tmp)

    def replay(self, name, kind, migrations, tmp, sd, translated, result, stop):
        (a_url, _), (r_sa_url, r_url) = databases(kind, tmp, name)
        order = [r.revision for r in sd.walk_revisions()][::-1]
        cfg_a = alembic_config(migrations, a_url)
        applied = []
        diffs = []

        def step_alembic(url, fn, target):
            os.environ["ALEMBIC_TEST_URL"] = url
            fn(alembic_config(migrations, url), target)

        def compare(rev, direction):
            d = diff(schema(a_url), schema(r_sa_url))
            for line in d:
                diffs.append("%s %s: %s" % (direction, rev, line))

        for rev in order:
            if stop and rev == stop[0]:
                # Expected to fail in its first statement, so nothing of it is applied.
                p = run(["--url", r_url, "-q", "upgrade", rev], cwd=tmp, expect=1)
                self.assertIn(stop[1].split("(")[1].rstrip(")"), p.stderr)
                result["stopped"] = "%s (retort: %s)" % (rev, stop[1])
                break
            try:
                step_alembic(a_url, command.upgrade, rev)
            except Exception as e:  # the project's application is stubbed
                result["stopped"] = "%s (Alembic: %s)" % (rev, str(e).splitlines()[0][:80])
                # Without transactional DDL (SQLite in Alembic, MySQL) the failed revision may
                # have left part of itself: Alembic's database is built again up to the last
                # revision both sides ran.
                databases(kind, tmp, name, which=("a",))
                if applied:
                    step_alembic(a_url, command.upgrade, applied[-1])
                break
            if translated[rev]:
                run(["--url", r_url, "-q", "upgrade", rev], cwd=tmp)
                result["by_retort"] += 1
            else:
                step_alembic(r_sa_url, command.upgrade, rev)
            applied.append(rev)
            compare(rev, "upgrade")
        undone = 0
        for rev in reversed(applied):
            parent = sd.get_revision(rev).down_revision or "base"
            try:
                step_alembic(a_url, command.downgrade, parent)
            except Exception as e:  # Alembic's own downgrade fails on this database kind
                if isinstance(e, AttributeError) and "downgrade" in str(e):
                    # The revision has no downgrade() (ironic): retort's refuses as well, before
                    # changing anything.
                    why = "no downgrade()"
                    if translated[rev]:
                        p = run(["--url", r_url, "-q", "downgrade", parent,
                                 "--allow-data-loss"], cwd=tmp, expect=1)
                        self.assertIn("revision %s has no downgrade() in its Alembic file" % rev,
                                      p.stderr)
                        compare(rev, "downgrade")
                        why += ", retort refuses too"
                else:
                    why = "Alembic: " + str(e).splitlines()[0][:80]
                result["stopped"] += "%sdowngrade %s (%s)" % (
                    "; " if result["stopped"] else "", rev, why)
                break
            undone += 1
            if translated[rev]:
                run(["--url", r_url, "-q", "downgrade", parent, "--allow-data-loss"], cwd=tmp)
            else:
                step_alembic(r_sa_url, command.downgrade, parent)
            compare(rev, "downgrade")
        result["replayed"] = len(applied)
        result["undone"] = undone
        result["differences"] = len(diffs)
        result["diffs"] = diffs[:20]

    def test_ctfd(self):
        self.project("ctfd")

    def test_lemur(self):
        self.project("lemur")

    def test_pgadmin4(self):
        self.project("pgadmin4")

    def test_ironic(self):
        self.project("ironic")

    def test_warehouse(self):
        self.project("warehouse")

    @classmethod
    def tearDownClass(cls):
        print("\nproject       revisions  merges  translated  replayed  undone  by retort  "
              "differences  stopped at")
        for name, r in sorted(cls.results.items()):
            print("%-13s %9d  %6d  %6d %3.0f%%  %8d  %6d  %9d  %11d  %s" % (
                name, r["total"], r.get("merges", 0), r["translated"], 100 * r["fraction"],
                r["replayed"], r.get("undone", 0), r["by_retort"], r["differences"],
                r["stopped"] or "-"))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: import_corpus_test.py RETORT_BINARY [unittest args]")
    RETORT = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
