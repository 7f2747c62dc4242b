#!/usr/bin/env bash
# Starts PostgreSQL and MariaDB (tests/servers.sh), runs every test with ctest, and stops the
# servers even when tests fail. Exits non-zero when any test fails.
set -uo pipefail
build=${1:-build}
servers=${2:-/tmp/retort-test-servers-$(id -u)}
here=$(cd "$(dirname "$0")/.." && pwd)

"$here/tests/servers.sh" stop "$servers" >/dev/null 2>&1 || true
rm -rf "$servers"
trap '"$here/tests/servers.sh" stop "$servers" >/dev/null 2>&1; rm -rf "$servers"' EXIT
if ! "$here/tests/servers.sh" start "$servers"; then
  echo "run-tests: the test servers did not start" >&2
  exit 1
fi
# shellcheck disable=SC1091
source "$servers/env"
cd "$build" && ctest --no-tests=error --output-on-failure -j "$(nproc)" --timeout 600
