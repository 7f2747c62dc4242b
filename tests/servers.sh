#!/usr/bin/env bash
# Starts and stops the database servers the tests need: PostgreSQL 15 and MariaDB 10.11 from
# Debian's packages, on loopback, on free high ports, in throwaway data directories.
#
#   tests/servers.sh start DIR   start both; write DIR/env with RETORT_TEST_PG_URL and
#                                RETORT_TEST_MYSQL_URL (source it before running tests)
#   tests/servers.sh stop DIR    stop the servers started under DIR (by pid file), remove DIR
#
# Each server has its own script in tests/servers/ with the same two verbs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
verb=${1:-}
dir=${2:-}
if [[ -z "$verb" || -z "$dir" ]]; then
  echo "usage: tests/servers.sh start|stop DIR" >&2
  exit 2
fi
case "$verb" in
  start)
    mkdir -p "$dir"
    chmod 755 "$dir"
    : > "$dir/env"
    for s in postgresql mariadb; do
      if ! "$here/servers/$s.sh" start "$dir" >> "$dir/env"; then
        echo "servers.sh: could not start $s (see $dir/$s.log)" >&2
        "$here/servers.sh" stop "$dir" || true
        exit 1
      fi
    done
    sed -i 's/^/export /' "$dir/env"
    ;;
  stop)
    status=0
    for s in postgresql mariadb; do
      "$here/servers/$s.sh" stop "$dir" || status=1
    done
    exit $status
    ;;
  *)
    echo "usage: tests/servers.sh start|stop DIR" >&2
    exit 2
    ;;
esac
