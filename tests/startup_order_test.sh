#!/usr/bin/env bash
# Checks that the retort executable was linked in its start-up order (CMakeLists.txt,
# RETORT_STARTUP_ORDER) and that src/cli/startup.order still names the program's functions.
#
#   tests/startup_order_test.sh RETORT_BINARY ORDER_FILE
#
# - At least 95 % of the listed functions must exist in the program: below that, the list is
#   stale (a refactor renamed what the short commands run) and start-up is slower than measured.
#   Regenerate it with scripts/startup-order.sh (needs valgrind).
# - The functions the program has must come first in its code: the linker took the list.
set -euo pipefail
exe=$1
order=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

grep -v '^#' "$order" | grep -v '^$' >"$work/listed"
# name -> address (decimal: no gawk needed), for the functions the program defines.
nm --defined-only -t d "$exe" | awk '$2 ~ /^[tTwW]$/ {print $3, $1}' | sort -k1,1 -u >"$work/defined"
# The listed names the program has, in the list's order, with their addresses.
awk 'NR == FNR {addr[$1] = $2; next} ($1 in addr) {print $1, addr[$1]}' \
  "$work/defined" "$work/listed" >"$work/found"

listed=$(wc -l <"$work/listed")
found=$(wc -l <"$work/found")
if [[ $listed -eq 0 ]]; then
  echo "startup_order_test: $order lists no functions" >&2
  exit 1
fi
if ((found * 100 < listed * 95)); then
  echo "startup_order_test: only $found of the $listed functions in $order exist in $exe:" \
    "the list is stale; regenerate it with scripts/startup-order.sh" >&2
  exit 1
fi

# Linked in that order, the listed functions come first in .text (with the rest of SQLite's
# objects they are in, which are not split into function sections): 95 % of them lie in the
# first 40 % of it (about 38 % when written). Linked without the list they are spread over all
# of it (85 %).
read -r text_start text_size < <(readelf -SW "$exe" | awk '$2 == ".text" {print $4, $6}')
p95=$(awk -v ts="$((16#$text_start))" '{print $2 - ts}' "$work/found" |
  sort -n | awk '{v[NR] = $1} END {print v[int(NR * 0.95)]}')
size=$((16#$text_size))
if ((p95 * 100 > size * 40)); then
  echo "startup_order_test: 95 % of the listed functions lie within the first $((p95 / 1024)) KiB" \
    "of $((size / 1024)) KiB of code in $exe: it was not linked with" \
    "--symbol-ordering-file=$order" >&2
  exit 1
fi
echo "startup_order_test: $found of $listed listed functions present; 95 % of them in the first" \
  "$((p95 * 100 / size)) % of the code"
