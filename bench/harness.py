#!/usr/bin/python3
"""The benchmark driver behind bench/run: generates the projects, runs every row against retort,
Alembic and the floor (the database executing retort's own SQL directly), and writes RESULTS.md.

Timing: each command runs once as a warm-up and then `reps` times (fewer when one run is long,
see below); the median wall time is reported. A `prepare` step (fresh or restored database,
removing a generated file) runs before every run and is not timed. Peak memory is the child's
"Maximum resident set size" that `/usr/bin/time -v` prints for the warm-up run (the timed runs
run bare, without the wrapper).

Everything is measured in one run, back to back, so the ratios compare like with like on a
machine that others may be loading at the same time.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"  # Debian's, where python3-alembic lives (not a pyenv shim)


class Measurement:
    def __init__(self, label):
        self.label = label
        self.times = []
        self.peak_kib = 0
        self.error = None
        self.note = ""

    @property
    def median(self):
        return statistics.median(self.times) if self.times else None

    @property
    def peak_mib(self):
        return self.peak_kib / 1024.0 if self.peak_kib else None


def run_once(cmd, cwd, env, stdin=None, stdout=None, memory=False):
    """Runs cmd; returns (seconds, rc, peak KiB or 0, stderr).

    memory=True runs it under `/usr/bin/time -v` and reads "Maximum resident set size". (Not
    wait4's ru_maxrss of our own child: a child forked from this Python process inherits its
    high-water mark across exec, so every command would seem to use at least Python's RSS.)
    """
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    fout = open(stdout, "wb") if stdout else subprocess.DEVNULL
    ferr = tempfile.TemporaryFile()
    tv = tempfile.NamedTemporaryFile(suffix=".time", delete=False) if memory else None
    try:
        full = ["/usr/bin/time", "-v", "-o", tv.name] + cmd if memory else cmd
        t0 = time.perf_counter()
        p = subprocess.Popen(full, cwd=cwd, env=env, stdin=fin, stdout=fout, stderr=ferr)
        p.wait()
        t1 = time.perf_counter()
        ferr.seek(0)
        err = ferr.read().decode(errors="replace")
        peak = 0
        if memory:
            with open(tv.name) as f:
                for line in f:
                    if "Maximum resident set size" in line:
                        peak = int(line.rsplit(":", 1)[1])
        return t1 - t0, p.returncode, peak, err
    finally:
        if tv:
            tv.close()
            os.unlink(tv.name)
        for f in (fin, fout):
            if f is not subprocess.DEVNULL:
                f.close()
        ferr.close()


class Spec:
    """One command of a row, not run yet."""

    def __init__(self, label, cmd, cwd, env, prepare=None, stdin=None, stdout=None, ok=(0,)):
        self.label, self.cmd, self.cwd, self.env = label, cmd, cwd, env
        self.prepare, self.stdin, self.stdout, self.ok = prepare, stdin, stdout, ok


# Tools whose warm-up took less than this many seconds get all rounds of a row that Alembic cut
# short (see measure_group).
FAST_LIMIT = 25


def measure_group(specs, reps, log=None):
    """Runs the commands of one row interleaved: a warm-up round (each under /usr/bin/time -v,
    for the peak memory), then `reps` rounds of retort, Alembic, floor, retort, ... so that a
    change in the machine's load hits every tool alike. When the slowest warm-up took over 5 s
    the row gets at most 3 rounds, except that the tools whose warm-up took under FAST_LIMIT s get
    `reps` rounds among themselves; over 30 s the warm-ups are the only runs (the bound on the
    total time; /usr/bin/time adds about a millisecond to a run)."""
    results = [Measurement(s.label) for s in specs]

    def one(i, spec, m, memory):
        if spec.prepare:
            spec.prepare()
        secs, rc, rss, err = run_once(spec.cmd, spec.cwd, spec.env, spec.stdin, spec.stdout,
                                      memory=memory)
        if log:
            log.write("%s run %d: %.3fs rc=%d rss=%dKiB\n$ %s\n%s\n" %
                      (spec.label, i, secs, rc, rss, " ".join(spec.cmd), err[-2000:]))
            log.flush()
        if rc not in spec.ok:
            lines = [l for l in err.strip().splitlines() if l.strip()]
            m.error = "exit %d: %s" % (rc, lines[-1][:300] if lines else "(no message)")
            return None
        m.peak_kib = max(m.peak_kib, rss)
        return secs

    warm = [one(0, s, m, True) for s, m in zip(specs, results)]
    slowest = max([w for w in warm if w is not None] or [0])
    if slowest >= 30:
        for w, m in zip(warm, results):
            if w is not None:
                m.times.append(w)
                m.note = "1 run"
        return results
    n = reps if slowest < 5 else min(reps, 3)
    for i in range(1, n + 1):
        for s, m in zip(specs, results):
            if m.error is None:
                secs = one(i, s, m, False)
                if secs is not None:
                    m.times.append(secs)
    # A row cut to 3 rounds by a slow tool (Alembic) still gives the tools that take under
    # FAST_LIMIT seconds (retort and the floor) all `reps` rounds, interleaved with each other:
    # their ratio is the target, and on this machine a SQLite run's time can double from one
    # run to the next (disk flushes), which three samples do not outvote.
    fast = [(s, m, w) for s, m, w in zip(specs, results, warm)
            if m.error is None and w is not None and w < FAST_LIMIT]
    if n < reps and len(fast) >= 2:
        for i in range(n + 1, reps + 1):
            for s, m, _ in fast:
                secs = one(i, s, m, False)
                if secs is not None:
                    m.times.append(secs)
    return results


def fmt_time(s):
    if s is None:
        return "—"
    if s < 1:
        return "%.1f ms" % (s * 1000)
    return "%.2f s" % s


def fmt_mib(m):
    return "—" if not m or m.peak_mib is None else "%.1f" % m.peak_mib


class Bench:
    def __init__(self, args):
        self.args = args
        self.n = args.n
        self.work = args.workdir or tempfile.mkdtemp(prefix="retort-bench-")
        os.makedirs(self.work, exist_ok=True)
        self.retort = os.path.abspath(args.retort)
        self.rows = []
        self.log = open(os.path.join(self.work, "bench.log"), "w")
        self.env = dict(os.environ)
        self.env["PATH"] = "/usr/bin:/bin:" + self.env.get("PATH", "")
        self.env.pop("DATABASE_URL", None)
        self.env.pop("RETORT_ENV", None)
        self.env.pop("RETORT_CONFIG", None)
        # Alembic as a project runs it: revision modules cached as .pyc after the warm-up.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.pg = urllib.parse.urlparse(os.environ["RETORT_TEST_PG_URL"]) \
            if os.environ.get("RETORT_TEST_PG_URL") else None
        self.my = urllib.parse.urlparse(os.environ["RETORT_TEST_MYSQL_URL"]) \
            if os.environ.get("RETORT_TEST_MYSQL_URL") else None

    # ---- projects -------------------------------------------------------------------------
    def generate(self):
        for name in ("retort", "retort_autogen"):
            d = os.path.join(self.work, name)
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            subprocess.run([self.retort, "-q", "init", "migrations"], cwd=d, check=True,
                           env=self.env, stdout=subprocess.DEVNULL)
            os.remove(os.path.join(d, "migrations", "models.lua"))
        for name in ("alembic", "alembic_autogen"):
            shutil.rmtree(os.path.join(self.work, name), ignore_errors=True)
        subprocess.run([PY, os.path.join(HERE, "generate.py"), self.work, str(self.n),
                        str(self.n)], check=True)
        self.rp = os.path.join(self.work, "retort")
        self.ap = os.path.join(self.work, "alembic")
        self.rpa = os.path.join(self.work, "retort_autogen")
        self.apa = os.path.join(self.work, "alembic_autogen")
        self.head = subprocess.run([PY, "-B", "-c", "import sys; sys.path.insert(0, %r); "
                                    "import generate; print(generate.rev_id(%d))" %
                                    (HERE, self.n)], capture_output=True, text=True,
                                   check=True).stdout.strip()

    # ---- URLs and databases -----------------------------------------------------------------
    def sqlite_path(self, name):
        return os.path.join(self.work, name + ".db")

    def url(self, kind, tool, db):
        if kind == "sqlite":
            return "sqlite:///" + self.sqlite_path(db)
        u = self.pg if kind == "pg" else self.my
        scheme = {("pg", "retort"): "postgresql", ("pg", "alembic"): "postgresql+psycopg2",
                  ("my", "retort"): "mysql", ("my", "alembic"): "mysql+pymysql"}[(kind, tool)]
        return "%s://%s:%s@%s:%d/%s" % (scheme, u.username, u.password, u.hostname, u.port, db)

    def psql_cmd(self, db, extra=()):
        u = self.pg
        return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", u.hostname, "-p",
                str(u.port), "-U", u.username, "-d", db] + list(extra)

    def mariadb_cmd(self, db):
        u = self.my
        return ["mariadb", "-h", u.hostname, "-P", str(u.port), "-u", u.username,
                "-p" + u.password, db]

    def pg_env(self):
        e = dict(self.env)
        e["PGPASSWORD"] = self.pg.password
        # retort's SQL opens its own transaction inside psql -1's: quiet the warnings about it.
        e["PGOPTIONS"] = "-c client_min_messages=error"
        return e

    def psql(self, sql, db="postgres"):
        subprocess.run(self.psql_cmd(db, ["-c", sql]), env=self.pg_env(), check=True,
                       stdout=subprocess.DEVNULL)

    def pg_fresh(self, db, template=None):
        self.psql("DROP DATABASE IF EXISTS %s" % db)
        self.psql("CREATE DATABASE %s%s" % (db, " TEMPLATE " + template if template else ""))

    def my_sql(self, sql, db="mysql"):
        subprocess.run(self.mariadb_cmd(db) + ["-e", sql], env=self.env, check=True,
                       stdout=subprocess.DEVNULL)

    def my_fresh(self, db):
        self.my_sql("DROP DATABASE IF EXISTS %s; CREATE DATABASE %s" % (db, db))

    def fresh(self, kind, db):
        if kind == "sqlite":
            p = self.sqlite_path(db)
            if os.path.exists(p):
                os.remove(p)
            open(p, "wb").close()  # an empty file is an empty SQLite database
        elif kind == "pg":
            self.pg_fresh(db)
        else:
            self.my_fresh(db)

    def run_sql(self, kind, db, path):
        if kind == "sqlite":
            subprocess.run(["sqlite3", self.sqlite_path(db)], stdin=open(path), check=True)
        elif kind == "pg":
            subprocess.run(self.psql_cmd(db, ["-1", "-f", path]), env=self.pg_env(), check=True,
                           stdout=subprocess.DEVNULL)
        else:
            subprocess.run(self.mariadb_cmd(db), stdin=open(path), env=self.env, check=True)

    def floor_cmd(self, kind, db, path):
        """(cmd, stdin) executing path directly with the database's own client."""
        if kind == "sqlite":
            return ["sqlite3", self.sqlite_path(db)], path
        if kind == "pg":
            return self.psql_cmd(db, ["-1", "-f", path]), None
        return self.mariadb_cmd(db), path

    def exec_sql(self, kind, db, sql):
        if kind == "sqlite":
            subprocess.run(["sqlite3", self.sqlite_path(db), sql], check=True)
        elif kind == "pg":
            self.psql(sql, db)
        else:
            self.my_sql(sql, db)

    def copy_db(self, kind, src, dst):
        """dst := a copy of src (a fresh database)."""
        if kind == "sqlite":
            shutil.copyfile(self.sqlite_path(src), self.sqlite_path(dst))
        elif kind == "pg":
            self.pg_fresh(dst, template=src)
        else:
            raise ValueError("no copy on MariaDB")

    # ---- commands ---------------------------------------------------------------------------
    def retort_cmd(self, *args):
        return [self.retort, "-q"] + list(args)

    def alembic_cmd(self, *args):
        return [PY, "-m", "alembic"] + list(args)

    def aenv(self, url):
        e = dict(self.env)
        e["BENCH_URL"] = url
        return e

    def m(self, label, cmd, cwd, env=None, **kw):
        return Spec(label, cmd, cwd, env or self.env, **kw)

    def row(self, name, target, retort=None, alembic=None, floor=None, note="", reps=None,
            references=()):
        """One row of the results table. `references` are further programs run interleaved
        with the row's tools, for scale; they get a table of their own."""
        specs = [x for x in (retort, alembic, floor) if x is not None] + list(references)
        print("%s" % name, flush=True)
        ms = measure_group(specs, reps or self.args.reps, log=self.log)
        by = dict(zip([id(x) for x in specs], ms))
        r, a, f = (by.get(id(x)) if x is not None else None for x in (retort, alembic, floor))
        for m in ms:
            print("  %-22s %s%s" % (m.label, fmt_time(m.median),
                                    "  FAILED: " + m.error if m.error else ""), flush=True)
        self.rows.append(dict(name=name, target=target, retort=r, alembic=a, floor=f, note=note,
                              references=[by[id(x)] for x in references]))

    def current_floor_program(self):
        """bench/current_floor.c, compiled against the same static libsqlite3.a as retort: the
        least a program can do to answer `current`. None (and a note) when it does not build."""
        exe = os.path.join(self.work, "current_floor")
        cmd = ["cc", "-O2", "-o", exe, os.path.join(HERE, "current_floor.c"),
               "/usr/lib/x86_64-linux-gnu/libsqlite3.a", "-lm", "-ldl", "-lpthread"]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            print("  current_floor.c did not build: %s" % (p.stderr.strip()[-300:]), flush=True)
            return None
        return exe

    # ---- the rows ---------------------------------------------------------------------------
    def run_metadata_rows(self):
        db = self.sqlite_path("empty")
        prep = lambda: self.fresh("sqlite", "empty")
        r = self.m("retort current", self.retort_cmd("current", "--url", self.url(
            "sqlite", "retort", "empty")), self.rp, prepare=prep)
        a = self.m("alembic current", self.alembic_cmd("current"), self.ap,
                   self.aenv(self.url("sqlite", "alembic", "empty")), prepare=prep)
        # The floor: the sqlite3 shell running the statements retort runs (the connect probe,
        # the version table looked up); on an empty database there is nothing more to read.
        f = self.m("sqlite3 shell", ["sqlite3", db,
                                     "SELECT count(*) FROM sqlite_master; SELECT 1 FROM "
                                     "main.sqlite_master WHERE type IN ('table', 'view') AND "
                                     "name = 'alembic_version' COLLATE NOCASE;"],
                   self.rp, prepare=prep)
        refs = [self.m("/bin/true", ["/bin/true"], self.rp)]
        exe = self.current_floor_program()
        if exe:
            refs.append(self.m("current_floor.c", [exe, db], self.rp, prepare=prep))
        self.row("`current`, empty SQLite database", ("budget", 0.010), r, a, f,
                 reps=self.args.fast_reps, references=refs)
        for verb in ("heads", "history"):
            r = self.m("retort " + verb, self.retort_cmd(verb), self.rp)
            a = self.m("alembic " + verb, self.alembic_cmd(verb), self.ap,
                       self.aenv(self.url("sqlite", "alembic", "empty")))
            self.row("`%s`, N=%d revision files" % (verb, self.n), ("budget", 0.020), r, a,
                     reps=self.args.fast_reps)

    def offline_sql(self, kind):
        """retort's SQL for upgrade head and for downgrade head:base on `kind`; timed once."""
        db = "bench_offline"
        self.fresh(kind, db)
        up = os.path.join(self.work, "up_%s.sql" % kind)
        down = os.path.join(self.work, "down_%s.sql" % kind)
        subprocess.run(self.retort_cmd("upgrade", "head", "--sql", "--url",
                                       self.url(kind, "retort", db)), cwd=self.rp, env=self.env,
                       stdout=open(up, "w"), check=True)
        subprocess.run(self.retort_cmd("downgrade", "%s:base" % self.head, "--sql", "--url",
                                       self.url(kind, "retort", db)), cwd=self.rp, env=self.env,
                       stdout=open(down, "w"), check=True)
        return up, down

    def run_sql_row(self):
        out = os.path.join(self.work, "sql_out.sql")
        r = self.m("retort upgrade --sql", self.retort_cmd(
            "upgrade", "head", "--sql", "--url", self.url("sqlite", "retort", "empty")),
            self.rp, stdout=out)
        a = self.m("alembic upgrade --sql", self.alembic_cmd("upgrade", "head", "--sql"),
                   self.ap, self.aenv(self.url("sqlite", "alembic", "empty")), stdout=out)
        self.row("`upgrade head --sql`, N=%d (SQLite)" % self.n, ("budget", 0.060), r, a)

    def alembic_version_sql(self):
        return ("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)); "
                "INSERT INTO alembic_version (version_num) VALUES ('%s')" % self.head)

    def run_migrate_rows(self, kind):
        title = {"sqlite": "SQLite", "pg": "PostgreSQL", "my": "MariaDB"}[kind]
        up, down = self.offline_sql(kind)
        db = "bench_run"
        prep = lambda: self.fresh(kind, db)
        r = self.m("retort upgrade", self.retort_cmd("upgrade", "head", "--url",
                                                     self.url(kind, "retort", db)),
                   self.rp, prepare=prep)
        a = self.m("alembic upgrade", self.alembic_cmd("upgrade", "head"), self.ap,
                   self.aenv(self.url(kind, "alembic", db)), prepare=prep)
        fc, fin = self.floor_cmd(kind, db, up)
        f = self.m("floor upgrade", fc, self.ap, self.pg_env() if kind == "pg" else self.env,
                   prepare=prep, stdin=fin)
        self.row("`upgrade head`, N=%d, %s" % (self.n, title), ("floor", 1.2), r, a, f)

        # The database at head, with both tools' version tables: what downgrade starts from.
        tmpl = "bench_head"
        self.fresh(kind, tmpl)
        self.run_sql(kind, tmpl, up)
        if kind == "my":
            def prep_down():
                self.fresh(kind, db)
                self.run_sql(kind, db, up)
                self.exec_sql(kind, db, self.alembic_version_sql())
        else:
            self.exec_sql(kind, tmpl, self.alembic_version_sql())
            prep_down = lambda: self.copy_db(kind, tmpl, db)
        r = self.m("retort downgrade", self.retort_cmd("downgrade", "base", "--url",
                                                       self.url(kind, "retort", db)),
                   self.rp, prepare=prep_down)
        a = self.m("alembic downgrade", self.alembic_cmd("downgrade", "base"), self.ap,
                   self.aenv(self.url(kind, "alembic", db)), prepare=prep_down)
        fc, fin = self.floor_cmd(kind, db, down)
        f = self.m("floor downgrade", fc, self.ap, self.pg_env() if kind == "pg" else self.env,
                   prepare=prep_down, stdin=fin)
        self.row("`downgrade base` from N=%d, %s" % (self.n, title), ("floor", 1.2), r, a, f)
        return tmpl

    def run_check_rows(self, kind, tmpl):
        """check: the models match the database at head (M = N)."""
        title = {"sqlite": "SQLite", "pg": "PostgreSQL", "my": "MariaDB"}[kind]
        rdb, adb = "bench_check_r", "bench_check_a"
        self.fresh(kind, tmpl)
        up = os.path.join(self.work, "up_%s.sql" % kind)
        if not os.path.exists(up):
            self.offline_sql(kind)
        self.run_sql(kind, tmpl, up)
        self.copy_db(kind, tmpl, rdb)
        # Alembic checks a database Alembic built (its own upgrade of the same chain, not timed):
        # SQLAlchemy and retort spell a few things differently (an integer primary key is SERIAL
        # for one and IDENTITY for the other on PostgreSQL), and each tool should see a
        # database that matches its models as it would have created them.
        self.fresh(kind, adb)
        subprocess.run(self.alembic_cmd("upgrade", "head"), cwd=self.ap, check=True,
                       env=self.aenv(self.url(kind, "alembic", adb)))
        r = self.m("retort check", self.retort_cmd("check", "--url", self.url(
            kind, "retort", rdb)), self.rp)
        a = self.m("alembic check", [PY, "check.py"], self.ap,
                   self.aenv(self.url(kind, "alembic", adb)))
        target = ("budget", 0.5)
        self.row("`check`, M=%d tables, database matching, %s" % (self.n, title), target, r, a,
                 note="")
        # Stock Alembic dies of RecursionError on the long chain (Python's default limit is
        # 1,000 frames); with the limit raised it completes, which gives a ratio to read.
        env = self.aenv(self.url(kind, "alembic", adb))
        env["BENCH_RECURSION_LIMIT"] = "20000"
        r = self.m("retort check", self.retort_cmd("check", "--url", self.url(
            kind, "retort", rdb)), self.rp)
        a = self.m("alembic check (limit 20000)", [PY, "check.py"], self.ap, env)
        self.row("`check`, M=%d, %s, Alembic with `sys.setrecursionlimit(20000)`" %
                 (self.n, title), target, r, a)

    def run_test_rows(self):
        """`retort test` on SQLite (its scratch in memory) over the N-revision chain, against the
        same checks written with Alembic as pytest-alembic runs them (stairway_alembic.py: one
        in-memory connection, alembic's EnvironmentContext per step)."""
        url = "sqlite:///" + self.sqlite_path("bench_test_never_created")
        stair = os.path.join(HERE, "stairway_alembic.py")
        r = self.m("retort test", self.retort_cmd(
            "test", "--check", "stairway", "--url", url), self.rp)
        a = self.m("alembic stairway", [PY, stair, self.ap, "--no-compare"], self.ap)
        self.row("`test --check stairway` (upgrade, downgrade, upgrade per revision), N=%d, "
                 "SQLite in memory" % self.n, ("budget", 10.0), r, a, reps=3)
        r = self.m("retort test", self.retort_cmd(
            "test", "--check", "stairway", "--check", "downgrade", "--url", url), self.rp)
        # Alembic reflects the whole schema twice per revision (pytest-alembic's
        # test_downgrade_leaves_no_trace): hours at N = 1,000, so it runs only on short chains.
        a = None
        note = ""
        if self.n <= 200:
            a = self.m("alembic stairway+compare", [PY, stair, self.ap], self.ap)
        else:
            note = "Alembic's run (two reflections per revision) takes hours at this N: see " \
                   "RESULTS.notes.md for a short chain"
        self.row("`test --check stairway --check downgrade` (schema compared per revision), "
                 "N=%d, SQLite in memory" % self.n, ("budget", 10.0), r, a, note=note, reps=3)
        r = self.m("retort test", self.retort_cmd("test", "--url", url), self.rp)
        self.row("`test` (every check but models_match: no models), N=%d, SQLite in memory" %
                 self.n, ("budget", 10.0), r, reps=3)

    def run_autogen_rows(self, kind):
        title = {"sqlite": "SQLite", "pg": "PostgreSQL", "my": "MariaDB"}[kind]
        db = "bench_autogen"

        def prep(project):
            def f():
                self.fresh(kind, db)
                v = os.path.join(project, "migrations", "versions")
                for name in os.listdir(v):
                    p = os.path.join(v, name)
                    if os.path.isfile(p):
                        os.remove(p)
            return f
        r = self.m("retort autogenerate", self.retort_cmd(
            "revision", "--autogenerate", "-m", "auto", "--url", self.url(kind, "retort", db)),
            self.rpa, prepare=prep(self.rpa))
        aenv = self.aenv(self.url(kind, "alembic", db))
        aenv["BENCH_MODELS"] = "1"
        a = self.m("alembic autogenerate", self.alembic_cmd("revision", "--autogenerate", "-m",
                                                            "auto"),
                   self.apa, aenv, prepare=prep(self.apa))
        self.row("`revision --autogenerate`, M=%d tables, empty %s database" % (self.n, title),
                 ("budget", 0.5), r, a)

    def run_micro(self):
        exe = self.args.micro
        if not exe or not os.path.exists(exe):
            return None
        print("micro-benchmarks (%s)" % exe)
        p = subprocess.run([exe, "--benchmark_format=json", "--benchmark_min_time=1"],
                           capture_output=True, text=True)
        if p.returncode != 0:
            return {"error": p.stderr[-500:]}
        return json.loads(p.stdout)

    # ---- report -----------------------------------------------------------------------------
    def versions(self):
        def out(cmd, env=None):
            try:
                p = subprocess.run(cmd, capture_output=True, text=True, env=env or self.env,
                                   timeout=30)
                return (p.stdout or p.stderr).strip().splitlines()[0]
            except Exception as e:  # a missing tool is reported, not fatal
                return "unavailable (%s)" % e
        v = {
            "retort": out([self.retort, "--version"]),
            "Alembic": out([PY, "-c", "import alembic; print(alembic.__version__)"]),
            "SQLAlchemy": out([PY, "-c", "import sqlalchemy; print(sqlalchemy.__version__)"]),
            "psycopg2": out([PY, "-c", "import psycopg2; print(psycopg2.__version__)"]),
            "PyMySQL": out([PY, "-c", "import pymysql; print(pymysql.__version__)"]),
            "Python": out([PY, "--version"]),
            "SQLite (sqlite3 shell)": out(["sqlite3", "--version"]),
        }
        if self.pg:
            v["PostgreSQL server"] = out(self.psql_cmd("postgres", ["-tAc", "SHOW server_version"]),
                                         self.pg_env())
            v["psql"] = out(["psql", "--version"])
        if self.my:
            v["MariaDB server"] = out(self.mariadb_cmd("mysql") + ["-NBe", "SELECT VERSION()"])
            v["mariadb client"] = out(["mariadb", "--version"])
        return v

    def write_results(self, path, micro, started, load_before, load_after, wall):
        cpu = "unknown"
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        L = []
        L.append("# Benchmark results\n")
        L.append("Written by `bench/run%s` on %s (%.0f s wall for the whole run). "
                 "Regenerate with the same command; see [README.md](README.md) for what each "
                 "row does.\n" % (" " + " ".join(self.args.passthrough)
                                  if self.args.passthrough else "", started, wall))
        L.append("## Machine\n")
        L.append("- CPU: %s, `nproc` = %s" % (cpu, os.cpu_count()))
        L.append("- %s, load average before the run %s, after %s" %
                 (platform.platform(), load_before, load_after))
        if self.args.servers_where == "memory":
            L.append("- PostgreSQL's and MariaDB's data directories in memory (/dev/shm), both "
                     "servers with durability off; SQLite's files on disk. `bench/run "
                     "--servers-on-disk` puts the servers on disk (the notes below say why "
                     "they are not).")
        else:
            L.append("- PostgreSQL's and MariaDB's data directories on disk, both servers with "
                     "durability off; SQLite's files on disk too.")
        L.append("- The machine is a shared 2-core VM: timings move with whatever else runs on "
                 "it (see the load averages) and with its disk. Each row's tools ran "
                 "interleaved, so the ratios are the numbers to read; absolute times vary "
                 "between runs.\n")
        L.append("## Versions\n")
        for k, v in self.versions().items():
            L.append("- %s: %s" % (k, v))
        L.append("")
        L.append("## Results\n")
        L.append("N = %d revisions (M = %d model tables); median of the runs after one warm-up; "
                 "peak memory is the maximum RSS of the warm-up run, from `/usr/bin/time -v` (MiB). "
                 "**speed-up** = Alembic ÷ retort, **retort/floor** = retort ÷ the database "
                 "running retort's SQL directly.\n" % (self.n, self.n))
        L.append("| row | retort | Alembic | floor | speed-up vs Alembic | retort/floor | target "
                 "| met | peak MiB retort / Alembic / floor |")
        L.append("|---|---:|---:|---:|---:|---:|---|---|---|")
        for row in self.rows:
            r, a, f = row["retort"], row["alembic"], row["floor"]
            speed = ratio_floor = "—"
            met = "?"
            if r and r.median and a and a.median:
                speed = "%.1f×" % (a.median / r.median)
            if r and r.median and f and f.median:
                ratio_floor = "%.2f" % (r.median / f.median)
            kind, val = row["target"]
            mems = [x.peak_mib for x in (r, a, f) if x and x.peak_mib]
            mem_ok = r is not None and r.peak_mib is not None and r.peak_mib <= 32
            if kind == "alembic":
                tgt = "≥%d× faster than Alembic" % val
                if r and r.median and a and a.median:
                    met = "yes" if a.median / r.median >= val else "**no**"
                elif r and r.median and a and a.error:
                    met = "— (Alembic failed)"
            elif kind == "budget":
                tgt = "≤ %s" % fmt_time(val)
                if r and r.median:
                    met = "yes" if r.median <= val else "**no**"
            else:
                tgt = "≤%.1f× floor" % val
                if r and r.median and f and f.median:
                    met = "yes" if r.median / f.median <= val else "**no**"
            if row["note"]:
                tgt += "; " + row["note"]
                if "0.5 s" in row["note"] and r and r.median is not None and r.median >= 0.5:
                    met = "**no**"
            if r and r.median is not None and not mem_ok:
                met += " (memory **over** 32 MiB)"
            cells = []
            for x in (r, a, f):
                if x is None:
                    cells.append("—")
                elif x.error:
                    cells.append("failed")
                else:
                    cells.append(fmt_time(x.median) + (" (%s)" % x.note if x.note else ""))
            L.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s |" %
                     (row["name"], cells[0], cells[1], cells[2], speed, ratio_floor, tgt, met,
                      fmt_mib(r), fmt_mib(a), fmt_mib(f)))
        L.append("")
        for row in self.rows:
            refs = [x for x in row.get("references", []) if x.median]
            r, a = row["retort"], row["alembic"]
            if not refs or not (r and r.median and a and a.median):
                continue
            L.append("### %s: the start-up floor\n" % row["name"])
            L.append("Programs run interleaved with this row's, for scale. The last column is "
                     "the speed-up over Alembic that each would score in the row above.\n")
            L.append("| program | median | Alembic ÷ program |")
            L.append("|---|---:|---:|")
            progs = [(x.label, x) for x in refs + [row["floor"], r] if x and x.median]
            for label, x in sorted(progs, key=lambda p: p[1].median):
                L.append("| %s | %s | %.1f× |" % (label, fmt_time(x.median),
                                                  a.median / x.median))
            L.append("")
        failures = [(row["name"], x) for row in self.rows
                    for x in [row["retort"], row["alembic"], row["floor"]] +
                    row.get("references", []) if x and x.error]
        if failures:
            L.append("### Failures, as the tools reported them\n")
            for name, x in failures:
                L.append("- %s — %s: `%s`" % (name, x.label, x.error.replace("`", "'")))
            L.append("")
        L.append("### Every run (seconds)\n")
        for row in self.rows:
            for x in [row["retort"], row["alembic"], row["floor"]] + row.get("references", []):
                if x and x.times:
                    L.append("- %s — %s: %s" % (row["name"], x.label,
                                                ", ".join("%.3f" % t for t in x.times)))
        L.append("")
        if micro:
            L.append("## Micro-benchmarks (`retort_bench`, Google Benchmark)\n")
            if "error" in micro:
                L.append("failed: `%s`\n" % micro["error"])
            else:
                L.append("| benchmark | time per iteration | items per second |")
                L.append("|---|---:|---:|")
                for b in micro.get("benchmarks", []):
                    ips = b.get("items_per_second")
                    L.append("| %s | %.2f %s | %s |" % (
                        b["name"], b["real_time"], b.get("time_unit", "ns"),
                        "%.0f" % ips if ips else "—"))
                L.append("")
        extra = os.path.join(HERE, "RESULTS.notes.md")
        if os.path.exists(extra):
            with open(extra) as f:
                L.append(f.read())
        with open(path, "w") as f:
            f.write("\n".join(L) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--retort", required=True)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--fast-reps", type=int, default=10)
    ap.add_argument("--workdir")
    ap.add_argument("--output", default=os.path.join(HERE, "RESULTS.md"))
    ap.add_argument("--micro")
    ap.add_argument("--servers-where", choices=("memory", "disk"), default="disk")
    ap.add_argument("--only", default="meta,sql,sqlite,pg,my,check,autogen,test,micro")
    ap.add_argument("passthrough", nargs="*")
    args = ap.parse_args()
    only = set(args.only.split(","))
    started = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")
    load_before = open("/proc/loadavg").read().split()[:3]
    t0 = time.time()
    b = Bench(args)
    print("work dir: %s (log: %s/bench.log)" % (b.work, b.work))
    b.generate()
    if "meta" in only:
        b.run_metadata_rows()
    if "sql" in only:
        b.run_sql_row()
    tmpls = {}
    for kind in ("sqlite", "pg", "my"):
        if kind in only and (kind == "sqlite" or (b.pg if kind == "pg" else b.my)):
            tmpls[kind] = b.run_migrate_rows(kind)
    if "check" in only:
        for kind in ("sqlite", "pg"):
            if kind == "sqlite" or b.pg:
                b.run_check_rows(kind, "bench_head")
    if "autogen" in only:
        for kind in ("sqlite", "pg"):
            if kind == "sqlite" or b.pg:
                b.run_autogen_rows(kind)
    if "test" in only:
        b.run_test_rows()
    micro = b.run_micro() if "micro" in only else None
    load_after = open("/proc/loadavg").read().split()[:3]
    b.write_results(args.output, micro, started, " ".join(load_before), " ".join(load_after),
                    time.time() - t0)
    print("wrote %s" % args.output)


if __name__ == "__main__":
    main()
