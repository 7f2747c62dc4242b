#!/usr/bin/python3
"""The kill test (issue 23, docs/design/version-table.md "The migration journal").

Runs `retort upgrade head` on a project of 31 revisions (create tables, add columns, UPDATE
backfills, a bulk insert of 3,000 rows, indexes, data migrations that count their runs, one
that runs SQL through op.get_bind()) and SIGKILLs it at seeded moments, then recovers the way
a user would and checks what happened:

  named    `retort current` exits 0 and says where the database stands, and what it says holds:
           recovering from it (resume, repair, upgrade) reaches head without an error
  twice    a data migration that ran more than once (the `runs` table counts each run; t1.n is
           incremented by a non-idempotent UPDATE and must end at exactly 1)
  resumed  head reached with no SQL typed by hand (`resume` or `upgrade` only; `repair` only for
           the op.get_bind() migration, decided from a SELECT as a user would)

The moment of each kill is chosen from a seeded random generator, and the kill is synchronised
on an event, never on a timer: on MariaDB, the N-th statement recorded by the migration journal
(polled in the history table); on SQLite and PostgreSQL, whose runs are one transaction, the
N-th progress line `upgrade` prints. After a kill the test waits until the server has no session
of the killed process left (the server finishes the round trip it was running).

  scripts/kill_test.py --retort build/retort --kills 70 --dialect mysql
  scripts/kill_test.py --retort build/retort --kills 8 --dialect all   (the ctest version)

URLs come from RETORT_TEST_MYSQL_URL and RETORT_TEST_PG_URL (tests/servers.sh start DIR).
Exit 0 when every kill was named, nothing ran twice and every trial reached head.
"""
import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse

REVS = 31
HIST = "retort_version_history"


def rev_id(i):
    return f"{i:02d}" + "a" * 10


def revision_bodies():
    """(upgrade, downgrade) Lua bodies of revisions 1..31."""
    out = {}
    tbl = lambda k: (f'  op.create_table("t{k}", sa.Column("id", sa.Integer(), {{ primary_key = true, autoincrement = false }}),\n'
                     f'    sa.Column("name", sa.String(50)), sa.Column("n", sa.Integer(), {{ server_default = "0" }}))')
    out[1] = ('  op.create_table("runs", sa.Column("rev", sa.String(40), { nullable = false }))',
              '  op.drop_table("runs")')
    for k in range(1, 11):
        out[1 + k] = (tbl(k), f'  op.drop_table("t{k}")')
    out[12] = ('  local t = sa.table("t1", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("n", sa.Integer))\n'
               '  local rows = {}\n  for i = 1, 3000 do rows[i] = { id = i, name = "n" .. i, n = 0 } end\n'
               '  op.bulk_insert(t, rows)\n'
               '  op.execute("INSERT INTO runs (rev) VALUES (\'r12\')")',
               '  op.execute("DELETE FROM t1")')
    for k in range(1, 6):
        out[12 + k] = (f'  op.add_column("t{k}", sa.Column("x{k}", sa.Integer()))\n'
                       f'  op.execute("UPDATE t{k} SET x{k} = id * 2")',
                       f'  op.drop_column("t{k}", "x{k}", {{ allow_data_loss = true }})')
    out[18] = ('  op.execute("INSERT INTO runs (rev) VALUES (\'r18\')")\n'
               '  op.add_column("t6", sa.Column("y", sa.Integer()))\n'
               '  op.add_column("t6", sa.Column("z", sa.String(20)))',
               '  op.drop_column("t6", "z")\n  op.drop_column("t6", "y")')
    for k in range(1, 6):
        out[18 + k] = (f'  op.create_index("ix_t{k}_name", "t{k}", {{"name"}})',
                       f'  op.drop_index("ix_t{k}_name", "t{k}")')
    out[24] = ('  op.execute("UPDATE t1 SET n = n + 1")\n'
               '  op.execute("INSERT INTO runs (rev) VALUES (\'r24\')")',
               '  op.execute("UPDATE t1 SET n = n - 1")')
    out[25] = ('  op.get_bind():execute("INSERT INTO runs (rev) VALUES (\'r25\')")',
               '  op.get_bind():execute("DELETE FROM runs WHERE rev = \'r25\'")')
    for k in range(8, 11):
        out[18 + k] = (f'  op.add_column("t{k}", sa.Column("a", sa.Integer()))\n'
                       f'  op.add_column("t{k}", sa.Column("b", sa.String(30)))\n'
                       f'  op.add_column("t{k}", sa.Column("c", sa.Integer()))\n'
                       f'  op.create_index("ix_t{k}_b", "t{k}", {{"b"}})',
                       f'  op.drop_index("ix_t{k}_b", "t{k}")\n  op.drop_column("t{k}", "c")\n'
                       f'  op.drop_column("t{k}", "b")\n  op.drop_column("t{k}", "a")')
    out[29] = ('  op.create_table("t11", sa.Column("id", sa.Integer(), { primary_key = true }),\n'
               '    sa.Column("v", sa.String(20)))\n  op.create_index("ix_t11_v", "t11", {"v"})',
               '  op.drop_table("t11")')
    out[30] = ('  op.add_column("t7", sa.Column("w", sa.Integer()))\n'
               '  op.execute("UPDATE t7 SET w = 1")\n  op.create_index("ix_t7_w", "t7", {"w"})',
               '  op.drop_index("ix_t7_w", "t7")\n  op.drop_column("t7", "w")')
    out[31] = ('  local t = sa.table("t2", sa.column("id", sa.Integer), sa.column("name", sa.String))\n'
               '  local rows = {}\n  for i = 1, 1000 do rows[i] = { id = i, name = "m" .. i } end\n'
               '  op.bulk_insert(t, rows)\n'
               '  op.execute("INSERT INTO runs (rev) VALUES (\'r31\')")',
               '  op.execute("DELETE FROM t2")')
    assert len(out) == REVS
    return out


