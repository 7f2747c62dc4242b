#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL 15 for the tests (Debian's postgresql-15 package).
#
#   tests/servers/postgresql.sh start DIR   initdb into DIR/pg, start on 127.0.0.1 on a free high
#                                           port, print RETORT_TEST_PG_URL=... on stdout
#   tests/servers/postgresql.sh stop DIR    stop the server started under DIR (by its pid file);
#                                           exit 0 when none is running
#
# The superuser role is `retort` with a password (scram-sha-256 on TCP), so the tests also see a
# URL with a password in it and can check that it is masked. The server runs as the `postgres`
# system user, because PostgreSQL refuses to run as root; it owns DIR/pg and DIR/postgresql.log.
# Durability is switched off (fsync, full_page_writes, synchronous_commit): the data is thrown away.
# Installs nothing: the Makefile's dependency step installs postgresql-15.
set -euo pipefail

bindir=/usr/lib/postgresql/15/bin
run_as=postgres
password=retort_pw
verb=${1:-}
dir=${2:-}
if [[ -z "$verb" || -z "$dir" ]]; then
  echo "usage: tests/servers/postgresql.sh start|stop DIR" >&2
  exit 2
fi
if [[ $verb == stop && ! -d $dir ]]; then
  exit 0  # nothing was started there
fi
dir=$(cd "$dir" && pwd)
data=$dir/pg
log=$dir/postgresql.log

as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "$run_as" -- "$@"
  else
    "$@"
  fi
}

# A TCP port on loopback that nothing listens on: ask the kernel for one, then double-check with ss.
free_port() {
  local port
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
           echo $((20000 + RANDOM % 20000)))
    if ! ss -ltnH "sport = :$port" | grep -q .; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

case "$verb" in
  start)
    if [[ ! -x $bindir/postgres ]]; then
      echo "postgresql.sh: $bindir/postgres not found: install the postgresql-15 package" >&2
      exit 1
    fi
    if [[ -f $data/postmaster.pid ]] && as_server_user "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      echo "postgresql.sh: a server is already running in $data; stop it first" >&2
      exit 1
    fi
    rm -rf "$data"
    mkdir -p "$data"
    : > "$log"
    if [[ $(id -u) -eq 0 ]]; then
      chown "$run_as": "$data" "$log"
    fi
    chmod 700 "$data"
    if ! as_server_user test -w "$data"; then
      echo "postgresql.sh: the $run_as user cannot write $data: DIR and its parents must be" \
           "traversable by it (e.g. a DIR under /tmp with mode 755)" >&2
      exit 1
    fi
    pwfile=$(mktemp)
    echo "$password" > "$pwfile"
    chmod 644 "$pwfile"
    if ! as_server_user "$bindir/initdb" -D "$data" -U retort --pwfile="$pwfile" \
        --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >>"$log" 2>&1; then
      rm -f "$pwfile"
      echo "postgresql.sh: initdb failed (see $log)" >&2
      exit 1
    fi
    rm -f "$pwfile"
    port=$(free_port) || { echo "postgresql.sh: no free port found" >&2; exit 1; }
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
fsync = off
full_page_writes = off
synchronous_commit = off
max_connections = 200
CONF
    if ! as_server_user "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null 2>&1; then
      echo "postgresql.sh: the server did not start (see $log)" >&2
      exit 1
    fi
    for _ in $(seq 1 100); do
      if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
        echo "RETORT_TEST_PG_URL=postgresql://retort:$password@127.0.0.1:$port/postgres"
        exit 0
      fi
      sleep 0.1
    done
    echo "postgresql.sh: the server is not accepting connections on port $port (see $log)" >&2
    exit 1
    ;;
  stop)
    if [[ ! -f $data/postmaster.pid ]]; then
      exit 0
    fi
    if ! as_server_user "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      exit 0
    fi
    as_server_user "$bindir/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
    ;;
  *)
    echo "usage: tests/servers/postgresql.sh start|stop DIR" >&2
    exit 2
    ;;
esac
