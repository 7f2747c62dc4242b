#!/usr/bin/python3
"""The floor of the `test` stairway row: the SQL the stairway runs, run by SQLite alone.

    bench/stairway_floor.py UP.sql DOWN.sql > stairway.sql
    time sqlite3 :memory: < stairway.sql

UP.sql is `retort upgrade head --sql`, DOWN.sql `retort downgrade HEAD:base --sql`, both from the
generated chain (bench/generate.py). The output is what `retort test --check stairway` executes,
in its order: for each revision, its upgrade, its downgrade and its upgrade again, each step in a
transaction of its own (as each Migrator call of the stairway commits), with the version-table
and history statements of each step. What it leaves out is retort's own work around the SQL:
Lua, planning, the version-table reads, the data-loss guard's questions and the schema
comparison. retort links the same SQLite (Debian's libsqlite3.a) as the sqlite3 shell.
"""
import re
import sys

RUNNING = re.compile(r"^-- Running (upgrade|downgrade) (\S*) -> (\S*),")
HISTORY_KEY = re.compile(r"VALUES \('[0-9a-f]+', \d+,")


def blocks(path):
    """(preamble, {revision: statements}) of a --sql file, BEGIN/COMMIT and comments dropped."""
    pre, by_rev, cur = [], {}, None
    order = []
    with open(path) as f:
        for line in f:
            m = RUNNING.match(line)
            if m:
                cur = m.group(3) if m.group(1) == "upgrade" else m.group(2)
                by_rev[cur] = []
                order.append(cur)
                continue
            if line.strip() in ("BEGIN;", "COMMIT;") or line.startswith("--"):
                continue
            (pre if cur is None else by_rev[cur]).append(line)
    return pre, by_rev, order


def main():
    pre, up, order = blocks(sys.argv[1])
    _, down, _ = blocks(sys.argv[2])
    out = sys.stdout
    out.write("BEGIN;\n" + "".join(pre) + "COMMIT;\n")
    seq = 0
    for rev in order:
        for step in (up[rev], down[rev], up[rev]):
            out.write("BEGIN;\n")
            for line in step:
                if line.startswith('INSERT INTO "retort_version_history"'):
                    # Each step's history row gets a key of its own (the upgrade runs twice).
                    seq += 1
                    line = HISTORY_KEY.sub("VALUES ('floor', %d," % seq, line, count=1)
                out.write(line)
            out.write("COMMIT;\n")


if __name__ == "__main__":
    main()