COUNTED = ["r12", "r18", "r24", "r25", "r31"]


def write_project(root, url):
    versions = os.path.join(root, "migrations", "versions")
    os.makedirs(versions)
    with open(os.path.join(root, "retort.toml"), "w") as f:
        f.write(f'[retort]\nscript_location = "migrations"\nurl = "{url}"\n')
    for i, (up, down) in revision_bodies().items():
        parent = f'"{rev_id(i - 1)}"' if i > 1 else "nil"
        with open(os.path.join(versions, f"{rev_id(i)}_r{i:02d}.lua"), "w") as f:
            f.write(f'--- r{i:02d}\n\nrevision = "{rev_id(i)}"\ndown_revision = {parent}\n\n'
                    f'function upgrade()\n{up}\nend\n\nfunction downgrade()\n{down}\nend\n')


class Database:
    """A fresh database for one trial, and SELECTs through the database's own client."""

    def __init__(self, dialect, name, tmp):
        self.dialect = dialect
        self.name = name
        if dialect == "sqlite":
            self.path = os.path.join(tmp, name + ".db")
            self.url = "sqlite:///" + self.path
        elif dialect == "mysql":
            base = urllib.parse.urlparse(os.environ["RETORT_TEST_MYSQL_URL"])
            self.base = base
            self.admin(f"CREATE DATABASE `{name}`")
            self.url = base._replace(path="/" + name).geturl()
        else:
            base = urllib.parse.urlparse(os.environ["RETORT_TEST_PG_URL"])
            self.base = base
            self.admin(f'CREATE DATABASE "{name}"')
            self.url = base._replace(path="/" + name).geturl()

    def client(self, sql, db):
        b = self.base
        if self.dialect == "mysql":
            cmd = ["mariadb", "-N", "-B", "-h", b.hostname, "-P", str(b.port), "-u",
                   urllib.parse.unquote(b.username), db, "-e", sql]
            env = dict(os.environ, MYSQL_PWD=urllib.parse.unquote(b.password or ""))
        else:
            cmd = ["psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-h", b.hostname,
                   "-p", str(b.port), "-U", urllib.parse.unquote(b.username), "-d", db, "-c", sql]
            env = dict(os.environ, PGPASSWORD=urllib.parse.unquote(b.password or ""))
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if r.returncode != 0:
            raise RuntimeError(f"{sql}: {r.stderr.strip()}")
        return r.stdout.strip()

    def admin(self, sql):
        return self.client(sql, self.base.path.lstrip("/"))

    def query(self, sql):
        """The first column of each row, as text."""
        if self.dialect == "sqlite":
            c = sqlite3.connect(self.path, timeout=30)
            try:
                return [str(r[0]) for r in c.execute(sql).fetchall()]
            finally:
                c.close()
        out = self.client(sql, self.name)
        return out.split("\n") if out else []

    def scalar(self, sql):
        rows = self.query(sql)
        return rows[0] if rows else None

    def has_table(self, t):
        if self.dialect == "sqlite":
            return bool(self.query(f"SELECT name FROM sqlite_master WHERE name = '{t}'"))
        schema = "DATABASE()" if self.dialect == "mysql" else "current_schema()"
        return self.scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                           f"{schema} AND table_name = '{t}'") == "1"

    def journal_statements(self):
        """Statements the journal recorded so far (all runs); 0 before the table exists."""
        try:
            return int(self.scalar(f"SELECT COALESCE(SUM(statements), 0) FROM {HIST}") or 0)
        except RuntimeError:
            return 0  # not created yet

    def quiesce(self):
        """Waits until no session of a killed retort is left on the server: the server has
        finished (or rolled back) the round trip it was running."""
        if self.dialect == "mysql":
            sql = ("SELECT COUNT(*) FROM information_schema.processlist WHERE db = "
                   f"'{self.name}' AND id <> CONNECTION_ID()")
        elif self.dialect == "postgresql":
            sql = ("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                   "AND pid <> pg_backend_pid()")
        else:
            return
        while self.admin(sql.replace("DATABASE()", f"'{self.name}'")) != "0":
            pass

    def drop(self):
        if self.dialect == "sqlite":
            return
        if self.dialect == "mysql":
            self.admin(f"DROP DATABASE `{self.name}`")
        else:
            self.admin(f'DROP DATABASE "{self.name}"')


def retort(binary, root, *args):
    r = subprocess.run([binary, *args], cwd=root, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def run_and_kill(binary, root, db, verb, kill_at):
    """Starts `retort VERB` and SIGKILLs it once `kill_at` events were seen; returns True when
    it was killed (False: it finished first)."""
    p = subprocess.Popen([binary, *verb], cwd=root, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    killed = False
    if db.dialect == "mysql":
        base = db.journal_statements()
        while p.poll() is None:
            if db.journal_statements() - base >= kill_at:
                p.send_signal(signal.SIGKILL)
                killed = True
                break
    else:
        seen = 0
        for _line in p.stdout:
            seen += 1
            if seen >= kill_at:
                p.send_signal(signal.SIGKILL)
                killed = True
                break
    p.wait()
    if killed and p.returncode != -signal.SIGKILL:
        killed = False  # it had exited on its own before the signal landed
    db.quiesce()
    return killed


def trial(binary, dialect, index, rng, tmp):
    """One fresh database: up to two kills, then recovery to head. Returns a dict of counts."""
    name = f"kt_{os.getpid()}_{index}"
    db = Database(dialect, name, tmp)
    root = os.path.join(tmp, name)
    write_project(root, db.url)
    res = {"kills": 0, "named": 0, "twice": 0, "resumed": 0, "repaired": 0, "failed": []}
    try:
        # The event to kill at: a journaled statement (MariaDB, about 75 of them in the run) or
        # a progress line (one per revision).
        span = 70 if dialect == "mysql" else REVS
        attempts = 1 + (rng.random() < 0.3)
        verb = ["upgrade", "head"]
        for _ in range(attempts):
            if not run_and_kill(binary, root, db, verb, rng.randint(1, span)):
                continue
            res["kills"] += 1
            code, out, err = retort(binary, root, "current")
            interrupted = "interrupted:" in out
            if code != 0:
                res["failed"].append(f"current exit {code}: {err.strip()}")
                continue
            if interrupted and "get_bind" in out:
                break  # settled below, by repair
            verb = ["resume"] if interrupted else ["upgrade", "head"]
            if interrupted:
                # upgrade must refuse, naming the state
                c2, _, e2 = retort(binary, root, "upgrade", "head")
                if c2 != 1 or "was interrupted" not in e2 and "failed at statement" not in e2:
                    res["failed"].append(f"upgrade after interruption: exit {c2}: {e2.strip()}")
        # Recovery, as a user would: current says what to do.
        manual = False
        for _ in range(4):
            code, out, err = retort(binary, root, "current")
            if "interrupted:" not in out:
                break
            if "get_bind" in out:
                # The user looks at the data (a SELECT), then tells retort.
                ran = db.scalar("SELECT COUNT(*) FROM runs WHERE rev = 'r25'") == "1"
                code, _, err = retort(binary, root, "repair",
                                      "--applied" if ran else "--not-applied", rev_id(25))
                res["repaired"] += 1
            else:
                code, _, err = retort(binary, root, "resume")
            if code != 0:
                manual = True
                res["failed"].append(f"recovery: exit {code}: {err.strip()}")
                break
        code, _, err = retort(binary, root, "upgrade", "head")
        if code != 0:
            manual = True
            res["failed"].append(f"upgrade head after recovery: exit {code}: {err.strip()}")
        at = db.query("SELECT version_num FROM retort_version")
        ok_head = at == [rev_id(REVS)]
        counts = {r: int(db.scalar(f"SELECT COUNT(*) FROM runs WHERE rev = '{r}'") or 0)
                  for r in COUNTED}
        n_values = db.query("SELECT DISTINCT n FROM t1")
        twice = any(v > 1 for v in counts.values()) or n_values not in ([], ["1"])
        rows_ok = (db.scalar("SELECT COUNT(*) FROM t1") == "3000" and
                   db.scalar("SELECT COUNT(*) FROM t2") == "1000")
        if twice:
            res["twice"] += 1
            res["failed"].append(f"applied twice: {counts}, t1.n = {n_values}")
        if not ok_head or not rows_ok or any(v != 1 for v in counts.values()):
            manual = True
            res["failed"].append(f"not at head: {at}, runs {counts}, rows ok {rows_ok}")
        if res["kills"]:
            res["named"] = res["kills"] if not res["failed"] else 0
            res["resumed"] = 0 if manual else 1
    finally:
        db.drop()
        shutil.rmtree(root, ignore_errors=True)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--retort", required=True)
    ap.add_argument("--kills", type=int, default=70, help="kills per database (at least)")
    ap.add_argument("--dialect", default="mysql", help="mysql, postgresql, sqlite or all")
    ap.add_argument("--seed", type=int, default=23)
    args = ap.parse_args()
    binary = os.path.abspath(args.retort)
    dialects = ["mysql", "postgresql", "sqlite"] if args.dialect == "all" else [args.dialect]
    status = 0
    print("| database | kills | states named | trials resumed to head | needed repair (get_bind) "
          "| applied twice |")
    print("|---|---|---|---|---|---|")
    for dialect in dialects:
        rng = random.Random(f"{args.seed}-{dialect}")
        total = {"kills": 0, "named": 0, "twice": 0, "resumed": 0, "repaired": 0, "trials": 0}
        failures = []
        tmp = tempfile.mkdtemp(prefix="retort_kill_")
        try:
            i = 0
            while total["kills"] < args.kills:
                i += 1
                r = trial(binary, dialect, i, rng, tmp)
                if not r["kills"]:
                    continue
                total["trials"] += 1
                for k in ("kills", "named", "twice", "resumed", "repaired"):
                    total[k] += r[k]
                failures += [f"trial {i}: {f}" for f in r["failed"]]
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        print(f"| {dialect} | {total['kills']} | {total['named']} of {total['kills']} | "
              f"{total['resumed']} of {total['trials']} | {total['repaired']} | {total['twice']} |")
        for f in failures:
            print(f"  {dialect}: {f}", file=sys.stderr)
        if failures:
            status = 1
    sys.exit(status)


if __name__ == "__main__":
    main()
