# SPDX-License-Identifier: MIT
# --skip-bad on the two-line records file on 3 threads: a range that starts inside a record must not turn its halves into skipped records
S=$(pwd)
D=$S/tests/bad/data
cd "$T" || exit 99
rep() { awk -v n="$1" '{ r = r $0 "\n" } END { for (i = 0; i < n; i++) printf "%s", r }' "$2"; }
big() { [ "$(wc -c <"$1")" -gt 33554432 ] || echo "$1: not over 32 MiB: not read in parallel" >&2; }
{ cat "$D/acd_head.csv"; rep 13500 "$D/acd_long_multiline_row.csv"; cat "$D/acd_bad_row.csv"; } >parallel.csv
big parallel.csv
"$CTREND" series --skip-bad --threads 3 parallel.csv
