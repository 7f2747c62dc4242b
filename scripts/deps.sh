#!/usr/bin/env bash
# Installs the Debian packages retort needs that are missing (through sudo when not root).
#   scripts/deps.sh build   what building and the demo need
#   scripts/deps.sh test    that plus the database servers the tests start, and package's
#   scripts/deps.sh package that plus what building the .deb needs
set -euo pipefail
build_pkgs=(g++ cmake ninja-build pkg-config make libsqlite3-dev sqlite3 liblua5.4-dev
  libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev libpq-dev libmariadb-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev)
# zsh, fish and groff-base: the completion scripts and the man page are checked by their tools.
# python3 runs `retort import-alembic`'s helper; python3-alembic and its drivers run Alembic beside
# retort in the import tests (tests/importer/).
test_pkgs=(postgresql-15 postgresql-client-15 mariadb-server mariadb-client iproute2 procps
  zsh fish groff-base python3 python3-alembic python3-psycopg2 python3-pymysql)
# dpkg-shlibdeps, which `cpack -G DEB` runs to name the .deb's Depends (make package; the tests
# build the package too: tests/consumer/run.sh).
package_pkgs=(dpkg-dev)
want=("${build_pkgs[@]}")
[[ "${1:-build}" == test ]] && want+=("${test_pkgs[@]}" "${package_pkgs[@]}")
[[ "${1:-build}" == package ]] && want+=("${package_pkgs[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
