#!/usr/bin/env bash
# Starts and stops a throwaway MariaDB 10.11 for the tests: loopback only, on a free high port,
# data directory (DIR/mariadb), socket and pid file (DIR/mariadb-run) and log (DIR/mariadb.log)
# all under DIR, tuned for speed over durability.
#
#   tests/servers/mariadb.sh start DIR   prints RETORT_TEST_MYSQL_URL=mysql://retort:...@127.0.0.1:PORT/mysql
#   tests/servers/mariadb.sh stop DIR    stops the server started under DIR (by pid file); 0 if none
#
# Real authentication (no --skip-grant-tables): the tests connect as `retort` with a password,
# which holds ALL PRIVILEGES WITH GRANT OPTION so that each test can create its own database.
# root keeps a password-less login through the socket inside DIR only (for set-up).
# Installs nothing: mariadb-server must already be installed (the Makefile does that).
set -euo pipefail

verb=${1:-}
dir=${2:-}
if [[ -z "$verb" || -z "$dir" ]]; then
  echo "usage: tests/servers/mariadb.sh start|stop DIR" >&2
  exit 2
fi
if [[ ! -d "$dir" ]]; then
  if [[ "$verb" == stop ]]; then exit 0; fi
  echo "mariadb.sh: $dir does not exist (the caller creates it, mode 755)" >&2
  exit 1
fi
dir=$(cd "$dir" && pwd)
data="$dir/mariadb"
# Socket and pid file go in a subdirectory the server's user owns (DIR itself may be root's).
run="$dir/mariadb-run"
sock="$run/mariadb.sock"
pidfile="$run/mariadb.pid"
log="$dir/mariadb.log"
user=retort
password=retort_pw

# mariadbd refuses to run as root; when we are root, run it as the `mysql` system user.
run_as=()
if [[ $(id -u) -eq 0 ]]; then
  run_as=(--user=mysql)
fi

free_port() {
  local port used
  used=$(ss -Htan 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! grep -qx "$port" <<<"$used"; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

stop_server() {
  [[ -f "$pidfile" ]] || return 0
  local pid
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pidfile"
    return 0
  fi
  # SIGTERM is mariadbd's normal shutdown; wait for it, then insist.
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

case "$verb" in
  start)
    if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "mariadb.sh: a server is already running under $dir (pid $(cat "$pidfile"))" >&2
      exit 1
    fi
    rm -rf "$data" "$run"
    mkdir -p "$data" "$run"
    if [[ $(id -u) -eq 0 ]]; then chown mysql:mysql "$data" "$run"; fi
    : > "$log"
    if [[ $(id -u) -eq 0 ]]; then chown mysql:mysql "$log"; fi

    # Speed over durability: a throwaway server.
    opts=(--no-defaults --datadir="$data" "${run_as[@]}"
      --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-buffer-pool-size=32M
      --innodb-log-file-size=16M --skip-log-bin --skip-name-resolve --skip-performance-schema
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci)
    if ! mariadb-install-db "${opts[@]}" --auth-root-authentication-method=normal --skip-test-db \
        >>"$log" 2>&1; then
      echo "mariadb.sh: mariadb-install-db failed (see $log)" >&2
      exit 1
    fi

    started=0
    for _ in 1 2 3; do
      port=$(free_port)
      /usr/sbin/mariadbd "${opts[@]}" --port="$port" --bind-address=127.0.0.1 \
        --socket="$sock" --pid-file="$pidfile" --log-error="$log" \
        --max-connections=200 </dev/null >>"$log" 2>&1 &
      server_pid=$!
      for _ in $(seq 1 300); do
        if mariadb-admin --no-defaults --socket="$sock" -uroot ping >/dev/null 2>&1; then
          started=1
          break
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
      done
      [[ $started -eq 1 ]] && break
      kill -TERM "$server_pid" 2>/dev/null || true
      wait "$server_pid" 2>/dev/null || true
    done
    if [[ $started -ne 1 ]]; then
      echo "mariadb.sh: mariadbd did not start (see $log)" >&2
      stop_server
      exit 1
    fi

    if ! mariadb --no-defaults --socket="$sock" -uroot >>"$log" 2>&1 <<SQL; then
CREATE USER '$user'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER '$user'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO '$user'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$user'@'localhost' WITH GRANT OPTION;
DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host <> 'localhost');
FLUSH PRIVILEGES;
SQL
      echo "mariadb.sh: could not create the test user (see $log)" >&2
      stop_server
      exit 1
    fi
    echo "RETORT_TEST_MYSQL_URL=mysql://$user:$password@127.0.0.1:$port/mysql"
    ;;
  stop)
    stop_server
    ;;
  *)
    echo "usage: tests/servers/mariadb.sh start|stop DIR" >&2
    exit 2
    ;;
esac
